/** Queries on SLA policies and inboxes' business hours. */
import { asc, eq, sql } from "drizzle-orm";
import type { BusinessHours } from "../../contracts/sla.ts";
import { tables, type Database } from "../../db/index.ts";

/** An SLA policy row. */
export type SlaPolicyRow = typeof tables.slaPolicies.$inferSelect;
/** What an admin sets on a policy. */
export type SlaPolicyValues = Omit<typeof tables.slaPolicies.$inferInsert, "id" | "createdAt" | "updatedAt">;

const PRIORITY_ORDER = sql`array_position(array['urgent','high','normal','low'], ${tables.slaPolicies.priority})`;

/** Every policy, most urgent priority first. */
export async function listSlaPolicyRows(db: Database): Promise<SlaPolicyRow[]> {
  return db.select().from(tables.slaPolicies).orderBy(asc(PRIORITY_ORDER));
}

/** Finds a policy. */
export async function findSlaPolicy(db: Database, id: string): Promise<SlaPolicyRow | undefined> {
  const [row] = await db.select().from(tables.slaPolicies).where(eq(tables.slaPolicies.id, id)).limit(1);
  return row;
}

/** The policy of a priority, if one is defined. */
export async function slaPolicyForPriority(db: Database, priority: SlaPolicyRow["priority"]): Promise<SlaPolicyRow | undefined> {
  const [row] = await db.select().from(tables.slaPolicies).where(eq(tables.slaPolicies.priority, priority)).limit(1);
  return row;
}

/** Inserts a policy (a unique violation when its priority has one). */
export async function insertSlaPolicy(db: Database, values: SlaPolicyValues, at: Date): Promise<SlaPolicyRow> {
  const [row] = await db.insert(tables.slaPolicies).values({ ...values, createdAt: at, updatedAt: at }).returning();
  return row;
}

/** Changes a policy; undefined when it is gone. */
export async function updateSlaPolicy(db: Database, id: string, patch: Partial<SlaPolicyValues>, at: Date): Promise<SlaPolicyRow | undefined> {
  const [row] = await db.update(tables.slaPolicies).set({ ...patch, updatedAt: at }).where(eq(tables.slaPolicies.id, id)).returning();
  return row;
}

/** Deletes a policy; returns it, or undefined when it was gone. */
export async function deleteSlaPolicy(db: Database, id: string): Promise<SlaPolicyRow | undefined> {
  const [row] = await db.delete(tables.slaPolicies).where(eq(tables.slaPolicies.id, id)).returning();
  return row;
}

/** Sets (or clears, with null) an inbox's business hours; false when the inbox does not exist. */
export async function setInboxBusinessHours(db: Database, inboxId: string, hours: BusinessHours | null): Promise<boolean> {
  const rows = await db.update(tables.inboxes).set({ businessHours: hours }).where(eq(tables.inboxes.id, inboxId)).returning({ id: tables.inboxes.id });
  return rows.length > 0;
}

/** An inbox's business hours: undefined when the inbox does not exist, null when it has none. */
export async function inboxBusinessHours(db: Database, inboxId: string): Promise<BusinessHours | null | undefined> {
  const [row] = await db.select({ hours: tables.inboxes.businessHours }).from(tables.inboxes).where(eq(tables.inboxes.id, inboxId)).limit(1);
  return row ? row.hours : undefined;
}

/** Every inbox's business hours by inbox id (null: always open). */
export async function allInboxBusinessHours(db: Database): Promise<Map<string, BusinessHours | null>> {
  const rows = await db.select({ id: tables.inboxes.id, hours: tables.inboxes.businessHours }).from(tables.inboxes);
  return new Map(rows.map((r) => [r.id, r.hours]));
}
