/** Effort allocation: a budget of sales hours split across segments by dynamic programming on the server, as a table and a bar chart. */
import { useMemo, useState } from "preact/hooks";
import type { EffortPlanDTO } from "../../../../src/contracts/sales.ts";
import * as salesApi from "../../api/sales-endpoints.ts";
import type { CrmOperations } from "../../controller/crm-operations.ts";
import { formatMoney } from "../../crm-format.ts";
import { formatNumber } from "../../format.ts";
import { PLANS_TEXT } from "../../sales-strings.ts";
import { ErrorState } from "../crm/ui.tsx";
import { barOptions, Chart } from "./chart.tsx";

/** The currency the plans' expected revenue is shown in (the demo's, and the server's default). */
const CURRENCY = "USD";

/** The card. */
export function EffortPlanCard(props: { crm: CrmOperations }) {
  const [budget, setBudget] = useState("200");
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [plan, setPlan] = useState<EffortPlanDTO | null>(null);
  const hours = Number(budget);
  const valid = budget.trim() !== "" && Number.isInteger(hours) && hours >= 0;
  const run = async (): Promise<void> => {
    if (!valid) return;
    setBusy(true);
    setError(null);
    const result = await props.crm.attempt(() => salesApi.planEffort(hours));
    setBusy(false);
    if (result.ok) setPlan(result.data);
    else setError(Object.values(result.failure.fields ?? {})[0] ?? result.failure.message);
  };
  const chart = useMemo(() => {
    const rows = plan?.allocation ?? [];
    return { options: barOptions(rows.map((r) => r.segment), [{ label: PLANS_TEXT.expectedRevenue, color: "#0d9488" }], CURRENCY, PLANS_TEXT.segment), data: [rows.map((_r, i) => i), rows.map((r) => r.expectedRevenueCents)] as [number[], number[]] };
  }, [plan]);
  return (
    <section class="card sales-card sales-card--wide" aria-labelledby="effort-title" data-testid="effort-plan" data-state={busy ? "busy" : plan ? "planned" : "idle"}>
      <h2 class="card__title" id="effort-title">
        {PLANS_TEXT.effortTitle}
      </h2>
      <p class="card__muted">{PLANS_TEXT.effortHint}</p>
      <form class="plan-form" onSubmit={(e) => { e.preventDefault(); void run(); }}>
        <label class="field field--inline">
          <span class="field__label">{PLANS_TEXT.budget}</span>
          <input class="input input--small" type="number" min={0} step={1} value={budget} aria-invalid={valid ? undefined : true} onInput={(e) => setBudget(e.currentTarget.value)} data-testid="effort-budget" />
        </label>
        <button type="submit" class="button button--primary" disabled={busy || !valid} data-testid="effort-allocate">
          {busy ? PLANS_TEXT.allocating : PLANS_TEXT.allocate}
        </button>
      </form>
      {error ? <ErrorState title={PLANS_TEXT.failed} message={error} onRetry={() => void run()} testId="effort-error" /> : null}
      {plan ? (
        <div class="effort-result">
          <Chart options={chart.options} data={chart.data} height={200} testId="effort-chart" />
          <table class="report-table crm-table" data-testid="effort-table">
            <thead>
              <tr>
                <th scope="col">{PLANS_TEXT.segment}</th>
                <th scope="col" class="num">{PLANS_TEXT.hours}</th>
                <th scope="col" class="num">{PLANS_TEXT.withoutHours}</th>
                <th scope="col" class="num">{PLANS_TEXT.expectedRevenue}</th>
              </tr>
            </thead>
            <tbody>
              {plan.allocation.map((r) => (
                <tr key={r.segment} data-testid="effort-row">
                  <td class="crm-table__name">{r.segment}</td>
                  <td class="num">{formatNumber(r.hours)}</td>
                  <td class="num">{formatMoney(r.baseRevenueCents, CURRENCY)}</td>
                  <td class="num">{formatMoney(r.expectedRevenueCents, CURRENCY)}</td>
                </tr>
              ))}
            </tbody>
            <tfoot>
              <tr>
                <th scope="row" colSpan={3}>{PLANS_TEXT.averageMonth}</th>
                <td class="num">{formatMoney(plan.historyMonthlyRevenueCents, CURRENCY)}</td>
              </tr>
              <tr>
                <th scope="row" colSpan={3}>{PLANS_TEXT.totalExpected}</th>
                <td class="num" data-testid="effort-total"><strong>{formatMoney(plan.totalExpectedRevenueCents, CURRENCY)}</strong></td>
              </tr>
            </tfoot>
          </table>
          {plan.unallocatedHours > 0 ? (
            <p class="card__muted" role="status" data-testid="effort-unallocated">
              {PLANS_TEXT.unallocated(formatNumber(plan.unallocatedHours))}
            </p>
          ) : null}
        </div>
      ) : null}
    </section>
  );
}
