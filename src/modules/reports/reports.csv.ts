/** Reports as CSV (RFC 4180) for spreadsheets. */
import type { TopicsReportDTO } from "../../contracts/api.ts";

/** One CSV field: quoted when needed; text a spreadsheet would run as a formula (=, +, -, @, tab, CR) starts with a quote. */
export function csvField(value: string | number): string {
  if (typeof value === "number") return String(value);
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

/** The "top topics" report as CSV: one header line, then one line per topic, most frequent first. */
export function topicsCsv(report: TopicsReportDTO): string {
  const header = ["phrase", "messages", "conversations", "averageSentiment", "negativeShare", "topIntent", "previousMessages", "trend", "group"];
  const lines = report.topics.map((t) =>
    [t.phrase, t.messages, t.conversations, t.averageSentiment, t.negativeShare, t.topIntent, t.previousMessages, t.trend, t.group].map(csvField).join(","),
  );
  return [header.join(","), ...lines].join("\r\n") + "\r\n";
}
