/**
 * The demo sales history: a few more products (one of them archived) and twelve months of orders for the demo
 * customers, ending at the seeding time, with a weekly rhythm (busier weekends), a summer high and a year-end peak,
 * about 40% growth over the year, and a few cancellations, so the sales charts show something real on first start.
 * Deterministic (a seeded generator); inserted in a few multi-row statements.
 */
import { and, eq, inArray, isNull } from "drizzle-orm";
import type { OrderItem, SalesChannel } from "../schema/sales.ts";
import type { Database } from "../client.ts";
import { tables } from "../index.ts";
import { createRng, type Rng } from "./crm-generator.ts";
import { trackingNumber } from "./demo-crm.ts";
import { demoProducts } from "./demo-data.ts";

const SEED = 20_261_211;
const DAY_MS = 86_400_000;
/** The first demo history order's number; they are numbered in the order they were placed. */
export const FIRST_DEMO_HISTORY_ORDER = 300_001;

/** Products only the sales history uses (the archived one was sold in the first months only). */
export const demoCatalogueProducts = [
  { sku: "POLES-CARBON", name: "Carbon Trekking Poles", description: "A pair of adjustable carbon trekking poles.", priceCents: 11900, active: true },
  { sku: "BAG-DOWN-0C", name: "Down Sleeping Bag 0°C", description: "Three-season down sleeping bag, 850 g.", priceCents: 21900, active: true },
  { sku: "LAMP-HEAD-300", name: "Headlamp 300", description: "300-lumen rechargeable headlamp.", priceCents: 3450, active: true },
  { sku: "CHAIR-FOLD", name: "Folding Camp Chair", description: null, priceCents: 5900, active: true },
  { sku: "TENT-CANVAS-4P", name: "Classic Canvas Tent 4P", description: "Discontinued: replaced by the Trailhead range.", priceCents: 39900, active: false },
];

// How often each SKU is picked for a line (relative), and the SKU sold only in the first months.
const POPULARITY: Record<string, number> = {
  "TENT-2P": 3,
  "BAG-30L": 5,
  "STOVE-MINI": 6,
  "LAMP-USB": 7,
  "BOTTLE-1L": 9,
  "POLES-CARBON": 3,
  "BAG-DOWN-0C": 2,
  "LAMP-HEAD-300": 6,
  "CHAIR-FOLD": 4,
  "TENT-CANVAS-4P": 2,
};
const ARCHIVED_SKU = "TENT-CANVAS-4P";
const ARCHIVED_AFTER_DAYS = 240;

// Orders per day at the start of the year, before the factors below.
const BASE_PER_DAY = 3.6;
// Sunday … Saturday: an outdoor shop sells most before and at the weekend.
const WEEKDAY = [0.85, 0.85, 0.9, 0.95, 1.05, 1.2, 1.35];
// January … December: a summer high and the year-end peak.
const MONTH = [0.65, 0.7, 0.85, 0.95, 1.1, 1.25, 1.25, 1.1, 0.9, 0.9, 1.3, 1.75];
const CHANNELS: [SalesChannel, number][] = [
  ["web", 55],
  ["email", 12],
  ["phone", 10],
  ["whatsapp", 10],
  ["telegram", 5],
  ["manual", 8],
];

/** What the demo history needs from the rest of the demo data. */
export type DemoCatalogueContext = { now: Date; agents: { id: string }[] };

type Product = { id: string; sku: string; name: string; priceCents: number };
type OrderInsert = typeof tables.orders.$inferInsert & { placedAt: Date };

function weighted<T>(rng: Rng, entries: readonly (readonly [T, number])[]): T {
  let roll = rng.next() * entries.reduce((sum, [, w]) => sum + w, 0);
  for (const [value, weight] of entries) {
    roll -= weight;
    if (roll < 0) return value;
  }
  return entries[entries.length - 1][0];
}

/** Expected orders on a day `daysAgo` before the seeding time: base × growth × weekday × month (× the run-up to Christmas). */
function ordersExpected(day: Date, daysAgo: number): number {
  const growth = 0.85 + 0.35 * ((365 - daysAgo) / 365);
  const month = day.getUTCMonth();
  const christmas = month === 11 && day.getUTCDate() >= 8 && day.getUTCDate() <= 22 ? 1.3 : 1;
  return BASE_PER_DAY * growth * WEEKDAY[day.getUTCDay()] * MONTH[month] * christmas;
}

function buildOrder(rng: Rng, placedAt: Date, ageDays: number, customers: string[], products: Product[], context: DemoCatalogueContext): OrderInsert {
  const offered = products.filter((p) => p.sku !== ARCHIVED_SKU || ageDays > ARCHIVED_AFTER_DAYS);
  const choices = offered.map((p) => [p, POPULARITY[p.sku] ?? 1] as const);
  // Black-Friday-week prices: 15% off.
  const sale = placedAt.getUTCMonth() === 10 && placedAt.getUTCDate() >= 22;
  const lines = new Map<string, OrderItem>();
  for (let k = 0, n = 1 + (rng.chance(0.35) ? 1 + rng.int(2) : 0); k < n; k++) {
    const p = weighted(rng, choices);
    const quantity = rng.chance(0.2) ? 2 + rng.int(2) : 1;
    const line = lines.get(p.id);
    if (line) line.quantity += quantity;
    else lines.set(p.id, { productId: p.id, sku: p.sku, name: p.name, quantity, priceCents: sale ? Math.round(p.priceCents * 0.85) : p.priceCents });
  }
  const items = [...lines.values()];
  // A few customers buy often: the square favours the front of the (shuffled by email) list.
  const customerId = customers[Math.floor(customers.length * rng.next() ** 2)];
  const status = rng.chance(0.04) ? "cancelled" : ageDays < 2 ? "processing" : ageDays < 6 ? "shipped" : "delivered";
  const carrier = status === "shipped" || status === "delivered" ? rng.pick(["UPS", "DHL", "FedEx", "USPS"]) : null;
  return {
    number: "",
    customerId,
    status,
    items,
    totalCents: items.reduce((sum, i) => sum + i.priceCents * i.quantity, 0),
    units: items.reduce((sum, i) => sum + i.quantity, 0),
    currency: "USD",
    placedAt,
    ownerId: rng.chance(0.85) ? rng.pick(context.agents).id : null,
    channel: weighted(rng, CHANNELS),
    carrier,
    trackingNumber: carrier ? trackingNumber(rng, carrier) : null,
    estimatedDelivery: status === "cancelled" ? null : new Date(placedAt.getTime() + 4 * DAY_MS).toISOString().slice(0, 10),
    createdAt: placedAt,
    updatedAt: placedAt,
  };
}

function buildOrders(rng: Rng, customers: string[], products: Product[], context: DemoCatalogueContext): OrderInsert[] {
  const orders: OrderInsert[] = [];
  const today = Date.UTC(context.now.getUTCFullYear(), context.now.getUTCMonth(), context.now.getUTCDate());
  for (let daysAgo = 364; daysAgo >= 0; daysAgo--) {
    const day = new Date(today - daysAgo * DAY_MS);
    const count = Math.floor(ordersExpected(day, daysAgo) * (0.7 + 0.6 * rng.next()) + rng.next());
    for (let k = 0; k < count; k++) {
      // Shop hours, 07:00–23:00 UTC.
      const placedAt = new Date(day.getTime() + (7 + rng.next() * 16) * 3_600_000);
      if (placedAt > context.now) continue;
      orders.push(buildOrder(rng, placedAt, (context.now.getTime() - placedAt.getTime()) / DAY_MS, customers, products, context));
    }
  }
  orders.sort((a, b) => a.placedAt.getTime() - b.placedAt.getTime());
  orders.forEach((o, i) => (o.number = `ORD-${FIRST_DEMO_HISTORY_ORDER + i}`));
  return orders;
}

/**
 * Inserts the demo history's products and a year of orders for the live customers, unless its first order is there
 * already (a restart, a second `switchboard seed`). Returns how many orders it added. The caller rebuilds the sales
 * rollups afterwards.
 */
export async function seedDemoCatalogue(tx: Database, context: DemoCatalogueContext): Promise<{ products: number; orders: number }> {
  const [present] = await tx.select({ id: tables.orders.id }).from(tables.orders).where(eq(tables.orders.number, `ORD-${FIRST_DEMO_HISTORY_ORDER}`)).limit(1);
  if (present || context.agents.length === 0) return { products: 0, orders: 0 };
  const added = await tx.insert(tables.products).values(demoCatalogueProducts).onConflictDoNothing().returning({ id: tables.products.id });
  const skus = [...demoProducts.map((p) => p.sku), ...demoCatalogueProducts.map((p) => p.sku)];
  const products = (await tx.select().from(tables.products).where(inArray(tables.products.sku, skus))).sort((a, b) => skus.indexOf(a.sku) - skus.indexOf(b.sku));
  const customers = await tx
    .select({ id: tables.customers.id })
    .from(tables.customers)
    .where(and(isNull(tables.customers.mergedIntoId), isNull(tables.customers.erasedAt)))
    .orderBy(tables.customers.email, tables.customers.id);
  if (customers.length === 0) return { products: added.length, orders: 0 };
  const orders = buildOrders(createRng(SEED), customers.map((c) => c.id), products, context);
  // Chunks keep each statement's parameter count well under PostgreSQL's 65,535.
  for (let i = 0; i < orders.length; i += 500) await tx.insert(tables.orders).values(orders.slice(i, i + 500));
  return { products: added.length, orders: orders.length };
}
