/**
 * The Service tab: conversations, the bot's contained share, hand-offs, first response and resolution (p50 / p90),
 * reopens, SLA breaches, tickets by status and priority and each group's workload, over the period and against the
 * previous one; CSAT (answers, mean, share satisfied; its correlation with sentiment and the disagreements); a line per
 * group and the figures as tables.
 */
import { useMemo, useState } from "preact/hooks";
import type { CsatFigures, CsatReportDTO, ServiceFigures, ServiceGroup, ServiceReportDTO } from "../../../../src/contracts/reports.ts";
import * as reportsApi from "../../api/report-endpoints.ts";
import type { CrmOperations } from "../../controller/crm-operations.ts";
import { formatNumber, formatShare } from "../../format.ts";
import { CSAT_TEXT, GROUPING_TEXT, TREND_TEXT } from "../../reports-strings.ts";
import { EmptyState } from "../common.tsx";
import { ErrorState, Loading, useLoad } from "../crm/ui.tsx";
import { CsatSection } from "./csat-section.tsx";
import { CsvLink, Picker, Tile, Tiles } from "./report-controls.tsx";
import { allBuckets, groupName, formatChange, formatDuration, SERIES_COLORS } from "./report-figures.ts";
import { SERVICE_GROUPINGS, trendQueries, type ReportsUrlState } from "./report-query.ts";
import { ReportFilters } from "./report-filters.tsx";
import { TrendChart, trendLines } from "./trend-chart.tsx";

type ServiceMetric = "conversations" | "contained" | "firstResponse";
const METRICS: readonly ServiceMetric[] = ["conversations", "contained", "firstResponse"];
const METRIC_NAMES: Record<ServiceMetric, string> = { conversations: TREND_TEXT.serviceConversations, contained: TREND_TEXT.contained, firstResponse: TREND_TEXT.serviceFirstResponse };
const COUNT_RANGE: [number, number] = [0, 1];
const SHARE_RANGE: [number, number] = [0, 1];
const countAxis = (v: number): string => formatNumber(v);
const shareAxis = (v: number): string => `${Math.round(v * 100)}%`;
const durationAxis = (v: number): string => formatDuration(v);
const share = (v: number | null): string => (v === null ? TREND_TEXT.none : formatShare(v));

function metricOf(f: ServiceFigures, metric: ServiceMetric): number | null {
  if (metric === "conversations") return f.conversations;
  return metric === "contained" ? f.containedShare : f.firstResponse.p50;
}

/** The period's counts over every group (each conversation and ticket is in one group). */
function sums(report: ServiceReportDTO): { conversations: number; contained: number; handoffs: number; resolutions: number; reopened: number; breaches: number } {
  const t = report.groups.map((g) => g.total);
  const add = (pick: (f: ServiceFigures) => number): number => t.reduce((n, f) => n + pick(f), 0);
  return {
    conversations: add((f) => f.conversations),
    contained: add((f) => f.contained),
    handoffs: add((f) => f.handoffs),
    resolutions: add((f) => f.resolutions),
    reopened: add((f) => f.reopened),
    breaches: report.slaBreaches.total,
  };
}

type Loaded = { report: ServiceReportDTO; before: ServiceReportDTO; csat: CsatReportDTO };

/** A mean CSAT score out of 5 ("4.2"). */
const csatScore = (v: number | null): string => (v === null ? TREND_TEXT.none : v.toFixed(1));

/** A group's CSAT in one cell: its mean and how many answers ("4.5 (2)"). */
const csatCell = (c: CsatFigures): string => (c.responses === 0 ? TREND_TEXT.none : `${csatScore(c.meanScore)} (${formatNumber(c.responses)})`);

function CsatTiles(props: { now: CsatFigures; before: CsatFigures; period: ReportsUrlState["period"] }) {
  const { now, before } = props;
  const had = before.responses > 0;
  return (
    <Tiles busy={false} testId="csat-totals">
      <Tile label={CSAT_TEXT.responses} value={formatNumber(now.responses)} change={had ? formatChange(now.responses, before.responses, "count") : null} period={props.period} testId="csat-responses" />
      <Tile label={CSAT_TEXT.meanScore} value={csatScore(now.meanScore)} hint={CSAT_TEXT.meanScoreHint} change={had ? formatChange(now.meanScore, before.meanScore, "score") : null} bad={now.meanScore !== null && before.meanScore !== null && now.meanScore < before.meanScore} period={props.period} testId="csat-mean" />
      <Tile label={CSAT_TEXT.satisfied} value={share(now.satisfiedShare)} hint={CSAT_TEXT.satisfiedHint} change={had ? formatChange(now.satisfiedShare, before.satisfiedShare, "share") : null} bad={now.satisfiedShare !== null && before.satisfiedShare !== null && now.satisfiedShare < before.satisfiedShare} period={props.period} testId="csat-satisfied" />
    </Tiles>
  );
}

function Totals(props: { data: Loaded; period: ReportsUrlState["period"] }) {
  const now = sums(props.data.report);
  const before = sums(props.data.before);
  const had = before.conversations > 0 || before.handoffs > 0;
  const rate = (a: number, b: number): number | null => (b === 0 ? null : a / b);
  const containedNow = rate(now.contained, now.conversations);
  const containedBefore = rate(before.contained, before.conversations);
  return (
    <Tiles busy={false} testId="service-totals">
      <Tile label={TREND_TEXT.conversations} value={formatNumber(now.conversations)} change={had ? formatChange(now.conversations, before.conversations, "count") : null} period={props.period} testId="service-conversations" />
      <Tile label={TREND_TEXT.contained} value={share(containedNow)} hint={TREND_TEXT.containedHint} change={had ? formatChange(containedNow, containedBefore, "share") : null} period={props.period} testId="service-contained" />
      <Tile label={TREND_TEXT.handoffs} value={formatNumber(now.handoffs)} change={had ? formatChange(now.handoffs, before.handoffs, "count") : null} period={props.period} testId="service-handoffs" />
      <Tile label={TREND_TEXT.reopenRate} value={share(rate(now.reopened, now.resolutions))} period={props.period} testId="service-reopened" />
      <Tile label={TREND_TEXT.slaBreaches} value={formatNumber(now.breaches)} change={had ? formatChange(now.breaches, before.breaches, "count") : null} bad={now.breaches > before.breaches} period={props.period} testId="service-breaches" />
    </Tiles>
  );
}

function ServiceTables(props: { report: ServiceReportDTO; groups: ServiceGroup[] }) {
  const label = GROUPING_TEXT[props.report.groupBy];
  const pair = (p: { p50: number | null; p90: number | null }): string => `${formatDuration(p.p50)} / ${formatDuration(p.p90)}`;
  return (
    <>
      <div class="table-scroll">
        <table class="report-table trend-table" data-testid="service-table">
          <thead>
            <tr>
              <th scope="col">{label}</th>
              <th scope="col" class="num">{TREND_TEXT.conversations}</th>
              <th scope="col" class="num" title={TREND_TEXT.containedHint}>{TREND_TEXT.contained}</th>
              <th scope="col" class="num">{TREND_TEXT.handoffs}</th>
              <th scope="col" class="num" title={TREND_TEXT.firstResponseHint}>{TREND_TEXT.firstResponse}</th>
              <th scope="col" class="num" title={TREND_TEXT.resolutionHint}>{TREND_TEXT.resolution}</th>
              <th scope="col" class="num">{TREND_TEXT.reopenRate}</th>
              <th scope="col" class="num">{TREND_TEXT.slaBreaches}</th>
              <th scope="col" class="num" title={CSAT_TEXT.columnHint}>{CSAT_TEXT.column}</th>
            </tr>
          </thead>
          <tbody>
            {props.groups.map((g) => (
              <tr key={g.key ?? ""} data-testid="service-row" data-label={g.label}>
                <th scope="row" class="trend-table__group">{g.label}</th>
                <td class="num" data-testid="service-row-conversations">{formatNumber(g.total.conversations)}</td>
                <td class="num" data-testid="service-row-contained">{share(g.total.containedShare)}</td>
                <td class="num">{formatNumber(g.total.handoffs)}</td>
                <td class="num" data-testid="service-row-first-response">{pair(g.total.firstResponse)}</td>
                <td class="num" data-testid="service-row-resolution">{pair(g.total.resolution)}</td>
                <td class="num">{share(g.total.reopenRate)}</td>
                <td class="num" data-testid="service-row-breaches">{formatNumber(g.total.slaBreaches.total)}</td>
                <td class="num" data-testid="service-row-csat">{csatCell(g.total.csat)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <div class="table-scroll">
        <table class="report-table trend-table" data-testid="workload-table">
          <thead>
            <tr>
              <th scope="col">{label}</th>
              <th scope="col">{TREND_TEXT.byStatus}</th>
              <th scope="col">{TREND_TEXT.byPriority}</th>
              <th scope="col" class="num">{TREND_TEXT.assigned}</th>
              <th scope="col" class="num">{TREND_TEXT.resolved}</th>
              <th scope="col" class="num">{TREND_TEXT.handle}</th>
            </tr>
          </thead>
          <tbody>
            {props.groups.map((g) => {
              const s = g.total.ticketsByStatus;
              const p = g.total.ticketsByPriority;
              return (
                <tr key={g.key ?? ""} data-testid="workload-row" data-label={g.label}>
                  <th scope="row" class="trend-table__group">{g.label}</th>
                  <td data-testid="workload-status">{`open ${s.open} · pending ${s.pending} · resolved ${s.resolved}`}</td>
                  <td data-testid="workload-priority">{`urgent ${p.urgent} · high ${p.high} · normal ${p.normal} · low ${p.low}`}</td>
                  <td class="num" data-testid="workload-assigned">{formatNumber(g.total.assigned)}</td>
                  <td class="num" data-testid="workload-resolved">{formatNumber(g.total.resolved)}</td>
                  <td class="num">{formatDuration(g.total.medianHandleSeconds)}</td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
    </>
  );
}

/** The tab; what it plots is local to the visit, the period and grouping are in the address. */
export function ServiceTab(props: { crm: CrmOperations; url: ReportsUrlState; update: (patch: Partial<ReportsUrlState>) => void; now: Date }) {
  const { crm, url, update } = props;
  const [metric, setMetric] = useState<ServiceMetric>("conversations");
  const groupBy = url.serviceGroupBy;
  const filterKey = JSON.stringify(url.filters);
  const { current, previous } = useMemo(() => trendQueries(url.period, groupBy, props.now, url.filters), [url.period, groupBy, props.now, filterKey]);
  const unfiltered = useMemo(() => trendQueries(url.period, groupBy, props.now).current, [url.period, groupBy, props.now]);
  const [loaded, reload] = useLoad<Loaded>(crm, JSON.stringify(current), async () => {
    const [report, before, csat] = await Promise.all([
      reportsApi.serviceReport({ ...current, groupBy }),
      reportsApi.serviceReport({ ...previous, groupBy }),
      reportsApi.csatReport({ ...current, groupBy }),
    ]);
    return { report, before, csat };
  });
  const groups = useMemo(() => (loaded.state === "loaded" ? loaded.data.report.groups.map((g) => ({ ...g, label: groupName(g, loaded.data.report.groupBy) })).sort((a, b) => b.total.conversations + b.total.handoffs - (a.total.conversations + a.total.handoffs)) : []), [loaded]);
  const charted = useMemo(() => groups.slice(0, SERIES_COLORS.length), [groups]);
  const buckets = useMemo(() => allBuckets(charted), [charted]);
  const lines = useMemo(
    () => trendLines(charted, buckets, (p) => metricOf(p, metric)),
    [charted, buckets, metric],
  );
  const empty = loaded.state === "loaded" && groups.every((g) => g.total.conversations === 0 && g.total.handoffs === 0 && g.total.resolutions === 0 && g.total.assigned === 0 && g.total.csat.responses === 0);
  let body;
  if (loaded.state === "loading") body = <Loading testId="service-loading" label={TREND_TEXT.loading} />;
  else if (loaded.state === "error") body = <ErrorState title={TREND_TEXT.failed} message={loaded.failure.message} onRetry={reload} testId="service-error" />;
  else if (empty) body = <EmptyState title={TREND_TEXT.noService} hint={TREND_TEXT.noServiceHint} testId="service-empty" />;
  else {
    const { report } = loaded.data;
    body = (
      <>
        <Totals data={loaded.data} period={url.period} />
        <CsatTiles now={report.csat} before={loaded.data.before.csat} period={url.period} />
        <section class="card trend-card" aria-label={`${METRIC_NAMES[metric]}, ${GROUPING_TEXT[groupBy]}`}>
          <p class="card__muted trend-card__hint">{TREND_TEXT.serviceChartHint}</p>
          <TrendChart
            buckets={buckets}
            interval={report.interval}
            from={report.from}
            to={report.to}
            integer={metric === "conversations"}
            lines={lines}
            format={metric === "conversations" ? countAxis : metric === "contained" ? shareAxis : durationAxis}
            range={metric === "contained" ? SHARE_RANGE : COUNT_RANGE}
            testId="service-chart"
          />
        </section>
        <section class="card trend-card trend-card--table">
          <ServiceTables report={report} groups={groups} />
        </section>
        <CsatSection crm={crm} csat={loaded.data.csat} csvHref={reportsApi.reportCsvHref("csat", unfiltered)} filtered={Object.keys(url.filters).length > 0} />
      </>
    );
  }
  return (
    <div class="trend-tab" data-testid="service-tab" data-state={empty ? "empty" : loaded.state}>
      <div class="trend-controls">
        <Picker label={TREND_TEXT.groupBy} value={groupBy} values={SERVICE_GROUPINGS} names={GROUPING_TEXT} onChange={(v) => update({ serviceGroupBy: v })} testId="service-groupby" />
        <Picker label={TREND_TEXT.serviceMetric} value={metric} values={METRICS} names={METRIC_NAMES} onChange={setMetric} testId="service-metric" />
        <span class="trend-controls__spacer" />
        <CsvLink href={reportsApi.reportCsvHref("service", current)} testId="service-csv" />
      </div>
      <ReportFilters crm={crm} period={unfiltered} value={url.filters} onChange={(filters) => update({ filters })} testId="service-filters" />
      {body}
    </div>
  );
}
