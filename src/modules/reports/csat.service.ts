/**
 * The CSAT report (GET /api/v1/reports/csat): answers per group, and CSAT set beside the NLP sentiment of the same
 * conversations: their Pearson correlation and the conversations where the two disagree (see docs/reports.md).
 */
import { correlation, Matrix } from "ml-matrix";
import type { CsatDisagreement, CsatReportDTO } from "../../contracts/reports.ts";
import type { ServiceDeps } from "../deps.ts";
import { ratedConversations } from "./csat.repo.ts";
import { resolvePeriod } from "./period.ts";
import type { ServiceQuery } from "./reports.schemas.ts";
import { serviceReport } from "./service.service.ts";

/** A rating at or below this with a positive conversation, or one at or above LIKED with a negative one, disagree. */
const DISLIKED = 2;
const LIKED = 4;

const round = (x: number, digits: number): number => Number(x.toFixed(digits));

/** Pearson's r of two equally long series; null with fewer than three pairs or when either does not vary. */
export function pearson(x: number[], y: number[]): number | null {
  if (x.length < 3) return null;
  // ml-matrix correlates columns (variables) over rows (observations).
  const r = correlation(Matrix.columnVector(x), Matrix.columnVector(y)).get(0, 0);
  return Number.isFinite(r) ? round(r, 4) : null;
}

/** The CSAT report for a period and grouping: 400 VALIDATION_FAILED naming the field for a bad period, zone or grouping. */
export async function csatReport(deps: Pick<ServiceDeps, "db" | "now">, query: ServiceQuery): Promise<CsatReportDTO> {
  const [service, period] = await Promise.all([serviceReport(deps, query), resolvePeriod(deps, query)]);
  const rated = await ratedConversations(deps.db, period.from, period.to);
  const paired = rated.filter((r) => r.sentiment !== null);
  const disagreements: CsatDisagreement[] = [];
  for (const r of paired) {
    const sentiment = r.sentiment as number;
    const kind = r.score <= DISLIKED && sentiment > 0 ? "low_csat_positive_sentiment" : r.score >= LIKED && sentiment < 0 ? "high_csat_negative_sentiment" : null;
    if (!kind) continue;
    disagreements.push({
      conversationId: r.conversation_id,
      kind,
      score: r.score,
      sentiment: round(sentiment, 4),
      messages: r.messages,
      comment: r.comment,
      channel: r.channel,
      inboxId: r.inbox_id,
      respondedAt: new Date(r.responded_at).toISOString(),
      link: `/console/conversations/${r.conversation_id}`,
    });
  }
  // The most striking first: the farthest apart when both are put on -1…1 (a score s as (s − 3) / 2).
  const gap = (d: CsatDisagreement): number => Math.abs((d.score - 3) / 2 - Math.max(-1, Math.min(1, d.sentiment)));
  disagreements.sort((a, b) => gap(b) - gap(a) || a.respondedAt.localeCompare(b.respondedAt));
  return {
    from: service.from,
    to: service.to,
    interval: service.interval,
    timezone: service.timezone,
    groupBy: service.groupBy,
    overall: service.csat,
    groups: service.groups
      .filter((g) => g.total.csat.responses > 0)
      .sort((a, b) => b.total.csat.responses - a.total.csat.responses || a.label.localeCompare(b.label))
      .map((g) => ({ key: g.key, label: g.label, total: g.total.csat, series: g.series.map((p) => ({ bucket: p.bucket, ...p.csat })) })),
    sentiment: { conversations: paired.length, pearson: pearson(paired.map((r) => r.score), paired.map((r) => r.sentiment as number)) },
    disagreements,
  };
}
