/**
 * The reports area's state as its address keeps it (`/console/reports?tab=sentiment&period=30&groupBy=agent&group=…`),
 * so a drill-down is a link a manager can share, and the periods it asks the server for.
 */
import type { ReportInterval, SentimentGroupBy, SentimentLabel, ServiceGroupBy } from "../../../../src/contracts/reports.ts";
import type { TrendQuery } from "../../api/report-endpoints.ts";

/** The area's tabs. */
export type ReportTab = "sentiment" | "service" | "alerts" | "topics";
/** Which alerts the Alerts tab lists. */
export type AlertStatus = "open" | "acknowledged";
/** The periods offered, in days (today and the days before it). */
export type TrendPeriod = 7 | 30 | 90 | 365;
/** What the sentiment chart plots. */
export type SentimentMetric = "negative" | "mean";

/** The filters the sentiment and service tabs take beside the grouping (docs/reports.md, Filters). */
export const REPORT_FILTER_NAMES = ["channel", "inbox", "agent", "team", "intent", "segment"] as const;
/** A filter's name. */
export type ReportFilterName = (typeof REPORT_FILTER_NAMES)[number];
/** The filters set (absent: not filtered). */
export type ReportFilterValues = Partial<Record<ReportFilterName, string>>;

/** The drill-down open on screen: a group (its key, "" for the group without one), a point's bucket, a label. */
export type DrillState = { group: string | undefined; bucket: string | undefined; sentiment: SentimentLabel | undefined };

/** Everything the address holds. */
export type ReportsUrlState = {
  tab: ReportTab;
  period: TrendPeriod;
  sentimentGroupBy: SentimentGroupBy;
  serviceGroupBy: ServiceGroupBy;
  metric: SentimentMetric;
  /** The sentiment and service tabs' filters (kept when switching between the two). */
  filters: ReportFilterValues;
  drill: DrillState | null;
  /** The Alerts tab's list, and the alert whose messages are open (`alert=<id>`, `sentiment=` its label, default negative). */
  alertStatus: AlertStatus;
  alertDrill: { id: string; sentiment: SentimentLabel | undefined } | null;
};

/** Tabs, periods and groupings in the order the page offers them. */
export const REPORT_TABS: readonly ReportTab[] = ["sentiment", "service", "alerts", "topics"];
export const TREND_PERIODS: readonly TrendPeriod[] = [7, 30, 90, 365];
export const SENTIMENT_GROUPINGS: readonly SentimentGroupBy[] = ["channel", "inbox", "agent", "team", "intent", "topic", "tier", "segment"];
export const SERVICE_GROUPINGS: readonly ServiceGroupBy[] = ["channel", "inbox", "agent", "team"];
const LABELS: readonly SentimentLabel[] = ["negative", "neutral", "positive"];

function oneOf<T extends string | number>(values: readonly T[], raw: string | null, fallback: T): T {
  return values.find((v) => String(v) === raw) ?? fallback;
}

/** The state a query string names; anything unknown falls back to the defaults (sentiment, 30 days, by channel). */
export function parseReportsSearch(search: string): ReportsUrlState {
  const p = new URLSearchParams(search);
  const tab = oneOf(REPORT_TABS, p.get("tab"), "sentiment");
  const groupBy = p.get("groupBy");
  const drill: DrillState | null = p.has("group") || p.has("bucket")
    ? { group: p.get("group") ?? undefined, bucket: p.get("bucket") || undefined, sentiment: LABELS.find((l) => l === p.get("sentiment")) }
    : null;
  return {
    tab,
    period: oneOf(TREND_PERIODS, p.get("period"), 30),
    sentimentGroupBy: oneOf(SENTIMENT_GROUPINGS, tab === "sentiment" ? groupBy : null, "channel"),
    serviceGroupBy: oneOf(SERVICE_GROUPINGS, tab === "service" ? groupBy : null, "channel"),
    metric: p.get("metric") === "mean" ? "mean" : "negative",
    filters: Object.fromEntries(REPORT_FILTER_NAMES.flatMap((name) => (p.get(name) ? [[name, p.get(name) ?? ""]] : []))),
    drill: tab === "sentiment" ? drill : null,
    alertStatus: p.get("status") === "acknowledged" ? "acknowledged" : "open",
    // An alert's messages show its negative ones unless the address names another label or `all`.
    alertDrill: tab === "alerts" && p.get("alert") ? { id: p.get("alert") ?? "", sentiment: p.get("sentiment") === "all" ? undefined : LABELS.find((l) => l === p.get("sentiment")) ?? "negative" } : null,
  };
}

/** The query string of a state (defaults left out, so the plain address stays `/console/reports`). */
export function reportsSearch(s: ReportsUrlState): string {
  const p = new URLSearchParams();
  if (s.tab !== "sentiment") p.set("tab", s.tab);
  if (s.period !== 30) p.set("period", String(s.period));
  const groupBy = s.tab === "service" ? s.serviceGroupBy : s.sentimentGroupBy;
  if ((s.tab === "sentiment" || s.tab === "service") && groupBy !== "channel") p.set("groupBy", groupBy);
  if (s.tab === "sentiment" && s.metric !== "negative") p.set("metric", s.metric);
  if (s.tab === "sentiment" || s.tab === "service") for (const name of REPORT_FILTER_NAMES) if (s.filters[name]) p.set(name, s.filters[name] ?? "");
  if (s.tab === "sentiment" && s.drill) {
    if (s.drill.group !== undefined) p.set("group", s.drill.group);
    if (s.drill.bucket) p.set("bucket", s.drill.bucket);
    if (s.drill.sentiment) p.set("sentiment", s.drill.sentiment);
  }
  if (s.tab === "alerts" && s.alertStatus !== "open") p.set("status", s.alertStatus);
  if (s.tab === "alerts" && s.alertDrill) {
    p.set("alert", s.alertDrill.id);
    if (s.alertDrill.sentiment !== "negative") p.set("sentiment", s.alertDrill.sentiment ?? "all");
  }
  const text = p.toString();
  return text ? `?${text}` : "";
}

/** The buckets' width that keeps a period's chart readable: days up to a month, weeks for a quarter, months for a year. */
export function periodInterval(period: TrendPeriod): ReportInterval {
  if (period <= 30) return "day";
  return period <= 90 ? "week" : "month";
}

/** The browser's IANA zone when the server accepts its name (buckets then match the manager's days), else the server's. */
export function browserZone(): string | undefined {
  const zone = Intl.DateTimeFormat().resolvedOptions().timeZone;
  return zone && /^(?:UTC|[A-Za-z]+(?:\/[A-Za-z0-9_+-]+)+)$/.test(zone) ? zone : undefined;
}

/** A period as the server's query (with the filters): from local midnight `period - 1` days before `now` up to `now`, and the same length before it. */
export function trendQueries(period: TrendPeriod, groupBy: string, now: Date, filters: ReportFilterValues = {}): { current: TrendQuery; previous: TrendQuery } {
  const from = new Date(now.getFullYear(), now.getMonth(), now.getDate() - (period - 1));
  const before = new Date(from.getFullYear(), from.getMonth(), from.getDate() - period);
  const base = { interval: periodInterval(period), groupBy, timezone: browserZone(), ...filters };
  return {
    current: { ...base, from: from.toISOString(), to: now.toISOString() },
    previous: { ...base, from: before.toISOString(), to: from.toISOString() },
  };
}
