/** Target queries: upserting a target, and a period's targets with the won deals and weighted pipeline they are measured by. */
import { sql, type SQL } from "drizzle-orm";
import type { Database } from "../../db/index.ts";
import { isoDay, type Interval } from "./periods.ts";

/** A target with what it is measured against, as the database answers it. */
export type TargetFigures = {
  id: string;
  ownerId: string | null;
  ownerName: string | null;
  team: string | null;
  period: string;
  currency: string;
  targetCents: number;
  wonCents: number;
  weightedPipelineCents: number;
};

type RawTarget = {
  id: string;
  owner_id: string | null;
  owner_name: string | null;
  team: string | null;
  period: string;
  currency: string;
  target: string | number;
  won: string | number;
  weighted: string | number;
};

async function rows<T>(db: Database, query: SQL): Promise<T[]> {
  return ((await db.execute(query)) as unknown as { rows: T[] }).rows;
}

/** Sets the target of an owner or a team for a period (one per owner or team and period), returning its id. */
export async function upsertTarget(
  db: Database,
  target: { ownerId: string | null; team: string | null; period: string; amountCents: number; currency: string },
  at: Date,
): Promise<string> {
  const [row] = await rows<{ id: string }>(
    db,
    sql`insert into sales_targets (owner_id, team, period, amount_cents, currency, created_at, updated_at)
        values (${target.ownerId}, ${target.team}, ${target.period}, ${target.amountCents}, ${target.currency}, ${at.toISOString()}::timestamptz, ${at.toISOString()}::timestamptz)
        on conflict (coalesce(owner_id::text, 'team:' || team), period)
        do update set amount_cents = excluded.amount_cents, currency = excluded.currency, updated_at = excluded.updated_at
        returning id`,
  );
  return row!.id;
}

/** True when a console user with this id exists. */
export async function userExists(db: Database, id: string): Promise<boolean> {
  return (await rows(db, sql`select 1 from users where id = ${id}`)).length > 0;
}

/**
 * The targets of a period (or the one with `id`), each with: the amount of the deals won in the period (stage outcome
 * won, `closed_at` in it) and the weighted amount of the open deals expected to close in it (amount × the deal's
 * probability, else its stage's), both of the owner (everyone's for team "all") in the target's currency.
 */
export async function targetsWithFigures(db: Database, period: string, interval: Interval, id?: string): Promise<TargetFigures[]> {
  const from = interval.from.toISOString();
  const to = interval.to.toISOString();
  const whose = sql`(t.owner_id is null or d.owner_id = t.owner_id) and d.currency = t.currency`;
  const found = await rows<RawTarget>(
    db,
    sql`select t.id, t.owner_id, u.name as owner_name, t.team, t.period, t.currency, t.amount_cents as target,
          (select coalesce(sum(d.amount_cents), 0) from deals d join deal_stages s on s.id = d.stage_id
            where ${whose} and s.outcome = 'won' and d.closed_at >= ${from}::timestamptz and d.closed_at < ${to}::timestamptz) as won,
          (select coalesce(sum(d.amount_cents * coalesce(d.probability, s.probability) / 100.0), 0) from deals d join deal_stages s on s.id = d.stage_id
            where ${whose} and s.outcome = 'open' and d.expected_close_date >= ${isoDay(interval.from)}::date and d.expected_close_date < ${isoDay(interval.to)}::date) as weighted
        from sales_targets t left join users u on u.id = t.owner_id
        where t.period = ${period} ${id === undefined ? sql`` : sql`and t.id = ${id}`}
        order by t.owner_id is null, u.name, t.team`,
  );
  return found.map((r) => ({
    id: r.id,
    ownerId: r.owner_id,
    ownerName: r.owner_name,
    team: r.team,
    period: r.period,
    currency: r.currency,
    targetCents: Number(r.target),
    wonCents: Number(r.won),
    weightedPipelineCents: Math.round(Number(r.weighted)),
  }));
}
