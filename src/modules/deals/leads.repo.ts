/** Queries of the chat leads: whether a conversation has one, and whom the next one goes to. */
import { sql } from "drizzle-orm";
import type { Database } from "../../db/index.ts";

/** Whether the conversation has opened a lead already (deals_chat_lead_uq answers it). */
export async function hasChatLead(db: Database, conversationId: string): Promise<boolean> {
  const result = (await db.execute(sql`select 1 from deals where conversation_id = ${conversationId}::uuid and source = 'chat' limit 1`)) as unknown as { rows: unknown[] };
  return result.rows.length > 0;
}

/** A user a lead may go to, with their open deals and capacity (null: no limit). */
export type LeadCandidate = { id: string; openDeals: number; capacity: number | null };

/**
 * The users leads go to, by id: the active sales reps, or, when no rep is configured, every agent and manager; each
 * with how many open deals they hold (deals_owner_stage_idx).
 */
export async function leadCandidates(db: Database): Promise<LeadCandidate[]> {
  const result = (await db.execute(sql`
    with reps as (select user_id as id, capacity from sales_reps where active),
    pool as (
      select id, capacity from reps
      union all
      select u.id, null::int from users u where u.role in ('agent', 'manager') and not exists (select 1 from sales_reps)
    )
    select p.id, p.capacity,
      (select count(*)::int from deals d join deal_stages s on s.id = d.stage_id and s.outcome = 'open' where d.owner_id = p.id) as open_deals
    from pool p order by p.id`)) as unknown as { rows: { id: string; capacity: number | null; open_deals: number }[] };
  return result.rows.map((r) => ({ id: r.id, capacity: r.capacity === null ? null : Number(r.capacity), openDeals: Number(r.open_deals) }));
}

/** The owner of the latest chat lead, where the round-robin continues from. */
export async function lastLeadOwner(db: Database): Promise<string | null> {
  const result = (await db.execute(sql`select owner_id from deals where source = 'chat' and owner_id is not null order by created_at desc, id desc limit 1`)) as unknown as {
    rows: { owner_id: string }[];
  };
  return result.rows[0]?.owner_id ?? null;
}
