/** What a deal drafted from a conversation reads: the entities of its customer's messages, and the products they name. */
import { and, eq, inArray, sql } from "drizzle-orm";
import type { Entity } from "../../contracts/nlp.ts";
import { tables, type Database } from "../../db/index.ts";

/** How many of a conversation's latest customer messages a draft reads. */
const DRAFT_MESSAGES = 200;

/** The money and product entities of a conversation's latest customer messages, oldest message first (messages_conversation_seq_idx). */
export async function customerEntities(db: Database, conversationId: string): Promise<Entity[][]> {
  const result = (await db.execute(sql`
    select coalesce((select jsonb_agg(e) from jsonb_array_elements(m.annotation->'entities') e where e->>'type' in ('money', 'product')), '[]'::jsonb) as entities
    from (select annotation, seq from messages where conversation_id = ${conversationId}::uuid and sender_type = 'customer'
          order by seq desc limit ${DRAFT_MESSAGES}) m
    order by m.seq`)) as unknown as { rows: { entities: Entity[] | string }[] };
  return result.rows.map((r) => (typeof r.entities === "string" ? (JSON.parse(r.entities) as Entity[]) : r.entities));
}

/** The catalogue's active products among these ids. */
export async function productsByIds(db: Database, ids: string[]): Promise<{ id: string; name: string; priceCents: number; currency: string }[]> {
  if (ids.length === 0) return [];
  const p = tables.products;
  return db
    .select({ id: p.id, name: p.name, priceCents: p.priceCents, currency: p.currency })
    .from(p)
    .where(and(inArray(p.id, ids), eq(p.active, true)));
}
