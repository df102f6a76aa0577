/** Forecast inputs besides the weekly revenue (read with the sales module's revenueByPeriod): currencies sold in, and the weighted deal amounts expected to close each week. */
import { sql, type SQL } from "drizzle-orm";
import type { Database } from "../../db/index.ts";

async function rows<T>(db: Database, query: SQL): Promise<T[]> {
  return ((await db.execute(query)) as unknown as { rows: T[] }).rows;
}

/** The currencies sold in on days [fromDay, toDay). */
export async function currenciesBetween(db: Database, fromDay: string, toDay: string): Promise<string[]> {
  const found = await rows<{ currency: string }>(db, sql`select distinct currency from sales_daily where day >= ${fromDay}::date and day < ${toDay}::date order by currency`);
  return found.map((r) => r.currency);
}

/**
 * Per ISO week, the weighted amount of the deals expected to close in it, lost ones left out: open deals at their
 * probability (the deal's, else its stage's), won ones at 100%. No snapshots of past pipelines are kept, so past weeks
 * are seen with today's stages.
 */
export async function weeklyPipeline(db: Database, fromDay: string, toDay: string, currency: string): Promise<Map<string, number>> {
  const found = await rows<{ week: string; weighted: string | number }>(
    db,
    sql`select (date_trunc('week', d.expected_close_date::timestamp))::date::text as week,
          sum(d.amount_cents * case when s.outcome = 'won' then 100 else coalesce(d.probability, s.probability) end / 100.0) as weighted
        from deals d join deal_stages s on s.id = d.stage_id
        where s.outcome <> 'lost' and d.currency = ${currency} and d.expected_close_date >= ${fromDay}::date and d.expected_close_date < ${toDay}::date
        group by 1`,
  );
  return new Map(found.map((r) => [r.week, Number(r.weighted)]));
}
