/** Report queries: aggregates over message_topics, the narrow copy of customer messages' key phrases. */
import { sql } from "drizzle-orm";
import { tables, type Database } from "../../db/index.ts";

/** Which customer messages a report covers: [from, to) and optionally one channel. */
export type ReportPeriod = { from: Date; to: Date; channel: string | null };

/** One topic row as the database returns it. */
export type TopicRow = { phrase: string; messages: number; conversations: number; averageSentiment: number; negativeShare: number; topIntent: string };

/** The most frequent key phrases of customer messages in a period, with their mood and most common intent. */
export async function topTopics(db: Database, period: ReportPeriod, limit: number): Promise<TopicRow[]> {
  const t = tables.messageTopics;
  const channel = period.channel === null ? sql`true` : sql`${t.channel} = ${period.channel}`;
  const result = (await db.execute(sql`
    select ${t.phrase} as phrase,
      count(*)::int as messages,
      count(distinct ${t.conversationId})::int as conversations,
      avg(${t.score})::float8 as average_sentiment,
      avg(case when ${t.negative} then 1 else 0 end)::float8 as negative_share,
      mode() within group (order by ${t.intent}) as top_intent
    from ${t}
    where ${t.createdAt} >= ${period.from.toISOString()}::timestamptz and ${t.createdAt} < ${period.to.toISOString()}::timestamptz and ${channel}
    group by ${t.phrase}
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

/** Customer messages in a period, with or without a topic (messages_conversation_seq_idx does not cover time, so this scans the period's messages). */
export async function countCustomerMessages(db: Database, period: ReportPeriod): Promise<number> {
  const m = tables.messages;
  const c = tables.conversations;
  const channel = period.channel === null ? sql`true` : sql`${c.channel} = ${period.channel}`;
  const result = (await db.execute(sql`
    select count(*)::int as n from ${m} join ${c} on ${c.id} = ${m.conversationId}
    where ${m.senderType} = 'customer' and ${m.createdAt} >= ${period.from.toISOString()}::timestamptz
      and ${m.createdAt} < ${period.to.toISOString()}::timestamptz and ${channel}`)) as unknown as { rows: { n: number }[] };
  return Number(result.rows[0]?.n ?? 0);
}
