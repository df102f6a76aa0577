/** Insights rows → DTOs (src/contracts/insights.ts). */
import type { CustomerFeaturesDTO, InsightRunDTO, InsightSegmentDTO } from "../../contracts/insights.ts";
import type { CustomerFeatureRow, InsightRunRow, InsightSegmentRow } from "./insights.repo.ts";

/** Presents a run. */
export function presentRun(row: InsightRunRow): InsightRunDTO {
  return {
    id: row.id,
    status: row.status,
    trigger: row.trigger,
    progress: Number(row.progress.toFixed(3)),
    stage: row.stage,
    message: row.message,
    customers: row.customers,
    seconds: row.seconds,
    createdAt: row.createdAt.toISOString(),
    startedAt: row.startedAt?.toISOString() ?? null,
    finishedAt: row.finishedAt?.toISOString() ?? null,
  };
}

/** Presents a stored segment; `total` is the run's customer count (for the share). */
export function presentSegment(row: InsightSegmentRow, total: number): InsightSegmentDTO {
  const detail = row.detail as Pick<InsightSegmentDTO, "medians" | "topIntents" | "distinctive" | "rules" | "accuracy">;
  return {
    id: row.id,
    position: row.position,
    name: row.name,
    size: row.size,
    share: total > 0 ? Number((row.size / total).toFixed(4)) : 0,
    medians: detail.medians ?? {},
    topIntents: detail.topIntents ?? [],
    distinctive: detail.distinctive ?? [],
    rules: detail.rules ?? [],
    accuracy: detail.accuracy ?? 0,
  };
}

/** Presents one customer's feature row with their segment history. */
export function presentFeatures(
  row: CustomerFeatureRow & { name: string | null },
  history: { segment: string; since: Date; until: Date | null }[],
): CustomerFeaturesDTO {
  return {
    customerId: row.customerId,
    name: row.name,
    computedAt: row.computedAt.toISOString(),
    raw: row.raw,
    standardized: row.standardized,
    topIntents: row.topIntents,
    topTopics: row.topTopics,
    channels: row.channels,
    segment: row.segmentName,
    x: row.x,
    y: row.y,
    churnRisk: row.churnRisk,
    history: history.map((h) => ({ segment: h.segment, since: h.since.toISOString(), until: h.until?.toISOString() ?? null })),
  };
}
