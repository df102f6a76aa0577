/** The demo sales history makes the sales charts show something real on first start: a year of seasonal orders, rollups that match them. */
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openDatabase, type Database } from "../../../src/db/index.ts";
import { FIRST_DEMO_HISTORY_ORDER } from "../../../src/db/seed/demo-catalogue.ts";
import { seedDemoData } from "../../../src/db/seed/seed.ts";
import { hashPassword } from "../../../src/modules/agents/passwords.ts";
import { productCatalogue } from "../../../src/modules/sales/index.ts";
import { createTestApp, type TestApp } from "../../support/create-test-app.ts";
import { testEngines } from "../../support/engines.ts";

const DAY = 86_400_000;
type Row = Record<string, string | number>;

async function rows(db: Database, query: ReturnType<typeof sql>): Promise<Row[]> {
  return ((await db.execute(query)) as unknown as { rows: Row[] }).rows;
}

const history = sql.raw(`number ~ '^ORD-3[0-9]{5}$' and substring(number from 5)::int >= ${FIRST_DEMO_HISTORY_ORDER}`);

describe.each(testEngines())("the demo sales history on $name", (engine) => {
  let t: TestApp;
  const db = () => t.container.database.db;

  beforeAll(async () => {
    t = await createTestApp({ database: await engine.open(), demoCrm: true });
  }, 180_000);
  afterAll(async () => {
    await t?.close();
    await engine.cleanup();
  });

  it("holds twelve months of orders up to the seeding time, for many demo customers, of several products, a few cancelled", async () => {
    const [summary] = await rows(db(), sql`select count(*)::int as orders, count(distinct customer_id)::int as customers,
        count(*) filter (where status = 'cancelled')::int as cancelled, count(distinct owner_id)::int as owners, count(distinct channel)::int as channels,
        extract(epoch from min(placed_at))::float8 * 1000 as first, extract(epoch from max(placed_at))::float8 * 1000 as last,
        count(distinct to_char(placed_at at time zone 'UTC', 'YYYY-MM'))::int as months,
        bool_and(units = (select sum((i->>'quantity')::int) from jsonb_array_elements(items) i)) as units_right,
        bool_and(total_cents = (select sum((i->>'quantity')::int * (i->>'priceCents')::int) from jsonb_array_elements(items) i)) as totals_right
      from orders where ${history}`);
    expect(summary!.orders).toBeGreaterThan(1000);
    expect(summary!.customers).toBeGreaterThan(150);
    expect(summary!.cancelled).toBeGreaterThan(10);
    expect(summary!.cancelled as number).toBeLessThan((summary!.orders as number) * 0.1);
    expect(summary!.owners).toBe(3);
    expect(summary!.channels).toBeGreaterThanOrEqual(5);
    expect(summary!.months).toBeGreaterThanOrEqual(12);
    expect(Date.now() - (summary!.first as number)).toBeGreaterThan(360 * DAY);
    expect(Date.now() - (summary!.first as number)).toBeLessThan(366 * DAY);
    expect(summary!.last as number).toBeLessThanOrEqual(Date.now());
    expect(Date.now() - (summary!.last as number)).toBeLessThan(3 * DAY);
    expect(summary).toMatchObject({ units_right: true, totals_right: true });
    const [products] = await rows(db(), sql`select count(distinct i->>'productId')::int as n from orders o cross join jsonb_array_elements(o.items) i where ${history}`);
    expect(products!.n).toBeGreaterThanOrEqual(9);
  });

  it("has a weekly rhythm and a year-end peak: Saturdays outsell Mondays, November–December outsell January–February per day", async () => {
    const perDay = async (filter: ReturnType<typeof sql>) =>
      (await rows(db(), sql`select sum(order_count)::float8 / count(distinct day) as n from sales_daily where currency = 'USD' and ${filter}`))[0]!.n as number;
    expect(await perDay(sql`extract(isodow from day) = 6`)).toBeGreaterThan(1.2 * (await perDay(sql`extract(isodow from day) = 1`)));
    expect(await perDay(sql`extract(month from day) in (11, 12)`)).toBeGreaterThan(1.5 * (await perDay(sql`extract(month from day) in (1, 2)`)));
  });

  it("seeds the daily sales rollups equal to a GROUP BY over every order (the demo CRM's and the named ones' too)", async () => {
    const stored = await rows(db(), sql`select day::text, currency, amount_cents::text as amount, order_count, units from sales_daily order by 1, 2`);
    const truth = await rows(db(), sql`select (placed_at at time zone 'UTC')::date::text as day, currency, sum(total_cents)::text as amount, count(*)::int as order_count, sum(units)::int as units
      from orders where status <> 'cancelled' group by 1, 2 order by 1, 2`);
    expect(stored.length).toBeGreaterThan(300);
    expect(stored).toEqual(truth);
    const [products] = await rows(db(), sql`select count(*)::int as n, sum(amount_cents)::text as amount from sales_daily_products`);
    const [total] = await rows(db(), sql`select sum(amount_cents)::text as amount from sales_daily`);
    expect(products!.n).toBeGreaterThan(300);
    // Every line's product exists, so the per-product amounts add up to the totals.
    expect(products!.amount).toBe(total!.amount);
  });

  it("sold a product in the first months that is archived now: it stays on those orders, and out of the bot's catalogue", async () => {
    const [archived] = await rows(db(), sql`select p.id, p.active, count(o.id)::int as orders, extract(epoch from max(o.placed_at))::float8 * 1000 as last
      from products p join orders o on o.items @> jsonb_build_array(jsonb_build_object('productId', p.id::text)) where p.sku = 'TENT-CANVAS-4P' group by 1, 2`);
    expect(archived).toMatchObject({ active: false });
    expect(archived!.orders).toBeGreaterThan(5);
    expect(Date.now() - (archived!.last as number)).toBeGreaterThan(200 * DAY);
    expect((await productCatalogue({ db: db() })).map((p) => p.id)).not.toContain(archived!.id);
  });

  it("loading the demo data again adds no orders", async () => {
    const count = async () => (await rows(db(), sql`select count(*)::int as n from orders`))[0]!.n;
    const before = await count();
    await seedDemoData(db(), { hashPassword, agentPassword: "another-password-1" });
    expect(await count()).toBe(before);
  });
});

describe("the demo sales history is deterministic", () => {
  it("two seeds at the same time give the same orders (numbers, times, lines' products, totals, statuses)", { timeout: 240_000 }, async () => {
    const now = new Date("2026-07-15T12:00:00Z");
    const shapes: Row[][] = [];
    for (let run = 0; run < 2; run++) {
      const handle = await openDatabase({ memory: true });
      try {
        await handle.migrate();
        await seedDemoData(handle.db, { hashPassword, agentPassword: "same-password-1", now });
        shapes.push(
          await rows(handle.db, sql`select number, placed_at::text, total_cents, status, channel, (select string_agg(i->>'sku', ',') from jsonb_array_elements(items) i) as skus
            from orders where ${history} order by number`),
        );
      } finally {
        await handle.close();
      }
    }
    expect(shapes[0]!.length).toBeGreaterThan(1000);
    expect(shapes[1]).toEqual(shapes[0]);
  });
});
