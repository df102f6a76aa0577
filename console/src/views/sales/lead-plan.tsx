/** Lead assignment: propose (HiGHS on the server), review each deal's proposed owner and P(win) against the round-robin baseline, apply all or some. */
import { useState } from "preact/hooks";
import type { DealDTO, LeadAssignmentPlanDTO } from "../../../../src/contracts/sales.ts";
import * as salesApi from "../../api/sales-endpoints.ts";
import type { CrmOperations } from "../../controller/crm-operations.ts";
import { formatMoney } from "../../crm-format.ts";
import { PLANS_TEXT, SALES_TEXT } from "../../sales-strings.ts";
import { formatChance } from "../../sales-format.ts";
import { ErrorState } from "../crm/ui.tsx";

/** At most this many pages of open deals are read to name the plan's deals. */
const MAX_PAGES = 20;

type Proposal = { plan: LeadAssignmentPlanDTO; deals: Map<string, DealDTO>; reps: Map<string, string> };

async function openDeals(): Promise<Map<string, DealDTO>> {
  const deals = new Map<string, DealDTO>();
  let cursor: string | null = null;
  for (let i = 0; i < MAX_PAGES; i += 1) {
    const page = await salesApi.listDeals({ status: "open", limit: 100 }, cursor);
    for (const d of page.data) deals.set(d.id, d);
    cursor = page.nextCursor;
    if (!cursor) break;
  }
  return deals;
}

async function propose(capacity: number | undefined, reassign: boolean): Promise<Proposal> {
  const [plan, deals, reps] = await Promise.all([salesApi.proposeLeadAssignment({ ...(capacity ? { capacity } : {}), ...(reassign ? { reassign } : {}) }), openDeals(), salesApi.listReps()]);
  return { plan, deals, reps: new Map(reps.map((r) => [r.user.id, r.user.name])) };
}

function Uplift(props: { plan: LeadAssignmentPlanDTO; currency: string }) {
  const { plan } = props;
  const uplift = plan.baselineObjectiveCents > 0 ? (plan.objectiveCents / plan.baselineObjectiveCents - 1) * 100 : null;
  return (
    <div class="stat-tiles" data-testid="lead-plan-summary">
      <div class="stat-tile">
        <span class="stat-tile__label">{PLANS_TEXT.objective}</span>
        <span class="stat-tile__value" data-testid="lead-plan-objective">{formatMoney(plan.objectiveCents, props.currency)}</span>
      </div>
      <div class="stat-tile">
        <span class="stat-tile__label">{PLANS_TEXT.baseline}</span>
        <span class="stat-tile__value" data-testid="lead-plan-baseline">{formatMoney(plan.baselineObjectiveCents, props.currency)}</span>
      </div>
      <div class="stat-tile">
        <span class="stat-tile__label">{PLANS_TEXT.uplift}</span>
        <span class="stat-tile__value">{uplift === null ? "—" : `${uplift >= 0 ? "+" : ""}${uplift.toFixed(1)}%`}</span>
      </div>
      <div class="stat-tile">
        <span class="stat-tile__label">{PLANS_TEXT.solved}</span>
        <span class="stat-tile__value">{Math.round(plan.solveMs)} ms</span>
      </div>
    </div>
  );
}

/** The card. */
export function LeadPlanCard(props: { crm: CrmOperations }) {
  const { crm } = props;
  const [capacity, setCapacity] = useState("");
  const [reassign, setReassign] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [proposal, setProposal] = useState<Proposal | null>(null);
  const [selected, setSelected] = useState<Set<string>>(new Set());
  const run = async (): Promise<void> => {
    setBusy(true);
    setError(null);
    const result = await crm.attempt(() => propose(capacity ? Number(capacity) : undefined, reassign));
    setBusy(false);
    if (!result.ok) {
      setError(result.failure.message);
      return;
    }
    setProposal(result.data);
    // Only the changes are worth applying; a deal already with its proposed owner starts unticked.
    setSelected(new Set(result.data.plan.assignments.filter((a) => result.data.deals.get(a.dealId)?.owner?.id !== a.ownerId).map((a) => a.dealId)));
  };
  const apply = async (dealIds: string[]): Promise<void> => {
    if (!proposal) return;
    setBusy(true);
    const chosen = proposal.plan.assignments.filter((a) => dealIds.includes(a.dealId)).map((a) => ({ dealId: a.dealId, ownerId: a.ownerId }));
    const result = await crm.attempt(() => salesApi.applyLeadAssignment(chosen));
    setBusy(false);
    if (!result.ok) {
      setError(result.failure.message);
      return;
    }
    crm.toast(`${result.data} ${PLANS_TEXT.applied}`);
    await run();
  };
  const assignments = proposal?.plan.assignments ?? [];
  const currency = assignments.map((a) => proposal?.deals.get(a.dealId)?.currency).find(Boolean) ?? "USD";
  const toggle = (id: string): void => setSelected((s) => {
    const next = new Set(s);
    if (next.has(id)) next.delete(id);
    else next.add(id);
    return next;
  });
  return (
    <section class="card sales-card sales-card--wide" aria-labelledby="lead-plan-title" data-testid="lead-plan" data-state={busy ? "busy" : proposal ? "proposed" : "idle"}>
      <h2 class="card__title" id="lead-plan-title">
        {PLANS_TEXT.leadTitle}
      </h2>
      <p class="card__muted">{PLANS_TEXT.leadHint}</p>
      <form class="plan-form" onSubmit={(e) => { e.preventDefault(); void run(); }}>
        <label class="field field--inline">
          <span class="field__label">{PLANS_TEXT.capacity}</span>
          <input class="input input--small" type="number" min={1} value={capacity} placeholder={PLANS_TEXT.noLimit} onInput={(e) => setCapacity(e.currentTarget.value)} data-testid="lead-plan-capacity" />
        </label>
        <label class="checkbox">
          <input type="checkbox" checked={reassign} onChange={(e) => setReassign(e.currentTarget.checked)} data-testid="lead-plan-reassign" /> {PLANS_TEXT.reassign}
        </label>
        <button type="submit" class="button button--primary" disabled={busy} data-testid="lead-plan-propose">
          {busy ? PLANS_TEXT.proposing : PLANS_TEXT.propose}
        </button>
      </form>
      {error ? <ErrorState title={PLANS_TEXT.failed} message={error} onRetry={() => void run()} testId="lead-plan-error" /> : null}
      {proposal && assignments.length === 0 ? <p class="card__muted" data-testid="lead-plan-empty">{PLANS_TEXT.noLeads}</p> : null}
      {proposal && assignments.length > 0 ? (
        <>
          <Uplift plan={proposal.plan} currency={currency} />
          <div class="table-scroll">
            <table class="report-table crm-table" data-testid="lead-plan-table">
              <thead>
                <tr>
                  <th scope="col" class="crm-table__check">
                    <input type="checkbox" aria-label={PLANS_TEXT.selectAll} checked={selected.size === assignments.length} onChange={(e) => setSelected(e.currentTarget.checked ? new Set(assignments.map((a) => a.dealId)) : new Set())} />
                  </th>
                  <th scope="col">{PLANS_TEXT.deal}</th>
                  <th scope="col" class="num">{SALES_TEXT.amount}</th>
                  <th scope="col">{PLANS_TEXT.current}</th>
                  <th scope="col">{PLANS_TEXT.proposed}</th>
                  <th scope="col" class="num">{PLANS_TEXT.pWin}</th>
                  <th scope="col" class="num">{PLANS_TEXT.expected}</th>
                </tr>
              </thead>
              <tbody>
                {assignments.map((a) => {
                  const deal = proposal.deals.get(a.dealId);
                  const changes = deal?.owner?.id !== a.ownerId;
                  return (
                    <tr key={a.dealId} class={changes ? undefined : "plan-row--same"} data-testid="lead-plan-row" data-deal-id={a.dealId} data-owner-id={a.ownerId}>
                      <td class="crm-table__check">
                        <input type="checkbox" aria-label={`${PLANS_TEXT.select} ${deal?.title ?? a.dealId}`} checked={selected.has(a.dealId)} onChange={() => toggle(a.dealId)} data-testid="lead-plan-select" />
                      </td>
                      <td class="crm-table__name">{deal?.title ?? a.dealId}</td>
                      <td class="num">{deal ? formatMoney(deal.amountCents, deal.currency) : "—"}</td>
                      <td>{deal?.owner?.name ?? SALES_TEXT.unowned}</td>
                      <td>
                        <strong>{proposal.reps.get(a.ownerId) ?? a.ownerId}</strong>
                      </td>
                      <td class="num">{formatChance(a.pWin)}</td>
                      <td class="num">{deal ? formatMoney(Math.round(a.pWin * deal.amountCents), deal.currency) : "—"}</td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
          </div>
          <div class="card__actions">
            <button type="button" class="button button--secondary" disabled={busy || selected.size === 0} onClick={() => void apply([...selected])} data-testid="lead-plan-apply-selected">
              {PLANS_TEXT.applySelected} ({selected.size})
            </button>
            <button type="button" class="button button--primary" disabled={busy} onClick={() => void apply(assignments.map((a) => a.dealId))} data-testid="lead-plan-apply-all">
              {PLANS_TEXT.applyAll}
            </button>
          </div>
        </>
      ) : null}
    </section>
  );
}
