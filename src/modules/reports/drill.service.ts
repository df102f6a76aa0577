/** Drill-down: the messages behind any point of the sentiment report, each with its score and the words that drove it. */
import type { ReportMessageDTO } from "../../contracts/reports.ts";
import { AppError } from "../../errors.ts";
import type { ServiceDeps } from "../deps.ts";
import { drillMessages, type DrillRow } from "./drill.repo.ts";
import { resolvePeriod } from "./period.ts";
import type { DrillQuery } from "./reports.schemas.ts";
import { filtersOf } from "./report-sql.ts";
import { sentimentDimension } from "./sentiment.service.ts";

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** A drill-down row as the API shows it. */
export function presentDrillRow(r: DrillRow): ReportMessageDTO {
  return {
    id: r.id,
    conversationId: r.conversation_id,
    createdAt: new Date(r.at).toISOString(),
    text: r.text,
    score: Number(r.score),
    label: r.label,
    intent: r.intent,
    channel: r.channel,
    inboxId: r.inbox_id,
    agentId: r.agent_id,
    drivers: Array.isArray(r.drivers) ? r.drivers : [],
  };
}

/** One page of the messages behind a point (`limit + 1` rows are read so the caller can tell whether more follow). */
export async function reportMessages(
  deps: Pick<ServiceDeps, "db" | "now">,
  query: Omit<DrillQuery, "cursor" | "limit">,
  cursor: { at: string; id: string } | null,
  rows: number,
): Promise<DrillRow[]> {
  const dimension = sentimentDimension(query.groupBy);
  if ((dimension === "agent" || dimension === "team") && query.group && !UUID.test(query.group)) {
    throw new AppError("VALIDATION_FAILED", `group must be ${dimension === "agent" ? "an agent's" : "a team's"} id (or empty for no ${dimension}).`, { group: `must be ${dimension === "agent" ? "an agent's" : "a team's"} id` });
  }
  const period = await resolvePeriod(deps, query);
  const bucket = query.bucket ? new Date(query.bucket) : null;
  if (bucket && (Number.isNaN(bucket.getTime()) || bucket.getTime() >= period.to.getTime())) {
    throw new AppError("VALIDATION_FAILED", "bucket must be a point of the report's period.", { bucket: "is not a point of the period" });
  }
  return drillMessages(deps.db, period, { dimension, bucket, group: query.group, sentiment: query.sentiment, filters: filtersOf(query) }, cursor, rows);
}
