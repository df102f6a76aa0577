/**
 * Order revenue per calendar period: the one reading of "what did we sell each week or month" that the forecast and the
 * effort plan share. Periods are of the UTC day of `placed_at` (as the daily rollups are), cancelled orders are left
 * out, amounts are Σ unit price × quantity in cents.
 */
import { sql, type SQL } from "drizzle-orm";
import type { Database } from "../../db/index.ts";

/** A period's revenue: its first day ("2026-11-01"; a week starts on Monday), the group's key when grouped, cents. */
export type PeriodRevenueRow = { periodStart: string; key: string | null; amountCents: number };

/**
 * What to read: weeks or months of days [fromDay, toDay) (both "YYYY-MM-DD"; give whole periods); one currency, or
 * every currency summed when none is given; `groupBy` an SQL key over the ordering customer `cu` and its company `co`
 * (a segment, say), read from the orders, else totals, read from the daily rollups.
 */
export type PeriodRevenueQuery = { unit: "week" | "month"; fromDay: string; toDay: string; currency?: string; groupBy?: SQL };

type Raw = { period_start: string; key: string | null; amount: string | number };

/** Revenue per period (and group), periods without sales left out. */
export async function revenueByPeriod(db: Database, query: PeriodRevenueQuery): Promise<PeriodRevenueRow[]> {
  const unit = sql.raw(`'${query.unit}'`);
  const result = (await db.execute(
    query.groupBy === undefined
      ? sql`select date_trunc(${unit}, day::timestamp)::date::text as period_start, null as key, sum(amount_cents) as amount
          from sales_daily
          where day >= ${query.fromDay}::date and day < ${query.toDay}::date ${query.currency === undefined ? sql`` : sql`and currency = ${query.currency}`}
          group by 1`
      : sql`select date_trunc(${unit}, (o.placed_at at time zone 'UTC')::date::timestamp)::date::text as period_start, ${query.groupBy} as key,
            sum(o.total_cents) as amount
          from orders o join customers cu on cu.id = o.customer_id left join companies co on co.id = cu.company_id
          where o.status <> 'cancelled' and o.placed_at >= (${query.fromDay}::date)::timestamp at time zone 'UTC'
            and o.placed_at < (${query.toDay}::date)::timestamp at time zone 'UTC' ${query.currency === undefined ? sql`` : sql`and o.currency = ${query.currency}`}
          group by 1, 2`,
  )) as unknown as { rows: Raw[] };
  return result.rows.map((r) => ({ periodStart: r.period_start, key: r.key, amountCents: Number(r.amount) }));
}
