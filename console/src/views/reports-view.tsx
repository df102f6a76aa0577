/** The reports page: the top topics of customer messages over a chosen period, with its loading, empty and error states. */
import { useEffect, useRef } from "preact/hooks";
import type { TopicsReportDTO } from "../../../src/contracts/api.ts";
import type { ReportOperations } from "../controller/report-operations.ts";
import { formatCount, formatDateRange } from "../format.ts";
import { REPORT_PERIODS } from "../store/reports.ts";
import type { ReportPeriod, ReportState } from "../store/types.ts";
import { REPORTS_TEXT } from "../strings.ts";
import { EmptyState } from "./common.tsx";
import { TopicsSkeleton, TopicsTable } from "./topics-table.tsx";

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
      return <EmptyState title={REPORTS_TEXT.noTopics} hint={REPORTS_TEXT.noTopicsHint} testId="report-no-topics" />;
    case "topics":
      return <TopicsTable topics={state.report?.topics ?? []} />;
  }
}

/** The "Top topics" page with its period picker and a way back to the inbox. */
export function ReportsView(props: { report: ReportState; ops: ReportOperations }) {
  const { report: state, ops } = props;
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    // Tells keyboard and screen-reader users that the page changed, and starts their Tab order here.
    heading.current?.focus();
  }, []);
  const stale = state.loading && state.report !== null;
  // After a failure the last report belongs to another request, so its summary would mislead.
  const shown = state.error && !state.loading ? null : state.report;
  const line = shown ? summary(shown) : state.loading ? REPORTS_TEXT.loading : "";
  return (
    <main class="reports" data-testid="reports-view" data-period={state.period}>
      <div class="reports__inner">
        <button type="button" class="link reports__back" onClick={() => void ops.showPage("inbox")} data-testid="reports-back">
          <span aria-hidden="true">←</span> {REPORTS_TEXT.back}
        </button>
        <div class="reports__head">
          <div>
            <h1 class="reports__title" tabIndex={-1} ref={heading}>
              {REPORTS_TEXT.title}
            </h1>
            <p class={`reports__summary${stale ? " reports__summary--stale" : ""}`} aria-live="polite" data-testid="report-summary">
              {line}
            </p>
          </div>
          <PeriodPicker period={state.period} onChange={(p) => void ops.setReportPeriod(p)} />
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
    </main>
  );
}
