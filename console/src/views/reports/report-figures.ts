/** Arithmetic the reports area shows beside the server's figures: period totals over every group, changes, aligned series. */
import type { SentimentFigures, SentimentReportDTO } from "../../../../src/contracts/reports.ts";
import { formatChannel, formatIntentName } from "../../format.ts";
import { TREND_TEXT } from "../../reports-strings.ts";

/** A period's totals over every customer message. */
export type PeriodTotals = { messages: number; meanScore: number | null; negativeShare: number | null; turnedAround: number; worsened: number; conversations: number };

/**
 * Totals of a report grouped so that each message is in one group (by channel): the groups' counts added, the mean and
 * the share weighted by each group's messages.
 */
export function periodTotals(report: SentimentReportDTO): PeriodTotals {
  const figures = report.groups.map((g) => g.total);
  const messages = figures.reduce((n, f) => n + f.messages, 0);
  const weighted = (pick: (f: SentimentFigures) => number | null): number | null =>
    messages === 0 ? null : figures.reduce((sum, f) => sum + (pick(f) ?? 0) * f.messages, 0) / messages;
  const sum = (pick: (f: SentimentFigures) => number): number => figures.reduce((n, f) => n + pick(f), 0);
  return {
    messages,
    meanScore: weighted((f) => f.meanScore),
    negativeShare: weighted((f) => f.negativeShare),
    turnedAround: sum((f) => f.turnedAround),
    worsened: sum((f) => f.worsened),
    conversations: sum((f) => f.conversations),
  };
}

/** "▲ 3 pts" / "▼ 0.12" / "▲ 40" / "no change": the change from `before` to `now`, as percentage points for shares. */
export function formatChange(now: number | null, before: number | null, kind: "share" | "score" | "count"): string | null {
  if (now === null || before === null) return null;
  const delta = now - before;
  const size = kind === "share" ? Math.round(Math.abs(delta) * 100) : kind === "count" ? Math.round(Math.abs(delta)) : Math.round(Math.abs(delta) * 100) / 100;
  if (size === 0) return "no change";
  return `${delta > 0 ? "▲" : "▼"} ${size}${kind === "share" ? ` ${TREND_TEXT.pts}` : ""}`;
}

/** Every bucket any group has, in time order (the server leaves empty buckets out of each series). */
export function allBuckets(groups: { series: { bucket: string }[] }[]): string[] {
  const set = new Set<string>();
  for (const g of groups) for (const p of g.series) set.add(p.bucket);
  return [...set].sort((a, b) => Date.parse(a) - Date.parse(b));
}

/** A bucket's start as a short local date ("3 Dec", "Dec 2026" for months). */
export function bucketLabel(bucket: string, interval: string): string {
  // The bucket's local date is its first ten characters: the zone's wall clock, whatever the browser's zone.
  const [y, m, d] = bucket.slice(0, 10).split("-").map(Number);
  const date = new Date(y, m - 1, d);
  if (interval === "month") return date.toLocaleDateString(undefined, { month: "short", year: "numeric" });
  if (interval === "hour") return `${date.toLocaleDateString(undefined, { day: "numeric", month: "short" })} ${bucket.slice(11, 16)}`;
  return date.toLocaleDateString(undefined, { day: "numeric", month: "short" });
}

/** Seconds as a short duration ("45 s", "12 min", "3.5 h", "2.1 d"). */
export function formatDuration(seconds: number | null): string {
  if (seconds === null || !Number.isFinite(seconds)) return TREND_TEXT.none;
  if (seconds < 60) return `${Math.round(seconds)} s`;
  if (seconds < 3600) return `${Math.round(seconds / 60)} min`;
  if (seconds < 86_400) return `${(seconds / 3600).toFixed(1)} h`;
  return `${(seconds / 86_400).toFixed(1)} d`;
}

/** Colours of the chart's lines, one per group, distinguishable and dark enough on white. */
export const SERIES_COLORS = ["#2563eb", "#dc2626", "#059669", "#d97706", "#7c3aed", "#0891b2", "#db2777", "#4b5563"];

/** A group's name as the console writes it elsewhere: channels and intents by their readable names. */
export function groupName(g: { key: string | null; label: string }, groupBy: string): string {
  if (g.key === null) return g.label;
  if (groupBy === "channel") return formatChannel(g.key);
  return groupBy === "intent" ? formatIntentName(g.key) : g.label;
}
