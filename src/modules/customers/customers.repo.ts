/** Queries on customers and their channel identities. */
import { randomUUID } from "node:crypto";
import { and, eq, sql } from "drizzle-orm";
import { tables, type Database } from "../../db/index.ts";

/** A customer row. */
export type CustomerRow = typeof tables.customers.$inferSelect;

/** Finds the customer known on a channel by an external id. */
export async function findCustomerByIdentity(db: Database, channel: string, externalId: string): Promise<CustomerRow | undefined> {
  const [row] = await db
    .select({ customer: tables.customers })
    .from(tables.customerIdentities)
    .innerJoin(tables.customers, eq(tables.customers.id, tables.customerIdentities.customerId))
    .where(and(eq(tables.customerIdentities.channel, channel), eq(tables.customerIdentities.externalId, externalId)))
    .limit(1);
  return row?.customer;
}

/** Finds a customer by id. */
export async function findCustomer(db: Database, id: string): Promise<CustomerRow | undefined> {
  const [row] = await db.select().from(tables.customers).where(eq(tables.customers.id, id)).limit(1);
  return row;
}

/** Finds a customer by email (case-insensitive; emails are stored lower-cased). */
export async function findCustomerByEmail(db: Database, email: string): Promise<CustomerRow | undefined> {
  const [row] = await db.select().from(tables.customers).where(eq(tables.customers.email, email.toLowerCase())).limit(1);
  return row;
}

/**
 * Creates a customer and its first identity in one statement and returns the new customer's id; when the identity
 * already exists (a concurrent request, or a returning customer) nothing is written and the answer is undefined.
 * (One statement rather than a transaction: with the embedded database a transaction holds every other query back.)
 */
export async function insertCustomerWithIdentity(
  db: Database,
  identity: { channel: string; externalId: string },
  profile: { name?: string | null; email?: string | null; phone?: string | null },
): Promise<string | undefined> {
  const c = tables.customers;
  const id = randomUUID();
  // The identity goes first and the customer only if it went in; the foreign key is checked at the end of the statement.
  const identityInsert = db
    .insert(tables.customerIdentities)
    .values({ customerId: id, channel: identity.channel, externalId: identity.externalId })
    .onConflictDoNothing()
    .returning({ customerId: tables.customerIdentities.customerId });
  const result = (await db.execute(
    sql`with linked as ${identityInsert} insert into ${c} (id, name, email, phone) select ${id}, ${profile.name ?? null}, ${profile.email?.toLowerCase() ?? null}, ${profile.phone ?? null} from linked returning id`,
  )) as unknown as { rows: { id: string }[] };
  return result.rows[0]?.id;
}

/** Links another channel identity to an existing customer (no-op when already linked). */
export async function addIdentity(db: Database, customerId: string, channel: string, externalId: string): Promise<void> {
  await db.insert(tables.customerIdentities).values({ customerId, channel, externalId }).onConflictDoNothing();
}

/** Applies a change to a customer and returns the updated row. */
export async function updateCustomer(
  db: Database,
  id: string,
  patch: Partial<Pick<CustomerRow, "name" | "email" | "phone" | "attributes">>,
): Promise<CustomerRow | undefined> {
  const [row] = await db
    .update(tables.customers)
    .set({ ...patch, updatedAt: new Date() })
    .where(eq(tables.customers.id, id))
    .returning();
  return row;
}

/** Ids of a customer's conversations (to announce a profile change to the console). */
export async function conversationIdsOf(db: Database, customerId: string): Promise<string[]> {
  const rows = await db.select({ id: tables.conversations.id }).from(tables.conversations).where(eq(tables.conversations.customerId, customerId));
  return rows.map((r) => r.id);
}

/** A customer event row (the timeline's record of profile changes, merges, erasure …). */
export type CustomerEventRow = typeof tables.customerEvents.$inferSelect;

/** Appends an event to a customer's record. */
export async function insertCustomerEvent(
  db: Database,
  event: Pick<CustomerEventRow, "customerId" | "type" | "actorType" | "actorId" | "actorName"> & { data?: Record<string, unknown> },
): Promise<void> {
  await db.insert(tables.customerEvents).values(event);
}
