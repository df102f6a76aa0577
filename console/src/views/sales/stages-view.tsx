/**
 * The pipeline's stages (admins): rename a stage and change its default win probability in place, move it up or down
 * with buttons (keyboard and screen readers alike), add one, delete one; anyone else opening the address is told who
 * may change them.
 */
import { useEffect, useRef, useState } from "preact/hooks";
import type { UserDTO } from "../../../../src/contracts/api.ts";
import type { DealStageDTO } from "../../../../src/contracts/sales.ts";
import { can } from "../../../../src/contracts/permissions.ts";
import * as salesApi from "../../api/sales-endpoints.ts";
import type { CrmFailure, CrmOperations } from "../../controller/crm-operations.ts";
import { STAGES_TEXT } from "../../sales-strings.ts";
import { formatProbability } from "../../sales-format.ts";
import { InlineEdit, type InlineSaveResult } from "../crm/inline-edit.tsx";
import { ConfirmDialog, ErrorState, useLoad } from "../crm/ui.tsx";
import { SalesListPage, type ListColumn, type ListContent } from "./list-page.tsx";
import { SalesShell } from "./sales-shell.tsx";

type Outcome = DealStageDTO["outcome"];
const OUTCOMES: Outcome[] = ["open", "won", "lost"];

const byPosition = (stages: DealStageDTO[]): DealStageDTO[] => [...stages].sort((a, b) => a.position - b.position);

/** A whole number from 0 to 100 typed by the user, or null. */
function parseProbability(text: string): number | null {
  return /^\s*\d{1,3}\s*$/.test(text) ? Number(text) : null;
}

/** The page: the editor for admins, a clear message for everyone else. */
export function StagesView(props: { crm: CrmOperations; user: UserDTO }) {
  if (can(props.user.role, "pipeline.configure")) return <StagesEditor crm={props.crm} user={props.user} />;
  return (
    <SalesShell user={props.user} crm={props.crm} page="stages" title={STAGES_TEXT.title} testId="stages-view" state="forbidden" wide>
      <section class="card reports__card">
        <ErrorState title={STAGES_TEXT.forbiddenTitle} message={STAGES_TEXT.forbidden} testId="stages-forbidden" />
      </section>
    </SalesShell>
  );
}

function StagesEditor(props: { crm: CrmOperations; user: UserDTO }) {
  const { crm } = props;
  const [loaded, reload, set] = useLoad(crm, "stages", async () => byPosition(await salesApi.listStages()));
  const [announcement, setAnnouncement] = useState("");
  const [deleting, setDeleting] = useState<DealStageDTO | null>(null);
  const [busy, setBusy] = useState(false);
  // After a move the list is drawn again: the focus goes back to the moved stage's button (or its other one at an end).
  const focusAfter = useRef<{ stageId: string; direction: "up" | "down" } | null>(null);
  useEffect(() => {
    const wanted = focusAfter.current;
    if (!wanted || loaded.state !== "loaded") return;
    focusAfter.current = null;
    const row = document.querySelector(`[data-testid=stage-row][data-stage-id="${wanted.stageId}"]`);
    const button = row?.querySelector<HTMLButtonElement>(`[data-testid=stage-move-${wanted.direction}]:not([disabled])`) ?? row?.querySelector<HTMLButtonElement>("button[data-testid^=stage-move]:not([disabled])");
    button?.focus();
  }, [loaded]);

  const stages = loaded.state === "loaded" ? loaded.data : [];
  const refresh = async (): Promise<void> => {
    const result = await crm.attempt(async () => byPosition(await salesApi.listStages()));
    if (result.ok) set(result.data);
    else reload();
  };
  const change = async (stage: DealStageDTO, changes: { name?: string; probability?: number }, field: string): Promise<InlineSaveResult> => {
    const result = await crm.attempt(() => salesApi.updateStage(stage.id, changes));
    if (!result.ok) return { message: result.failure.fields?.[field] ?? result.failure.message };
    set(stages.map((s) => (s.id === stage.id ? result.data : s)));
    return null;
  };
  const move = async (stage: DealStageDTO, direction: "up" | "down"): Promise<void> => {
    if (busy) return;
    setBusy(true);
    const position = stage.position + (direction === "up" ? -1 : 1);
    const result = await crm.attempt(() => salesApi.updateStage(stage.id, { position }));
    setBusy(false);
    if (!result.ok) {
      crm.toast(result.failure.message);
      return;
    }
    focusAfter.current = { stageId: stage.id, direction };
    setAnnouncement(`${stage.name} ${STAGES_TEXT.moved} ${result.data.position}.`);
    await refresh();
  };

  const columns: ListColumn[] = [
    { label: STAGES_TEXT.position, numeric: true },
    { label: STAGES_TEXT.name },
    { label: STAGES_TEXT.probability },
    { label: STAGES_TEXT.outcome },
    { label: STAGES_TEXT.actions, hidden: true },
  ];
  let content: ListContent;
  if (loaded.state === "loading") content = { state: "loading" };
  else if (loaded.state === "error") content = { state: "error", title: STAGES_TEXT.failed, message: loaded.failure.message, onRetry: reload };
  else if (stages.length === 0) content = { state: "empty", title: STAGES_TEXT.empty, hint: STAGES_TEXT.emptyHint };
  else content = { state: "rows" };
  const rows = stages.map((stage, index) => (
    <tr key={stage.id} data-testid="stage-row" data-stage-id={stage.id} data-stage={stage.key}>
      <td class="num">{stage.position}</td>
      <td>
        <InlineEdit label={`${STAGES_TEXT.name}: ${stage.name}`} display={stage.name} initial={stage.name} input={{ kind: "text" }} editable compact onSave={(text) => change(stage, { name: text.trim() }, "name")} testId="stage-name" />
      </td>
      <td>
        <InlineEdit
          label={`${STAGES_TEXT.probability}: ${stage.name}`}
          display={formatProbability(stage.probability)}
          initial={String(stage.probability)}
          input={{ kind: "number" }}
          editable
          compact
          onSave={async (text) => {
            const probability = parseProbability(text);
            return probability === null ? { message: STAGES_TEXT.probabilityInvalid } : change(stage, { probability }, "probability");
          }}
          testId="stage-probability"
        />
      </td>
      <td>
        <span class={`badge badge--stage-${stage.outcome}`}>{STAGES_TEXT.outcomes[stage.outcome]}</span>
      </td>
      <td class="crm-table__actions">
        <button type="button" class="link" disabled={busy || index === 0} onClick={() => void move(stage, "up")} aria-label={`${STAGES_TEXT.moveUp}: ${stage.name}`} data-testid="stage-move-up">
          {STAGES_TEXT.moveUp}
        </button>
        <button type="button" class="link" disabled={busy || index === stages.length - 1} onClick={() => void move(stage, "down")} aria-label={`${STAGES_TEXT.moveDown}: ${stage.name}`} data-testid="stage-move-down">
          {STAGES_TEXT.moveDown}
        </button>
        <button type="button" class="link link--danger" onClick={() => setDeleting(stage)} aria-label={`${STAGES_TEXT.delete}: ${stage.name}`} data-testid="stage-delete">
          {STAGES_TEXT.delete}
        </button>
      </td>
    </tr>
  ));
  return (
    <SalesListPage
      user={props.user}
      crm={crm}
      page="stages"
      name="stages"
      title={STAGES_TEXT.title}
      shellState={loaded.state}
      toolbar={<p class="card__muted sales-hint">{STAGES_TEXT.hint}</p>}
      columns={columns}
      content={content}
      rows={rows}
    >
      <p class="visually-hidden" role="status" aria-live="polite" data-testid="stages-announcement">
        {announcement}
      </p>
      {loaded.state === "loaded" ? <AddStageForm crm={crm} stages={stages} onAdded={() => void refresh()} /> : null}
      {deleting ? (
        <ConfirmDialog
          title={STAGES_TEXT.deleteTitle}
          body={`${deleting.name}: ${STAGES_TEXT.deleteBody}`}
          confirm={STAGES_TEXT.delete}
          danger
          testId="stage-delete-dialog"
          onClose={() => setDeleting(null)}
          onConfirm={async () => {
            const result = await crm.attempt(() => salesApi.deleteStage(deleting.id));
            if (!result.ok) return result.failure;
            setDeleting(null);
            crm.toast(STAGES_TEXT.deleted);
            await refresh();
            return null;
          }}
        />
      ) : null}
    </SalesListPage>
  );
}

/**
 * Where a new stage goes: an open stage before the first won or lost one (deals move through the open stages first),
 * a won or lost stage last.
 */
export function newStagePosition(stages: readonly DealStageDTO[], outcome: Outcome): number {
  const firstClosed = outcome === "open" ? stages.find((s) => s.outcome !== "open") : undefined;
  return firstClosed?.position ?? stages.length + 1;
}

/** The add form: name, default win probability and outcome; the server's reasons show beside the fields. */
function AddStageForm(props: { crm: CrmOperations; stages: readonly DealStageDTO[]; onAdded: () => void }) {
  const [name, setName] = useState("");
  const [probability, setProbability] = useState("");
  const [outcome, setOutcome] = useState<Outcome>("open");
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<CrmFailure | null>(null);
  const submit = async (event: Event): Promise<void> => {
    event.preventDefault();
    if (busy) return;
    const percent = parseProbability(probability);
    if (percent === null) {
      setFailure({ status: 0, code: "VALIDATION_FAILED", message: STAGES_TEXT.probabilityInvalid, fields: { probability: STAGES_TEXT.probabilityInvalid }, details: {} });
      return;
    }
    setBusy(true);
    const result = await props.crm.attempt(() => salesApi.createStage({ name: name.trim(), probability: percent, outcome, position: newStagePosition(props.stages, outcome) }));
    setBusy(false);
    if (!result.ok) {
      setFailure(result.failure);
      return;
    }
    setFailure(null);
    setName("");
    setProbability("");
    setOutcome("open");
    props.crm.toast(STAGES_TEXT.added);
    props.onAdded();
  };
  const fieldError = (key: string) =>
    failure?.fields?.[key] ? (
      <span class="field__error" role="alert" data-testid={`stage-add-${key}-error`}>
        {failure.fields[key]}
      </span>
    ) : null;
  return (
    <section class="card sales-card" aria-labelledby="stage-add-title" data-testid="stage-add">
      <h2 class="card__title" id="stage-add-title">
        {STAGES_TEXT.addTitle}
      </h2>
      <form class="crm-toolbar sales-filters" onSubmit={(e) => void submit(e)} noValidate>
        {failure && !failure.fields ? (
          <p class="field__error" role="alert" data-testid="stage-add-error">
            {failure.message}
          </p>
        ) : null}
        <label class="field">
          <span class="field__label">{STAGES_TEXT.name}</span>
          <input class="input" value={name} onInput={(e) => setName(e.currentTarget.value)} aria-invalid={failure?.fields?.name ? true : undefined} data-testid="stage-add-name" />
          {fieldError("name")}
        </label>
        <label class="field">
          <span class="field__label">{STAGES_TEXT.probability}</span>
          <input class="input" inputMode="numeric" value={probability} onInput={(e) => setProbability(e.currentTarget.value)} aria-invalid={failure?.fields?.probability ? true : undefined} data-testid="stage-add-probability" />
          {fieldError("probability")}
        </label>
        <label class="field">
          <span class="field__label">{STAGES_TEXT.outcome}</span>
          <select class="select select--field" value={outcome} onChange={(e) => setOutcome(e.currentTarget.value as Outcome)} data-testid="stage-add-outcome">
            {OUTCOMES.map((o) => (
              <option key={o} value={o}>
                {STAGES_TEXT.outcomes[o]}
              </option>
            ))}
          </select>
        </label>
        <button type="submit" class="button button--primary" disabled={busy} data-testid="stage-add-submit">
          {busy ? STAGES_TEXT.adding : STAGES_TEXT.add}
        </button>
      </form>
    </section>
  );
}
