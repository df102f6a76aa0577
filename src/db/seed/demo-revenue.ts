/**
 * Demo sales targets: each demo rep's and the team's ("all") monthly targets for the last three months, this month and
 * the next, and quarterly ones for this quarter and the next, so the targets page shows real attainment on first start.
 */
import { sql } from "drizzle-orm";
import type { Database } from "../client.ts";

/** What the demo targets are set for. */
export type DemoRevenueContext = { now: Date; agents: { id: string; name: string }[] };

// A rep's monthly target when no won deals say otherwise ($25,000, then $5,000 less per rep in name order).
const FALLBACK_MONTHLY_CENTS = 2_500_000;
const FALLBACK_STEP_CENTS = 500_000;
// Targets sit a little above what a rep has been winning, so attainment hovers just under 100%.
const STRETCH = 1.15;

function monthPeriod(year: number, month: number): string {
  const d = new Date(Date.UTC(year, month, 1));
  return `${d.getUTCFullYear()}-${String(d.getUTCMonth() + 1).padStart(2, "0")}`;
}

function quarterPeriod(year: number, quarter: number): string {
  return `${year + Math.floor(quarter / 4)}-Q${(quarter % 4) + 1}`;
}

/** Each rep's average monthly won amount (USD) over the six months before `now`'s month (0 when none). */
async function monthlyWon(tx: Database, now: Date, ownerIds: string[]): Promise<Map<string, number>> {
  if (ownerIds.length === 0) return new Map();
  const to = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), 1));
  const from = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - 6, 1));
  const result = (await tx.execute(sql`
    select d.owner_id::text as owner, sum(d.amount_cents) / 6.0 as monthly from deals d join deal_stages s on s.id = d.stage_id
    where s.outcome = 'won' and d.currency = 'USD' and d.closed_at >= ${from.toISOString()}::timestamptz and d.closed_at < ${to.toISOString()}::timestamptz
      and d.owner_id in (${sql.join(ownerIds.map((id) => sql`${id}::uuid`), sql`, `)})
    group by 1`)) as unknown as { rows: { owner: string; monthly: string | number }[] };
  return new Map(result.rows.map((r) => [r.owner, Number(r.monthly)]));
}

/** Inserts the demo targets (existing ones are kept); returns how many it inserted. */
export async function seedDemoRevenue(tx: Database, context: DemoRevenueContext): Promise<number> {
  const reps = [...context.agents].sort((a, b) => a.name.localeCompare(b.name));
  const won = await monthlyWon(tx, context.now, reps.map((r) => r.id));
  // Whole hundreds of dollars: targets people set are round.
  const monthly = reps.map((rep, i) => {
    const fromDeals = (won.get(rep.id) ?? 0) * STRETCH;
    const cents = fromDeals > 0 ? fromDeals : FALLBACK_MONTHLY_CENTS - i * FALLBACK_STEP_CENTS;
    return { ownerId: rep.id as string | null, team: null as string | null, cents: Math.max(10_000, Math.round(cents / 10_000) * 10_000) };
  });
  const whoever = [...monthly, { ownerId: null, team: "all", cents: monthly.reduce((s, m) => s + m.cents, 0) }];
  const year = context.now.getUTCFullYear();
  const month = context.now.getUTCMonth();
  const quarter = Math.floor(month / 3);
  const rows = whoever.flatMap((who) => [
    ...[-3, -2, -1, 0, 1].map((offset) => ({ ...who, period: monthPeriod(year, month + offset), amount: who.cents })),
    ...[0, 1].map((offset) => ({ ...who, period: quarterPeriod(year, quarter + offset), amount: who.cents * 3 })),
  ]);
  const inserted = (await tx.execute(sql`
    insert into sales_targets (owner_id, team, period, amount_cents, currency)
    values ${sql.join(
      rows.map((r) => sql`(${r.ownerId}::uuid, ${r.team}, ${r.period}, ${r.amount}, 'USD')`),
      sql`, `,
    )}
    on conflict (coalesce(owner_id::text, 'team:' || team), period) do nothing
    returning id`)) as unknown as { rows: unknown[] };
  return inserted.rows.length;
}
