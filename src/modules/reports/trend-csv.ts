/** The sentiment, service and drill-down reports as CSV lines (RFC 4180), written one line at a time. */
import type { CsatFigures, CsatReportDTO, ReportMessageDTO, SentimentReportDTO, ServiceFigures, ServiceReportDTO, SentimentFigures } from "../../contracts/reports.ts";
import { csvField } from "./reports.csv.ts";

/** One CSV line from values; null and undefined are empty fields. */
export function csvLine(values: (string | number | null | undefined)[]): string {
  return values.map((v) => (v === null || v === undefined ? "" : csvField(v))).join(",") + "\r\n";
}

const SENTIMENT_COLUMNS = ["messages", "meanScore", "negativeShare", "neutralShare", "positiveShare", "conversations", "worsened", "turnedAround", "agentChange", "agentConversations"] as const;

/** The sentiment report: a header, then per group its points, then its whole-period total (bucket "total"). */
export function* sentimentCsv(report: SentimentReportDTO): Generator<string> {
  yield csvLine(["group", "label", "bucket", ...SENTIMENT_COLUMNS]);
  const values = (f: SentimentFigures) => SENTIMENT_COLUMNS.map((c) => f[c]);
  for (const g of report.groups) {
    for (const p of g.series) yield csvLine([g.key, g.label, p.bucket, ...values(p)]);
    yield csvLine([g.key, g.label, "total", ...values(g.total)]);
  }
}

/** The service report's columns: nested figures flattened (handoffReasons as "reason=n; …"). */
export const SERVICE_COLUMNS = [
  "conversations", "contained", "containedShare", "handoffs", "handoffReasons", "firstResponseP50", "firstResponseP90", "resolutionP50", "resolutionP90",
  "resolutions", "reopened", "reopenRate", "ticketsOpen", "ticketsPending", "ticketsResolved", "ticketsLow", "ticketsNormal", "ticketsHigh", "ticketsUrgent",
  "assigned", "resolved", "medianHandleSeconds", "slaBreachesFirstResponse", "slaBreachesNextResponse", "slaBreachesResolution", "slaBreaches",
  "csatResponses", "csatMeanScore", "csatSatisfiedShare",
] as const;

/** A service figure set in SERVICE_COLUMNS order. */
export function serviceValues(f: ServiceFigures): (string | number | null)[] {
  return [
    f.conversations, f.contained, f.containedShare, f.handoffs, Object.entries(f.handoffReasons).map(([k, n]) => `${k}=${n}`).join("; "),
    f.firstResponse.p50, f.firstResponse.p90, f.resolution.p50, f.resolution.p90, f.resolutions, f.reopened, f.reopenRate,
    f.ticketsByStatus.open, f.ticketsByStatus.pending, f.ticketsByStatus.resolved,
    f.ticketsByPriority.low, f.ticketsByPriority.normal, f.ticketsByPriority.high, f.ticketsByPriority.urgent,
    f.assigned, f.resolved, f.medianHandleSeconds,
    f.slaBreaches.firstResponse, f.slaBreaches.nextResponse, f.slaBreaches.resolution, f.slaBreaches.total,
    f.csat.responses, f.csat.meanScore, f.csat.satisfiedShare,
  ];
}

/** The service report: a header, then per group its points, then its whole-period total (bucket "total"). */
export function* serviceCsv(report: ServiceReportDTO): Generator<string> {
  yield csvLine(["group", "label", "bucket", ...SERVICE_COLUMNS]);
  for (const g of report.groups) {
    for (const p of g.series) yield csvLine([g.key, g.label, p.bucket, ...serviceValues(p)]);
    yield csvLine([g.key, g.label, "total", ...serviceValues(g.total)]);
  }
}

/** The drill-down's header line. */
export const MESSAGE_HEADER = csvLine(["id", "conversationId", "createdAt", "score", "label", "intent", "channel", "inboxId", "agentId", "drivers", "text"]);

/** One message behind a point (drivers as "words:+1.5; …"). */
export function messageCsvLine(m: ReportMessageDTO): string {
  const drivers = m.drivers.map((d) => `${d.text}:${d.weight > 0 ? "+" : ""}${d.weight}`).join("; ");
  return csvLine([m.id, m.conversationId, m.createdAt, m.score, m.label, m.intent, m.channel, m.inboxId, m.agentId, drivers, m.text]);
}

/**
 * The CSAT report: a header, per group its points and its total (bucket "total"), the overall line (group "overall"),
 * then one line per disagreement (bucket "disagreement": its conversation, kind, score, sentiment and link).
 */
export function* csatCsv(report: CsatReportDTO): Generator<string> {
  yield csvLine(["group", "label", "bucket", "responses", "meanScore", "satisfiedShare", "conversationId", "kind", "score", "sentiment", "link"]);
  // Figure lines leave the disagreement columns empty: every line has every field.
  const values = (f: CsatFigures) => [f.responses, f.meanScore, f.satisfiedShare, null, null, null, null, null];
  for (const g of report.groups) {
    for (const p of g.series) yield csvLine([g.key, g.label, p.bucket, ...values(p)]);
    yield csvLine([g.key, g.label, "total", ...values(g.total)]);
  }
  yield csvLine(["overall", "All", "total", ...values(report.overall)]);
  for (const d of report.disagreements) yield csvLine([null, null, "disagreement", null, null, null, d.conversationId, d.kind, d.score, d.sentiment, d.link]);
}
