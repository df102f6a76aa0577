/** Report use cases for managers: what a report covers and over which period (who may read them: the policy module). */
import { LRUCache } from "lru-cache";
import type { TopicDTO, TopicsReportDTO } from "../../contracts/api.ts";
import { AppError } from "../../errors.ts";
import type { ServiceDeps } from "../deps.ts";
import { countCustomerMessages, messagesWithoutTopic, topicCounts, topTopics, type TopicRow } from "./reports.repo.ts";

const DAY = 24 * 60 * 60 * 1000;
/** Period a report covers when the caller gives no start. */
export const DEFAULT_REPORT_DAYS = 7;
/** Longest period one report may cover. */
export const MAX_REPORT_DAYS = 366;

/** How long a report is reused for the same question: reports read every message of their period. */
export const REPORT_TTL_MS = 30_000;
const caches = new WeakMap<object, LRUCache<string, Promise<TopicsReportDTO>>>();

/** The "top topics" report: the key phrases of customer messages in [from, to), most frequent first; answers are reused for REPORT_TTL_MS. */
export async function topicsReport(
  deps: Pick<ServiceDeps, "db" | "now">,
  query: { from?: Date; to?: Date; channel?: string; limit: number },
): Promise<TopicsReportDTO> {
  // Without an end the report runs to the end of the current minute, so repeated opens within it share one answer.
  const to = query.to ?? new Date(Math.ceil(deps.now().getTime() / 60_000) * 60_000);
  const from = query.from ?? new Date(to.getTime() - DEFAULT_REPORT_DAYS * DAY);
  if (from.getTime() >= to.getTime()) throw new AppError("VALIDATION_FAILED", "from must be before to.", { from: "must be before to" });
  if (to.getTime() - from.getTime() > MAX_REPORT_DAYS * DAY) {
    throw new AppError("VALIDATION_FAILED", `A report covers at most ${MAX_REPORT_DAYS} days.`, { from: `must be at most ${MAX_REPORT_DAYS} days before to` });
  }
  const channel = query.channel ?? null;
  let cache = caches.get(deps.db);
  if (!cache) caches.set(deps.db, (cache = new LRUCache({ max: 200, ttl: REPORT_TTL_MS })));
  const key = JSON.stringify([from, to, channel, query.limit]);
  const cached = cache.get(key);
  if (cached) return cached;
  const report = readTopicsReport(deps, { from, to, channel }, query.limit);
  cache.set(key, report);
  // A failed read is not remembered.
  report.catch(() => cache.delete(key));
  return report;
}

async function readTopicsReport(deps: Pick<ServiceDeps, "db">, period: { from: Date; to: Date; channel: string | null }, limit: number): Promise<TopicsReportDTO> {
  const previous = { from: new Date(2 * period.from.getTime() - period.to.getTime()), to: period.from, channel: period.channel };
  const [topics, messages, withoutTopic] = await Promise.all([
    topTopics(deps.db, period, limit),
    countCustomerMessages(deps.db, period),
    messagesWithoutTopic(deps.db, period, UNTOPICAL_INTENTS),
  ]);
  const before = await topicCounts(deps.db, previous, topics.map((t) => t.phrase));
  const round = (x: number, digits: number) => Number(x.toFixed(digits));
  return {
    from: period.from.toISOString(),
    to: period.to.toISOString(),
    channel: period.channel,
    messages,
    topics: topics.map((t) => ({
      ...t,
      averageSentiment: round(t.averageSentiment, 2),
      negativeShare: round(t.negativeShare, 3),
      previousMessages: before.get(t.phrase) ?? 0,
      trend: trendOf(t.messages, before.get(t.phrase) ?? 0),
      group: groupOf(t, topics),
    })),
    previousFrom: previous.from.toISOString(),
    withoutTopic: withoutTopic.map((w) => ({ ...w, averageSentiment: round(w.averageSentiment, 2), negativeShare: round(w.negativeShare, 3) })),
  };
}

/** Intents listed for messages without a key phrase. */
const UNTOPICAL_INTENTS = 10;

/** A topic against the previous period: new, or rising or falling by a quarter or more (and by 2 messages at least). */
export function trendOf(now: number, before: number): TopicDTO["trend"] {
  if (before === 0) return "new";
  if (now - before >= 2 && now >= before * 1.25) return "rising";
  if (before - now >= 2 && now <= before * 0.75) return "falling";
  return "steady";
}

/** The most frequent listed topic, other than itself, whose words all appear in the topic ("refund" for "refund policy"); else itself. */
export function groupOf(topic: Pick<TopicRow, "phrase">, listed: Pick<TopicRow, "phrase">[]): string {
  const words = new Set(topic.phrase.split(" "));
  // The list is most frequent first.
  const parent = listed.find((t) => t.phrase !== topic.phrase && t.phrase.split(" ").every((w) => words.has(w)));
  return parent?.phrase ?? topic.phrase;
}
