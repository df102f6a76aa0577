/**
 * Sales summary queries, two ways: over the daily rollups (`sales_daily`, `sales_daily_products`; a year is a few
 * hundred rows) for whole UTC days, and over the orders themselves for parts of days and the groups the rollups do not
 * keep (customer, company, owner, channel). Both leave cancelled orders out and answer the same shapes.
 */
import { sql, type SQL } from "drizzle-orm";
import type { Database } from "../../db/index.ts";
import { isoDay, type Interval } from "./periods.ts";

/** Sales of one UTC day in one currency. */
export type DayRow = { day: string; amountCents: number; orderCount: number; units: number };

/** Sales of one group (a product, customer, company, owner or channel; `key` null: none). */
export type GroupRow = { key: string | null; label: string | null; amountCents: number; orderCount: number; units: number };

/** The non-time dimensions the summary groups by. */
export type Dimension = "product" | "customer" | "company" | "owner" | "channel";

type RawGroup = { key: string | null; label: string | null; amount: string | number; orders: string | number; units: string | number };

async function rows<T>(db: Database, query: SQL): Promise<T[]> {
  return ((await db.execute(query)) as unknown as { rows: T[] }).rows;
}

const toGroup = (r: RawGroup): GroupRow => ({ key: r.key, label: r.label, amountCents: Number(r.amount), orderCount: Number(r.orders), units: Number(r.units) });

/** The currencies sold in over whole days [from, to), from the rollups. */
export async function rollupCurrencies(db: Database, period: Interval): Promise<string[]> {
  const found = await rows<{ currency: string }>(
    db,
    sql`select distinct currency from sales_daily where day >= ${isoDay(period.from)}::date and day < ${isoDay(period.to)}::date order by currency`,
  );
  return found.map((r) => r.currency);
}

/** Sales per day over whole days [from, to) in one currency, from the rollups (days without sales left out). */
export async function rollupDays(db: Database, period: Interval, currency: string): Promise<DayRow[]> {
  const found = await rows<{ day: string; amount: string; orders: number; units: number }>(
    db,
    sql`select day::text as day, amount_cents as amount, order_count as orders, units from sales_daily
        where currency = ${currency} and day >= ${isoDay(period.from)}::date and day < ${isoDay(period.to)}::date order by day`,
  );
  return found.map((r) => ({ day: r.day, amountCents: Number(r.amount), orderCount: Number(r.orders), units: Number(r.units) }));
}

/** Sales per product over whole days [from, to) in one currency, from the product rollups. */
export async function rollupProducts(db: Database, period: Interval, currency: string): Promise<GroupRow[]> {
  const found = await rows<RawGroup>(
    db,
    sql`select s.product_id::text as key, p.name as label, sum(s.amount_cents) as amount, sum(s.order_count) as orders, sum(s.units) as units
        from sales_daily_products s left join products p on p.id = s.product_id
        where s.currency = ${currency} and s.day >= ${isoDay(period.from)}::date and s.day < ${isoDay(period.to)}::date
        group by s.product_id, p.name`,
  );
  return found.map(toGroup);
}

/** The orders a summary counts: not cancelled, placed in [from, to), in the currency when one is given. */
function counted(period: Interval, currency?: string): SQL {
  const base = sql`o.status <> 'cancelled' and o.placed_at >= ${period.from.toISOString()}::timestamptz and o.placed_at < ${period.to.toISOString()}::timestamptz`;
  return currency === undefined ? base : sql`${base} and o.currency = ${currency}`;
}

/** The currencies of the orders placed in [from, to). */
export async function orderCurrencies(db: Database, period: Interval): Promise<string[]> {
  const found = await rows<{ currency: string }>(db, sql`select distinct o.currency from orders o where ${counted(period)} order by o.currency`);
  return found.map((r) => r.currency);
}

/** Sales per UTC day over [from, to) in one currency, read from the orders. */
export async function orderDays(db: Database, period: Interval, currency: string): Promise<DayRow[]> {
  const found = await rows<{ day: string; amount: string; orders: string; units: string }>(
    db,
    sql`select ((o.placed_at at time zone 'UTC')::date)::text as day, sum(o.total_cents) as amount, count(*) as orders, sum(o.units) as units
        from orders o where ${counted(period, currency)} group by 1 order by 1`,
  );
  return found.map((r) => ({ day: r.day, amountCents: Number(r.amount), orderCount: Number(r.orders), units: Number(r.units) }));
}

// Each dimension's key and label over the counted orders `o` (customer `c` joined where needed).
const DIMENSIONS: Record<Exclude<Dimension, "product">, { key: SQL; label: SQL; join: SQL }> = {
  customer: { key: sql`o.customer_id::text`, label: sql`coalesce(c.name, c.email)`, join: sql`left join customers c on c.id = o.customer_id` },
  company: {
    key: sql`c.company_id::text`,
    label: sql`co.name`,
    join: sql`left join customers c on c.id = o.customer_id left join companies co on co.id = c.company_id`,
  },
  owner: { key: sql`o.owner_id::text`, label: sql`u.name`, join: sql`left join users u on u.id = o.owner_id` },
  channel: { key: sql`o.channel`, label: sql`o.channel`, join: sql`` },
};

/** Sales per product, customer, company, owner or channel over [from, to) in one currency, read from the orders. */
export async function orderGroups(db: Database, period: Interval, currency: string, by: Dimension): Promise<GroupRow[]> {
  if (by === "product") {
    // An order counts once for each product it has; the line's own price and name are what was sold.
    const found = await rows<RawGroup>(
      db,
      sql`select i->>'productId' as key, coalesce(max(p.name), max(i->>'name')) as label,
               sum((i->>'quantity')::bigint * (i->>'priceCents')::bigint) as amount, count(distinct o.id) as orders, sum((i->>'quantity')::bigint) as units
          from orders o cross join jsonb_array_elements(o.items) i left join products p on p.id::text = i->>'productId'
          where ${counted(period, currency)} group by 1`,
    );
    return found.map(toGroup);
  }
  const d = DIMENSIONS[by];
  const found = await rows<RawGroup>(
    db,
    sql`select ${d.key} as key, max(${d.label}) as label, sum(o.total_cents) as amount, count(*) as orders, sum(o.units) as units
        from orders o ${d.join} where ${counted(period, currency)} group by 1`,
  );
  return found.map(toGroup);
}
