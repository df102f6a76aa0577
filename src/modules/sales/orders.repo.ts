/** Queries on orders: the list, one order with the people it names, inserts with a fresh number, locked updates. */
import { and, desc, eq, gte, lt, sql, type SQL } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import { tables, type Database } from "../../db/index.ts";
import type { OrderRow } from "./sales.repo.ts";

/** An order with its customer, the customer's company and the owner, as the API shows it. */
export type OrderView = OrderRow & {
  customerName: string | null;
  customerEmail: string | null;
  companyId: string | null;
  companyName: string | null;
  companyDomain: string | null;
  ownerName: string | null;
  /** placedAt to the microsecond ("2026-12-07T06:45:12.123456Z"), for the list's cursor: a Date keeps only milliseconds. */
  placedAtExact: string;
};

/** Keyset cursor of the order list (newest placedAt first). */
export type OrderCursor = { at: string; id: string };

/** Filters of the order list. */
export type OrderFilter = { customerId?: string; status?: OrderRow["status"]; from?: Date; to?: Date };

const o = tables.orders;
const cu = tables.customers;
const co = tables.companies;
const owner = alias(tables.users, "owner");

function viewQuery(db: Database) {
  return db
    .select({
      order: o,
      customerName: cu.name,
      customerEmail: cu.email,
      companyId: co.id,
      companyName: co.name,
      companyDomain: co.domain,
      ownerName: owner.name,
      placedAtExact: sql<string>`to_char(${o.placedAt} at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')`,
    })
    .from(o)
    .leftJoin(cu, eq(cu.id, o.customerId))
    .leftJoin(co, eq(co.id, cu.companyId))
    .leftJoin(owner, eq(owner.id, o.ownerId));
}

type ViewRow = Awaited<ReturnType<ReturnType<typeof viewQuery>["execute"]>>[number];

function flatten(row: ViewRow): OrderView {
  const { order, ...rest } = row;
  return { ...order, ...rest };
}

/** Orders newest placedAt first (ties by id), after the cursor; served by the (placed_at, id) and per-customer and per-status indexes. */
export async function listOrderRows(db: Database, filter: OrderFilter, cursor: OrderCursor | null, limit: number): Promise<OrderView[]> {
  const conditions: SQL[] = [];
  if (filter.customerId) conditions.push(eq(o.customerId, filter.customerId));
  if (filter.status) conditions.push(eq(o.status, filter.status));
  if (filter.from) conditions.push(gte(o.placedAt, filter.from));
  if (filter.to) conditions.push(lt(o.placedAt, filter.to));
  if (cursor) conditions.push(sql`(${o.placedAt}, ${o.id}) < (${cursor.at}::timestamptz, ${cursor.id}::uuid)`);
  const rows = await viewQuery(db)
    .where(conditions.length ? and(...conditions) : undefined)
    .orderBy(desc(o.placedAt), desc(o.id))
    .limit(limit);
  return rows.map(flatten);
}

/** One order with the people it names. */
export async function findOrderView(db: Database, id: string): Promise<OrderView | undefined> {
  const [row] = await viewQuery(db).where(eq(o.id, id)).limit(1);
  return row ? flatten(row) : undefined;
}

/** Reads an order and locks its row until the transaction ends, so two status changes cannot both pass the check. */
export async function lockOrder(tx: Database, id: string): Promise<OrderRow | undefined> {
  const [row] = await tx.select().from(o).where(eq(o.id, id)).for("update").limit(1);
  return row;
}

/** The columns a new order is written with, its number aside. */
export type NewOrderValues = Omit<typeof o.$inferInsert, "id" | "number">;

/**
 * Inserts an order under the first number from `numbers` that no other order has (each clash tries the next; the
 * unique index decides, without aborting the transaction); undefined when `attempts` numbers were all taken.
 */
export async function insertOrderNumbered(tx: Database, values: NewOrderValues, numbers: () => string, attempts = 5): Promise<OrderRow | undefined> {
  for (let attempt = 0; attempt < attempts; attempt++) {
    const [row] = await tx.insert(o).values({ ...values, number: numbers() }).onConflictDoNothing({ target: o.number }).returning();
    if (row) return row;
  }
  return undefined;
}

/** The columns an order change may set. */
export type OrderPatch = Partial<Pick<OrderRow, "status" | "carrier" | "trackingNumber" | "estimatedDelivery">>;

/** Applies a change to an order. */
export async function updateOrderRow(tx: Database, id: string, patch: OrderPatch, at: Date): Promise<OrderRow | undefined> {
  const [row] = await tx.update(o).set({ ...patch, updatedAt: at }).where(eq(o.id, id)).returning();
  return row;
}

/** Whether a console user with this id exists (an order's owner). */
export async function userExists(db: Database, id: string): Promise<boolean> {
  return (await db.select({ id: tables.users.id }).from(tables.users).where(eq(tables.users.id, id)).limit(1)).length > 0;
}

/** Whether a deal with this id exists. */
export async function dealExists(db: Database, id: string): Promise<boolean> {
  return (await db.select({ id: tables.deals.id }).from(tables.deals).where(eq(tables.deals.id, id)).limit(1)).length > 0;
}

/** Whether a conversation with this id exists. */
export async function conversationExists(db: Database, id: string): Promise<boolean> {
  return (await db.select({ id: tables.conversations.id }).from(tables.conversations).where(eq(tables.conversations.id, id)).limit(1)).length > 0;
}
