/** Report queries: aggregates over customer messages and their stored NLP annotations. */
import { sql } from "drizzle-orm";
import { tables, type Database } from "../../db/index.ts";

/** Which customer messages a report covers: [from, to) and optionally one channel. */
export type ReportPeriod = { from: Date; to: Date; channel: string | null };

/** One topic row as the database returns it. */
export type TopicRow = { phrase: string; messages: number; conversations: number; averageSentiment: number; negativeShare: number; topIntent: string };

/** The most frequent key phrases of customer messages in a period, with their mood and most common intent. */
export async function topTopics(db: Database, period: ReportPeriod, limit: number): Promise<{ messages: number; topics: TopicRow[] }> {
  const m = tables.messages;
  const c = tables.conversations;
  const channel = period.channel === null ? sql`true` : sql`${c.channel} = ${period.channel}`;
  const result = (await db.execute(sql`
    with customer_messages as (
      select ${m.conversationId} as conversation_id, ${m.annotation} as annotation
      from ${m} join ${c} on ${c.id} = ${m.conversationId}
      where ${m.senderType} = 'customer' and ${m.createdAt} >= ${period.from.toISOString()}::timestamptz
        and ${m.createdAt} < ${period.to.toISOString()}::timestamptz and ${channel}
    ), mentions as (
      select phrase, conversation_id,
        (annotation->'sentiment'->>'score')::float8 as score,
        annotation->'sentiment'->>'label' as label,
        coalesce(annotation->'intent'->>'name', 'unknown') as intent
      from customer_messages
      cross join lateral jsonb_array_elements_text(case when jsonb_typeof(annotation->'keyPhrases') = 'array' then annotation->'keyPhrases' else '[]'::jsonb end) as phrase
    )
    select
      (select count(*)::int from customer_messages) as total,
      phrase,
      count(*)::int as messages,
      count(distinct conversation_id)::int as conversations,
      coalesce(avg(score), 0)::float8 as average_sentiment,
      avg(case when label = 'negative' then 1 else 0 end)::float8 as negative_share,
      mode() within group (order by intent) as top_intent
    from mentions
    group by phrase
    order by messages desc, conversations desc, phrase
    limit ${limit}`)) as unknown as {
    rows: { total: number; phrase: string; messages: number; conversations: number; average_sentiment: number; negative_share: number; top_intent: string }[];
  };
  const messages = result.rows.length ? Number(result.rows[0].total) : await countCustomerMessages(db, period);
  return {
    messages,
    topics: result.rows.map((r) => ({
      phrase: r.phrase,
      messages: Number(r.messages),
      conversations: Number(r.conversations),
      averageSentiment: Number(r.average_sentiment),
      negativeShare: Number(r.negative_share),
      topIntent: r.top_intent,
    })),
  };
}

/** Customer messages in a period (used when none of them has a topic). */
async function countCustomerMessages(db: Database, period: ReportPeriod): Promise<number> {
  const m = tables.messages;
  const c = tables.conversations;
  const channel = period.channel === null ? sql`true` : sql`${c.channel} = ${period.channel}`;
  const result = (await db.execute(sql`
    select count(*)::int as n from ${m} join ${c} on ${c.id} = ${m.conversationId}
    where ${m.senderType} = 'customer' and ${m.createdAt} >= ${period.from.toISOString()}::timestamptz
      and ${m.createdAt} < ${period.to.toISOString()}::timestamptz and ${channel}`)) as unknown as { rows: { n: number }[] };
  return Number(result.rows[0]?.n ?? 0);
}
