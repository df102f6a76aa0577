/**
 * The Insights page's response model card (both models' AUC and accuracy, the chosen one, its calibration chart and the
 * customers most likely to respond) and escalation drivers card (docs/insights.md).
 */
import { useMemo } from "preact/hooks";
import type UPlotType from "uplot";
import type { InsightEscalationDTO, InsightResponseDTO, InsightResponseScoresDTO } from "../../../../src/contracts/insights.ts";
import * as insightsApi from "../../api/insights-endpoints.ts";
import type { CrmOperations } from "../../controller/crm-operations.ts";
import { formatNumber, formatShare } from "../../format.ts";
import { INSIGHTS_TEXT } from "../../insights-strings.ts";
import { ErrorState, Loading, useLoad } from "../crm/ui.tsx";
import { Chart, type ChartOptions } from "../sales/chart.tsx";
import { CustomerLink, RuleList } from "./insights-parts.tsx";

/** Predicted (line) and observed (bars) response rate per score decile, on a 0–100 % axis. */
const calibrationChart: ChartOptions = (uplot) => ({
  width: 0,
  height: 0,
  cursor: { drag: { x: false, y: false } },
  scales: { x: { time: false, range: [0.5, 10.5] }, y: { range: [0, 1] } },
  axes: [
    { stroke: "#66748a", grid: { show: false }, splits: () => [1, 2, 3, 4, 5, 6, 7, 8, 9, 10], values: (_u: UPlotType, splits: number[]) => splits.map((d) => `D${d}`) },
    { stroke: "#66748a", grid: { stroke: "#eef1f5" }, size: 50, values: (_u: UPlotType, splits: number[]) => splits.map((v) => `${Math.round(v * 100)} %`) },
  ],
  series: [
    { label: INSIGHTS_TEXT.decile },
    { label: INSIGHTS_TEXT.observed, fill: "#20bf6b", stroke: "#20bf6b", width: 0, paths: uplot.paths.bars?.({ size: [0.6, 48] }), points: { show: false } },
    { label: INSIGHTS_TEXT.predicted, stroke: "#3867d6", width: 2, points: { show: true, size: 6 } },
  ],
});

function ResponseBody(props: { crm: CrmOperations; model: InsightResponseDTO; top: InsightResponseScoresDTO }) {
  const { model, top } = props;
  const chosen = model.models.find((m) => m.name === model.chosen) ?? model.models[0];
  const data = useMemo(
    () => (chosen ? ([chosen.calibration.map((b) => b.decile), chosen.calibration.map((b) => b.observed), chosen.calibration.map((b) => b.predicted)] as UPlotType.AlignedData) : null),
    [chosen],
  );
  return (
    <>
      <p class="card__muted" data-testid="response-learnt">
        {INSIGHTS_TEXT.responseLearnt(formatNumber(model.examples), formatNumber(model.responders), formatNumber(model.campaigns), String(model.folds ?? ""))}
      </p>
      <table class="report-table crm-table" data-testid="response-models">
        <thead>
          <tr>
            <th scope="col">{INSIGHTS_TEXT.model}</th>
            <th scope="col">{INSIGHTS_TEXT.auc}</th>
            <th scope="col">{INSIGHTS_TEXT.accuracyColumn}</th>
          </tr>
        </thead>
        <tbody>
          {model.models.map((m) => (
            <tr key={m.name} data-testid="response-model" data-model={m.name} data-chosen={m.name === model.chosen ? "true" : "false"}>
              <td>
                {INSIGHTS_TEXT.modelNames[m.name] ?? m.name}
                {m.name === model.chosen ? <span class="badge insights-chosen"> {INSIGHTS_TEXT.chosen}</span> : null}
              </td>
              <td data-testid="response-auc">{m.auc.toFixed(3)}</td>
              <td>{formatShare(m.accuracy)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {chosen && data ? (
        <figure class="insights-calibration">
          <figcaption class="card__muted">{INSIGHTS_TEXT.calibrationTitle(INSIGHTS_TEXT.modelNames[chosen.name] ?? chosen.name)}</figcaption>
          <Chart options={calibrationChart} data={data} height={200} testId="response-calibration" />
        </figure>
      ) : null}
      <h3 class="insights-subtitle">{INSIGHTS_TEXT.topScored}</h3>
      <table class="report-table crm-table" data-testid="response-top">
        <thead>
          <tr>
            <th scope="col">{INSIGHTS_TEXT.customer}</th>
            <th scope="col">{INSIGHTS_TEXT.segment}</th>
            <th scope="col">{INSIGHTS_TEXT.score}</th>
          </tr>
        </thead>
        <tbody>
          {top.customers.map((c) => (
            <tr key={c.customerId} data-testid="response-row">
              <td>
                <CustomerLink crm={props.crm} id={c.customerId} name={c.name} testId="response-customer" />
              </td>
              <td>{c.segment ?? INSIGHTS_TEXT.none}</td>
              <td data-testid="response-score">{formatShare(c.score)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </>
  );
}

/** The response model card: loading, error, the empty state that says what is needed, or the models and top customers. */
export function ResponseCard(props: { crm: CrmOperations; version: number }) {
  const [loaded, reload] = useLoad(props.crm, `response:${props.version}`, async () => {
    const [model, top] = await Promise.all([insightsApi.getResponse(), insightsApi.getResponseScores({ limit: 10 })]);
    return { model, top };
  });
  const body = () => {
    if (loaded.state === "loading") return <Loading testId="response-loading" />;
    if (loaded.state === "error") return <ErrorState title={INSIGHTS_TEXT.failed} message={loaded.failure.message} onRetry={reload} testId="response-error" />;
    const { model, top } = loaded.data;
    if (model.status !== "ready") {
      return (
        <div class="empty" data-testid="response-empty">
          <p class="empty__title">{model.status === "no_run" ? INSIGHTS_TEXT.responseNoRun : INSIGHTS_TEXT.responseEmpty}</p>
          <p class="empty__hint">{model.message}</p>
        </div>
      );
    }
    return <ResponseBody crm={props.crm} model={model} top={top} />;
  };
  return (
    <section class="card reports__card insights-card" aria-labelledby="insights-response-title" data-testid="insights-response" data-state={loaded.state}>
      <h2 class="card__title" id="insights-response-title">
        {INSIGHTS_TEXT.responseTitle}
      </h2>
      <p class="card__muted">{INSIGHTS_TEXT.responseHint}</p>
      {body()}
    </section>
  );
}

/** The escalation drivers card. */
export function EscalationCard(props: { crm: CrmOperations; version: number }) {
  const [loaded, reload] = useLoad<InsightEscalationDTO>(props.crm, `escalation:${props.version}`, () => insightsApi.getEscalation());
  const body = () => {
    if (loaded.state === "loading") return <Loading testId="escalation-loading" />;
    if (loaded.state === "error") return <ErrorState title={INSIGHTS_TEXT.failed} message={loaded.failure.message} onRetry={reload} testId="escalation-error" />;
    const data = loaded.data;
    if (data.rules.length === 0) return <p class="card__muted" data-testid="escalation-empty">{data.message ?? INSIGHTS_TEXT.none}</p>;
    return (
      <>
        <p class="card__muted">
          {INSIGHTS_TEXT.escalationHint(formatNumber(data.conversations), formatShare(data.baseRate ?? 0))} {INSIGHTS_TEXT.escalationAccuracy(formatShare(data.accuracy ?? 0))}
        </p>
        <RuleList rules={data.rules} testId="escalation-rules" outcome={INSIGHTS_TEXT.escalationSupport} />
      </>
    );
  };
  return (
    <section class="card reports__card insights-card" aria-labelledby="insights-escalation-title" data-testid="insights-escalation" data-state={loaded.state}>
      <h2 class="card__title" id="insights-escalation-title">
        {INSIGHTS_TEXT.escalationTitle}
      </h2>
      {body()}
    </section>
  );
}
