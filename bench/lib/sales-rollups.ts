/**
 * Rebuilds the daily sales rollups (sales_daily, sales_daily_products) from the orders in two set-based statements: the
 * same SQL as the end of migration 0008_sales.sql. A stand-in until the catalogue slice exports rebuildSalesRollups(db)
 * from src/modules/sales; then the bench should call that instead.
 */
import { sql } from "drizzle-orm";
import type { Database } from "../../src/db/index.ts";

/** Empties and refills both rollup tables from the orders (cancelled ones left out). */
export async function rebuildSalesRollups(db: Database): Promise<void> {
  await db.execute(sql`delete from sales_daily_products`);
  await db.execute(sql`delete from sales_daily`);
  await db.execute(sql`insert into sales_daily (day, currency, amount_cents, order_count, units)
    select (placed_at at time zone 'UTC')::date, currency, sum(total_cents), count(*), sum(units) from orders where status <> 'cancelled' group by 1, 2`);
  await db.execute(sql`insert into sales_daily_products (day, currency, product_id, amount_cents, order_count, units)
    select (o.placed_at at time zone 'UTC')::date, o.currency, (i->>'productId')::uuid,
      sum((i->>'quantity')::int * (i->>'priceCents')::int), count(distinct o.id), sum((i->>'quantity')::int)
    from orders o cross join jsonb_array_elements(o.items) i
    where o.status <> 'cancelled' and exists (select 1 from products p where p.id = (i->>'productId')::uuid)
    group by 1, 2, 3`);
}
