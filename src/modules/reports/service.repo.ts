/**
 * Service report queries, over conversations, tickets and ticket events (indexed by time; percentiles need the rows).
 * Each returns one row per bucket and key, and one per key with a null bucket for the whole period (GROUPING SETS),
 * since percentiles of buckets do not add up to the period's.
 */
import { sql, type SQL } from "drizzle-orm";
import type { Database } from "../../db/index.ts";
import type { ServiceGroupBy } from "../../contracts/reports.ts";
import type { ReportPeriod } from "./period.ts";
import { bucketIndex, conversationTeam, rowsOf, serviceFilter, within, type Buckets, type FilterValues } from "./report-sql.ts";

/** A bucket's 1-based number (null: the whole period) and group key. */
type Keyed = { bucket: number | null; key: string };
/** Conversations started, and those never handed off. */
export type ConversationRow = Keyed & { conversations: number; contained: number };
/** Tickets opened: reasons, first responses, status and priority now. */
export type OpenedRow = Keyed & { handoffs: number; reasons: Record<string, number> | null; frt_p50: number | null; frt_p90: number | null; by_status: Record<string, number> | null; by_priority: Record<string, number> | null };
/** Tickets resolved (as they stand): resolution times and handle times. */
export type ResolvedRow = Keyed & { resolved: number; res_p50: number | null; res_p90: number | null; handle_p50: number | null };
/** Resolutions (status changes to resolved) and how many were undone later. */
export type ResolutionRow = Keyed & { resolutions: number; reopened: number };
/** SLA breaches recorded, per metric. */
export type BreachRow = Keyed & { first_response: number; next_response: number; resolution: number };
/** Assignments. */
export type AssignedRow = Keyed & { assigned: number };

/** The group key of a ticket `t` (joined to its conversation `c`). */
function ticketKey(groupBy: ServiceGroupBy): SQL {
  if (groupBy === "channel") return sql`c.channel`;
  if (groupBy === "inbox") return sql`c.inbox_id`;
  if (groupBy === "team") return sql`coalesce(t.team_id::text, '')`;
  return sql`coalesce(t.assignee_id::text, '')`;
}

/** Wraps a bucketed aggregate so the bucket comes back as an instant (text) with the key, by bucket and key and by key alone. */
function grouped(period: ReportPeriod & { buckets: Buckets }, time: SQL, key: SQL, aggregates: SQL, from: SQL, where: SQL): SQL {
  return sql`select ${bucketIndex(time, period.buckets)} as bucket, ${key} as key, ${aggregates}
    from ${from} where ${where} and ${within(time, period.from, period.to)}
    group by grouping sets ((1, 2), (2))`;
}

const seconds = (end: SQL, start: SQL): SQL => sql`extract(epoch from ${end} - ${start})::float8`;
const pct = (p: number, value: SQL): SQL => sql`percentile_cont(${sql.raw(String(p))}) within group (order by ${value})`;

/** The group key of a conversation `c`: its channel or inbox; its agent or team, that of its latest ticket (none when contained). */
export function conversationGroupKey(groupBy: ServiceGroupBy): SQL {
  if (groupBy === "agent") return sql`coalesce((select t.assignee_id::text from tickets t where t.conversation_id = c.id order by t.created_at desc limit 1), '')`;
  if (groupBy === "team") return conversationTeam(sql`c.id`);
  return groupBy === "channel" ? sql`c.channel` : sql`c.inbox_id`;
}

/** Conversations started in the period in which the customer wrote (a message with a sentiment), and how many never got a ticket. */
export async function conversationRows(db: Database, period: ReportPeriod & { buckets: Buckets }, groupBy: ServiceGroupBy, filters: FilterValues = {}): Promise<ConversationRow[]> {
  return rowsOf<ConversationRow>(
    db,
    grouped(
      period,
      sql`c.created_at`,
      conversationGroupKey(groupBy),
      sql`count(*)::int as conversations, count(*) filter (where not exists (select 1 from tickets t where t.conversation_id = c.id))::int as contained`,
      sql`conversations c`,
      // The customer wrote (a message with a sentiment): a look-up in the small per-conversation report table, not the messages.
      sql`exists (select 1 from report_conversations rc where rc.conversation_id = c.id) and ${serviceFilter(filters, false)}`,
    ),
  );
}

/** Tickets opened in the period: hand-off reasons, first-response percentiles, current status and priority. */
export async function openedRows(db: Database, period: ReportPeriod & { buckets: Buckets }, groupBy: ServiceGroupBy, filters: FilterValues = {}): Promise<OpenedRow[]> {
  const frt = seconds(sql`t.first_response_at`, sql`t.created_at`);
  return rowsOf<OpenedRow>(
    db,
    grouped(
        period,
        sql`t.created_at`,
        ticketKey(groupBy),
        sql`count(*)::int as handoffs, ${pct(0.5, frt)} as frt_p50, ${pct(0.9, frt)} as frt_p90,
          (select jsonb_object_agg(v.reason, v.n) from (select reason, count(*) as n from unnest(array_agg(t.reason)) as reason group by reason) v) as reasons,
          (select jsonb_object_agg(v.status, v.n) from (select status, count(*) as n from unnest(array_agg(t.status)) as status group by status) v) as by_status,
          (select jsonb_object_agg(v.priority, v.n) from (select priority, count(*) as n from unnest(array_agg(t.priority)) as priority group by priority) v) as by_priority`,
        sql`tickets t join conversations c on c.id = t.conversation_id`,
        serviceFilter(filters, true),
    ),
  );
}

/** Tickets resolved in the period (resolved now): resolution and handle-time percentiles. */
export async function resolvedRows(db: Database, period: ReportPeriod & { buckets: Buckets }, groupBy: ServiceGroupBy, filters: FilterValues = {}): Promise<ResolvedRow[]> {
  const resolution = seconds(sql`t.resolved_at`, sql`t.created_at`);
  // Handle time: from the ticket's latest assignment before it was resolved to its resolution.
  const assignedAt = sql`(select max(e.created_at) from ticket_events e where e.ticket_id = t.id and e.type = 'assigned' and e.created_at <= t.resolved_at)`;
  const handle = seconds(sql`t.resolved_at`, assignedAt);
  return rowsOf<ResolvedRow>(
    db,
    grouped(
      period,
      sql`t.resolved_at`,
      ticketKey(groupBy),
      sql`count(*)::int as resolved, ${pct(0.5, resolution)} as res_p50, ${pct(0.9, resolution)} as res_p90, ${pct(0.5, handle)} as handle_p50`,
      sql`tickets t join conversations c on c.id = t.conversation_id`,
      sql`t.status = 'resolved' and t.resolved_at is not null and ${serviceFilter(filters, true)}`,
    ),
  );
}

/** Resolutions in the period (status changes to resolved), and those a later status change took back out of resolved. */
export async function resolutionRows(db: Database, period: ReportPeriod & { buckets: Buckets }, groupBy: ServiceGroupBy, filters: FilterValues = {}): Promise<ResolutionRow[]> {
  return rowsOf<ResolutionRow>(
    db,
    grouped(
      period,
      sql`e.created_at`,
      ticketKey(groupBy),
      sql`count(*)::int as resolutions, count(*) filter (where exists (select 1 from ticket_events l where l.ticket_id = e.ticket_id and l.type = 'status_changed'
        and l.id > e.id and l.data->>'from' = 'resolved'))::int as reopened`,
      sql`ticket_events e join tickets t on t.id = e.ticket_id join conversations c on c.id = t.conversation_id`,
      sql`e.type = 'status_changed' and e.data->>'to' = 'resolved' and ${serviceFilter(filters, true)}`,
    ),
  );
}

/** Assignments in the period; by agent, the agent assigned. */
export async function assignedRows(db: Database, period: ReportPeriod & { buckets: Buckets }, groupBy: ServiceGroupBy, filters: FilterValues = {}): Promise<AssignedRow[]> {
  const key = groupBy === "agent" ? sql`coalesce(e.data->>'assigneeId', e.data->>'to', '')` : ticketKey(groupBy);
  return rowsOf<AssignedRow>(
    db,
    grouped(period, sql`e.created_at`, key, sql`count(*)::int as assigned`, sql`ticket_events e join tickets t on t.id = e.ticket_id join conversations c on c.id = t.conversation_id`, sql`e.type = 'assigned' and ${serviceFilter(filters, true)}`),
  );
}

/** SLA breaches recorded in the period (sla_breaches, by when each was recorded), per metric; by agent, the ticket's assignee now. */
export async function breachRows(db: Database, period: ReportPeriod & { buckets: Buckets }, groupBy: ServiceGroupBy, filters: FilterValues = {}): Promise<BreachRow[]> {
  const metric = (name: string): SQL => sql`count(*) filter (where b.metric = ${name})::int as ${sql.raw(name)}`;
  return rowsOf<BreachRow>(
    db,
    grouped(
      period,
      sql`b.breached_at`,
      ticketKey(groupBy),
      sql`${metric("first_response")}, ${metric("next_response")}, ${metric("resolution")}`,
      sql`sla_breaches b join tickets t on t.id = b.ticket_id join conversations c on c.id = t.conversation_id`,
      serviceFilter(filters, true),
    ),
  );
}

/** CSAT answers given in the period (by when each was given): how many, the sum of their scores, how many were 4 or 5. */
export type CsatRow = Keyed & { responses: number; score_sum: number; satisfied: number };

/** CSAT answers given in the period, grouped as the conversations they rate. */
export async function csatRows(db: Database, period: ReportPeriod & { buckets: Buckets }, groupBy: ServiceGroupBy, filters: FilterValues = {}): Promise<CsatRow[]> {
  return rowsOf<CsatRow>(
    db,
    grouped(
      period,
      sql`r.responded_at`,
      conversationGroupKey(groupBy),
      sql`count(*)::int as responses, sum(r.score)::int as score_sum, count(*) filter (where r.score >= 4)::int as satisfied`,
      sql`csat_responses r join conversations c on c.id = r.conversation_id`,
      sql`r.score is not null and ${serviceFilter(filters, false)}`,
    ),
  );
}
