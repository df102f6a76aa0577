/** Pieces the reports tabs share: the period picker, a select, totals tiles with their change, and the CSV link. */
import type { ComponentChildren } from "preact";
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
