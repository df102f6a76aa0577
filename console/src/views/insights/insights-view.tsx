/**
 * The Insights page (managers and admins): the PCA map coloured by segment, the segment table with each segment's
 * rules, the churn-risk list, escalation drivers, the response model, and a Refresh button that follows the run's progress (docs/insights.md).
 */
import { useCallback, useEffect, useRef, useState } from "preact/hooks";
import type { ChurnCustomerDTO, InsightChurnDTO, InsightRunDTO, InsightSegmentDTO, InsightSegmentsDTO } from "../../../../src/contracts/insights.ts";
import * as insightsApi from "../../api/insights-endpoints.ts";
import type { CrmOperations } from "../../controller/crm-operations.ts";
import { formatDate, formatIntentName, formatNumber, formatShare } from "../../format.ts";
import { INSIGHTS_TEXT } from "../../insights-strings.ts";
import { ErrorState, Loading, useLoad } from "../crm/ui.tsx";
import { CustomerLink, RuleList } from "./insights-parts.tsx";
import { InsightsMap, segmentColor } from "./insights-map.tsx";
import { EscalationCard, ResponseCard } from "./insights-response.tsx";
import "./insights.css";

const decimal = (value: number | null | undefined, digits = 1): string =>
  value === null || value === undefined ? INSIGHTS_TEXT.none : value.toLocaleString(undefined, { maximumFractionDigits: digits });

function SegmentTable(props: { crm: CrmOperations; data: InsightSegmentsDTO }) {
  const { data, crm } = props;
  const names = data.segments.map((s) => s.name);
  const row = (s: InsightSegmentDTO) => [
    <tr key={s.id} data-testid="segment-row" data-segment={s.name}>
      <th scope="row" class="crm-table__name">
        <span class="insights-dot" style={{ background: segmentColor(names, s.name) }} aria-hidden="true" />
        {s.name}
      </th>
      <td>{formatNumber(s.size)}</td>
      <td>{formatShare(s.share)}</td>
      <td>{decimal(s.medians.recencyDays, 0)}</td>
      <td>{decimal(s.medians.orders12m)}</td>
      <td>{decimal(s.medians.spend12m, 2)}</td>
      <td>{s.medians.negativeShare === null || s.medians.negativeShare === undefined ? INSIGHTS_TEXT.none : formatShare(s.medians.negativeShare)}</td>
      <td class="crm-table__wrap">{s.topIntents.map((t) => `${formatIntentName(t.intent)} (${formatNumber(t.customers)})`).join(", ") || INSIGHTS_TEXT.none}</td>
    </tr>,
    <tr key={`${s.id}-rules`} class="insights-rules-row">
      <td colSpan={8} class="crm-table__wrap">
        <div class="insights-rules-head">
          <span class="field__label">{INSIGHTS_TEXT.rules}</span>
          <span class="card__muted" data-testid="segment-accuracy">{INSIGHTS_TEXT.accuracy(formatShare(s.accuracy))}</span>
          <a
            class="crm-link"
            href={`/console/customers?segment=${encodeURIComponent(s.name)}`}
            onClick={(e) => {
              e.preventDefault();
              crm.openCustomers(`?segment=${encodeURIComponent(s.name)}`);
            }}
          >
            {INSIGHTS_TEXT.members}
          </a>
        </div>
        <RuleList rules={s.rules} testId="segment-rules" outcome={INSIGHTS_TEXT.ruleSupport} />
      </td>
    </tr>,
  ];
  return (
    <section class="card reports__card insights-card" aria-labelledby="insights-segments-title" data-testid="insights-segments">
      <h2 class="card__title" id="insights-segments-title">
        {INSIGHTS_TEXT.segmentsTitle}
      </h2>
      {data.k !== null && data.silhouette !== null ? <p class="card__muted">{INSIGHTS_TEXT.segmentsHint(data.k, data.silhouette.toFixed(2))}</p> : null}
      <div class="table-scroll">
        <table class="report-table crm-table">
          <thead>
            <tr>
              <th scope="col">{INSIGHTS_TEXT.segment}</th>
              <th scope="col">{INSIGHTS_TEXT.size}</th>
              <th scope="col">{INSIGHTS_TEXT.share}</th>
              <th scope="col">{INSIGHTS_TEXT.medianRecency}</th>
              <th scope="col">{INSIGHTS_TEXT.medianOrders}</th>
              <th scope="col">{INSIGHTS_TEXT.medianSpend}</th>
              <th scope="col">{INSIGHTS_TEXT.medianNegative}</th>
              <th scope="col">{INSIGHTS_TEXT.topIntents}</th>
            </tr>
          </thead>
          <tbody>{data.segments.flatMap(row)}</tbody>
        </table>
      </div>
      {data.movements.length > 0 ? (
        <p class="card__muted" data-testid="segment-movements">
          {INSIGHTS_TEXT.movements}: {data.movements.map((m) => `${m.from} → ${m.to} (${formatNumber(m.customers)})`).join("; ")}
        </p>
      ) : null}
    </section>
  );
}

type ChurnPages = { first: InsightChurnDTO; rows: ChurnCustomerDTO[]; nextCursor: string | null };

function ChurnCard(props: { crm: CrmOperations; version: number }) {
  const { crm } = props;
  const [sort, setSort] = useState<"-churnRisk" | "churnRisk">("-churnRisk");
  const [more, setMore] = useState<"idle" | "loading" | "failed">("idle");
  const [loaded, reload, set] = useLoad<ChurnPages>(crm, `${sort}:${props.version}`, async () => {
    const first = await insightsApi.getChurn({ sort });
    return { first, rows: first.customers, nextCursor: first.nextCursor };
  });
  const showMore = async () => {
    if (loaded.state !== "loaded" || !loaded.data.nextCursor) return;
    setMore("loading");
    const result = await crm.attempt(() => insightsApi.getChurn({ sort, cursor: loaded.data.nextCursor }));
    if (!result.ok) return setMore("failed");
    setMore("idle");
    set({ ...loaded.data, rows: [...loaded.data.rows, ...result.data.customers], nextCursor: result.data.nextCursor });
  };
  const body = () => {
    if (loaded.state === "loading") return <Loading testId="churn-loading" />;
    if (loaded.state === "error") return <ErrorState title={INSIGHTS_TEXT.failed} message={loaded.failure.message} onRetry={reload} testId="churn-error" />;
    const { first, rows, nextCursor } = loaded.data;
    return (
      <>
        <p class="card__muted">{INSIGHTS_TEXT.churnHint(first.churnDays)}</p>
        {first.model ? (
          <p class="card__muted" data-testid="churn-model">
            {INSIGHTS_TEXT.churnModel(formatNumber(first.model.rows), first.model.auc === null ? INSIGHTS_TEXT.none : first.model.auc.toFixed(2), first.model.accuracy === null ? INSIGHTS_TEXT.none : formatShare(first.model.accuracy))}
          </p>
        ) : null}
        {first.message ? <p class="card__muted">{first.message}</p> : null}
        {first.rules.length > 0 ? (
          <>
            <h3 class="field__label insights-sub">
              {INSIGHTS_TEXT.churnRules}
              {first.rulesAccuracy !== null ? <span class="card__muted"> · {INSIGHTS_TEXT.accuracy(formatShare(first.rulesAccuracy))}</span> : null}
            </h3>
            <RuleList rules={first.rules} testId="churn-rules" outcome={INSIGHTS_TEXT.churnSupport} />
          </>
        ) : null}
        {rows.length === 0 ? (
          <p class="card__muted">{INSIGHTS_TEXT.noChurn}</p>
        ) : (
          <div class="table-scroll">
            <table class="report-table crm-table" data-testid="churn-table">
              <thead>
                <tr>
                  <th scope="col">{INSIGHTS_TEXT.customer}</th>
                  <th scope="col">{INSIGHTS_TEXT.segment}</th>
                  <th scope="col" aria-sort={sort === "-churnRisk" ? "descending" : "ascending"}>
                    <button type="button" class="link insights-sort" title={INSIGHTS_TEXT.sortRisk} onClick={() => setSort(sort === "-churnRisk" ? "churnRisk" : "-churnRisk")} data-testid="churn-sort">
                      {INSIGHTS_TEXT.risk} {sort === "-churnRisk" ? "↓" : "↑"}
                    </button>
                  </th>
                  <th scope="col">{INSIGHTS_TEXT.lastOrder}</th>
                  <th scope="col">{INSIGHTS_TEXT.drivers}</th>
                </tr>
              </thead>
              <tbody>
                {rows.map((c) => (
                  <tr key={c.customerId} data-testid="churn-row" data-customer-id={c.customerId}>
                    <td class="crm-table__name">
                      <CustomerLink crm={crm} id={c.customerId} name={c.name} testId="churn-customer" />
                    </td>
                    <td>{c.segment ?? INSIGHTS_TEXT.none}</td>
                    <td data-testid="churn-risk">
                      <span class="insights-risk">
                        <span class="insights-risk__bar" style={{ width: `${Math.round(c.churnRisk * 100)}%` }} aria-hidden="true" />
                      </span>
                      {formatShare(c.churnRisk)}
                    </td>
                    <td>{c.daysSinceLastOrder === null ? INSIGHTS_TEXT.none : formatNumber(c.daysSinceLastOrder)}</td>
                    <td class="crm-table__wrap">{c.drivers.map((d) => `${d.label}: ${decimal(d.value, 2)}`).join("; ") || INSIGHTS_TEXT.none}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
        {nextCursor ? (
          <div class="pager">
            <button type="button" class="button button--secondary" disabled={more === "loading"} onClick={() => void showMore()} data-testid="churn-more">
              {INSIGHTS_TEXT.more}
            </button>
            {more === "failed" ? <span class="field__error">{INSIGHTS_TEXT.failed}</span> : null}
          </div>
        ) : null}
      </>
    );
  };
  return (
    <section class="card reports__card insights-card" aria-labelledby="insights-churn-title" aria-busy={loaded.state === "loading"} data-testid="insights-churn" data-state={loaded.state}>
      <h2 class="card__title" id="insights-churn-title">
        {INSIGHTS_TEXT.churnTitle}
      </h2>
      {body()}
    </section>
  );
}

/** Follows a run: asks for the status every second until it is done, then reports the finished run. */
function useRunFollower(crm: CrmOperations, onDone: (run: InsightRunDTO) => void): { run: InsightRunDTO | null; follow: (run: InsightRunDTO) => void } {
  const [run, setRun] = useState<InsightRunDTO | null>(null);
  const done = useRef(onDone);
  done.current = onDone;
  const active = run !== null && (run.status === "queued" || run.status === "running");
  const runId = run?.id ?? null;
  useEffect(() => {
    if (!active) return;
    let stopped = false;
    const tick = async () => {
      const result = await crm.attempt(() => insightsApi.getInsightsStatus());
      if (stopped) return;
      const latest = result.ok ? result.data.latest : null;
      if (latest && latest.id === runId) {
        setRun(latest);
        if (latest.status === "succeeded" || latest.status === "failed") {
          done.current(latest);
          return;
        }
      }
      timer = setTimeout(() => void tick(), 1000);
    };
    let timer = setTimeout(() => void tick(), 500);
    return () => {
      stopped = true;
      clearTimeout(timer);
    };
  }, [active, runId, crm]);
  return { run, follow: setRun };
}

/** The page. */
export function InsightsView(props: { crm: CrmOperations }) {
  const { crm } = props;
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => heading.current?.focus(), []);
  const [version, setVersion] = useState(0);
  const [refreshError, setRefreshError] = useState<string | null>(null);
  const [loaded, reload] = useLoad(crm, `insights:${version}`, async () => {
    const [status, segments, map] = await Promise.all([insightsApi.getInsightsStatus(), insightsApi.getSegments(), insightsApi.getMap()]);
    return { status, segments, map };
  });
  const { run, follow } = useRunFollower(
    crm,
    useCallback((finished: InsightRunDTO) => {
      if (finished.status === "failed") setRefreshError(finished.message ?? INSIGHTS_TEXT.refreshFailed);
      setVersion((v) => v + 1);
    }, []),
  );
  // A run already going when the page opens (a schedule, a colleague) is followed too.
  const latest = loaded.state === "loaded" ? loaded.data.status.latest : null;
  useEffect(() => {
    if (latest && (latest.status === "queued" || latest.status === "running") && run === null) follow(latest);
  }, [latest, run, follow]);
  const running = run !== null && (run.status === "queued" || run.status === "running");
  const refresh = async () => {
    setRefreshError(null);
    const result = await crm.attempt(() => insightsApi.refreshInsights());
    if (result.ok) return follow(result.data);
    if (result.failure.code === "INSIGHTS_REFRESH_RUNNING") {
      const status = await crm.attempt(() => insightsApi.getInsightsStatus());
      if (status.ok && status.data.latest) return follow(status.data.latest);
    }
    setRefreshError(result.failure.message);
  };
  const refreshButton = (testId: string) => (
    <button type="button" class="button button--primary" title={INSIGHTS_TEXT.refreshHint} disabled={running} onClick={() => void refresh()} data-testid={testId}>
      {running ? INSIGHTS_TEXT.refreshing : INSIGHTS_TEXT.refresh}
    </button>
  );
  const progress = running && run ? (
    <div class="insights-progress" role="status" aria-live="polite" data-testid="insights-progress">
      <progress max={1} value={run.progress} aria-label={INSIGHTS_TEXT.refreshing} />
      <span>{run.status === "queued" ? INSIGHTS_TEXT.queued : `${INSIGHTS_TEXT.stage}: ${run.stage ?? INSIGHTS_TEXT.none} · ${formatShare(run.progress)}`}</span>
    </div>
  ) : null;
  const content = () => {
    if (loaded.state === "loading") return <Loading testId="insights-loading" />;
    if (loaded.state === "error") return <ErrorState title={INSIGHTS_TEXT.failed} message={loaded.failure.message} onRetry={reload} testId="insights-error" />;
    const { segments, map, status } = loaded.data;
    if (segments.runId === null) {
      return (
        <section class="card reports__card">
          <div class="empty" data-testid="insights-empty">
            <p class="empty__title">{INSIGHTS_TEXT.emptyTitle}</p>
            <p class="empty__hint">{INSIGHTS_TEXT.emptyHint}</p>
            <div class="empty__action">{refreshButton("insights-empty-refresh")}</div>
          </div>
        </section>
      );
    }
    const names = segments.segments.map((s) => s.name);
    return (
      <>
        <p class="reports__summary" data-testid="insights-computed">
          {INSIGHTS_TEXT.lastRun} {status.lastSucceeded?.finishedAt ? formatDate(status.lastSucceeded.finishedAt) : segments.computedAt ? formatDate(segments.computedAt) : ""} · {formatNumber(segments.customers)} {INSIGHTS_TEXT.size.toLowerCase()}
        </p>
        {[segments.message, ...segments.notes].filter((m): m is string => !!m).map((m) => (
          <p class="card__muted" key={m}>
            {m}
          </p>
        ))}
        <section class="card reports__card insights-card" aria-labelledby="insights-map-title">
          <h2 class="card__title" id="insights-map-title">
            {INSIGHTS_TEXT.mapTitle}
          </h2>
          <p class="card__muted">{INSIGHTS_TEXT.mapHint}</p>
          {map.points.length > 0 ? <InsightsMap map={map} segments={names} onOpen={crm.openCustomer} /> : <p class="card__muted">{map.message ?? INSIGHTS_TEXT.none}</p>}
        </section>
        {segments.segments.length > 0 ? <SegmentTable crm={crm} data={segments} /> : null}
        <ChurnCard crm={crm} version={version} />
        <EscalationCard crm={crm} version={version} />
        <ResponseCard crm={crm} version={version} />
      </>
    );
  };
  return (
    <main class="reports" data-testid="insights-view" data-state={loaded.state}>
      <div class="reports__inner crm-page insights-page">
        <div class="reports__head">
          <div>
            <h1 class="reports__title" tabIndex={-1} ref={heading}>
              {INSIGHTS_TEXT.title}
            </h1>
            <p class="reports__summary">{INSIGHTS_TEXT.summary}</p>
          </div>
          <div class="crm-actions">
            {progress}
            {refreshButton("insights-refresh")}
          </div>
        </div>
        {refreshError ? (
          <p class="field__error" role="alert" data-testid="insights-refresh-error">
            {INSIGHTS_TEXT.refreshFailed}: {refreshError}
          </p>
        ) : null}
        {content()}
      </div>
    </main>
  );
}
