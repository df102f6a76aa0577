/** The sales dashboard: totals for a chosen period, revenue per week with the forecast band, revenue by product, top customers, targets and attainment per rep. */
import { useMemo, useState } from "preact/hooks";
import type { UserDTO } from "../../../../src/contracts/api.ts";
import * as salesApi from "../../api/sales-endpoints.ts";
import type { CrmOperations } from "../../controller/crm-operations.ts";
import { formatMoney } from "../../crm-format.ts";
import { formatNumber } from "../../format.ts";
import { DASHBOARD_TEXT } from "../../sales-strings.ts";
import { ErrorState, useLoad } from "../crm/ui.tsx";
import { PERIODS, periodRange, type DashboardPeriod } from "./dashboard-period.ts";
import { RankingCard } from "./ranking-card.tsx";
import { RevenueForecastCard } from "./revenue-chart.tsx";
import { SalesShell } from "./sales-shell.tsx";
import { TargetsCard } from "./targets-card.tsx";

function Totals(props: { crm: CrmOperations; range: { from: string; to: string } }) {
  const { range } = props;
  const [loaded, reload] = useLoad(props.crm, `${range.from}:${range.to}`, async () => {
    const summary = await salesApi.getSummary(range);
    // Won deals are revenue agreed but not yet ordered: the pipeline's won stages over the same period.
    const pipeline = await salesApi.getPipeline({ ...range, currency: summary.currency });
    const won = pipeline.stages.filter((s) => s.stage.outcome === "won");
    return { summary, wonCents: won.reduce((sum, s) => sum + s.amountCents, 0), wonCount: won.reduce((sum, s) => sum + s.count, 0) };
  });
  if (loaded.state === "error") return <ErrorState title={DASHBOARD_TEXT.failed} message={loaded.failure.message} onRetry={reload} testId="totals-error" />;
  const s = loaded.state === "loaded" ? loaded.data.summary : null;
  const won = loaded.state === "loaded" ? loaded.data : null;
  const tile = (label: string, value: string, testId: string) => (
    <div class="stat-tile" data-testid={testId}>
      <span class="stat-tile__label">{label}</span>
      <span class="stat-tile__value" data-testid={`${testId}-value`}>
        {s ? value : "…"}
      </span>
    </div>
  );
  return (
    <div class="stat-tiles" aria-busy={loaded.state === "loading"} data-testid="sales-totals" data-state={loaded.state}>
      {tile(DASHBOARD_TEXT.revenue, s ? formatMoney(s.totalAmountCents, s.currency) : "", "total-revenue")}
      {tile(DASHBOARD_TEXT.orders, s ? formatNumber(s.orderCount) : "", "total-orders")}
      {tile(DASHBOARD_TEXT.aov, s ? formatMoney(s.averageOrderValueCents, s.currency) : "", "total-aov")}
      {tile(DASHBOARD_TEXT.units, s ? formatNumber(s.unitsSold) : "", "total-units")}
      {tile(DASHBOARD_TEXT.wonDeals, s && won ? `${formatMoney(won.wonCents, s.currency)} (${formatNumber(won.wonCount)})` : "", "total-won")}
    </div>
  );
}

/** The page. */
export function DashboardView(props: { crm: CrmOperations; user: UserDTO }) {
  const { crm, user } = props;
  const [period, setPeriod] = useState<DashboardPeriod>("thisMonth");
  // Fixed at the visit: the figures of "this month" do not shift while the page is open.
  const [now] = useState(() => new Date());
  const { from, to, targets } = periodRange(period, now);
  const range = useMemo(() => ({ from, to }), [from, to]);
  return (
    <SalesShell
      user={user}
      crm={crm}
      page="salesDashboard"
      title={DASHBOARD_TEXT.title}
      testId="sales-dashboard"
      wide
      actions={
        <label class="field field--inline">
          <span class="field__label">{DASHBOARD_TEXT.period}</span>
          <select class="select select--field" value={period} onChange={(e) => setPeriod(e.currentTarget.value as DashboardPeriod)} data-testid="dashboard-period">
            {PERIODS.map((p) => (
              <option key={p.value} value={p.value}>
                {p.label}
              </option>
            ))}
          </select>
        </label>
      }
    >
      <Totals crm={crm} range={range} />
      <div class="sales-grid">
        <RevenueForecastCard crm={crm} />
        <RankingCard crm={crm} range={range} groupBy="product" title={DASHBOARD_TEXT.byProduct} testId="by-product" />
        <RankingCard crm={crm} range={range} groupBy="customer" title={DASHBOARD_TEXT.topCustomers} testId="top-customers" />
        <TargetsCard crm={crm} user={user} period={targets} />
      </div>
    </SalesShell>
  );
}
