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

/** Lists every product (the catalogue is small enough to hold in memory for entity matching). */
export async function listProducts(db: Database): Promise<ProductRow[]> {
  return db.select().from(tables.products).orderBy(tables.products.name);
}
