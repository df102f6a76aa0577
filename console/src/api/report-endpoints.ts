/** The manager reports' REST calls (docs/reports.md): sentiment, service, CSAT, the drill-down, alerts, and the CSV addresses. */
import type { AlertDTO, CsatReportDTO, ReportInterval, ReportMessagesPageDTO, SentimentGroupBy, SentimentLabel, SentimentReportDTO, ServiceGroupBy, ServiceReportDTO } from "../../../src/contracts/reports.ts";
import { API_BASE, request } from "./http.ts";

type Data<T> = { data: T };

/** The query every trend report takes: the period [from, to) as instants, the buckets' width, the grouping and the zone. */
export type TrendQuery = {
  from: string;
  to: string;
  interval: ReportInterval;
  groupBy: string;
  timezone?: string;
  /** Optional filters (docs/reports.md, Filters); /csat takes none. */
  channel?: string;
  inbox?: string;
  agent?: string;
  team?: string;
  intent?: string;
  segment?: string;
};

/** One point, group or label of the sentiment report to list the messages of (`group` "" is the group without a key). */
export type DrillTarget = { bucket?: string; group?: string; sentiment?: SentimentLabel };

/** How many messages one page of the drill-down asks for. */
export const DRILL_PAGE_SIZE = 25;

/** The query string of a report; unlike http's `query`, an empty `group` stays (it names the group without a key). */
function search(params: Record<string, string | number | undefined>): string {
  const out = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) if (value !== undefined) out.set(key, String(value));
  return `?${out.toString()}`;
}

/** GET /reports/sentiment. */
export async function sentimentReport(q: TrendQuery & { groupBy: SentimentGroupBy }): Promise<SentimentReportDTO> {
  return (await request<Data<SentimentReportDTO>>("GET", `/reports/sentiment${search(q)}`)).data;
}

/** GET /reports/service. */
export async function serviceReport(q: TrendQuery & { groupBy: ServiceGroupBy }): Promise<ServiceReportDTO> {
  return (await request<Data<ServiceReportDTO>>("GET", `/reports/service${search(q)}`)).data;
}

/** A page of the messages behind a point (newest first); `cursor` continues a previous page. */
export async function reportMessages(q: TrendQuery, target: DrillTarget, cursor: string | null): Promise<ReportMessagesPageDTO> {
  const path = `/reports/messages${search({ ...q, ...target, cursor: cursor ?? undefined, limit: DRILL_PAGE_SIZE })}`;
  const body = await request<ReportMessagesPageDTO & { data: ReportMessagesPageDTO["items"] }>("GET", path);
  return { items: body.data, nextCursor: body.nextCursor ?? null };
}

/** How many alerts one page of the Alerts tab asks for. */
export const ALERTS_PAGE_SIZE = 25;

/** A page of the negative-sentiment alerts (open or acknowledged), newest first; `cursor` continues a previous page. */
export async function reportAlerts(status: "open" | "acknowledged", cursor: string | null): Promise<{ items: AlertDTO[]; nextCursor: string | null }> {
  const body = await request<{ data: AlertDTO[]; nextCursor?: string | null }>("GET", `/reports/alerts${search({ status, cursor: cursor ?? undefined, limit: ALERTS_PAGE_SIZE })}`);
  return { items: body.data, nextCursor: body.nextCursor ?? null };
}

/** POST /reports/alerts/:id/acknowledge: the alert as it is now (the first acknowledgement stands). */
export async function acknowledgeAlert(id: string): Promise<AlertDTO> {
  return (await request<Data<AlertDTO>>("POST", `/reports/alerts/${encodeURIComponent(id)}/acknowledge`)).data;
}

/** GET /reports/csat. */
export async function csatReport(q: TrendQuery & { groupBy: ServiceGroupBy }): Promise<CsatReportDTO> {
  const { from, to, interval, groupBy, timezone } = q;
  return (await request<Data<CsatReportDTO>>("GET", `/reports/csat${search({ from, to, interval, groupBy, timezone })}`)).data;
}

/** The address of the top topics' CSV over [from, to), of one channel or all. */
export function topicsCsvHref(range: { from: string; to: string }, channel: string | null, limit: number): string {
  return `${API_BASE}/reports/topics.csv${search({ ...range, channel: channel ?? undefined, limit })}`;
}

/** The address of a report's CSV with the same query: a plain link downloads it with the session cookie. */
export function reportCsvHref(report: "sentiment" | "service" | "csat" | "messages", q: TrendQuery, target: DrillTarget = {}): string {
  return `${API_BASE}/reports/${report}.csv${search({ ...q, ...target })}`;
}
