/**
 * Test-only stand-ins until the orders module's `rebuildSalesRollups(db)` lands: orders written straight into the
 * orders table, and the daily rollups refilled from them with the same set-based SQL as the backfill at the end of
 * src/db/migrations/0008_sales.sql. At merge, `refillSalesRollups` becomes a call to rebuildSalesRollups.
 */
import { randomUUID } from "node:crypto";
import { sql } from "drizzle-orm";
import { tables, type Database } from "../../src/db/index.ts";

/** A line as a test gives it. */
export type TestLine = { productId: string; quantity: number; priceCents: number; name?: string };

/** An order as a test gives it; total and units are computed from the lines. */
export type TestOrder = {
  customerId?: string | null;
  lines: TestLine[];
  placedAt: string;
  status?: "processing" | "shipped" | "delivered" | "cancelled";
  currency?: string;
  ownerId?: string | null;
  channel?: "web" | "email" | "phone" | "manual" | null;
};

/** Inserts orders directly into the orders table (no rollups: call refillSalesRollups after). */
export async function insertOrders(db: Database, orders: TestOrder[]): Promise<string[]> {
  if (orders.length === 0) return [];
  const rows = await db
    .insert(tables.orders)
    .values(
      orders.map((o) => ({
        number: `T-${randomUUID()}`,
        customerId: o.customerId ?? null,
        status: o.status ?? "delivered",
        items: o.lines.map((l) => ({ productId: l.productId, sku: "SKU", name: l.name ?? "Line", quantity: l.quantity, priceCents: l.priceCents })),
        totalCents: o.lines.reduce((s, l) => s + l.quantity * l.priceCents, 0),
        units: o.lines.reduce((s, l) => s + l.quantity, 0),
        currency: o.currency ?? "USD",
        placedAt: new Date(o.placedAt),
        ownerId: o.ownerId ?? null,
        channel: o.channel ?? null,
      })),
    )
    .returning({ id: tables.orders.id });
  return rows.map((r) => r.id);
}

/** Empties and refills sales_daily and sales_daily_products from every order (the migration's backfill). */
export async function refillSalesRollups(db: Database): Promise<void> {
  await db.transaction(async (tx) => {
    await tx.execute(sql`delete from sales_daily`);
    await tx.execute(sql`delete from sales_daily_products`);
    await tx.execute(sql`
      insert into sales_daily (day, currency, amount_cents, order_count, units)
        select (placed_at at time zone 'UTC')::date, currency, sum(total_cents), count(*), sum(units) from orders where status <> 'cancelled' group by 1, 2`);
    await tx.execute(sql`
      insert into sales_daily_products (day, currency, product_id, amount_cents, order_count, units)
        select (o.placed_at at time zone 'UTC')::date, o.currency, (i->>'productId')::uuid,
               sum((i->>'quantity')::int * (i->>'priceCents')::int), count(distinct o.id), sum((i->>'quantity')::int)
        from orders o cross join jsonb_array_elements(o.items) i
        where o.status <> 'cancelled' and exists (select 1 from products p where p.id = (i->>'productId')::uuid)
        group by 1, 2, 3`);
  });
}

/** Inserts a product and returns its id. */
export async function insertProduct(db: Database, name: string, priceCents: number): Promise<string> {
  const [row] = await db.insert(tables.products).values({ sku: `T-${randomUUID()}`, name, priceCents }).returning({ id: tables.products.id });
  return row!.id;
}

/** Inserts a customer (optionally in a new company) and returns its id. */
export async function insertCustomer(db: Database, name: string, companyName?: string): Promise<string> {
  const companyId = companyName ? (await db.insert(tables.companies).values({ name: companyName }).returning({ id: tables.companies.id }))[0]!.id : null;
  const [row] = await db.insert(tables.customers).values({ name, companyId }).returning({ id: tables.customers.id });
  return row!.id;
}
