/** Revenue per week: the actual weeks, then the forecast with its prediction interval drawn as a band (uPlot bands). */
import { useMemo } from "preact/hooks";
import type { CrmOperations } from "../../controller/crm-operations.ts";
import { formatMoney } from "../../crm-format.ts";
import { DASHBOARD_TEXT } from "../../sales-strings.ts";
import { shortDate } from "../../sales-format.ts";
import { EmptyState } from "../common.tsx";
import * as salesApi from "../../api/sales-endpoints.ts";
import { ErrorState, Loading, useLoad } from "../crm/ui.tsx";
import { axisMoney, Chart, type ChartOptions } from "./chart.tsx";
import { forecastSeries } from "./forecast-series.ts";

function options(currency: string): ChartOptions {
  return () => ({
    width: 0,
    height: 0,
    cursor: { drag: { x: false, y: false } },
    scales: { y: { range: (_u, min, max) => [Math.min(0, min), Math.max(1, max) * 1.1] } },
    axes: [
      { stroke: "#66748a", grid: { show: false } },
      { stroke: "#66748a", grid: { stroke: "#eef1f5" }, size: 64, values: axisMoney(currency) },
    ],
    series: [
      { label: DASHBOARD_TEXT.week, value: (_u, v) => (v === null ? "—" : shortDate(new Date(v * 1000).toISOString())) },
      { label: DASHBOARD_TEXT.actual, stroke: "#2563eb", width: 2, points: { show: false }, value: (_u, v) => (v === null ? "—" : formatMoney(v, currency)) },
      { label: DASHBOARD_TEXT.forecast, stroke: "#7c3aed", width: 2, dash: [6, 4], points: { show: false }, value: (_u, v) => (v === null ? "—" : formatMoney(v, currency)) },
      { label: DASHBOARD_TEXT.high, stroke: "rgba(124,58,237,0.35)", width: 1, points: { show: false }, value: (_u, v) => (v === null ? "—" : formatMoney(v, currency)) },
      { label: DASHBOARD_TEXT.low, stroke: "rgba(124,58,237,0.35)", width: 1, points: { show: false }, value: (_u, v) => (v === null ? "—" : formatMoney(v, currency)) },
    ],
    bands: [{ series: [3, 4], fill: "rgba(124,58,237,0.12)" }],
  });
}

/** The card. */
export function RevenueForecastCard(props: { crm: CrmOperations }) {
  const [loaded, reload] = useLoad(props.crm, "forecast", () => salesApi.getForecast(12));
  const data = useMemo(() => (loaded.state === "loaded" ? forecastSeries(loaded.data) : null), [loaded]);
  const opts = useMemo(() => options(loaded.state === "loaded" ? loaded.data.currency : "USD"), [loaded]);
  let body;
  if (loaded.state === "loading") body = <Loading />;
  else if (loaded.state === "error") body = <ErrorState title={DASHBOARD_TEXT.failed} message={loaded.failure.message} onRetry={reload} testId="forecast-error" />;
  else if (loaded.data.history.length === 0 && loaded.data.weeks.length === 0) body = <EmptyState title={DASHBOARD_TEXT.noSales} />;
  else {
    const f = loaded.data;
    body = (
      <>
        {data ? <Chart options={opts} data={data} height={260} testId="forecast-chart" /> : null}
        <p class="card__muted" data-testid="forecast-method">
          {f.method}
          {f.backtest?.mape != null ? ` · ${DASHBOARD_TEXT.backtest} ${f.backtest.heldOutWeeks} ${DASHBOARD_TEXT.weeks}: ${f.backtest.mape.toFixed(1)}%` : ""}
        </p>
        <table class="visually-hidden">
          <caption>{DASHBOARD_TEXT.forecast}</caption>
          <tbody>
            {f.weeks.map((w) => (
              <tr key={w.weekStart}>
                <th scope="row">{shortDate(w.weekStart)}</th>
                <td>
                  {formatMoney(w.amountCents, f.currency)} ({formatMoney(w.lowCents, f.currency)} – {formatMoney(w.highCents, f.currency)})
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </>
    );
  }
  return (
    <section class="card sales-card sales-card--wide" aria-labelledby="forecast-title" data-testid="forecast-card" data-state={loaded.state}>
      <h2 class="card__title" id="forecast-title">
        {DASHBOARD_TEXT.weekly}
      </h2>
      <p class="card__muted">{DASHBOARD_TEXT.weeklyHint}</p>
      {body}
    </section>
  );
}
