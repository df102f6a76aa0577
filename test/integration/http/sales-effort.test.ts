import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { EffortPlanDTO } from "../../../src/contracts/sales.ts";
import { api } from "../../support/api-client.ts";
import { createTestApp, type TestApp } from "../../support/create-test-app.ts";
import { testEngines } from "../../support/engines.ts";

// How far the plan's expected monthly revenue may stray from what the segments sold in an average month of the history.
const PLAUSIBLE_FACTOR = 2;

describe.each(testEngines())("effort plan on the demo's sales history on $name", (engine) => {
  let t: TestApp;
  let admin: string;
  const plan = async (budgetHours: number) => {
    const res = await api<{ data: EffortPlanDTO }>(t.url, "POST", "/api/v1/sales/plans/effort", { cookie: admin, body: { budgetHours } });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    return res.body.data;
  };

  beforeAll(async () => {
    t = await createTestApp({ database: await engine.open(), demoCrm: true });
    admin = await t.login();
  }, 180_000);
  afterAll(async () => {
    await t?.close();
    await engine.cleanup();
  });

  it("expects a month's revenue of the order of what the demo sells in a month, and spreads 120 hours with diminishing returns", async () => {
    // The 12 calendar months before the current one, straight from the orders (cancelled left out).
    const now = new Date();
    const from = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - 12, 1)).toISOString();
    const to = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), 1)).toISOString();
    const result = (await t.container.database.db.execute(sql`
      select coalesce(sum(total_cents), 0)::float8 / 12 as monthly from orders
      where status <> 'cancelled' and customer_id is not null and placed_at >= ${from}::timestamptz and placed_at < ${to}::timestamptz`)) as unknown as { rows: { monthly: number }[] };
    const monthly = Number(result.rows[0].monthly);
    expect(monthly).toBeGreaterThan(0);

    const p = await plan(120);
    expect(p.period).toBe("month");
    expect(p.historyMonthlyRevenueCents / monthly).toBeCloseTo(1, 3);
    expect(p.allocation.reduce((sum, a) => sum + a.hours, 0) + p.unallocatedHours).toBe(120);
    expect(p.totalExpectedRevenueCents).toBe(p.allocation.reduce((sum, a) => sum + a.expectedRevenueCents, 0));
    expect(p.totalExpectedRevenueCents).toBeGreaterThan(monthly / PLAUSIBLE_FACTOR);
    expect(p.totalExpectedRevenueCents).toBeLessThan(monthly * PLAUSIBLE_FACTOR);
    for (const a of p.allocation) {
      expect(a.hours, a.segment).toBeLessThanOrEqual(a.flatAfterHours);
      expect(a.expectedRevenueCents, a.segment).toBeGreaterThanOrEqual(a.baseRevenueCents);
      expect(a.expectedRevenueCents, a.segment).toBeLessThanOrEqual(a.ceilingRevenueCents);
    }
    // Spread: no segment takes (nearly) all the hours.
    expect(p.allocation.filter((a) => a.hours > 0).length).toBeGreaterThanOrEqual(2);
    expect(Math.max(...p.allocation.map((a) => a.hours))).toBeLessThan(0.8 * 120);
    // Diminishing returns: the second 60 hours add less than the first 60, and something.
    const [none, half] = [await plan(0), await plan(60)];
    const first = half.totalExpectedRevenueCents - none.totalExpectedRevenueCents;
    const second = p.totalExpectedRevenueCents - half.totalExpectedRevenueCents;
    expect(second).toBeGreaterThan(0);
    expect(second).toBeLessThan(first);
    expect(none.totalExpectedRevenueCents / monthly).toBeCloseTo(1, 1);
  });

  it("leaves hours unallocated once every segment's curve is flat", async () => {
    const p = await plan(5000);
    for (const a of p.allocation) expect(a.hours, a.segment).toBeLessThanOrEqual(a.flatAfterHours + Math.ceil(5000 / 2000));
    expect(p.unallocatedHours).toBeGreaterThan(0);
    expect(p.totalExpectedRevenueCents).toBeLessThanOrEqual(p.allocation.reduce((sum, a) => sum + a.ceilingRevenueCents, 0));
  });
});
