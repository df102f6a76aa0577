/**
 * Sales history for tests: orders written straight into the orders table (as an import or a seed does), then the daily
 * rollups rebuilt from them.
 */
import { randomUUID } from "node:crypto";
import { tables, type Database } from "../../src/db/index.ts";
import { rebuildSalesRollups } from "../../src/modules/sales/index.ts";

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

/** Refills sales_daily and sales_daily_products from every order (the orders module's bulk rebuild). */
export async function refillSalesRollups(db: Database): Promise<void> {
  await rebuildSalesRollups(db);
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
