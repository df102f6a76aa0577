/**
 * The Sentiment tab: the period's totals against the previous period, a line per group (share negative or mean score)
 * whose points open the messages behind them, the same figures as a table, and the CSV of the report.
 */
import { useMemo } from "preact/hooks";
import type { SentimentFigures, SentimentGroup, SentimentLabel, SentimentReportDTO } from "../../../../src/contracts/reports.ts";
import * as reportsApi from "../../api/report-endpoints.ts";
import type { CrmOperations } from "../../controller/crm-operations.ts";
import { formatNumber, formatScore, formatShare } from "../../format.ts";
import { GROUPING_TEXT, TREND_TEXT } from "../../reports-strings.ts";
import { EmptyState } from "../common.tsx";
import { ErrorState, Loading, useLoad } from "../crm/ui.tsx";
import { DrillPanel } from "./drill-panel.tsx";
import { CsvLink, Picker, Tile, Tiles } from "./report-controls.tsx";
import { allBuckets, groupName, bucketLabel, formatChange, periodTotals, SERIES_COLORS, type PeriodTotals } from "./report-figures.ts";
import { SENTIMENT_GROUPINGS, trendQueries, type DrillState, type ReportsUrlState, type SentimentMetric } from "./report-query.ts";
import { ReportFilters } from "./report-filters.tsx";
import { TrendChart, trendLines } from "./trend-chart.tsx";

/** Groups the chart draws at most (the largest by messages); the table lists every one. */
const CHART_GROUPS = SERIES_COLORS.length;
const SHARE_RANGE: [number, number] = [0, 1];
const SCORE_RANGE: [number, number] = [-1, 1];
const METRIC_NAMES: Record<SentimentMetric, string> = { negative: TREND_TEXT.metricNegative, mean: TREND_TEXT.metricMean };
const shareAxis = (v: number): string => `${Math.round(v * 100)}%`;
const scoreAxis = (v: number): string => formatScore(Math.round(v * 10) / 10);
const optional = (v: number | null, format: (v: number) => string): string => (v === null ? TREND_TEXT.none : format(v));

type Loaded = { report: SentimentReportDTO; now: PeriodTotals; before: PeriodTotals };

/** The drill-down's `group` of a group's key (null: the group without one, sent as ""). */
const groupParam = (key: string | null): string => key ?? "";

/** How many messages of some figures have a label (all without one). */
function labelCount(f: SentimentFigures, label: SentimentLabel | undefined): number {
  if (!label) return f.messages;
  const share = label === "negative" ? f.negativeShare : label === "neutral" ? f.neutralShare : f.positiveShare;
  return Math.round(f.messages * (share ?? 0));
}

function Totals(props: { data: Loaded; period: ReportsUrlState["period"] }) {
  const { now, before } = props.data;
  const negative = formatChange(now.negativeShare, before.negativeShare, "share");
  const mean = formatChange(now.meanScore, before.meanScore, "score");
  return (
    <Tiles busy={false} testId="sentiment-totals">
      <Tile label={TREND_TEXT.messages} value={formatNumber(now.messages)} change={before.messages === 0 ? null : formatChange(now.messages, before.messages, "count")} period={props.period} testId="total-messages" />
      <Tile
        label={TREND_TEXT.metricNegative}
        value={optional(now.negativeShare, formatShare)}
        change={before.messages === 0 ? null : negative}
        bad={(now.negativeShare ?? 0) > (before.negativeShare ?? 0)}
        period={props.period}
        testId="total-negative"
      />
      <Tile
        label={TREND_TEXT.meanScore}
        value={optional(now.meanScore, formatScore)}
        change={before.messages === 0 ? null : mean}
        bad={(now.meanScore ?? 0) < (before.meanScore ?? 0)}
        period={props.period}
        testId="total-mean"
      />
      <Tile label={TREND_TEXT.turnedAround} value={`${formatNumber(now.turnedAround)} / ${formatNumber(now.conversations)}`} hint={TREND_TEXT.turnedAroundHint} period={props.period} testId="total-turned" />
      <Tile label={TREND_TEXT.worsened} value={`${formatNumber(now.worsened)} / ${formatNumber(now.conversations)}`} hint={TREND_TEXT.worsenedHint} period={props.period} testId="total-worsened" />
    </Tiles>
  );
}

function GroupTable(props: { report: SentimentReportDTO; groups: SentimentGroup[]; onDrill: (g: SentimentGroup) => void }) {
  return (
    <div class="table-scroll">
      <table class="report-table trend-table" data-testid="sentiment-table">
        <caption class="trend-table__caption">{TREND_TEXT.tableHint}</caption>
        <thead>
          <tr>
            <th scope="col">{GROUPING_TEXT[props.report.groupBy]}</th>
            <th scope="col" class="num">{TREND_TEXT.messages}</th>
            <th scope="col" class="num">{TREND_TEXT.meanScore}</th>
            <th scope="col" class="num">{TREND_TEXT.negativeShare}</th>
            <th scope="col" class="num">{TREND_TEXT.positiveShare}</th>
            <th scope="col" class="num">{TREND_TEXT.conversations}</th>
            <th scope="col" class="num" title={TREND_TEXT.turnedAroundHint}>{TREND_TEXT.turnedAround}</th>
            <th scope="col" class="num" title={TREND_TEXT.worsenedHint}>{TREND_TEXT.worsened}</th>
            <th scope="col" class="num" title={TREND_TEXT.agentChangeHint}>{TREND_TEXT.agentChange}</th>
          </tr>
        </thead>
        <tbody>
          {props.groups.map((g) => (
            <tr key={g.key ?? ""} data-testid="sentiment-row" data-key={g.key ?? ""} data-label={g.label}>
              <th scope="row" class="trend-table__group">
                <button type="button" class="link trend-table__drill" onClick={() => props.onDrill(g)} data-testid="sentiment-row-drill">
                  {g.label}
                </button>
              </th>
              <td class="num" data-testid="row-messages">{formatNumber(g.total.messages)}</td>
              <td class="num" data-testid="row-mean">{optional(g.total.meanScore, formatScore)}</td>
              <td class="num" data-testid="row-negative">{optional(g.total.negativeShare, formatShare)}</td>
              <td class="num">{optional(g.total.positiveShare, formatShare)}</td>
              <td class="num">{formatNumber(g.total.conversations)}</td>
              <td class="num" data-testid="row-turned">{formatNumber(g.total.turnedAround)}</td>
              <td class="num">{formatNumber(g.total.worsened)}</td>
              <td class="num" data-testid="row-agent-change">
                {g.total.agentChange === null ? TREND_TEXT.none : `${formatScore(g.total.agentChange)} (${formatNumber(g.total.agentConversations)})`}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/** Every point of the chart as a table: a row per bucket, a column per charted group; each cell opens its messages. */
function PointTable(props: { report: SentimentReportDTO; buckets: string[]; groups: SentimentGroup[]; metric: SentimentMetric; onDrill: (g: SentimentGroup, bucket: string) => void }) {
  const { report, buckets, groups, metric } = props;
  return (
    <details class="trend-points" data-testid="sentiment-points">
      <summary>{TREND_TEXT.points}</summary>
      <div class="table-scroll">
        <table class="report-table trend-table trend-table--points">
          <thead>
            <tr>
              <th scope="col">{TREND_TEXT.bucket}</th>
              {groups.map((g) => (
                <th scope="col" class="num" key={g.key ?? ""}>
                  {g.label}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {buckets.map((b) => (
              <tr key={b}>
                <th scope="row">{bucketLabel(b, report.interval)}</th>
                {groups.map((g) => {
                  const point = g.series.find((p) => p.bucket === b);
                  const value = point ? (metric === "negative" ? point.negativeShare : point.meanScore) : null;
                  return (
                    <td class="num" key={g.key ?? ""}>
                      {point && value !== null ? (
                        <button type="button" class="link" onClick={() => props.onDrill(g, b)} data-testid="point-drill">
                          {metric === "negative" ? formatShare(value) : formatScore(value)} ({formatNumber(point.messages)})
                        </button>
                      ) : (
                        TREND_TEXT.none
                      )}
                    </td>
                  );
                })}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </details>
  );
}

/** The tab. `update` changes what the address holds; `now` is fixed at the visit so the period does not move under the manager. */
export function SentimentTab(props: { crm: CrmOperations; url: ReportsUrlState; update: (patch: Partial<ReportsUrlState>) => void; now: Date }) {
  const { crm, url, update } = props;
  const groupBy = url.sentimentGroupBy;
  const filterKey = JSON.stringify(url.filters);
  const { current, previous } = useMemo(() => trendQueries(url.period, groupBy, props.now, url.filters), [url.period, groupBy, props.now, filterKey]);
  const unfiltered = useMemo(() => trendQueries(url.period, groupBy, props.now).current, [url.period, groupBy, props.now]);
  const [loaded, reload] = useLoad<Loaded>(crm, JSON.stringify(current), async () => {
    // Totals over every message come from the grouping that puts each message in one group (a message has one channel).
    const byChannel = { groupBy: "channel" as const };
    const [report, channels, before] = await Promise.all([
      reportsApi.sentimentReport({ ...current, groupBy }),
      groupBy === "channel" ? null : reportsApi.sentimentReport({ ...current, ...byChannel }),
      reportsApi.sentimentReport({ ...previous, ...byChannel }),
    ]);
    return { report, now: periodTotals(channels ?? report), before: periodTotals(before) };
  });
  const groups = useMemo(() => (loaded.state === "loaded" ? loaded.data.report.groups.map((g) => ({ ...g, label: groupName(g, loaded.data.report.groupBy) })).sort((a, b) => b.total.messages - a.total.messages) : []), [loaded]);
  const charted = useMemo(() => groups.slice(0, CHART_GROUPS), [groups]);
  const buckets = useMemo(() => allBuckets(charted), [charted]);
  const lines = useMemo(
    () => trendLines(charted, buckets, (p) => (url.metric === "negative" ? p.negativeShare : p.meanScore)),
    [charted, buckets, url.metric],
  );
  const drillTo = (g: SentimentGroup, bucket?: string): void =>
    update({ drill: { group: groupParam(g.key), bucket, sentiment: url.metric === "negative" ? "negative" : undefined } });

  const controls = (
    <div class="trend-controls">
      <Picker label={TREND_TEXT.groupBy} value={groupBy} values={SENTIMENT_GROUPINGS} names={GROUPING_TEXT} onChange={(v) => update({ sentimentGroupBy: v, drill: null })} testId="sentiment-groupby" />
      <Picker label={TREND_TEXT.metric} value={url.metric} values={["negative", "mean"] as const} names={METRIC_NAMES} onChange={(v) => update({ metric: v })} testId="sentiment-metric" />
      <span class="trend-controls__spacer" />
      <CsvLink href={reportsApi.reportCsvHref("sentiment", current)} testId="sentiment-csv" />
    </div>
  );
  const filterBar = <ReportFilters crm={crm} period={unfiltered} value={url.filters} onChange={(filters) => update({ filters, drill: null })} testId="sentiment-filters" />;

  let body;
  if (loaded.state === "loading") body = <Loading testId="sentiment-loading" label={TREND_TEXT.loading} />;
  else if (loaded.state === "error") body = <ErrorState title={TREND_TEXT.failed} message={loaded.failure.message} onRetry={reload} testId="sentiment-error" />;
  else if (loaded.data.now.messages === 0) body = <EmptyState title={TREND_TEXT.noData} hint={TREND_TEXT.noDataHint} testId="sentiment-empty" />;
  else {
    const { report } = loaded.data;
    body = (
      <>
        <Totals data={loaded.data} period={url.period} />
        <section class="card trend-card" aria-label={`${METRIC_NAMES[url.metric]}, ${GROUPING_TEXT[groupBy]}`}>
          <p class="card__muted trend-card__hint">
            {TREND_TEXT.chartHint} {groups.length > CHART_GROUPS ? TREND_TEXT.chartShown(CHART_GROUPS, groups.length) : ""}
          </p>
          <TrendChart
            buckets={buckets}
            interval={report.interval}
            from={report.from}
            to={report.to}
            lines={lines}
            format={url.metric === "negative" ? shareAxis : scoreAxis}
            range={url.metric === "negative" ? SHARE_RANGE : SCORE_RANGE}
            worst={url.metric === "negative" ? "max" : "min"}
            onPick={(line, bucket) => drillTo(charted[line], buckets[bucket])}
            testId="sentiment-chart"
          />
        </section>
        {url.drill ? <Drill crm={crm} report={report} groups={groups} drill={url.drill} query={current} update={update} /> : null}
        <section class="card trend-card trend-card--table">
          <GroupTable report={report} groups={groups} onDrill={(g) => drillTo(g)} />
          <PointTable report={report} buckets={buckets} groups={charted} metric={url.metric} onDrill={drillTo} />
        </section>
      </>
    );
  }
  return (
    <div class="trend-tab" data-testid="sentiment-tab" data-state={loaded.state === "loaded" && loaded.data.now.messages === 0 ? "empty" : loaded.state}>
      {controls}
      {filterBar}
      {body}
    </div>
  );
}

/** The drill-down of the address's point, titled with its group and bucket, with the count the report gave for it. */
function Drill(props: { crm: CrmOperations; report: SentimentReportDTO; groups: SentimentGroup[]; drill: DrillState; query: reportsApi.TrendQuery; update: (patch: Partial<ReportsUrlState>) => void }) {
  const { report, drill, update } = props;
  const group = drill.group === undefined ? null : props.groups.find((g) => groupParam(g.key) === drill.group) ?? null;
  const point = group && drill.bucket ? group.series.find((p) => p.bucket === drill.bucket) ?? null : null;
  const figures = drill.bucket ? point : group?.total ?? null;
  const title = [group?.label ?? TREND_TEXT.drillAll, drill.bucket ? bucketLabel(drill.bucket, report.interval) : TREND_TEXT.drillWholePeriod].join(" · ");
  const target = { group: drill.group, bucket: drill.bucket, sentiment: drill.sentiment };
  return (
    <DrillPanel
      crm={props.crm}
      query={props.query}
      target={target}
      title={title}
      expected={figures ? labelCount(figures, drill.sentiment) : null}
      onLabel={(sentiment) => update({ drill: { ...drill, sentiment } })}
      onClose={() => update({ drill: null })}
    />
  );
}
