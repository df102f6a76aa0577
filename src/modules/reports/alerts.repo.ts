/** Queries of the negative-sentiment alerts: each scope's last hour against its history, and the stored alerts. */
import { and, desc, eq, inArray, isNotNull, isNull, lt, or, sql } from "drizzle-orm";
import { tables, type Database } from "../../db/index.ts";
import { rowsOf, SCORED_CUSTOMER_MESSAGE } from "./report-sql.ts";

/** A stored alert. */
export type AlertRow = typeof tables.reportAlerts.$inferSelect;
/** Which kind of key an alert is about. */
export type AlertScope = AlertRow["scope"];

/**
 * One inbox or topic with customer messages in the window: their count and the negative ones, and the 99th percentile
 * of the negative share of its history hours (the same UTC hour of day, and all hours) with how many hours that is.
 */
export type ScopeHourRow = {
  scope: AlertScope;
  key: string;
  volume: number;
  negative: number;
  same_hours: number;
  same_p99: number | null;
  all_hours: number;
  all_p99: number | null;
};

/**
 * Every inbox and topic with scored customer messages in [windowStart, windowEnd), with the negative-share percentiles
 * of its whole UTC hours in the `historyDays` before the window that held at least `minMessages` such messages.
 */
export async function scopeHours(db: Database, window: { start: Date; end: Date }, historyDays: number, minMessages: number): Promise<ScopeHourRow[]> {
  const historyStart = new Date(window.start.getTime() - historyDays * 86_400_000);
  const hourOfDay = window.start.getUTCHours();
  return rowsOf<ScopeHourRow>(
    db,
    sql`with scored as (
        select m.created_at, c.inbox_id, m.sentiment_label = 'negative' as neg, m.topics
        from messages m join conversations c on c.id = m.conversation_id
        where ${SCORED_CUSTOMER_MESSAGE}
          and m.created_at >= ${historyStart.toISOString()}::timestamptz and m.created_at < ${window.end.toISOString()}::timestamptz
      ), keyed as (
        select created_at, neg, 'inbox' as scope, inbox_id as key from scored
        union all
        select s.created_at, s.neg, 'topic', tp.topic from scored s cross join lateral jsonb_array_elements_text(coalesce(s.topics, '[]'::jsonb)) tp(topic)
      ), recent as (
        select scope, key, count(*)::int as volume, count(*) filter (where neg)::int as negative
        from keyed where created_at >= ${window.start.toISOString()}::timestamptz group by scope, key
      ), history as (
        select scope, key, extract(hour from date_trunc('hour', created_at at time zone 'UTC'))::int as hour_of_day,
          (count(*) filter (where neg))::float8 / count(*) as share
        from keyed where created_at < ${window.start.toISOString()}::timestamptz
          and (scope, key) in (select scope, key from recent)
        group by scope, key, date_trunc('hour', created_at at time zone 'UTC')
        having count(*) >= ${minMessages}
      ), percentiles as (
        select scope, key,
          count(*) filter (where hour_of_day = ${hourOfDay})::int as same_hours,
          percentile_cont(0.99) within group (order by share) filter (where hour_of_day = ${hourOfDay}) as same_p99,
          count(*)::int as all_hours,
          percentile_cont(0.99) within group (order by share) as all_p99
        from history group by scope, key
      )
      select r.scope, r.key, r.volume, r.negative, coalesce(p.same_hours, 0) as same_hours, p.same_p99, coalesce(p.all_hours, 0) as all_hours, p.all_p99
      from recent r left join percentiles p on p.scope = r.scope and p.key = r.key
      order by r.scope, r.key`,
  );
}

/** Stores a new spike unless the scope has one in progress (the partial unique index); undefined when it had. */
export async function insertAlert(db: Database, values: Omit<typeof tables.reportAlerts.$inferInsert, "id">): Promise<AlertRow | undefined> {
  const [row] = await db
    .insert(tables.reportAlerts)
    .values(values)
    .onConflictDoNothing({ target: [tables.reportAlerts.scope, tables.reportAlerts.key], where: sql`ended_at is null` })
    .returning();
  return row;
}

/** Spikes in progress (not ended). */
export async function activeAlerts(db: Database): Promise<AlertRow[]> {
  return db.select().from(tables.reportAlerts).where(isNull(tables.reportAlerts.endedAt));
}

/** Marks spikes as over (their scope fell back below the threshold). */
export async function endAlerts(db: Database, ids: string[], at: Date): Promise<void> {
  if (ids.length === 0) return;
  await db.update(tables.reportAlerts).set({ endedAt: at }).where(and(inArray(tables.reportAlerts.id, ids), isNull(tables.reportAlerts.endedAt)));
}

/** A page of alerts, newest first: open (not acknowledged) or acknowledged, after a (raisedAt, id) cursor. */
export async function listAlerts(db: Database, status: "open" | "acknowledged", cursor: { at: string; id: string } | null, limit: number): Promise<AlertRow[]> {
  const t = tables.reportAlerts;
  const state = status === "open" ? isNull(t.acknowledgedAt) : isNotNull(t.acknowledgedAt);
  const after = cursor ? or(lt(t.raisedAt, new Date(cursor.at)), and(eq(t.raisedAt, new Date(cursor.at)), lt(t.id, cursor.id))) : undefined;
  return db.select().from(t).where(and(state, after)).orderBy(desc(t.raisedAt), desc(t.id)).limit(limit);
}

/** Acknowledges an alert (the first acknowledgement stands); undefined when there is no such alert. */
export async function acknowledgeAlertRow(db: Database, id: string, by: string | null, at: Date): Promise<AlertRow | undefined> {
  const t = tables.reportAlerts;
  const [row] = await db
    .update(t)
    .set({ acknowledgedAt: sql`coalesce(${t.acknowledgedAt}, ${at.toISOString()}::timestamptz)`, acknowledgedBy: sql`case when ${t.acknowledgedAt} is null then ${by}::uuid else ${t.acknowledgedBy} end` })
    .where(eq(t.id, id))
    .returning();
  return row;
}

/** The active managers and admins: who hears of alerts. */
export async function alertRecipients(db: Database): Promise<{ id: string; email: string; name: string }[]> {
  const u = tables.users;
  return db
    .select({ id: u.id, email: u.email, name: u.name })
    .from(u)
    .where(and(eq(u.active, true), inArray(u.role, ["manager", "admin"])));
}
