/** Queries on products and orders. */
import { eq, sql } from "drizzle-orm";
import { tables, type Database } from "../../db/index.ts";

/** An order row. */
export type OrderRow = typeof tables.orders.$inferSelect;
/** A product row. */
export type ProductRow = typeof tables.products.$inferSelect;

/** Finds an order by the number customers quote, ignoring case and a leading "#". */
export async function findOrderByNumber(db: Database, number: string): Promise<OrderRow | undefined> {
  const normalised = number.replace(/^#/, "").toUpperCase();
  const [row] = await db
    .select()
    .from(tables.orders)
    .where(eq(sql`upper(${tables.orders.number})`, normalised))
    .limit(1);
  if (row || /^ORD-/.test(normalised)) return row;
  // Customers often quote only the digits of "ORD-10042".
  const [prefixed] = await db.select().from(tables.orders).where(eq(tables.orders.number, `ORD-${normalised}`)).limit(1);
  return prefixed;
}

/** Lists the products on sale, archived ones left out (the catalogue is small enough to hold in memory for entity matching). */
export async function listProducts(db: Database): Promise<ProductRow[]> {
  return db.select().from(tables.products).where(eq(tables.products.active, true)).orderBy(tables.products.name);
}

/** The email of an order's customer (lower-cased as stored), or null when the order has no customer or the customer no email. */
export async function orderCustomerEmail(db: Database, orderId: string): Promise<string | null> {
  const [row] = await db
    .select({ email: tables.customers.email })
    .from(tables.orders)
    .innerJoin(tables.customers, eq(tables.customers.id, tables.orders.customerId))
    .where(eq(tables.orders.id, orderId))
    .limit(1);
  return row?.email ?? null;
}

/** Counts one wrong ownership answer for an order, starting a new window when the last one is over, and returns the count in the window. */
export async function countOwnershipFailure(db: Database, orderId: string, now: Date, windowMs: number): Promise<number> {
  const o = tables.orders;
  const windowStart = new Date(now.getTime() - windowMs);
  const fresh = sql`${o.ownershipFailuresSince} is null or ${o.ownershipFailuresSince} < ${windowStart.toISOString()}::timestamptz`;
  const [row] = await db
    .update(o)
    .set({
      ownershipFailures: sql`case when ${fresh} then 1 else ${o.ownershipFailures} + 1 end`,
      ownershipFailuresSince: sql`case when ${fresh} then ${now.toISOString()}::timestamptz else ${o.ownershipFailuresSince} end`,
    })
    .where(eq(o.id, orderId))
    .returning({ failures: o.ownershipFailures });
  return row?.failures ?? 0;
}
