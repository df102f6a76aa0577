/** The statements of a customer merge; the service runs them in one transaction. */
import { and, eq, inArray, sql } from "drizzle-orm";
import { tables, type Database } from "../../db/index.ts";

/** How many of the other record's rows moved to the survivor, per kind. */
export type MovedCounts = { identities: number; conversations: number; tickets: number; orders: number; deals: number; notes: number; suggestions: number; visitors: number };

/** Locks both records for the rest of the transaction (in id order, so two opposite merges cannot deadlock). */
export async function lockCustomers(tx: Database, ids: string[]): Promise<void> {
  await tx
    .select({ id: tables.customers.id })
    .from(tables.customers)
    .where(inArray(tables.customers.id, ids))
    .orderBy(tables.customers.id)
    .for("update");
}

/**
 * Moves everything that hangs off the other record to the survivor: identities (moved, never copied: the unique
 * (channel, external_id) stays intact), conversations (their order links follow them), tickets, orders, deals, notes,
 * suggestions the survivor does not have already, widget visitors, and earlier tombstones that pointed at the other.
 * Its timeline events stay where they are.
 */
export async function moveCustomerRecords(tx: Database, fromId: string, toId: string): Promise<MovedCounts> {
  const t = tables;
  const now = new Date();
  const identities = await tx.update(t.customerIdentities).set({ customerId: toId }).where(eq(t.customerIdentities.customerId, fromId)).returning({ id: t.customerIdentities.id });
  const conversations = await tx
    .update(t.conversations)
    .set({ customerId: toId, updatedAt: now })
    .where(eq(t.conversations.customerId, fromId))
    .returning({ id: t.conversations.id });
  const tickets = await tx.update(t.tickets).set({ customerId: toId, updatedAt: now }).where(eq(t.tickets.customerId, fromId)).returning({ id: t.tickets.id });
  const orders = await tx.update(t.orders).set({ customerId: toId, updatedAt: now }).where(eq(t.orders.customerId, fromId)).returning({ id: t.orders.id });
  const deals = await tx.update(t.deals).set({ customerId: toId, updatedAt: now }).where(eq(t.deals.customerId, fromId)).returning({ id: t.deals.id });
  const notes = await tx.update(t.customerNotes).set({ customerId: toId }).where(eq(t.customerNotes.customerId, fromId)).returning({ id: t.customerNotes.id });
  const s = t.customerSuggestions;
  const suggestions = await tx
    .update(s)
    .set({ customerId: toId })
    .where(
      and(
        eq(s.customerId, fromId),
        sql`not exists (select 1 from ${s} mine where mine.customer_id = ${toId}::uuid and mine.field = ${s.field} and mine.value = ${s.value})`,
      ),
    )
    .returning({ id: s.id });
  // What did not move duplicates one of the survivor's own suggestions.
  await tx.delete(s).where(eq(s.customerId, fromId));
  const visitors = await tx.update(t.visitors).set({ customerId: toId }).where(eq(t.visitors.customerId, fromId)).returning({ id: t.visitors.id });
  // Records merged into the other earlier now point at the survivor directly: lookups never walk a chain.
  await tx.update(t.customers).set({ mergedIntoId: toId }).where(eq(t.customers.mergedIntoId, fromId));
  return {
    identities: identities.length,
    conversations: conversations.length,
    tickets: tickets.length,
    orders: orders.length,
    deals: deals.length,
    notes: notes.length,
    suggestions: suggestions.length,
    visitors: visitors.length,
  };
}

/**
 * Fills the survivor's empty fields (name, email, phone, company, segment, each attribute key) from the other record
 * and adds the other's tags to its own.
 */
export async function fillSurvivor(tx: Database, survivorId: string, otherId: string): Promise<void> {
  await tx.execute(sql`
    update ${tables.customers} s set
      name = coalesce(nullif(s.name, ''), o.name),
      email = coalesce(nullif(s.email, ''), o.email),
      phone = coalesce(nullif(s.phone, ''), o.phone),
      company_id = coalesce(s.company_id, o.company_id),
      segment = coalesce(nullif(s.segment, ''), o.segment),
      tags = s.tags || array(select distinct tag from unnest(o.tags) tag where not (tag = any(s.tags))),
      attributes = o.attributes || s.attributes,
      updated_at = now()
    from ${tables.customers} o
    where s.id = ${survivorId}::uuid and o.id = ${otherId}::uuid`);
}

/** Turns the other record into a tombstone pointing at the survivor, without the email and phone lookups would find. */
export async function tombstone(tx: Database, otherId: string, survivorId: string): Promise<void> {
  await tx
    .update(tables.customers)
    .set({ mergedIntoId: survivorId, email: null, phone: null, updatedAt: new Date() })
    .where(eq(tables.customers.id, otherId));
}
