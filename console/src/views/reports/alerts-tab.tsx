/**
 * The Alerts tab: the negative-sentiment spikes the alert scan raised (open or acknowledged, newest first, 25 a page),
 * each with its share against its threshold, an Acknowledge button while open, and the messages behind it in the
 * drill-down panel (its window, scope and key, negative by default).
 */
import { useRef, useState } from "preact/hooks";
import type { AlertDTO } from "../../../../src/contracts/reports.ts";
import * as reportsApi from "../../api/report-endpoints.ts";
import type { CrmOperations } from "../../controller/crm-operations.ts";
import { formatClock, formatDate, formatNumber, formatShare } from "../../format.ts";
import { ALERT_TEXT } from "../../reports-strings.ts";
import { EmptyState } from "../common.tsx";
import { ErrorState, Loading, useLoad } from "../crm/ui.tsx";
import { DrillPanel } from "./drill-panel.tsx";
import { LoadMore } from "./report-controls.tsx";
import type { AlertStatus, ReportsUrlState } from "./report-query.ts";

type Pages = { items: AlertDTO[]; nextCursor: string | null };

const STATUSES: readonly AlertStatus[] = ["open", "acknowledged"];
const when = (iso: string): string => `${formatDate(iso)} ${formatClock(iso)}`;

function AlertRow(props: { alert: AlertDTO; busy: boolean; onAcknowledge: () => void; onDrill: () => void; open: boolean }) {
  const { alert: a } = props;
  return (
    <tr data-testid="alert-row" data-id={a.id} data-scope={a.scope} data-key={a.key} aria-current={props.open ? "true" : undefined}>
      <td data-testid="alert-scope">{ALERT_TEXT.scope[a.scope]}</td>
      <th scope="row" class="trend-table__group" data-testid="alert-label" title={a.label === a.key ? undefined : a.key}>
        {a.label}
      </th>
      <td class="num" data-testid="alert-share">
        {ALERT_TEXT.shareVsThreshold(formatShare(a.share), formatShare(a.threshold))}
      </td>
      <td class="num" data-testid="alert-volume">{`${formatNumber(a.negative)} / ${formatNumber(a.volume)}`}</td>
      <td data-testid="alert-raised">{when(a.raisedAt)}</td>
      <td data-testid="alert-state">
        {a.acknowledgedAt ? ALERT_TEXT.acknowledgedAt(when(a.acknowledgedAt)) : a.endedAt ? ALERT_TEXT.endedAt(when(a.endedAt)) : ALERT_TEXT.ongoing}
      </td>
      <td class="alerts__actions">
        <button type="button" class="link" onClick={props.onDrill} data-testid="alert-drill">
          {ALERT_TEXT.messages}
        </button>
        {a.status === "open" ? (
          <button type="button" class="button button--secondary button--small" onClick={props.onAcknowledge} disabled={props.busy} data-testid="alert-acknowledge">
            {props.busy ? ALERT_TEXT.acknowledging : ALERT_TEXT.acknowledge}
          </button>
        ) : null}
      </td>
    </tr>
  );
}

/** The tab; the list shown and the open drill-down are in the address (`status=acknowledged`, `alert=<id>`). */
export function AlertsTab(props: { crm: CrmOperations; url: ReportsUrlState; update: (patch: Partial<ReportsUrlState>) => void }) {
  const { crm, url, update } = props;
  const status = url.alertStatus;
  const [loaded, reload, set] = useLoad<Pages>(crm, status, () => reportsApi.reportAlerts(status, null));
  const [busy, setBusy] = useState<string | null>(null);
  const [more, setMore] = useState<"idle" | "loading" | "failed">("idle");
  const [notice, setNotice] = useState<string | null>(null);
  const table = useRef<HTMLTableElement>(null);

  const acknowledge = async (a: AlertDTO, index: number): Promise<void> => {
    if (loaded.state !== "loaded") return;
    setBusy(a.id);
    const result = await crm.attempt(() => reportsApi.acknowledgeAlert(a.id));
    setBusy(null);
    if (!result.ok) return setNotice(ALERT_TEXT.acknowledgeFailed(result.failure.message));
    const items = loaded.data.items.filter((x) => x.id !== a.id);
    set({ ...loaded.data, items });
    setNotice(ALERT_TEXT.acknowledged(a.label));
    // The keyboard stays in the list: on the next alert's button, else the previous one's, else the list's heading.
    requestAnimationFrame(() => {
      const buttons = table.current?.querySelectorAll<HTMLButtonElement>("[data-testid=alert-acknowledge]");
      const next = buttons?.[Math.min(index, (buttons?.length ?? 1) - 1)];
      (next ?? document.getElementById("alerts-title"))?.focus();
    });
  };
  const loadMore = async (): Promise<void> => {
    if (loaded.state !== "loaded" || !loaded.data.nextCursor) return;
    setMore("loading");
    const result = await crm.attempt(() => reportsApi.reportAlerts(status, loaded.data.nextCursor));
    if (!result.ok) return setMore("failed");
    setMore("idle");
    set({ items: [...loaded.data.items, ...result.data.items], nextCursor: result.data.nextCursor });
  };

  const drilled = url.alertDrill && loaded.state === "loaded" ? loaded.data.items.find((a) => a.id === url.alertDrill?.id) ?? null : null;
  let body;
  if (loaded.state === "loading") body = <Loading testId="alerts-loading" label={ALERT_TEXT.loading} />;
  else if (loaded.state === "error") body = <ErrorState title={ALERT_TEXT.failed} message={loaded.failure.message} onRetry={reload} testId="alerts-error" />;
  else if (loaded.data.items.length === 0) body = <EmptyState title={ALERT_TEXT.empty[status]} hint={ALERT_TEXT.emptyHint} testId="alerts-empty" />;
  else {
    body = (
      <>
        <div class="table-scroll">
          <table class="report-table trend-table" ref={table} data-testid="alerts-table">
            <thead>
              <tr>
                <th scope="col">{ALERT_TEXT.scopeColumn}</th>
                <th scope="col">{ALERT_TEXT.name}</th>
                <th scope="col" class="num" title={ALERT_TEXT.shareHint}>{ALERT_TEXT.share}</th>
                <th scope="col" class="num">{ALERT_TEXT.negativeOfVolume}</th>
                <th scope="col">{ALERT_TEXT.raised}</th>
                <th scope="col">{ALERT_TEXT.state}</th>
                <th scope="col"><span class="visually-hidden">{ALERT_TEXT.actions}</span></th>
              </tr>
            </thead>
            <tbody>
              {loaded.data.items.map((a, i) => (
                <AlertRow
                  key={a.id}
                  alert={a}
                  busy={busy === a.id}
                  open={drilled?.id === a.id}
                  onAcknowledge={() => void acknowledge(a, i)}
                  onDrill={() => update({ alertDrill: { id: a.id, sentiment: "negative" } })}
                />
              ))}
            </tbody>
          </table>
        </div>
        <LoadMore
          more={more}
          hasMore={loaded.data.nextCursor !== null}
          onMore={() => void loadMore()}
          class="alerts__more"
          testId="alerts-more"
          text={{ more: ALERT_TEXT.loadMore, loading: ALERT_TEXT.loadingMore, failed: ALERT_TEXT.moreFailed }}
        />
      </>
    );
  }
  return (
    <div class="trend-tab" data-testid="alerts-tab" data-state={loaded.state === "loaded" && loaded.data.items.length === 0 ? "empty" : loaded.state} data-status={status}>
      <div class="trend-controls">
        <h2 class="reports__subtitle" id="alerts-title" tabIndex={-1}>
          {ALERT_TEXT.title}
        </h2>
        <div class="segmented" role="group" aria-label={ALERT_TEXT.show} data-testid="alerts-status">
          {STATUSES.map((s) => (
            <button
              type="button"
              key={s}
              class={`segmented__item${status === s ? " segmented__item--active" : ""}`}
              aria-pressed={status === s}
              onClick={() => {
                setNotice(null);
                update({ alertStatus: s, alertDrill: null });
              }}
              data-testid={`alerts-status-${s}`}
            >
              {ALERT_TEXT.status[s]}
            </button>
          ))}
        </div>
        <span class="trend-controls__spacer" />
        <p class="card__muted alerts__notice" role="status" aria-live="polite" data-testid="alerts-notice">
          {notice ?? ""}
        </p>
      </div>
      <p class="card__muted trend-card__hint">{ALERT_TEXT.hint}</p>
      {drilled ? (
        <DrillPanel
          crm={crm}
          query={{ from: drilled.windowStart, to: drilled.windowEnd, interval: "hour", groupBy: drilled.scope, timezone: "UTC" }}
          target={{ group: drilled.key, sentiment: url.alertDrill?.sentiment }}
          title={`${ALERT_TEXT.scope[drilled.scope]} ${drilled.label} · ${when(drilled.windowStart)}–${formatClock(drilled.windowEnd)}`}
          expected={url.alertDrill?.sentiment === "negative" ? drilled.negative : url.alertDrill?.sentiment === undefined ? drilled.volume : null}
          onLabel={(sentiment) => update({ alertDrill: { id: drilled.id, sentiment } })}
          onClose={() => update({ alertDrill: null })}
        />
      ) : null}
      <section class="card trend-card trend-card--table" aria-labelledby="alerts-title" aria-busy={loaded.state === "loading"}>
        {body}
      </section>
    </div>
  );
}
