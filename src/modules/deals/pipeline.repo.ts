/**
 * The pipeline's figures in one grouped query. Open deals (never closed: closed_at is null) are read through
 * deals_open_idx, closed ones through their closing time (deals_closed_idx); every stage comes
 * back, empty ones with zeros.
 */
import { sql } from "drizzle-orm";
import type { Database } from "../../db/index.ts";

/** One stage's totals as the database returns them (bigint sums as text). */
export type PipelineRow = {
  id: string;
  key: string;
  name: string;
  position: number;
  probability: number;
  outcome: "open" | "won" | "lost";
  count: number;
  amount: string;
  weighted: string;
  forecast_count: number;
  forecast_weighted: string;
};

/** The query behind pipelineFigures (exported so a bench can `explain analyze` it). */
export function pipelineSql(filter: { currency: string; ownerId?: string; from: Date; to: Date }) {
  const owner = filter.ownerId ? sql`and d.owner_id = ${filter.ownerId}::uuid` : sql``;
  const from = sql`${filter.from.toISOString()}::timestamptz`;
  const to = sql`${filter.to.toISOString()}::timestamptz`;
  // Expected close dates are days: compared with the period's UTC days.
  const fromDay = sql`${filter.from.toISOString().slice(0, 10)}::date`;
  const toDay = sql`${filter.to.toISOString().slice(0, 10)}::date`;
  // A deal's weighted amount rounded half up per deal, as its DTO shows it, in integer arithmetic (amounts and
  // probabilities are never negative): numeric rounding on every row cost more than the rest of the query.
  const weighted = sql.raw(`(d.amount_cents * coalesce(d.probability, s.probability) + 50) / 100`);
  return sql`
    select s.id, s.key, s.name, s.position, s.probability, s.outcome,
      coalesce(a.count, 0)::int as count, coalesce(a.amount, 0)::text as amount, coalesce(a.weighted, 0)::text as weighted,
      coalesce(a.forecast_count, 0)::int as forecast_count, coalesce(a.forecast_weighted, 0)::text as forecast_weighted
    from deal_stages s
    left join (
      select x.stage_id, count(*) as count, sum(x.amount_cents) as amount, sum(x.weighted) as weighted,
        count(*) filter (where x.in_forecast) as forecast_count, sum(x.weighted) filter (where x.in_forecast) as forecast_weighted
      from (
        select d.stage_id, d.amount_cents, ${weighted} as weighted,
          (d.expected_close_date >= ${fromDay} and d.expected_close_date < ${toDay}) as in_forecast
        from deals d join deal_stages s on s.id = d.stage_id and s.outcome = 'open'
        where d.closed_at is null and d.currency = ${filter.currency} ${owner}
        union all
        select d.stage_id, d.amount_cents, ${weighted} as weighted, false as in_forecast
        from deals d join deal_stages s on s.id = d.stage_id and s.outcome <> 'open'
        where d.closed_at >= ${from} and d.closed_at < ${to} and d.currency = ${filter.currency} ${owner}
      ) x
      group by x.stage_id
    ) a on a.stage_id = s.id
    order by s.position, s.id`;
}

/** Per stage: count, amount and weighted amount of its deals (closed stages: closed in [from, to)), and the forecast's part. */
export async function pipelineFigures(db: Database, filter: { currency: string; ownerId?: string; from: Date; to: Date }): Promise<PipelineRow[]> {
  const result = (await db.execute(pipelineSql(filter))) as unknown as { rows: PipelineRow[] };
  return result.rows;
}
