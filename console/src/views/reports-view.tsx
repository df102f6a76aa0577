/** The Reports area: the sentiment, service and topics reports, each with its loading, empty and error states. */
import { useEffect, useRef, useState } from "preact/hooks";
import type { TopicsReportDTO } from "../../../src/contracts/api.ts";
import type { CrmOperations } from "../controller/crm-operations.ts";
import type { ReportOperations } from "../controller/report-operations.ts";
import { formatCount, formatDateRange } from "../format.ts";
import { REPORT_TOPICS } from "../api/endpoints.ts";
import { topicsCsvHref } from "../api/report-endpoints.ts";
import { REPORT_PERIODS, reportRange } from "../store/reports.ts";
import type { ReportPeriod, ReportState } from "../store/types.ts";
import { ALERT_TEXT, TREND_TEXT } from "../reports-strings.ts";
import { CHANNEL_NAMES, ERROR_TEXT, REPORTS_TEXT } from "../strings.ts";
import { EmptyState } from "./common.tsx";
import { CsvLink, TrendPeriodPicker } from "./reports/report-controls.tsx";
import { parseReportsSearch, REPORT_TABS, reportsSearch, type ReportsUrlState, type ReportTab } from "./reports/report-query.ts";
import "./reports/reports.css";
import { ErrorState, Loading } from "./crm/ui.tsx";
import { useLazyPages } from "./use-lazy-pages.ts";
import { TopicsSkeleton, TopicsTable, WithoutTopicTable } from "./topics-table.tsx";

const PERIOD_TEXT: Record<ReportPeriod, string> = { 7: REPORTS_TEXT.last7, 30: REPORTS_TEXT.last30, 90: REPORTS_TEXT.last90 };

/** What the report area shows, also exposed as data-state for tests. */
type BodyState = "loading" | "error" | "no-messages" | "no-topics" | "topics";

function bodyState(state: ReportState): BodyState {
  if (state.error && !state.loading) return "error";
  if (!state.report) return "loading";
  if (state.report.messages === 0) return "no-messages";
  return state.report.topics.length === 0 ? "no-topics" : "topics";
}

function summary(report: TopicsReportDTO): string {
  const count = formatCount(report.messages, REPORTS_TEXT.messageOne, REPORTS_TEXT.messageMany);
  return `${count}, ${formatDateRange(report.from, report.to)}`;
}

function PeriodPicker(props: { period: ReportPeriod; onChange: (period: ReportPeriod) => void }) {
  return (
    <div class="segmented" role="group" aria-label={REPORTS_TEXT.period} data-testid="report-period">
      {REPORT_PERIODS.map((p) => (
        <button
          type="button"
          class={`segmented__item${props.period === p ? " segmented__item--active" : ""}`}
          aria-pressed={props.period === p}
          onClick={() => props.onChange(p)}
          data-testid={`report-period-${p}`}
        >
          {PERIOD_TEXT[p]}
        </button>
      ))}
    </div>
  );
}

function ReportError(props: { message: string; onRetry: () => void }) {
  return (
    <div class="empty" role="alert" data-testid="report-error">
      <div class="empty__icon empty__icon--error" aria-hidden="true">
        !
      </div>
      <p class="empty__title">{REPORTS_TEXT.failed}</p>
      <p class="empty__hint" data-testid="report-error-message">
        {props.message}
      </p>
      <button type="button" class="button button--secondary empty__action" onClick={props.onRetry} data-testid="report-retry">
        {REPORTS_TEXT.retry}
      </button>
    </div>
  );
}

function ReportBody(props: { state: ReportState; onRetry: () => void }) {
  const { state } = props;
  switch (bodyState(state)) {
    case "error":
      return <ReportError message={state.error ?? ""} onRetry={props.onRetry} />;
    case "loading":
      return <TopicsSkeleton />;
    case "no-messages":
      return <EmptyState title={REPORTS_TEXT.noMessages} hint={REPORTS_TEXT.noMessagesHint} testId="report-empty" />;
    case "no-topics":
      return (
        <>
          <EmptyState title={REPORTS_TEXT.noTopics} hint={REPORTS_TEXT.noTopicsHint} testId="report-no-topics" />
          <WithoutTopicTable rows={state.report?.withoutTopic ?? []} />
        </>
      );
    case "topics":
      return (
        <>
          <TopicsTable topics={state.report?.topics ?? []} />
          <WithoutTopicTable rows={state.report?.withoutTopic ?? []} />
        </>
      );
  }
}

/** The Topics tab: the top topics for 7, 30 or 90 days, with its period picker and summary. */
function TopicsPanel(props: { report: ReportState; ops: ReportOperations }) {
  const { report: state, ops } = props;
  const stale = state.loading && state.report !== null;
  // After a failure the last report belongs to another request, so its summary would mislead.
  const shown = state.error && !state.loading ? null : state.report;
  const line = shown ? summary(shown) : state.loading ? REPORTS_TEXT.loading : "";
  return (
    <div class="trend-tab" data-period={state.period}>
      <div class="reports__head">
        <div>
          <h2 class="reports__subtitle">{REPORTS_TEXT.title}</h2>
          <p class={`reports__summary${stale ? " reports__summary--stale" : ""}`} aria-live="polite" data-testid="report-summary">
            {line}
          </p>
        </div>
        <div class="trend-controls">
          <label class="field trend-picker">
            <span class="field__label">{TREND_TEXT.channel}</span>
            <select class="select" value={state.channel ?? ""} onChange={(e) => void ops.setReportChannel(e.currentTarget.value || null)} data-testid="report-channel">
              <option value="">{TREND_TEXT.allChannels}</option>
              {Object.entries(CHANNEL_NAMES).map(([key, name]) => (
                <option key={key} value={key}>
                  {name}
                </option>
              ))}
            </select>
          </label>
          <PeriodPicker period={state.period} onChange={(p) => void ops.setReportPeriod(p)} />
          <CsvLink href={topicsCsvHref(reportRange(state.period, new Date()), state.channel, REPORT_TOPICS)} testId="topics-csv" />
        </div>
      </div>
      <section
        class={`card reports__card${stale ? " reports__card--stale" : ""}`}
        aria-label={REPORTS_TEXT.title}
        aria-busy={state.loading}
        data-testid="report-body"
        data-state={state.loading ? "loading" : bodyState(state)}
      >
        <ReportBody state={state} onRetry={() => void ops.reloadReport()} />
      </section>
    </div>
  );
}

// The Sentiment, Service and Alerts tabs' own chunk (uPlot comes with the charts on demand).
const importTrendPages = () => import("./reports/pages.ts");

const TAB_NAMES: Record<ReportTab, string> = { sentiment: TREND_TEXT.tabSentiment, service: TREND_TEXT.tabService, alerts: ALERT_TEXT.tab, topics: TREND_TEXT.tabTopics };

/** The tabs as a tablist: arrows move between them, as in any tab strip. */
function Tabs(props: { tab: ReportTab; onChange: (tab: ReportTab) => void }) {
  const move = (e: KeyboardEvent): void => {
    const step = e.key === "ArrowRight" ? 1 : e.key === "ArrowLeft" ? -1 : 0;
    if (step === 0) return;
    e.preventDefault();
    const next = REPORT_TABS[(REPORT_TABS.indexOf(props.tab) + step + REPORT_TABS.length) % REPORT_TABS.length];
    props.onChange(next);
    document.getElementById(`report-tab-${next}`)?.focus();
  };
  return (
    <div class="report-tabs" role="tablist" aria-label={TREND_TEXT.tabs} onKeyDown={move}>
      {REPORT_TABS.map((t) => (
        <button
          type="button"
          role="tab"
          key={t}
          id={`report-tab-${t}`}
          aria-selected={props.tab === t}
          aria-controls="report-panel"
          tabIndex={props.tab === t ? 0 : -1}
          class={`report-tabs__tab${props.tab === t ? " report-tabs__tab--active" : ""}`}
          onClick={() => props.onChange(t)}
          data-testid={`report-tab-${t}`}
        >
          {TAB_NAMES[t]}
        </button>
      ))}
    </div>
  );
}

/**
 * The Reports area: Sentiment (chart, totals against the previous period, drill-down), Service, Alerts and Topics tabs, its
 * state in the address (`search`, kept by `setReportsSearch`), and a way back to the inbox.
 */
export function ReportsView(props: { report: ReportState; ops: ReportOperations & { crm: CrmOperations }; search: string }) {
  const { report: state, ops, search } = props;
  const heading = useRef<HTMLHeadingElement>(null);
  // Fixed at the visit: "the last 30 days" do not shift while the page is open.
  const [now] = useState(() => new Date());
  // The address holds the shown tab's grouping only; the other tab's is remembered for the visit.
  const groupings = useRef<Pick<ReportsUrlState, "sentimentGroupBy" | "serviceGroupBy">>({ sentimentGroupBy: "channel", serviceGroupBy: "channel" });
  const parsed = parseReportsSearch(search);
  if (parsed.tab === "sentiment") groupings.current.sentimentGroupBy = parsed.sentimentGroupBy;
  if (parsed.tab === "service") groupings.current.serviceGroupBy = parsed.serviceGroupBy;
  const url = { ...parsed, ...groupings.current };
  const linkedDrill = url.drill !== null || url.alertDrill !== null;
  useEffect(() => {
    // Tells keyboard and screen-reader users that the page changed, and starts their Tab order here; a shared link to
    // a drill-down leaves the focus on the drill-down's heading instead (it takes it when its messages show).
    if (!linkedDrill) heading.current?.focus();
  }, []);
  const trend = useLazyPages(importTrendPages, url.tab !== "topics");
  const update = (patch: Partial<ReportsUrlState>): void => ops.crm.setReportsSearch(reportsSearch({ ...url, ...patch }));
  return (
    <main class="reports" data-testid="reports-view" data-tab={url.tab} data-period={state.period}>
      <div class="reports__inner reports__inner--wide">
        <button type="button" class="link reports__back" onClick={() => void ops.showPage("inbox")} data-testid="reports-back">
          <span aria-hidden="true">←</span> {REPORTS_TEXT.back}
        </button>
        <div class="reports__head">
          <h1 class="reports__title" tabIndex={-1} ref={heading}>
            {TREND_TEXT.area}
          </h1>
          {url.tab === "sentiment" || url.tab === "service" ? <TrendPeriodPicker period={url.period} onChange={(period) => update({ period, drill: null })} /> : null}
        </div>
        <Tabs
          tab={url.tab}
          onChange={(tab) => {
            update({ tab, drill: null, alertDrill: null });
            // Customers kept writing since the visit began: the topics are asked again, as the other tabs are.
            if (tab === "topics") void ops.reloadReport();
          }}
        />
        <div id="report-panel" role="tabpanel" aria-labelledby={`report-tab-${url.tab}`}>
          {url.tab !== "topics" && !trend.pages ? (
            trend.failed ? <ErrorState title={ERROR_TEXT.unexpected} message={ERROR_TEXT.network} onRetry={() => location.reload()} /> : <Loading />
          ) : null}
          {url.tab === "sentiment" && trend.pages ? <trend.pages.SentimentTab crm={ops.crm} url={url} update={update} now={now} /> : null}
          {url.tab === "service" && trend.pages ? <trend.pages.ServiceTab crm={ops.crm} url={url} update={update} now={now} /> : null}
          {url.tab === "alerts" && trend.pages ? <trend.pages.AlertsTab crm={ops.crm} url={url} update={update} /> : null}
          {url.tab === "topics" ? <TopicsPanel report={state} ops={ops} /> : null}
        </div>
      </div>
    </main>
  );
}
