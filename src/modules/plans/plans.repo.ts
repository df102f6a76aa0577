/** Queries of the plans: sales reps, the deals a plan assigns, win history by rep and segment, and assigning owners. */
import { sql } from "drizzle-orm";
import type { Database } from "../../db/index.ts";
import type { ActorRef } from "../customers/index.ts";

/** A console user who can sell, with their sales_reps settings (null when never set) and the open deals they hold. */
export type RepRow = { id: string; name: string; capacity: number | null; segments: string[] | null; active: boolean | null; openDeals: number };

/** A deal as a plan sees it: its segment, whether it is still open, and who holds it. */
export type PlanDealRow = { id: string; title: string; ownerId: string | null; customerId: string | null; amountCents: number; createdAt: string; segment: string; open: boolean };

/** Closed deals per rep and segment. */
export type WinRow = { ownerId: string; segment: string; won: number; closed: number };

/** A count per segment and calendar month (keyed by its first day, "2026-11-01"). */
export type SegmentMonthRow = { segment: string; month: string; value: number };

type Rows<T> = { rows: T[] };

/**
 * The segment a deal or customer belongs to: the customer's `segment`, else its company's `segment` attribute, else
 * "none". `cu` and `co` are the customer and company aliases of the query.
 */
const SEGMENT_SQL = `coalesce(nullif(btrim(cu.segment), ''), nullif(btrim(co.attributes->>'segment'), ''), 'none')`;
/** The segment as an SQL key over the customer `cu` and company `co` (what the effort plan groups revenue by). */
export const SEGMENT = sql.raw(SEGMENT_SQL);

/** Every agent and manager (or only `userId`), by name, with their settings and open-deal count. */
export async function listRepRows(db: Database, userId?: string): Promise<RepRow[]> {
  const result = (await db.execute(sql`
    select u.id, u.name, r.capacity, r.segments, r.active,
      (select count(*)::int from deals d join deal_stages s on s.id = d.stage_id where d.owner_id = u.id and s.outcome = 'open') as "openDeals"
    from users u left join sales_reps r on r.user_id = u.id
    where u.role in ('agent', 'manager') ${userId ? sql`and u.id = ${userId}` : sql``}
    order by u.name, u.id`)) as unknown as Rows<RepRow>;
  return result.rows;
}

/** The user's role, or undefined when there is no such user. */
export async function findUserRole(db: Database, userId: string): Promise<string | undefined> {
  const result = (await db.execute(sql`select role from users where id = ${userId}`)) as unknown as Rows<{ role: string }>;
  return result.rows[0]?.role;
}

/** Stores a rep's settings (all of them: the service merges a change into the current ones). */
export async function upsertRep(db: Database, userId: string, settings: { capacity: number | null; segments: string[]; active: boolean }, at: Date): Promise<void> {
  // Segments travel as JSON (one encoding on both drivers) and become text[] here.
  await db.execute(sql`
    insert into sales_reps (user_id, capacity, segments, active, updated_at)
    values (${userId}, ${settings.capacity}, array(select jsonb_array_elements_text(${JSON.stringify(settings.segments)}::jsonb)), ${settings.active}, ${at.toISOString()}::timestamptz)
    on conflict (user_id) do update set capacity = excluded.capacity, segments = excluded.segments, active = excluded.active, updated_at = excluded.updated_at`);
}

const DEAL_COLUMNS = sql.raw(`d.id, d.title, d.owner_id as "ownerId", d.customer_id as "customerId", d.amount_cents::float8 as "amountCents",
  d.created_at::text as "createdAt", ${SEGMENT_SQL} as segment, s.outcome = 'open' as open`);

const DEAL_FROM = sql.raw(`from deals d join deal_stages s on s.id = d.stage_id
  left join customers cu on cu.id = d.customer_id
  left join companies co on co.id = coalesce(d.company_id, cu.company_id)`);

/** These deals (any stage), in creation order; ids that match nothing are simply absent. */
export async function findPlanDeals(db: Database, ids: readonly string[]): Promise<PlanDealRow[]> {
  if (ids.length === 0) return [];
  const result = (await db.execute(sql`
    select ${DEAL_COLUMNS} ${DEAL_FROM}
    where d.id in (select value::uuid from jsonb_array_elements_text(${JSON.stringify(ids)}::jsonb))
    order by d.created_at, d.id`)) as unknown as Rows<PlanDealRow>;
  return result.rows;
}

/** Open deals in creation order: those without an owner, or every open deal when `reassign`; at most `limit`. */
export async function openPlanDeals(db: Database, options: { reassign: boolean; limit: number }): Promise<PlanDealRow[]> {
  const result = (await db.execute(sql`
    select ${DEAL_COLUMNS} ${DEAL_FROM}
    where s.outcome = 'open' ${options.reassign ? sql`` : sql`and d.owner_id is null`}
    order by d.created_at, d.id
    limit ${options.limit}`)) as unknown as Rows<PlanDealRow>;
  return result.rows;
}

/** Won and closed (won or lost) deals per owner and segment: the history win rates are estimated from. */
export async function winHistory(db: Database): Promise<WinRow[]> {
  const result = (await db.execute(sql`
    select d.owner_id as "ownerId", ${SEGMENT} as segment,
      count(*) filter (where s.outcome = 'won')::int as won, count(*)::int as closed
    ${DEAL_FROM}
    where s.outcome in ('won', 'lost') and d.owner_id is not null
    group by 1, 2`)) as unknown as Rows<WinRow>;
  return result.rows;
}

/** Locks these deals for an owner change, with whether each is open. */
export async function lockDeals(db: Database, ids: readonly string[]): Promise<{ id: string; title: string; ownerId: string | null; customerId: string | null; open: boolean }[]> {
  const result = (await db.execute(sql`
    select d.id, d.title, d.owner_id as "ownerId", d.customer_id as "customerId", s.outcome = 'open' as open
    from deals d join deal_stages s on s.id = d.stage_id
    where d.id in (select value::uuid from jsonb_array_elements_text(${JSON.stringify(ids)}::jsonb))
    order by d.id
    for update of d`)) as unknown as Rows<{ id: string; title: string; ownerId: string | null; customerId: string | null; open: boolean }>;
  return result.rows;
}

/** Which of these user ids exist. */
export async function existingUsers(db: Database, ids: readonly string[]): Promise<Set<string>> {
  const result = (await db.execute(sql`
    select id from users where id in (select value::uuid from jsonb_array_elements_text(${JSON.stringify(ids)}::jsonb))`)) as unknown as Rows<{ id: string }>;
  return new Set(result.rows.map((r) => r.id));
}

/**
 * Gives each deal its new owner, and records a `deal.assigned` event on the customer's timeline of each deal whose
 * owner changed (stage history is untouched: the stage did not change).
 */
export async function assignOwners(
  db: Database,
  changes: readonly { dealId: string; title: string; customerId: string | null; fromOwnerId: string | null; ownerId: string }[],
  actor: ActorRef,
  at: Date,
): Promise<void> {
  if (changes.length === 0) return;
  const stamp = at.toISOString();
  await db.execute(sql`
    update deals d set owner_id = u.owner_id, updated_at = ${stamp}::timestamptz
    from jsonb_to_recordset(${JSON.stringify(changes.map((c) => ({ id: c.dealId, owner_id: c.ownerId })))}::jsonb) as u(id uuid, owner_id uuid)
    where d.id = u.id`);
  const events = changes
    .filter((c) => c.customerId && c.fromOwnerId !== c.ownerId)
    .map((c) => ({ customer_id: c.customerId, data: { dealId: c.dealId, title: c.title, from: c.fromOwnerId, to: c.ownerId, via: "lead-assignment plan" } }));
  if (events.length === 0) return;
  await db.execute(sql`
    insert into customer_events (customer_id, type, actor_type, actor_id, actor_name, data, created_at)
    select e.customer_id, 'deal.assigned', ${actor.actorType}, ${actor.actorId}, ${actor.actorName}, e.data, ${stamp}::timestamptz
    from jsonb_to_recordset(${JSON.stringify(events)}::jsonb) as e(customer_id uuid, data jsonb)`);
}

/** Agent messages per segment and month in [from, to): the effort proxy's raw counts. */
export async function agentMessagesBySegmentMonth(db: Database, from: Date, to: Date): Promise<SegmentMonthRow[]> {
  const result = (await db.execute(sql`
    select ${SEGMENT} as segment, date_trunc('month', m.created_at at time zone 'UTC')::date::text as month, count(*)::float8 as value
    from messages m join conversations c on c.id = m.conversation_id
    join customers cu on cu.id = c.customer_id left join companies co on co.id = cu.company_id
    where m.sender_type = 'agent' and m.created_at >= ${from.toISOString()}::timestamptz and m.created_at < ${to.toISOString()}::timestamptz
    group by 1, 2`)) as unknown as Rows<SegmentMonthRow>;
  return result.rows;
}

/** The segments live customers belong to. */
export async function customerSegments(db: Database): Promise<string[]> {
  const result = (await db.execute(sql`
    select distinct ${SEGMENT} as segment from customers cu left join companies co on co.id = cu.company_id
    where cu.merged_into_id is null and cu.erased_at is null
    order by 1`)) as unknown as Rows<{ segment: string }>;
  return result.rows.map((r) => r.segment);
}
