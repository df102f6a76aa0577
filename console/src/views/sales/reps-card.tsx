/** The sales reps the plans assign to: open deals, capacity, segments and whether to assign to them, each row saved on its own. */
import { useState } from "preact/hooks";
import * as salesApi from "../../api/sales-endpoints.ts";
import type { CrmOperations } from "../../controller/crm-operations.ts";
import { CRM_TEXT } from "../../crm-strings.ts";
import { formatNumber } from "../../format.ts";
import { PLANS_TEXT } from "../../sales-strings.ts";
import { ErrorState, Loading, useLoad } from "../crm/ui.tsx";

function RepRow(props: { rep: salesApi.SalesRep; crm: CrmOperations; onSaved: (rep: salesApi.SalesRep) => void }) {
  const { rep } = props;
  const [capacity, setCapacity] = useState(rep.capacity === null ? "" : String(rep.capacity));
  const [segments, setSegments] = useState(rep.segments.join(", "));
  const [active, setActive] = useState(rep.active);
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  const cap = capacity.trim() === "" ? null : Number(capacity);
  const valid = cap === null || (Number.isInteger(cap) && cap >= 0);
  const list = segments.split(",").map((s) => s.trim()).filter(Boolean);
  const changed = cap !== rep.capacity || list.join(",") !== rep.segments.join(",") || active !== rep.active;
  const save = async (): Promise<void> => {
    setBusy(true);
    const result = await props.crm.attempt(() => salesApi.updateRep(rep.user.id, { capacity: cap, segments: list, active }));
    setBusy(false);
    if (!result.ok) {
      setProblem(Object.values(result.failure.fields ?? {})[0] ?? result.failure.message);
      return;
    }
    setProblem(null);
    props.crm.toast(PLANS_TEXT.repSaved);
    props.onSaved(result.data);
  };
  return (
    <tr data-testid="rep-row" data-user-id={rep.user.id}>
      <td class="crm-table__name">{rep.user.name}</td>
      <td class="num">{formatNumber(rep.openDeals)}</td>
      <td>
        <input class="input input--small" type="number" min={0} value={capacity} aria-label={`${PLANS_TEXT.capacity}: ${rep.user.name}`} aria-invalid={valid ? undefined : true} onInput={(e) => setCapacity(e.currentTarget.value)} data-testid="rep-capacity" />
      </td>
      <td>
        <input class="input input--small" value={segments} aria-label={`${PLANS_TEXT.segments}: ${rep.user.name}`} onInput={(e) => setSegments(e.currentTarget.value)} data-testid="rep-segments" />
      </td>
      <td>
        <input type="checkbox" checked={active} aria-label={`${PLANS_TEXT.activeRep}: ${rep.user.name}`} onChange={(e) => setActive(e.currentTarget.checked)} data-testid="rep-active" />
      </td>
      <td class="crm-table__actions">
        <button type="button" class="button button--secondary button--small" disabled={!changed || !valid || busy} onClick={() => void save()} data-testid="rep-save">
          {busy ? CRM_TEXT.saving : CRM_TEXT.save}
        </button>
        {problem ? <span class="field__error" role="alert">{problem}</span> : null}
      </td>
    </tr>
  );
}

/** The card. */
export function RepsCard(props: { crm: CrmOperations }) {
  const [loaded, reload, set] = useLoad(props.crm, "reps", () => salesApi.listReps());
  let body;
  if (loaded.state === "loading") body = <Loading />;
  else if (loaded.state === "error") body = <ErrorState title={PLANS_TEXT.failed} message={loaded.failure.message} onRetry={reload} testId="reps-error" />;
  else if (loaded.data.length === 0) body = <p class="card__muted">{PLANS_TEXT.noReps}</p>;
  else {
    const reps = loaded.data;
    body = (
      <div class="table-scroll">
        <table class="report-table crm-table reps-table" data-testid="reps-table">
          <thead>
            <tr>
              <th scope="col">{PLANS_TEXT.reps}</th>
              <th scope="col" class="num">{PLANS_TEXT.openDeals}</th>
              <th scope="col">{PLANS_TEXT.capacity}</th>
              <th scope="col">{PLANS_TEXT.segments}</th>
              <th scope="col">{PLANS_TEXT.activeRep}</th>
              <th scope="col">
                <span class="visually-hidden">{CRM_TEXT.save}</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {reps.map((rep) => (
              <RepRow key={rep.user.id} rep={rep} crm={props.crm} onSaved={(saved) => set(reps.map((r) => (r.user.id === saved.user.id ? saved : r)))} />
            ))}
          </tbody>
        </table>
      </div>
    );
  }
  return (
    <section class="card sales-card sales-card--wide" aria-labelledby="reps-title" data-testid="reps-card" data-state={loaded.state}>
      <h2 class="card__title" id="reps-title">
        {PLANS_TEXT.reps}
      </h2>
      <p class="card__muted">{PLANS_TEXT.repsHint}</p>
      {body}
    </section>
  );
}
