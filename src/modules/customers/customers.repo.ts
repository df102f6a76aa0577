/** Queries on customers and their channel identities. */
import { randomUUID } from "node:crypto";
import { and, asc, eq, inArray, isNull, ne, or, sql } from "drizzle-orm";
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

/** Neither merged into another record nor erased: the records lists, search and look-ups by contact detail see. */
export const isLive = and(isNull(tables.customers.mergedIntoId), isNull(tables.customers.erasedAt));

/** Finds the oldest live customer with this email (case-insensitive; emails are stored lower-cased). */
export async function findCustomerByEmail(db: Database, email: string): Promise<CustomerRow | undefined> {
  const c = tables.customers;
  const [row] = await db
    .select()
    .from(c)
    .where(and(eq(c.email, email.toLowerCase()), isLive))
    .orderBy(asc(c.createdAt))
    .limit(1);
  return row;
}

/** Another live customer (not `exceptId`) with this email or these phone digits, if any. */
export async function findLiveCustomerByContact(
  db: Database,
  contact: { email?: string | null; phoneDigits?: string | null },
  exceptId?: string,
): Promise<Pick<CustomerRow, "id" | "email" | "phoneDigits"> | undefined> {
  const c = tables.customers;
  const matches = [contact.email ? eq(c.email, contact.email) : undefined, contact.phoneDigits ? eq(c.phoneDigits, contact.phoneDigits) : undefined].filter(
    (m) => m !== undefined,
  );
  if (matches.length === 0) return undefined;
  const [row] = await db
    .select({ id: c.id, email: c.email, phoneDigits: c.phoneDigits })
    .from(c)
    .where(and(or(...matches), isLive, exceptId ? ne(c.id, exceptId) : undefined))
    .orderBy(asc(c.createdAt))
    .limit(1);
  return row;
}

/** Removes a channel identity (one left on a record that is no longer live, so a new record can take it). */
export async function deleteIdentity(db: Database, channel: string, externalId: string): Promise<void> {
  const i = tables.customerIdentities;
  await db.delete(i).where(and(eq(i.channel, channel), eq(i.externalId, externalId)));
}

/** A new customer's fields. */
export type NewCustomer = Pick<typeof tables.customers.$inferInsert, "name" | "email" | "phone" | "tier" | "companyId" | "tags" | "attributes">;

/** Inserts a customer and returns it. */
export async function insertCustomer(db: Database, values: NewCustomer): Promise<CustomerRow> {
  const [row] = await db.insert(tables.customers).values(values).returning();
  return row;
}

/** The live customers among these ids, with their tags (locked for update inside a transaction on a server). */
export async function liveCustomersTags(db: Database, ids: string[]): Promise<Pick<CustomerRow, "id" | "tags">[]> {
  const c = tables.customers;
  return db
    .select({ id: c.id, tags: c.tags })
    .from(c)
    .where(and(inArray(c.id, ids), isLive))
    .for("update");
}

/** The customers among these ids that have an unresolved ticket assigned to the user (whose records are "own" to them). */
export async function customersWithTicketsOf(db: Database, ids: string[], userId: string): Promise<Set<string>> {
  const t = tables.tickets;
  const rows = await db
    .selectDistinct({ customerId: t.customerId })
    .from(t)
    .where(and(eq(t.assigneeId, userId), ne(t.status, "resolved"), inArray(t.customerId, ids)));
  return new Set(rows.map((r) => r.customerId));
}

/** Appends events to several customers' records at once. */
export async function insertCustomerEvents(db: Database, events: (Pick<CustomerEventRow, "customerId" | "type" | "actorType" | "actorId" | "actorName"> & { data?: Record<string, unknown> })[]): Promise<void> {
  if (events.length > 0) await db.insert(tables.customerEvents).values(events);
}

/** The company with this id, if any. */
export async function findCompanyRef(db: Database, id: string): Promise<{ id: string; name: string; domain: string | null } | undefined> {
  const co = tables.companies;
  const [row] = await db.select({ id: co.id, name: co.name, domain: co.domain }).from(co).where(eq(co.id, id)).limit(1);
  return row;
}

/** The company whose domain this is (domains are stored lower-case), if any. */
export async function findCompanyByDomain(db: Database, domain: string): Promise<{ id: string; name: string; domain: string | null } | undefined> {
  const co = tables.companies;
  const [row] = await db.select({ id: co.id, name: co.name, domain: co.domain }).from(co).where(eq(co.domain, domain.toLowerCase())).limit(1);
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
  patch: Partial<Pick<CustomerRow, "name" | "email" | "phone" | "attributes" | "tier" | "companyId" | "tags">>,
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

/**
 * Serialises writers of the same email or phone digits until the transaction ends (a PostgreSQL advisory lock per
 * value, taken in a fixed order), so two requests cannot both find an address free and both store it.
 */
export async function lockContacts(db: Database, contact: { email?: string | null; phoneDigits?: string | null }): Promise<void> {
  const keys = [contact.email ? `customer-email:${contact.email}` : null, contact.phoneDigits ? `customer-phone:${contact.phoneDigits}` : null]
    .filter((key) => key !== null)
    .sort();
  for (const key of keys) await db.execute(sql`select pg_advisory_xact_lock(hashtext(${key}))`);
}
