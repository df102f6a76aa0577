/** Queries on customers and their channel identities. */
import { and, eq } from "drizzle-orm";
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

/** Creates a customer and its first identity; when a concurrent request created the identity first, returns that customer. */
export async function createCustomerWithIdentity(
  db: Database,
  identity: { channel: string; externalId: string },
  profile: { name?: string | null; email?: string | null; phone?: string | null },
): Promise<CustomerRow> {
  return db.transaction(async (tx) => {
    const [customer] = await tx
      .insert(tables.customers)
      .values({ name: profile.name ?? null, email: profile.email?.toLowerCase() ?? null, phone: profile.phone ?? null })
      .returning();
    const inserted = await tx
      .insert(tables.customerIdentities)
      .values({ customerId: customer.id, channel: identity.channel, externalId: identity.externalId })
      .onConflictDoNothing()
      .returning();
    if (inserted.length > 0) return customer;
    await tx.delete(tables.customers).where(eq(tables.customers.id, customer.id));
    const existing = await findCustomerByIdentity(tx as unknown as Database, identity.channel, identity.externalId);
    if (!existing) throw new Error("customer identity vanished during creation");
    return existing;
  });
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
