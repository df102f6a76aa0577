/** Report queries: aggregates over customer messages' report columns (key phrases, sentiment, intent). */
import { sql, type SQL } from "drizzle-orm";
import { tables, type Database } from "../../db/index.ts";

/** Which customer messages a report covers: [from, to) and optionally one channel. */
export type ReportPeriod = { from: Date; to: Date; channel: string | null };

/** One topic row as the database returns it. */
export type TopicRow = { phrase: string; messages: number; conversations: number; averageSentiment: number; negativeShare: number; topIntent: string };

/** The customer messages of a period as FROM and WHERE fragments over `messages` (joined to conversations only for a channel). */
function customerMessagesIn(period: ReportPeriod): { from: SQL; where: SQL } {
  const m = tables.messages;
  const c = tables.conversations;
  return {
    from: period.channel === null ? sql`${m}` : sql`${m} join ${c} on ${c.id} = ${m.conversationId} and ${c.channel} = ${period.channel}`,
    where: sql`${m.senderType} = 'customer' and ${m.createdAt} >= ${period.from.toISOString()}::timestamptz and ${m.createdAt} < ${period.to.toISOString()}::timestamptz`,
  };
}

/** The most frequent key phrases of customer messages in a period, with their mood and most common intent. */
export async function topTopics(db: Database, period: ReportPeriod, limit: number): Promise<TopicRow[]> {
  const m = tables.messages;
  const { from, where } = customerMessagesIn(period);
  // The report reads the columns the database copied out of each annotation, never the annotation itself.
  const result = (await db.execute(sql`
    select phrase,
      count(*)::int as messages,
      count(distinct ${m.conversationId})::int as conversations,
      coalesce(avg(${m.sentimentScore}), 0)::float8 as average_sentiment,
      avg(case when ${m.sentimentLabel} = 'negative' then 1 else 0 end)::float8 as negative_share,
      mode() within group (order by coalesce(${m.intent}, 'unknown')) as top_intent
    from ${from}
    cross join lateral jsonb_array_elements_text(${m.topics}) as phrase
    where ${where} and ${m.topics} is not null
    group by phrase
    order by messages desc, conversations desc, phrase
    limit ${limit}`)) as unknown as {
    rows: { phrase: string; messages: number; conversations: number; average_sentiment: number; negative_share: number; top_intent: string }[];
  };
  return result.rows.map((r) => ({
    phrase: r.phrase,
    messages: Number(r.messages),
    conversations: Number(r.conversations),
    averageSentiment: Number(r.average_sentiment),
    negativeShare: Number(r.negative_share),
    topIntent: r.top_intent,
  }));
}

/** Customer messages in a period, with or without a topic (through the partial index on customer messages' time). */
export async function countCustomerMessages(db: Database, period: ReportPeriod): Promise<number> {
  const { from, where } = customerMessagesIn(period);
  const result = (await db.execute(sql`select count(*)::int as n from ${from} where ${where}`)) as unknown as { rows: { n: number }[] };
  return Number(result.rows[0]?.n ?? 0);
}

/** How many customer messages of a period had each of the given key phrases (phrases with none are left out). */
export async function topicCounts(db: Database, period: ReportPeriod, phrases: string[]): Promise<Map<string, number>> {
  if (phrases.length === 0) return new Map();
  const m = tables.messages;
  const { from, where } = customerMessagesIn(period);
  const result = (await db.execute(sql`
    select phrase, count(*)::int as messages
    from ${from}
    cross join lateral jsonb_array_elements_text(${m.topics}) as phrase
    where ${where} and ${m.topics} is not null and phrase = any(${sql.param(phrases)}::text[])
    group by phrase`)) as unknown as { rows: { phrase: string; messages: number }[] };
  return new Map(result.rows.map((r) => [r.phrase, Number(r.messages)]));
}

/** One intent's figures over the customer messages of a period that have no key phrase ("I am furious, fix it now"). */
export type UntopicalRow = { intent: string; messages: number; averageSentiment: number; negativeShare: number };

/** Customer messages without a key phrase, counted under their intent, most frequent first. */
export async function messagesWithoutTopic(db: Database, period: ReportPeriod, limit: number): Promise<UntopicalRow[]> {
  const m = tables.messages;
  const { from, where } = customerMessagesIn(period);
  const result = (await db.execute(sql`
    select coalesce(${m.intent}, 'unknown') as intent, count(*)::int as messages,
      coalesce(avg(${m.sentimentScore}), 0)::float8 as average_sentiment,
      avg(case when ${m.sentimentLabel} = 'negative' then 1 else 0 end)::float8 as negative_share
    from ${from}
    where ${where} and (${m.topics} is null or jsonb_array_length(${m.topics}) = 0)
    group by 1
    order by messages desc, intent
    limit ${limit}`)) as unknown as { rows: { intent: string; messages: number; average_sentiment: number; negative_share: number }[] };
  return result.rows.map((r) => ({ intent: r.intent, messages: Number(r.messages), averageSentiment: Number(r.average_sentiment), negativeShare: Number(r.negative_share) }));
}
