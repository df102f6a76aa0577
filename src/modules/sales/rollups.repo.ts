/**
 * The daily sales rollups (`sales_daily`, `sales_daily_products`): per UTC day of `placed_at` and currency, the
 * amount, order count and units of the orders that are not cancelled, in total and per product. Every order write
 * changes them in its own transaction (applyOrderToRollups), so they always equal a GROUP BY over the orders; bulk
 * loads rebuild them set-based instead (rebuildSalesRollups).
 */
import { sql } from "drizzle-orm";
import type { Database } from "../../db/index.ts";

// One order's contribution, read from the stored row so the increment is exactly what the rebuild would count.
const dayOf = sql.raw(`(o.placed_at at time zone 'UTC')::date`);

/**
 * Adds an order to the rollups (`sign` 1: it was placed, not cancelled) or takes it out (-1: it was cancelled), inside
 * the caller's transaction. Rows that reach zero orders are deleted, as a GROUP BY would not have them.
 */
export async function applyOrderToRollups(tx: Database, orderId: string, sign: 1 | -1): Promise<void> {
  await tx.execute(sql`
    insert into sales_daily as d (day, currency, amount_cents, order_count, units)
    select ${dayOf}, o.currency, ${sign} * o.total_cents::bigint, ${sign}, ${sign} * o.units from orders o where o.id = ${orderId}::uuid
    on conflict (day, currency) do update set amount_cents = d.amount_cents + excluded.amount_cents,
      order_count = d.order_count + excluded.order_count, units = d.units + excluded.units`);
  await tx.execute(sql`
    insert into sales_daily_products as d (day, currency, product_id, amount_cents, order_count, units)
    select ${dayOf}, o.currency, (i->>'productId')::uuid, ${sign} * sum((i->>'quantity')::bigint * (i->>'priceCents')::bigint), ${sign},
      ${sign} * sum((i->>'quantity')::int)
    from orders o cross join jsonb_array_elements(o.items) i
    where o.id = ${orderId}::uuid and exists (select 1 from products p where p.id = (i->>'productId')::uuid)
    group by 1, 2, 3
    on conflict (day, currency, product_id) do update set amount_cents = d.amount_cents + excluded.amount_cents,
      order_count = d.order_count + excluded.order_count, units = d.units + excluded.units`);
  if (sign === 1) return;
  await tx.execute(sql`
    delete from sales_daily d using orders o
    where o.id = ${orderId}::uuid and d.day = ${dayOf} and d.currency = o.currency and d.order_count <= 0`);
  await tx.execute(sql`
    delete from sales_daily_products d using orders o
    where o.id = ${orderId}::uuid and d.day = ${dayOf} and d.currency = o.currency and d.order_count <= 0`);
}

/**
 * Recomputes both rollups from the orders in one transaction, set-based (as migration 0008's backfill does): for bulk
 * loads that insert orders directly (the demo seed, benchmarks). The tables are locked against order writes meanwhile,
 * so an order placed during the rebuild is counted exactly once.
 */
export async function rebuildSalesRollups(db: Database): Promise<void> {
  await db.transaction(async (tx) => {
    await tx.execute(sql`lock table sales_daily, sales_daily_products in share row exclusive mode`);
    await tx.execute(sql`delete from sales_daily`);
    await tx.execute(sql`delete from sales_daily_products`);
    await tx.execute(sql`
      insert into sales_daily (day, currency, amount_cents, order_count, units)
      select ${dayOf}, o.currency, sum(o.total_cents), count(*), sum(o.units)
      from orders o where o.status <> 'cancelled' group by 1, 2`);
    await tx.execute(sql`
      insert into sales_daily_products (day, currency, product_id, amount_cents, order_count, units)
      select ${dayOf}, o.currency, (i->>'productId')::uuid, sum((i->>'quantity')::bigint * (i->>'priceCents')::bigint), count(distinct o.id),
        sum((i->>'quantity')::int)
      from orders o cross join jsonb_array_elements(o.items) i
      where o.status <> 'cancelled' and exists (select 1 from products p where p.id = (i->>'productId')::uuid)
      group by 1, 2, 3`);
  });
}
