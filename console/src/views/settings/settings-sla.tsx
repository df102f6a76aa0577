/** Settings → SLA policies: one policy per priority (list, add, edit in place, delete). */
import { useState } from "preact/hooks";
import type { SlaPolicyDTO } from "../../../../src/contracts/sla.ts";
import { changeSlaPolicy, createSlaPolicy, deleteSlaPolicy, listSlaPolicies, type SlaPolicyInput } from "../../api/sla-endpoints.ts";
import { SLA_POLICY_TEXT as T } from "../../sla-strings.ts";
import { RemoteBody } from "./settings-ui.tsx";
import { useRemote } from "./use-remote.ts";

const PRIORITIES = ["urgent", "high", "normal", "low"] as const;
type Draft = { first: string; next: string; resolution: string; businessHours: boolean; warnAt: string };

const draftOf = (p?: SlaPolicyDTO): Draft => ({
  first: String(p?.firstResponseMinutes ?? 60),
  next: String(p?.nextResponseMinutes ?? 120),
  resolution: String(p?.resolutionMinutes ?? 480),
  businessHours: p?.businessHours ?? true,
  warnAt: String(p?.warnAtPercent ?? 80),
});
const valuesOf = (d: Draft) => ({
  firstResponseMinutes: Number(d.first),
  nextResponseMinutes: Number(d.next),
  resolutionMinutes: Number(d.resolution),
  businessHours: d.businessHours,
  warnAtPercent: Number(d.warnAt),
});

/** The number inputs and checkbox of a policy, labelled for screen readers (the table's headers label them visually). */
function DraftCells(props: { draft: Draft; onChange: (d: Draft) => void; prefix: string }) {
  const { draft, onChange } = props;
  const num = (key: "first" | "next" | "resolution" | "warnAt", label: string, max: number) => (
    <td>
      <input class="input" type="number" min={1} max={max} required aria-label={label} value={draft[key]} onInput={(e) => onChange({ ...draft, [key]: e.currentTarget.value })} data-testid={`${props.prefix}-${key}`} />
    </td>
  );
  return (
    <>
      {num("first", T.firstResponse, 525600)}
      {num("next", T.nextResponse, 525600)}
      {num("resolution", T.resolution, 525600)}
      <td>
        <input type="checkbox" aria-label={T.businessHours} checked={draft.businessHours} onChange={(e) => onChange({ ...draft, businessHours: e.currentTarget.checked })} data-testid={`${props.prefix}-business-hours`} />
      </td>
      {num("warnAt", T.warnAt, 99)}
    </>
  );
}

/** The SLA policies tab; `onError` shows a failure in the console's banner. */
export function SlaTab(props: { onError: (message: string) => void }) {
  const [policies, reload] = useRemote(listSlaPolicies);
  const [editing, setEditing] = useState<{ id: string; draft: Draft } | null>(null);
  const [priority, setPriority] = useState<SlaPolicyInput["priority"] | "">("");
  const [draft, setDraft] = useState<Draft>(draftOf());
  const taken = new Set(policies.state === "loaded" ? policies.data.map((p) => p.priority) : []);
  const free = PRIORITIES.filter((p) => !taken.has(p));
  const chosen = priority && free.includes(priority) ? priority : free[0];
  const run = async (call: () => Promise<unknown>): Promise<boolean> => {
    try {
      await call();
      reload();
      return true;
    } catch (error) {
      props.onError(error instanceof Error ? error.message : String(error));
      return false;
    }
  };
  const add = async (e: Event): Promise<void> => {
    e.preventDefault();
    if (chosen && (await run(() => createSlaPolicy({ priority: chosen, ...valuesOf(draft) })))) setDraft(draftOf());
  };
  const save = async (e: Event): Promise<void> => {
    e.preventDefault();
    if (editing && (await run(() => changeSlaPolicy(editing.id, valuesOf(editing.draft))))) setEditing(null);
  };
  const head = (
    <thead>
      <tr>
        <th scope="col">{T.priority}</th>
        <th scope="col">{T.firstResponse}</th>
        <th scope="col">{T.nextResponse}</th>
        <th scope="col">{T.resolution}</th>
        <th scope="col">{T.businessHours}</th>
        <th scope="col">{T.warnAt}</th>
        <th scope="col">
          <span class="visually-hidden">{T.actions}</span>
        </th>
      </tr>
    </thead>
  );
  return (
    <>
      <p class="reports__summary">{T.intro}</p>
      <RemoteBody remote={policies} onRetry={reload} empty={T.empty} testId="sla-policies">
        {(list) => (
          <form onSubmit={(e) => void save(e)}>
            <table class="report-table crm-table sla-table" data-testid="sla-policies-table">
              {head}
              <tbody>
                {list.map((p) =>
                  editing?.id === p.id ? (
                    <tr key={p.id} data-testid="sla-policy-row" data-priority={p.priority}>
                      <th scope="row">{T.priorities[p.priority]}</th>
                      <DraftCells draft={editing.draft} onChange={(d) => setEditing({ id: p.id, draft: d })} prefix="sla-edit" />
                      <td>
                        <button type="submit" class="button button--primary" data-testid="sla-edit-save">
                          {T.save}
                        </button>{" "}
                        <button type="button" class="link" onClick={() => setEditing(null)}>
                          {T.cancel}
                        </button>
                      </td>
                    </tr>
                  ) : (
                    <tr key={p.id} data-testid="sla-policy-row" data-priority={p.priority}>
                      <th scope="row">{T.priorities[p.priority]}</th>
                      <td>{p.firstResponseMinutes}</td>
                      <td>{p.nextResponseMinutes}</td>
                      <td>{p.resolutionMinutes}</td>
                      <td>{p.businessHours ? T.yes : T.no}</td>
                      <td>{p.warnAtPercent}</td>
                      <td>
                        <button type="button" class="link" onClick={() => setEditing({ id: p.id, draft: draftOf(p) })} aria-label={`${T.edit} ${T.priorities[p.priority]}`} data-testid="sla-edit">
                          {T.edit}
                        </button>{" "}
                        <button type="button" class="link link--danger" onClick={() => void run(() => deleteSlaPolicy(p.id))} aria-label={`${T.remove} ${T.priorities[p.priority]}`} data-testid="sla-delete">
                          {T.remove}
                        </button>
                      </td>
                    </tr>
                  ),
                )}
              </tbody>
            </table>
          </form>
        )}
      </RemoteBody>
      {policies.state === "loaded" && !chosen ? <p class="empty__hint">{T.allDefined}</p> : null}
      {policies.state === "loaded" && chosen ? (
        <form onSubmit={(e) => void add(e)} data-testid="new-sla-form">
          <table class="report-table crm-table sla-table">
            {head}
            <tbody>
              <tr>
                <td>
                  <select class="select" aria-label={T.priority} value={chosen} onChange={(e) => setPriority(e.currentTarget.value as SlaPolicyInput["priority"])} data-testid="new-sla-priority">
                    {free.map((p) => (
                      <option value={p}>{T.priorities[p]}</option>
                    ))}
                  </select>
                </td>
                <DraftCells draft={draft} onChange={setDraft} prefix="new-sla" />
                <td>
                  <button type="submit" class="button button--primary" data-testid="new-sla-submit">
                    {T.add}
                  </button>
                </td>
              </tr>
            </tbody>
          </table>
        </form>
      ) : null}
    </>
  );
}
