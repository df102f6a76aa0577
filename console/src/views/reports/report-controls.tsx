/** Pieces the reports tabs share: the period picker, a select, totals tiles with their change, the CSV link, a conversation's link, "Load more". */
import type { ComponentChildren } from "preact";
import type { CrmOperations } from "../../controller/crm-operations.ts";
import { TREND_TEXT } from "../../reports-strings.ts";
import { TREND_PERIODS, type TrendPeriod } from "./report-query.ts";

/** 7, 30, 90 days or 12 months, as pressed buttons. */
export function TrendPeriodPicker(props: { period: TrendPeriod; onChange: (period: TrendPeriod) => void }) {
  return (
    <div class="segmented" role="group" aria-label={TREND_TEXT.period} data-testid="trend-period">
      {TREND_PERIODS.map((p) => (
        <button
          type="button"
          key={p}
          class={`segmented__item${props.period === p ? " segmented__item--active" : ""}`}
          aria-pressed={props.period === p}
          onClick={() => props.onChange(p)}
          data-testid={`trend-period-${p}`}
        >
          {TREND_TEXT.periodName(p)}
        </button>
      ))}
    </div>
  );
}

/** A labelled select over a list of values. */
export function Picker<T extends string>(props: { label: string; value: T; values: readonly T[]; names: Record<T, string>; onChange: (value: T) => void; testId: string }) {
  return (
    <label class="field trend-picker">
      <span class="field__label">{props.label}</span>
      <select class="select" value={props.value} onChange={(e) => props.onChange(e.currentTarget.value as T)} data-testid={props.testId}>
        {props.values.map((v) => (
          <option key={v} value={v}>
            {props.names[v]}
          </option>
        ))}
      </select>
    </label>
  );
}

/** One figure of the period with its change against the previous period ("▲ 3 pts vs previous 30 days"). */
export function Tile(props: { label: string; value: string; change?: string | null; period: TrendPeriod; bad?: boolean; testId: string; hint?: string }) {
  const change = props.change === undefined ? null : props.change === null ? TREND_TEXT.noPrevious(props.period) : TREND_TEXT.vsPrevious(props.change, props.period);
  return (
    <div class="trend-tile" data-testid={props.testId} title={props.hint}>
      <span class="trend-tile__label">{props.label}</span>
      <span class="trend-tile__value" data-testid={`${props.testId}-value`}>
        {props.value}
      </span>
      {change !== null ? (
        <span class={`trend-tile__change${props.bad ? " trend-tile__change--bad" : ""}`} data-testid={`${props.testId}-change`}>
          {change}
        </span>
      ) : null}
    </div>
  );
}

/** The tiles' row. */
export function Tiles(props: { children: ComponentChildren; busy: boolean; testId: string }) {
  return (
    <div class="trend-tiles" aria-busy={props.busy} data-testid={props.testId}>
      {props.children}
    </div>
  );
}

/** A link that downloads a report's CSV (same origin: the session cookie goes with it). */
export function CsvLink(props: { href: string; testId: string }) {
  return (
    <a class="button button--secondary" href={props.href} download title={TREND_TEXT.downloadCsvHint} data-testid={props.testId}>
      {TREND_TEXT.downloadCsv}
    </a>
  );
}

/** A link to a conversation in the console: a plain click opens it in place, a modified one follows the address. */
export function ConversationLink(props: { crm: CrmOperations; conversationId: string; class?: string; testId: string; children: ComponentChildren }) {
  return (
    <a
      class={`crm-link${props.class ? ` ${props.class}` : ""}`}
      href={`/console/conversations/${encodeURIComponent(props.conversationId)}`}
      onClick={(e) => {
        if (e.ctrlKey || e.metaKey || e.shiftKey) return;
        e.preventDefault();
        void props.crm.openConversation(props.conversationId);
      }}
      data-testid={props.testId}
    >
      {props.children}
    </a>
  );
}

/** "Load more" under a paged list (while there is a next page), and the notice when the next page failed. */
export function LoadMore(props: { more: "idle" | "loading" | "failed"; hasMore: boolean; onMore: () => void; class: string; testId: string; text: { more: string; loading: string; failed: string } }) {
  return (
    <>
      {props.hasMore ? (
        <button type="button" class={`button button--secondary ${props.class}`} onClick={props.onMore} disabled={props.more === "loading"} data-testid={props.testId}>
          {props.more === "loading" ? props.text.loading : props.text.more}
        </button>
      ) : null}
      {props.more === "failed" ? (
        <p class="card__muted" role="alert" data-testid={`${props.testId}-failed`}>
          {props.text.failed}
        </p>
      ) : null}
    </>
  );
}
