/**
 * The drill-down: the customer messages behind a point, a group or a label of the sentiment report, newest first, each
 * with its score, the words that drove it highlighted, and a link to its conversation; "Load more" follows the cursor.
 */
import { useEffect, useRef, useState } from "preact/hooks";
import type { ReportMessageDTO, SentimentDriverDTO, SentimentLabel } from "../../../../src/contracts/reports.ts";
import * as reportsApi from "../../api/report-endpoints.ts";
import type { DrillTarget, TrendQuery } from "../../api/report-endpoints.ts";
import type { CrmOperations } from "../../controller/crm-operations.ts";
import { formatChannel, formatDate, formatIntentName, formatClock, formatScore, scoreTone } from "../../format.ts";
import { LABEL_TEXT, TREND_TEXT } from "../../reports-strings.ts";
import { EmptyState } from "../common.tsx";
import { ErrorState, Loading, useLoad } from "../crm/ui.tsx";
import { ConversationLink, LoadMore } from "./report-controls.tsx";

type Pages = { items: ReportMessageDTO[]; nextCursor: string | null };

const escape = (s: string): string => s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

/** The text in pieces, the drivers' words marked (matched whole, case-insensitively); text only, never markup. */
export function driverPieces(text: string, drivers: SentimentDriverDTO[]): { text: string; driver: SentimentDriverDTO | null }[] {
  const usable = drivers.filter((d) => d.text.trim().length > 0).sort((a, b) => b.text.length - a.text.length);
  if (usable.length === 0) return [{ text, driver: null }];
  const pattern = new RegExp(`(?<![\\p{L}\\p{N}])(${usable.map((d) => escape(d.text)).join("|")})(?![\\p{L}\\p{N}])`, "giu");
  const pieces: { text: string; driver: SentimentDriverDTO | null }[] = [];
  let at = 0;
  for (const match of text.matchAll(pattern)) {
    const start = match.index ?? 0;
    if (start > at) pieces.push({ text: text.slice(at, start), driver: null });
    pieces.push({ text: match[0], driver: usable.find((d) => d.text.toLowerCase() === match[0].toLowerCase()) ?? null });
    at = start + match[0].length;
  }
  if (at < text.length) pieces.push({ text: text.slice(at), driver: null });
  return pieces;
}

function MessageItem(props: { m: ReportMessageDTO; crm: CrmOperations }) {
  const { m, crm } = props;
  const tone = scoreTone(m.score);
  const drivers = [...m.drivers].sort((a, b) => Math.abs(b.weight) - Math.abs(a.weight));
  return (
    <li class="drill__item" data-testid="drill-message" data-label={m.label}>
      <div class="drill__meta">
        <span class={`tag tag--${tone}`} data-testid="drill-score" title={TREND_TEXT.score}>
          <span class={`dot dot--${tone}`} aria-hidden="true" />
          {formatScore(m.score)} · {LABEL_TEXT[m.label]}
        </span>
        <span class="card__muted">
          {formatDate(m.createdAt)} {formatClock(m.createdAt)} · {formatChannel(m.channel)}
          {m.intent ? ` · ${formatIntentName(m.intent)}` : ""}
        </span>
        <ConversationLink crm={crm} conversationId={m.conversationId} class="drill__open" testId="drill-open">
          {TREND_TEXT.openConversation}
        </ConversationLink>
      </div>
      <p class="drill__text" data-testid="drill-text">
        {driverPieces(m.text, drivers).map((p, i) =>
          p.driver ? (
            <mark key={i} class={`driver driver--${p.driver.weight < 0 ? "negative" : "positive"}`} title={formatScore(p.driver.weight)}>
              {p.text}
            </mark>
          ) : (
            p.text
          ),
        )}
      </p>
      <p class="drill__drivers card__muted" data-testid="drill-drivers">
        {TREND_TEXT.drivers}: {drivers.length > 0 ? drivers.map((d) => `${d.text} ${formatScore(d.weight)}`).join(", ") : TREND_TEXT.noDrivers}
      </p>
    </li>
  );
}

/** The panel; `title` names the point ("Sam Support · 3 Dec"), `expected` the count the report gave for it. */
export function DrillPanel(props: {
  crm: CrmOperations;
  query: TrendQuery;
  target: DrillTarget;
  title: string;
  expected: number | null;
  onLabel: (label: SentimentLabel | undefined) => void;
  onClose: () => void;
}) {
  const { crm, query, target } = props;
  const key = JSON.stringify([query, target]);
  const [loaded, reload, set] = useLoad<Pages>(crm, key, () => reportsApi.reportMessages(query, target, null));
  const [more, setMore] = useState<"idle" | "loading" | "failed">("idle");
  const heading = useRef<HTMLHeadingElement>(null);
  // A new point takes the focus to its list (and scrolls it into view); another label leaves it on the select.
  const point = `${target.group ?? "*"}|${target.bucket ?? "*"}`;
  useEffect(() => {
    heading.current?.focus();
  }, [point]);
  const loadMore = async () => {
    if (loaded.state !== "loaded" || !loaded.data.nextCursor) return;
    setMore("loading");
    const result = await crm.attempt(() => reportsApi.reportMessages(query, target, loaded.data.nextCursor));
    if (!result.ok) return setMore("failed");
    setMore("idle");
    set({ items: [...loaded.data.items, ...result.data.items], nextCursor: result.data.nextCursor });
  };
  let body;
  if (loaded.state === "loading") body = <Loading testId="drill-loading" />;
  else if (loaded.state === "error") body = <ErrorState title={TREND_TEXT.drillFailed} message={loaded.failure.message} onRetry={reload} testId="drill-error" />;
  else if (loaded.data.items.length === 0) body = <EmptyState title={TREND_TEXT.drillEmpty} hint={TREND_TEXT.drillEmptyHint} testId="drill-empty" />;
  else {
    body = (
      <>
        <ul class="drill__list" data-testid="drill-list">
          {loaded.data.items.map((m) => (
            <MessageItem key={m.id} m={m} crm={crm} />
          ))}
        </ul>
        <LoadMore
          more={more}
          hasMore={loaded.data.nextCursor !== null}
          onMore={() => void loadMore()}
          class="drill__more"
          testId="drill-more"
          text={{ more: TREND_TEXT.loadMore, loading: TREND_TEXT.loadingMore, failed: TREND_TEXT.moreFailed }}
        />
      </>
    );
  }
  return (
    <section class="card drill" aria-labelledby="drill-title" data-testid="drill-panel" data-state={loaded.state}>
      <div class="drill__head">
        <div>
          <h2 class="card__title drill__title" id="drill-title" tabIndex={-1} ref={heading}>
            {TREND_TEXT.drillTitle}: {props.title}
          </h2>
          {props.expected !== null ? (
            <p class="card__muted" data-testid="drill-count">
              {TREND_TEXT.drillCount(props.expected)}
            </p>
          ) : null}
        </div>
        <div class="drill__actions">
          <label class="field trend-picker">
            <span class="field__label">{TREND_TEXT.drillLabel}</span>
            <select
              class="select"
              value={target.sentiment ?? ""}
              onChange={(e) => props.onLabel((e.currentTarget.value || undefined) as SentimentLabel | undefined)}
              data-testid="drill-label"
            >
              <option value="">{TREND_TEXT.drillAllLabels}</option>
              {(["negative", "neutral", "positive"] as const).map((l) => (
                <option key={l} value={l}>
                  {LABEL_TEXT[l]}
                </option>
              ))}
            </select>
          </label>
          <a class="button button--secondary" href={reportsApi.reportCsvHref("messages", query, target)} download data-testid="drill-csv">
            {TREND_TEXT.downloadCsv}
          </a>
          <button type="button" class="button button--secondary" onClick={props.onClose} data-testid="drill-close">
            {TREND_TEXT.close}
          </button>
        </div>
      </div>
      {body}
    </section>
  );
}
