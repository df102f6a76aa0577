/** Queries of the response models, the campaign forecast and the escalation drivers (docs/insights.md). */
import { and, desc, eq, isNull, sql } from "drizzle-orm";
import { tables, type Database } from "../../db/index.ts";

type Rows<T> = { rows: T[] };
const DAY = 86_400;
const param = (values: unknown[]) => sql.param(values);

/** One delivered campaign send as a labelled example: its campaign, the customer, and what came of it. */
export type CampaignOutcomeRow = {
  campaign_id: string;
  as_of: Date | string;
  channel: "widget" | "email";
  message: string;
  variants: number;
  customer_id: string;
  responded: boolean;
  revenue_cents: number;
};

/**
 * Every delivered send of the `campaigns` most recently started campaigns: responded when the customer replied or
 * placed a (not cancelled) order within the campaign's conversion days after delivery (its revenue is those orders').
 * `as_of` is the campaign's start (the moment its audience's features are read as of).
 */
export async function campaignOutcomes(db: Database, campaigns: number): Promise<CampaignOutcomeRow[]> {
  const result = (await db.execute(sql`
    with recent as (
      select c.id, coalesce(c.started_at, min(s.delivered_at)) as as_of, c.channel, c.message, jsonb_array_length(c.variants) as variants, c.conversion_days
      from ${tables.campaigns} c join ${tables.campaignSends} s on s.campaign_id = c.id and s.delivered_at is not null
      group by c.id order by 2 desc, c.id limit ${campaigns}
    )
    select r.id as campaign_id, r.as_of, r.channel, r.message, r.variants::int as variants, s.customer_id,
      (s.replied_at is not null or count(o.id) > 0) as responded, coalesce(sum(o.total_cents), 0)::bigint as revenue_cents
    from recent r
    join ${tables.campaignSends} s on s.campaign_id = r.id and s.delivered_at is not null
    join ${tables.customers} cu on cu.id = s.customer_id and cu.merged_into_id is null and cu.erased_at is null
    left join ${tables.orders} o on o.customer_id = s.customer_id and o.status <> 'cancelled'
      and o.placed_at >= s.delivered_at and o.placed_at < s.delivered_at + make_interval(days => r.conversion_days)
    group by r.id, r.as_of, r.channel, r.message, r.variants, s.id, s.customer_id, s.replied_at
    order by r.as_of, r.id, s.customer_id`)) as unknown as Rows<CampaignOutcomeRow>;
  return result.rows.map((r) => ({ ...r, revenue_cents: Number(r.revenue_cents) }));
}

/** Replaces every stored response score with this run's (none when the model was not trained). */
export async function replaceResponseScores(db: Database, runId: string, at: Date, model: string | null, rows: { customerId: string; score: number }[]): Promise<void> {
  await db.delete(tables.responseScores);
  if (!model) return;
  for (let i = 0; i < rows.length; i += 1000) {
    const batch = rows.slice(i, i + 1000);
    await db.insert(tables.responseScores).values(batch.map((r) => ({ customerId: r.customerId, score: r.score, runId, model, computedAt: at })));
  }
}

/** Customers by response score, highest first, keyset after (score, id); live customers only. */
export async function responsePage(db: Database, after: { score: number; id: string } | null, limit: number) {
  const r = tables.responseScores;
  const c = tables.customers;
  const f = tables.customerFeatures;
  return db
    .select({ customerId: r.customerId, name: c.name, email: c.email, segment: f.segmentName, score: r.score })
    .from(r)
    .innerJoin(c, eq(c.id, r.customerId))
    .leftJoin(f, eq(f.customerId, r.customerId))
    .where(and(isNull(c.erasedAt), isNull(c.mergedIntoId), after ? sql`(${r.score}, ${r.customerId}) < (${after.score}::real, ${after.id}::uuid)` : undefined))
    .orderBy(desc(r.score), desc(r.customerId))
    .limit(limit);
}

/** How many customers hold a response score. */
export async function responseCount(db: Database): Promise<number> {
  const [row] = await db.select({ n: sql<number>`count(*)::int` }).from(tables.responseScores);
  return row?.n ?? 0;
}

/** The mean of each feature (raw, as the latest run stored it; missing ones left out) over the given customers. */
export async function meanRawFeatures(db: Database, customerIds: string[], keys: string[]): Promise<{ customers: number; means: Record<string, number | null> }> {
  if (customerIds.length === 0) return { customers: 0, means: Object.fromEntries(keys.map((k) => [k, null])) };
  const f = tables.customerFeatures;
  const columns = keys.map((k) => sql`avg((${f.raw} ->> ${k})::float8)`);
  const result = (await db.execute(sql`
    select count(*)::int as customers, ${sql.join(
      columns.map((c, i) => sql`${c} as ${sql.identifier(`m${i}`)}`),
      sql`, `,
    )}
    from ${f} where ${f.customerId} = any(${param(customerIds)}::uuid[])`)) as unknown as Rows<Record<string, number | null>>;
  const row = result.rows[0] ?? {};
  return { customers: Number(row.customers ?? 0), means: Object.fromEntries(keys.map((k, i) => [k, row[`m${i}`] === null || row[`m${i}`] === undefined ? null : Number(row[`m${i}`])])) };
}

/** One conversation as an escalation example: customer-side figures of the conversation and whether a human took it. */
export type EscalationSourceRow = {
  customer_messages: number;
  negative_share: number | null;
  min_sentiment: number | null;
  mean_sentiment: number | null;
  first_message_chars: number | null;
  orders_12m: number;
  tenure_days: number;
  escalated: boolean;
};

/**
 * Conversations started in the 365 days before `asOf` with at least one customer message: their customer messages,
 * share read as negative, lowest and mean sentiment, first message's length, the customer's orders in the 12 months
 * before the conversation and tenure then; escalated when a ticket was opened for it or it is in hand-off.
 */
export async function escalationSource(db: Database, asOf: Date): Promise<EscalationSourceRow[]> {
  const at = sql`${asOf.toISOString()}::timestamptz`;
  const result = (await db.execute(sql`
    with cv as (
      select x.id, x.customer_id, x.created_at, x.status from ${tables.conversations} x
      join ${tables.customers} c on c.id = x.customer_id and c.merged_into_id is null and c.erased_at is null
      where x.created_at <= ${at} and x.created_at > ${at} - interval '365 days'
    ),
    m as (
      select m.conversation_id, count(*)::int as n,
        count(*) filter (where m.sentiment_label = 'negative')::float8 / nullif(count(m.sentiment_label), 0) as negative_share,
        min(m.sentiment_score)::float8 as min_sentiment, avg(m.sentiment_score)::float8 as mean_sentiment,
        (array_agg(length(m.text) order by m.created_at))[1] as first_chars
      from ${tables.messages} m join cv on cv.id = m.conversation_id
      where m.sender_type = 'customer' group by m.conversation_id
    )
    select m.n as customer_messages, round(m.negative_share::numeric, 4)::float8 as negative_share,
      round(m.min_sentiment::numeric, 4)::float8 as min_sentiment, round(m.mean_sentiment::numeric, 4)::float8 as mean_sentiment,
      m.first_chars as first_message_chars,
      (select count(*)::int from ${tables.orders} o where o.customer_id = cv.customer_id and o.status <> 'cancelled'
        and o.placed_at <= cv.created_at and o.placed_at > cv.created_at - interval '365 days') as orders_12m,
      round((extract(epoch from cv.created_at - cu.created_at) / ${DAY})::numeric, 1)::float8 as tenure_days,
      (cv.status = 'handoff' or exists (select 1 from ${tables.tickets} t where t.conversation_id = cv.id)) as escalated
    from cv join m on m.conversation_id = cv.id join ${tables.customers} cu on cu.id = cv.customer_id
    order by cv.created_at, cv.id`)) as unknown as Rows<EscalationSourceRow>;
  return result.rows;
}
