/** "Import CSV": upload a file, follow the job's progress bar every second, then its counts and the rows it skipped. */
import { useEffect, useRef, useState } from "preact/hooks";
import type { ImportDTO } from "../../../../src/contracts/crm.ts";
import * as crmApi from "../../api/crm-endpoints.ts";
import type { CrmOperations } from "../../controller/crm-operations.ts";
import { importFinished, importProgress, pollImport } from "../../controller/import-poller.ts";
import { CRM_TEXT, IMPORT_TEXT } from "../../crm-strings.ts";
import { formatNumber } from "../../format.ts";
import { Dialog } from "./ui.tsx";

const STATUS_TEXT: Record<ImportDTO["status"], string> = {
  queued: IMPORT_TEXT.queued,
  running: IMPORT_TEXT.running,
  completed: IMPORT_TEXT.completed,
  failed: IMPORT_TEXT.failed,
};

function Progress(props: { job: ImportDTO }) {
  const { job } = props;
  const share = importProgress(job);
  const percent = share === null ? undefined : Math.round(share * 100);
  return (
    <div class="import" data-testid="import-progress" data-status={job.status}>
      <p class="import__status" role="status" aria-live="polite">
        {STATUS_TEXT[job.status]}
        {job.filename ? <span class="card__muted"> · {job.filename}</span> : null}
      </p>
      <div
        class={`progress${share === null ? " progress--indeterminate" : ""}${job.status === "failed" ? " progress--failed" : ""}`}
        role="progressbar"
        aria-label={IMPORT_TEXT.running}
        aria-valuemin={0}
        aria-valuemax={100}
        aria-valuenow={percent}
      >
        <span class="progress__fill" style={{ width: `${percent ?? 30}%` }} />
      </div>
      <dl class="import__counts" data-testid="import-counts">
        <div>
          <dt>{IMPORT_TEXT.processed}</dt>
          <dd data-testid="import-processed">{formatNumber(job.processed)}</dd>
        </div>
        <div>
          <dt>{IMPORT_TEXT.created}</dt>
          <dd data-testid="import-created">{formatNumber(job.created)}</dd>
        </div>
        <div>
          <dt>{IMPORT_TEXT.updated}</dt>
          <dd data-testid="import-updated">{formatNumber(job.updated)}</dd>
        </div>
        <div>
          <dt>{IMPORT_TEXT.skipped}</dt>
          <dd data-testid="import-failed">{formatNumber(job.failed)}</dd>
        </div>
      </dl>
      {job.message ? (
        <p class="field__error" role="alert" data-testid="import-message">
          {job.message}
        </p>
      ) : null}
      {importFinished(job) && job.errors.length > 0 ? (
        <div class="import__errors">
          <h3 class="security__subtitle">{IMPORT_TEXT.errors}</h3>
          <table class="report-table" data-testid="import-errors">
            <thead>
              <tr>
                <th scope="col" class="num">{IMPORT_TEXT.row}</th>
                <th scope="col">{IMPORT_TEXT.field}</th>
                <th scope="col">{IMPORT_TEXT.message}</th>
              </tr>
            </thead>
            <tbody>
              {job.errors.map((e) => (
                <tr key={`${e.row}-${e.field}`} data-testid="import-error-row">
                  <td class="num">{e.row}</td>
                  <td>{e.field}</td>
                  <td class="import__problem">{e.message}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
      {job.status === "completed" && job.errors.length === 0 ? <p class="security__saved">{IMPORT_TEXT.noErrors}</p> : null}
    </div>
  );
}

/** The dialog; `onFinished` refreshes the list behind it. */
export function ImportDialog(props: { crm: CrmOperations; onClose: () => void; onFinished: () => void }) {
  const { crm } = props;
  const [file, setFile] = useState<File | null>(null);
  const [job, setJob] = useState<ImportDTO | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const stop = useRef<AbortController | null>(null);
  useEffect(() => () => stop.current?.abort(), []);
  const upload = async (event: Event): Promise<void> => {
    event.preventDefault();
    if (!file || busy) return;
    setBusy(true);
    setError(null);
    const started = await crm.attempt(() => crmApi.startImport(file));
    if (!started.ok) {
      setBusy(false);
      setError(started.failure.message);
      return;
    }
    const controller = new AbortController();
    stop.current = controller;
    const result = await crm.attempt(() => pollImport(started.data, crmApi.getImport, setJob, { signal: controller.signal }));
    setBusy(false);
    if (!result.ok) setError(result.failure.message);
    else if (result.data) props.onFinished();
  };
  const again = (): void => {
    setJob(null);
    setFile(null);
  };
  return (
    <Dialog title={IMPORT_TEXT.title} onClose={props.onClose} testId="import-dialog" wide>
      <div class="dialog__body">
        {job ? (
          <Progress job={job} />
        ) : (
          <form class="dialog__form" onSubmit={(e) => void upload(e)}>
            <p class="dialog__text">{IMPORT_TEXT.hint}</p>
            <label class="field">
              <span class="field__label">{IMPORT_TEXT.file}</span>
              <input class="input input--file" type="file" accept=".csv,text/csv" onChange={(e) => setFile(e.currentTarget.files?.[0] ?? null)} data-testid="import-file" />
            </label>
            <div class="dialog__actions">
              <button type="submit" class="button button--primary" disabled={!file || busy} data-testid="import-submit">
                {busy ? IMPORT_TEXT.uploading : IMPORT_TEXT.upload}
              </button>
            </div>
          </form>
        )}
        {error ? (
          <p class="field__error" role="alert" data-testid="import-error">
            {error}
          </p>
        ) : null}
        {job && importFinished(job) ? (
          <div class="dialog__actions">
            <button type="button" class="button button--secondary" onClick={again}>
              {IMPORT_TEXT.another}
            </button>
            <button type="button" class="button button--primary" onClick={props.onClose}>
              {CRM_TEXT.close}
            </button>
          </div>
        ) : null}
      </div>
    </Dialog>
  );
}
