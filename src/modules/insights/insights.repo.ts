/** Queries of the insights module: customer features computed in SQL, runs, segments, memberships and the read pages. */
import { and, desc, eq, gt, inArray, isNull, sql } from "drizzle-orm";
import { tables, type Database } from "../../db/index.ts";
import { UNKNOWN_INTENT, SMALL_TALK_INTENTS } from "../../contracts/nlp.ts";

type Rows<T> = { rows: T[] };

/** A run row. */
export type InsightRunRow = typeof tables.insightRuns.$inferSelect;
/** A segment row. */
export type InsightSegmentRow = typeof tables.insightSegments.$inferSelect;
/** A customer_features row. */
export type CustomerFeatureRow = typeof tables.customerFeatures.$inferSelect;

/** One customer's figures as of a moment, straight from the product's tables (null where the customer has none). */
export type FeatureSourceRow = {
  id: string;
  recency_days: number | null;
  orders_12m: number;
  spend_12m: number;
  average_order_value: number | null;
  conversations_90d: number;
  tickets_90d: number;
  negative_share: number | null;
  mean_sentiment: number | null;
  channels_used: number;
  tenure_days: number;
  orders_all: number;
  ordered_after: boolean;
  top_intents: string[] | null;
  top_topics: string[] | null;
  channels: string[] | null;
  attributes: Record<string, unknown>;
  /** The segment the previous refresh put the customer in (names carry over while a segment keeps most of its members). */
  previous_segment: string | null;
};

const DAY = 86_400;

/**
 * Every live customer created by `asOf`, with their figures as of then: recency (days since the last order that was not
 * cancelled), orders and spend (in currency units; currencies are added as they are) over 12 months, average order
 * value over all orders, conversations and tickets over 90 days, the share of their messages over 12 months the NLP read
 * as negative and their mean sentiment score, channels used, tenure, top intents and topics, and whether they ordered in
 * the `afterDays` following `asOf` (the churn label's window).
 */
export async function featureSource(db: Database, asOf: Date, afterDays = 0): Promise<FeatureSourceRow[]> {
  const at = sql`${asOf.toISOString()}::timestamptz`;
  const after = sql`(${at} + make_interval(days => ${afterDays}))`;
  const skipped = sql.param([UNKNOWN_INTENT, ...SMALL_TALK_INTENTS]);
  // Each aggregate is one pass over its table, joined to the customers by hash: the planner guesses a few hundred rows
  // per aggregate and would otherwise loop over one for every customer (quadratic: minutes at 5,000 customers).
  return db.transaction(async (tx) => {
  await tx.execute(sql`set local enable_nestloop = off`);
  const result = (await tx.execute(sql`
    with c as (
      select id, created_at, attributes from ${tables.customers}
      where merged_into_id is null and erased_at is null and created_at <= ${at}
    ),
    o as (
      select customer_id,
        max(placed_at) filter (where placed_at <= ${at}) as last_order,
        count(*) filter (where placed_at <= ${at} and placed_at > ${at} - interval '365 days') as orders_12m,
        coalesce(sum(total_cents) filter (where placed_at <= ${at} and placed_at > ${at} - interval '365 days'), 0) as spend_12m,
        count(*) filter (where placed_at <= ${at}) as orders_all,
        sum(total_cents) filter (where placed_at <= ${at}) as spend_all,
        bool_or(placed_at > ${at} and placed_at <= ${after}) as ordered_after
      from ${tables.orders} where status <> 'cancelled' and customer_id is not null group by customer_id
    ),
    cv as (
      select customer_id,
        count(*) filter (where created_at > ${at} - interval '90 days' and created_at <= ${at}) as n90,
        array_agg(distinct channel) filter (where created_at <= ${at}) as channels
      from ${tables.conversations} group by customer_id
    ),
    tk as (
      select customer_id, count(*) as n90 from ${tables.tickets}
      where created_at > ${at} - interval '90 days' and created_at <= ${at} group by customer_id
    ),
    m as (
      select x.customer_id, m.sentiment_label, m.sentiment_score, m.intent, m.topics
      from ${tables.messages} m join ${tables.conversations} x on x.id = m.conversation_id
      where m.sender_type = 'customer' and m.created_at <= ${at} and m.created_at > ${at} - interval '365 days'
    ),
    ms as (
      select customer_id, count(sentiment_label) as scored, count(*) filter (where sentiment_label = 'negative') as negative, avg(sentiment_score) as mean
      from m group by customer_id
    ),
    it as (
      select customer_id, array_agg(intent order by n desc, intent) as top from (
        select customer_id, intent, count(*) as n, row_number() over (partition by customer_id order by count(*) desc, intent) as r
        from m where intent is not null and not (intent = any(${skipped}::text[])) group by customer_id, intent
      ) ranked where r <= 3 group by customer_id
    ),
    tp as (
      select customer_id, array_agg(topic order by n desc, topic) as top from (
        select customer_id, topic, count(*) as n, row_number() over (partition by customer_id order by count(*) desc, topic) as r
        from m, jsonb_array_elements_text(m.topics) as topic where m.topics is not null group by customer_id, topic
      ) ranked where r <= 3 group by customer_id
    )
    select c.id,
      case when o.last_order is null then null else round((extract(epoch from ${at} - o.last_order) / ${DAY})::numeric, 1)::float8 end as recency_days,
      coalesce(o.orders_12m, 0)::int as orders_12m,
      round(coalesce(o.spend_12m, 0) / 100.0, 2)::float8 as spend_12m,
      case when coalesce(o.orders_all, 0) = 0 then null else round(o.spend_all / 100.0 / o.orders_all, 2)::float8 end as average_order_value,
      coalesce(cv.n90, 0)::int as conversations_90d,
      coalesce(tk.n90, 0)::int as tickets_90d,
      case when coalesce(ms.scored, 0) = 0 then null else round(ms.negative::numeric / ms.scored, 4)::float8 end as negative_share,
      round(ms.mean::numeric, 4)::float8 as mean_sentiment,
      coalesce(array_length(cv.channels, 1), 0)::int as channels_used,
      round((extract(epoch from ${at} - c.created_at) / ${DAY})::numeric, 1)::float8 as tenure_days,
      coalesce(o.orders_all, 0)::int as orders_all,
      coalesce(o.ordered_after, false) as ordered_after,
      it.top as top_intents, tp.top as top_topics, cv.channels, c.attributes, pf.segment_name as previous_segment
    from c
    left join ${tables.customerFeatures} pf on pf.customer_id = c.id
    left join o on o.customer_id = c.id
    left join cv on cv.customer_id = c.id
    left join tk on tk.customer_id = c.id
    left join ms on ms.customer_id = c.id
    left join it on it.customer_id = c.id
    left join tp on tp.customer_id = c.id
    order by c.id`)) as unknown as Rows<FeatureSourceRow>;
  return result.rows;
  });
}

/** The numeric and boolean custom attributes of customers (features beside the computed ones). */
export async function modelledAttributes(db: Database): Promise<{ key: string; label: string; type: "number" | "boolean" }[]> {
  const a = tables.attributeDefinitions;
  const rows = await db
    .select({ key: a.key, label: a.label, type: a.type })
    .from(a)
    .where(and(eq(a.entity, "customer"), inArray(a.type, ["number", "boolean"])))
    .orderBy(a.key);
  return rows as { key: string; label: string; type: "number" | "boolean" }[];
}

/** Inserts a run. */
export async function insertRun(db: Database, values: { trigger: "manual" | "schedule"; requestedBy: string | null; createdAt: Date }): Promise<InsightRunRow> {
  const [row] = await db.insert(tables.insightRuns).values(values).returning();
  return row;
}

/** One run. */
export async function findRun(db: Database, id: string): Promise<InsightRunRow | undefined> {
  const [row] = await db.select().from(tables.insightRuns).where(eq(tables.insightRuns.id, id)).limit(1);
  return row;
}

/** A run queued or running created after `since` (older ones were left by a crash). */
export async function findActiveRun(db: Database, since: Date): Promise<InsightRunRow | undefined> {
  const r = tables.insightRuns;
  const [row] = await db
    .select()
    .from(r)
    .where(and(inArray(r.status, ["queued", "running"]), gt(r.createdAt, since)))
    .orderBy(desc(r.seq))
    .limit(1);
  return row;
}

/** The newest run, or the newest that succeeded. */
export async function latestRun(db: Database, succeeded = false): Promise<InsightRunRow | undefined> {
  const r = tables.insightRuns;
  const [row] = await db
    .select()
    .from(r)
    .where(succeeded ? eq(r.status, "succeeded") : undefined)
    .orderBy(desc(r.seq))
    .limit(1);
  return row;
}

/** Changes a run. */
export async function updateRun(db: Database, id: string, changes: Partial<Omit<InsightRunRow, "id" | "createdAt">>): Promise<void> {
  await db.update(tables.insightRuns).set(changes).where(eq(tables.insightRuns.id, id));
}

/** A run's segments in order. */
export async function segmentsOf(db: Database, runId: string): Promise<InsightSegmentRow[]> {
  const s = tables.insightSegments;
  return db.select().from(s).where(eq(s.runId, runId)).orderBy(s.position);
}

/** Inserts a run's segments and returns their ids in position order. */
export async function insertSegments(db: Database, runId: string, rows: { position: number; name: string; size: number; detail: Record<string, unknown> }[]): Promise<string[]> {
  if (rows.length === 0) return [];
  const inserted = await db
    .insert(tables.insightSegments)
    .values(rows.map((row) => ({ ...row, runId })))
    .returning({ id: tables.insightSegments.id, position: tables.insightSegments.position });
  return inserted.sort((a, b) => a.position - b.position).map((row) => row.id);
}

/** One customer's stored features as this run wrote them. */
export type FeatureWrite = Omit<CustomerFeatureRow, "runId" | "computedAt">;

const param = (values: unknown[]) => sql.param(values);

/** Writes (replaces) the feature rows of one batch of customers. */
export async function upsertFeatures(db: Database, runId: string, at: Date, rows: FeatureWrite[]): Promise<void> {
  if (rows.length === 0) return;
  const json = (values: unknown[]) => param(values.map((v) => JSON.stringify(v)));
  await db.execute(sql`
    insert into ${tables.customerFeatures} (customer_id, run_id, raw, standardized, top_intents, top_topics, channels, segment_id, segment_name, x, y, map_rank, churned, churn_risk, churn_drivers, computed_at)
    select u.customer_id, ${runId}::uuid, u.raw::jsonb, u.standardized::jsonb,
      array(select jsonb_array_elements_text(u.top_intents::jsonb)), array(select jsonb_array_elements_text(u.top_topics::jsonb)),
      array(select jsonb_array_elements_text(u.channels::jsonb)), u.segment_id, u.segment_name, u.x, u.y, u.map_rank, u.churned, u.churn_risk,
      u.churn_drivers::jsonb, ${at.toISOString()}::timestamptz
    from unnest(
      ${param(rows.map((r) => r.customerId))}::uuid[], ${json(rows.map((r) => r.raw))}::text[], ${json(rows.map((r) => r.standardized))}::text[],
      ${json(rows.map((r) => r.topIntents))}::text[], ${json(rows.map((r) => r.topTopics))}::text[], ${json(rows.map((r) => r.channels))}::text[],
      ${param(rows.map((r) => r.segmentId))}::uuid[], ${param(rows.map((r) => r.segmentName))}::text[], ${param(rows.map((r) => r.x))}::real[],
      ${param(rows.map((r) => r.y))}::real[], ${param(rows.map((r) => r.mapRank))}::int[], ${param(rows.map((r) => r.churned))}::boolean[],
      ${param(rows.map((r) => r.churnRisk))}::real[], ${json(rows.map((r) => r.churnDrivers))}::text[]
    ) as u(customer_id, raw, standardized, top_intents, top_topics, channels, segment_id, segment_name, x, y, map_rank, churned, churn_risk, churn_drivers)
    on conflict (customer_id) do update set
      run_id = excluded.run_id, raw = excluded.raw, standardized = excluded.standardized, top_intents = excluded.top_intents,
      top_topics = excluded.top_topics, channels = excluded.channels, segment_id = excluded.segment_id, segment_name = excluded.segment_name,
      x = excluded.x, y = excluded.y, map_rank = excluded.map_rank, churned = excluded.churned, churn_risk = excluded.churn_risk,
      churn_drivers = excluded.churn_drivers, computed_at = excluded.computed_at`);
}

/**
 * Writes customers.segment for one batch (the CRM list's filter) and keeps the membership history: a customer whose
 * segment name changed gets their open membership closed and a new one opened; an unchanged one keeps theirs.
 */
export async function recordMemberships(db: Database, runId: string, at: Date, rows: { customerId: string; segmentId: string; segmentName: string }[]): Promise<void> {
  if (rows.length === 0) return;
  const ids = param(rows.map((r) => r.customerId));
  const segmentIds = param(rows.map((r) => r.segmentId));
  const names = param(rows.map((r) => r.segmentName));
  const now = sql`${at.toISOString()}::timestamptz`;
  await db.execute(sql`
    update ${tables.customers} c set segment = u.name
    from unnest(${ids}::uuid[], ${names}::text[]) as u(id, name)
    where c.id = u.id and c.segment is distinct from u.name`);
  await db.execute(sql`
    update ${tables.segmentMemberships} sm set until = ${now}, ended_by_run_id = ${runId}::uuid
    from unnest(${ids}::uuid[], ${names}::text[]) as u(id, name)
    where sm.customer_id = u.id and sm.until is null and sm.segment_name <> u.name`);
  await db.execute(sql`
    update ${tables.segmentMemberships} sm set segment_id = u.segment_id, run_id = ${runId}::uuid
    from unnest(${ids}::uuid[], ${segmentIds}::uuid[]) as u(id, segment_id)
    where sm.customer_id = u.id and sm.until is null`);
  await db.execute(sql`
    insert into ${tables.segmentMemberships} (customer_id, segment_name, segment_id, run_id, since)
    select u.id, u.name, u.segment_id, ${runId}::uuid, ${now}
    from unnest(${ids}::uuid[], ${names}::text[], ${segmentIds}::uuid[]) as u(id, name, segment_id)
    where not exists (select 1 from ${tables.segmentMemberships} sm where sm.customer_id = u.id and sm.until is null)`);
}

/** Removes the feature rows a run did not write (customers merged, erased or gone since), and their segment labels. */
export async function dropStaleFeatures(db: Database, runId: string, at: Date, segmented: boolean): Promise<void> {
  await db.execute(sql`delete from ${tables.customerFeatures} where run_id <> ${runId}::uuid`);
  if (!segmented) return;
  // Customers the run did not segment (none in it) lose a label from an earlier run.
  await db.execute(sql`
    update ${tables.customers} c set segment = null
    where c.segment is not null and not exists (select 1 from ${tables.customerFeatures} f where f.customer_id = c.id)`);
  await db.execute(sql`
    update ${tables.segmentMemberships} sm set until = ${at.toISOString()}::timestamptz, ended_by_run_id = ${runId}::uuid
    where sm.until is null and not exists (select 1 from ${tables.customerFeatures} f where f.customer_id = sm.customer_id)`);
}

/** How many customers a run moved from one segment to another, by pair, largest first. */
export async function movementsOf(db: Database, runId: string): Promise<{ from: string; to: string; customers: number }[]> {
  const result = (await db.execute(sql`
    select ended.segment_name as "from", f.segment_name as "to", count(*)::int as customers
    from ${tables.segmentMemberships} ended join ${tables.customerFeatures} f on f.customer_id = ended.customer_id
    where ended.ended_by_run_id = ${runId}::uuid and f.segment_name is not null
    group by 1, 2 order by 3 desc, 1, 2 limit 50`)) as unknown as Rows<{ from: string; to: string; customers: number }>;
  return result.rows;
}

/** One customer's feature row with their name. */
export async function featuresOf(db: Database, customerId: string): Promise<(CustomerFeatureRow & { name: string | null }) | undefined> {
  const f = tables.customerFeatures;
  const [row] = await db
    .select({ f, name: tables.customers.name })
    .from(f)
    .innerJoin(tables.customers, eq(tables.customers.id, f.customerId))
    .where(eq(f.customerId, customerId))
    .limit(1);
  return row ? { ...row.f, name: row.name } : undefined;
}

/** A page of feature rows by customer id. */
export async function featurePage(db: Database, after: string | null, limit: number): Promise<(CustomerFeatureRow & { name: string | null })[]> {
  const f = tables.customerFeatures;
  const rows = await db
    .select({ f, name: tables.customers.name })
    .from(f)
    .innerJoin(tables.customers, eq(tables.customers.id, f.customerId))
    .where(after ? gt(f.customerId, after) : undefined)
    .orderBy(f.customerId)
    .limit(limit);
  return rows.map((row) => ({ ...row.f, name: row.name }));
}

/** A customer's memberships, newest first. */
export async function membershipsOf(db: Database, customerId: string, limit = 50) {
  const sm = tables.segmentMemberships;
  return db.select({ segment: sm.segmentName, since: sm.since, until: sm.until }).from(sm).where(eq(sm.customerId, customerId)).orderBy(desc(sm.since), desc(sm.id)).limit(limit);
}

/** The map's points: the `limit` smallest seeded ranks (a uniform sample), optionally one segment's. */
export async function mapPoints(db: Database, limit: number, segmentId: string | undefined) {
  const f = tables.customerFeatures;
  return db
    .select({ customerId: f.customerId, name: tables.customers.name, x: f.x, y: f.y, segment: f.segmentName })
    .from(f)
    .innerJoin(tables.customers, eq(tables.customers.id, f.customerId))
    .where(and(sql`${f.x} is not null`, segmentId ? eq(f.segmentId, segmentId) : undefined))
    .orderBy(f.mapRank)
    .limit(limit);
}

/** How many customers are on the map (optionally in one segment). */
export async function mapCount(db: Database, segmentId: string | undefined): Promise<number> {
  const f = tables.customerFeatures;
  const [row] = await db
    .select({ n: sql<number>`count(*)::int` })
    .from(f)
    .where(and(sql`${f.x} is not null`, segmentId ? eq(f.segmentId, segmentId) : undefined));
  return row?.n ?? 0;
}

/** Customers with a churn risk, by risk (highest first unless ascending), keyset after (risk, id). */
export async function churnPage(db: Database, options: { ascending: boolean; after: { risk: number; id: string } | null; limit: number; segmentId?: string }) {
  const f = tables.customerFeatures;
  const c = tables.customers;
  const keyset = options.after
    ? options.ascending
      ? sql`(${f.churnRisk}, ${f.customerId}) > (${options.after.risk}::real, ${options.after.id}::uuid)`
      : sql`(${f.churnRisk}, ${f.customerId}) < (${options.after.risk}::real, ${options.after.id}::uuid)`
    : undefined;
  return db
    .select({ customerId: f.customerId, name: c.name, email: c.email, segment: f.segmentName, churnRisk: f.churnRisk, raw: f.raw, drivers: f.churnDrivers })
    .from(f)
    .innerJoin(c, eq(c.id, f.customerId))
    .where(and(sql`${f.churnRisk} is not null`, isNull(c.erasedAt), keyset, options.segmentId ? eq(f.segmentId, options.segmentId) : undefined))
    .orderBy(...(options.ascending ? [f.churnRisk, f.customerId] : [desc(f.churnRisk), desc(f.customerId)]))
    .limit(options.limit + 1);
}

/** A customer's segment, churn risk and response score as the latest run left them (for the profile). */
export async function insightOf(db: Database, customerId: string): Promise<{ segment: string | null; churnRisk: number | null; responseScore: number | null } | undefined> {
  const f = tables.customerFeatures;
  const r = tables.responseScores;
  const [row] = await db
    .select({ segment: f.segmentName, churnRisk: f.churnRisk, responseScore: r.score })
    .from(f)
    .leftJoin(r, eq(r.customerId, f.customerId))
    .where(eq(f.customerId, customerId))
    .limit(1);
  return row;
}

/** Whether a customer exists, unmerged and not erased. */
export async function isLiveCustomer(db: Database, customerId: string): Promise<boolean> {
  const c = tables.customers;
  const [row] = await db.select({ id: c.id }).from(c).where(and(eq(c.id, customerId), isNull(c.mergedIntoId), isNull(c.erasedAt))).limit(1);
  return row !== undefined;
}
