/** A sales summary grouped by product or by customer: the top groups as a uPlot bar chart and as a table. */
import { useMemo } from "preact/hooks";
import type { SalesGroupBy } from "../../../../src/contracts/sales.ts";
import * as salesApi from "../../api/sales-endpoints.ts";
import type { CrmOperations } from "../../controller/crm-operations.ts";
import { formatMoney } from "../../crm-format.ts";
import { formatNumber } from "../../format.ts";
import { DASHBOARD_TEXT } from "../../sales-strings.ts";
import { EmptyState } from "../common.tsx";
import { ErrorState, Loading, useLoad } from "../crm/ui.tsx";
import { barOptions, Chart } from "./chart.tsx";

/** How many groups the card shows. */
const TOP = 8;

/** The card. */
export function RankingCard(props: { crm: CrmOperations; range: { from: string; to: string }; groupBy: Extract<SalesGroupBy, "product" | "customer">; title: string; testId: string }) {
  const { range, groupBy } = props;
  const [loaded, reload] = useLoad(props.crm, `${groupBy}:${range.from}:${range.to}`, () => salesApi.getSummary({ ...range, groupBy }));
  const top = useMemo(() => (loaded.state === "loaded" ? [...loaded.data.groups].sort((a, b) => b.totalAmountCents - a.totalAmountCents).slice(0, TOP) : []), [loaded]);
  const currency = loaded.state === "loaded" ? loaded.data.currency : "USD";
  const chart = useMemo(
    () => ({ options: barOptions(top.map((g) => g.label), [{ label: DASHBOARD_TEXT.revenue, color: "#2563eb" }], currency, props.title), data: [top.map((_g, i) => i), top.map((g) => g.totalAmountCents)] as [number[], number[]] }),
    [top, currency],
  );
  let body;
  if (loaded.state === "loading") body = <Loading />;
  else if (loaded.state === "error") body = <ErrorState title={DASHBOARD_TEXT.failed} message={loaded.failure.message} onRetry={reload} />;
  else if (top.length === 0) body = <EmptyState title={DASHBOARD_TEXT.noSales} testId={`${props.testId}-empty`} />;
  else {
    body = (
      <>
        <Chart options={chart.options} data={chart.data} height={200} testId={`${props.testId}-chart`} />
        <table class="report-table crm-table">
          <thead>
            <tr>
              <th scope="col">{props.title}</th>
              <th scope="col" class="num">
                {DASHBOARD_TEXT.orders}
              </th>
              <th scope="col" class="num">
                {DASHBOARD_TEXT.revenue}
              </th>
            </tr>
          </thead>
          <tbody>
            {top.map((g) => (
              <tr key={g.key ?? g.label} data-testid={`${props.testId}-row`}>
                <td class="crm-table__name">{g.label}</td>
                <td class="num">{formatNumber(g.orderCount)}</td>
                <td class="num">{formatMoney(g.totalAmountCents, currency)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </>
    );
  }
  return (
    <section class="card sales-card" aria-labelledby={`${props.testId}-title`} data-testid={props.testId} data-state={loaded.state}>
      <h2 class="card__title" id={`${props.testId}-title`}>
        {props.title}
      </h2>
      {body}
    </section>
  );
}
