/** Report use cases for managers: who may read them and over which period. */
import type { TopicsReportDTO } from "../../contracts/api.ts";
import { AppError } from "../../errors.ts";
import type { ServiceDeps } from "../deps.ts";
import { topTopics } from "./reports.repo.ts";

const DAY = 24 * 60 * 60 * 1000;
/** Period a report covers when the caller gives no start. */
export const DEFAULT_REPORT_DAYS = 7;
/** Longest period one report may cover. */
export const MAX_REPORT_DAYS = 366;

/** Roles that may read reports. */
const REPORT_ROLES = new Set(["manager", "admin"]);

/** Throws FORBIDDEN unless the user is a manager or an admin. */
export function assertMayReadReports(user: { role: string }): void {
  if (!REPORT_ROLES.has(user.role)) throw new AppError("FORBIDDEN", "Reports are for managers and admins.");
}

/** The "top topics" report: the key phrases of customer messages in [from, to), most frequent first. */
export async function topicsReport(
  deps: Pick<ServiceDeps, "db" | "now">,
  query: { from?: Date; to?: Date; channel?: string; limit: number },
): Promise<TopicsReportDTO> {
  const to = query.to ?? deps.now();
  const from = query.from ?? new Date(to.getTime() - DEFAULT_REPORT_DAYS * DAY);
  if (from.getTime() >= to.getTime()) throw new AppError("VALIDATION_FAILED", "from must be before to.", { from: "must be before to" });
  if (to.getTime() - from.getTime() > MAX_REPORT_DAYS * DAY) {
    throw new AppError("VALIDATION_FAILED", `A report covers at most ${MAX_REPORT_DAYS} days.`, { from: `must be at most ${MAX_REPORT_DAYS} days before to` });
  }
  const channel = query.channel ?? null;
  const { messages, topics } = await topTopics(deps.db, { from, to, channel }, query.limit);
  const round = (x: number, digits: number) => Number(x.toFixed(digits));
  return {
    from: from.toISOString(),
    to: to.toISOString(),
    channel,
    messages,
    topics: topics.map((t) => ({ ...t, averageSentiment: round(t.averageSentiment, 2), negativeShare: round(t.negativeShare, 3) })),
  };
}
