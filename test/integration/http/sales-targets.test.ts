import { randomUUID } from "node:crypto";
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { TargetRowDTO } from "../../../src/contracts/sales.ts";
import { tables } from "../../../src/db/index.ts";
import { seedDemoRevenue } from "../../../src/db/seed/demo-revenue.ts";
import { targetRowDTO } from "../../../src/http/openapi/schemas-revenue.ts";
import { api, type JsonResponse } from "../../support/api-client.ts";
import { AGENT_PASSWORD, createTestApp, type TestApp } from "../../support/create-test-app.ts";
import { testEngines } from "../../support/engines.ts";

type ErrorBody = { error?: { code: string; fields?: Record<string, string> } };
type One = JsonResponse<{ data: TargetRowDTO } & ErrorBody>;
type Many = JsonResponse<{ data: TargetRowDTO[] } & ErrorBody>;

// The server's clock: mid-June 2025, so GET without a period reads 2025-06.
const NOW = new Date("2025-06-15T12:00:00Z");

describe.each(testEngines())("sales targets API on $name", (engine) => {
  let t: TestApp;
  let admin: string;
  let alex: string;
  let sam: string;
  let morgan: string;
  const stage: Record<string, string> = {};
  const db = () => t.container.database.db;
  const put = async (body: unknown, cookie = admin): Promise<One> => {
    const res = (await api(t.url, "PUT", "/api/v1/sales/targets", { cookie, body })) as One;
    if (res.status === 200) targetRowDTO.parse(res.body.data);
    return res;
  };
  const list = async (query = ""): Promise<Many> => {
    const res = (await api(t.url, "GET", `/api/v1/sales/targets${query}`, { cookie: admin })) as Many;
    if (res.status === 200) targetRowDTO.array().parse(res.body.data);
    return res;
  };

  /** A deal written straight into `deals`, with its first stage change. */
  async function deal(values: { ownerId: string | null; amountCents: number; stage: string; closedAt?: string; expectedCloseDate?: string; probability?: number; currency?: string }): Promise<void> {
    const [row] = await db()
      .insert(tables.deals)
      .values({
        title: `Deal ${randomUUID()}`,
        ownerId: values.ownerId,
        amountCents: values.amountCents,
        currency: values.currency ?? "USD",
        stageId: stage[values.stage]!,
        probability: values.probability ?? null,
        expectedCloseDate: values.expectedCloseDate ?? null,
        closedAt: values.closedAt ? new Date(values.closedAt) : null,
      })
      .returning({ id: tables.deals.id });
    await db().insert(tables.dealStageChanges).values({ dealId: row!.id, fromStageId: null, toStageId: stage[values.stage]!, actorType: "system" });
  }

  beforeAll(async () => {
    t = await createTestApp({ database: await engine.open(), now: () => NOW });
    admin = await t.login();
    const users = await db().select().from(tables.users);
    const idOf = (email: string) => users.find((u) => u.email === email)!.id;
    alex = idOf("alex@switchboard.local");
    sam = idOf("sam@switchboard.local");
    morgan = idOf("morgan@switchboard.local");
    for (const s of await db().select().from(tables.dealStages)) stage[s.key] = s.id;
    // Alex in June 2025: won 30,000 (one of them at the month's last instant), lost one, open 10,000 at 25% and 5,000 at 60%.
    await deal({ ownerId: alex, amountCents: 20_000, stage: "won", closedAt: "2025-06-10T09:00:00Z", expectedCloseDate: "2025-06-12" });
    await deal({ ownerId: alex, amountCents: 10_000, stage: "won", closedAt: "2025-06-30T23:59:59.999Z" });
    await deal({ ownerId: alex, amountCents: 99_000, stage: "won", closedAt: "2025-07-01T00:00:00Z" }); // July's
    await deal({ ownerId: alex, amountCents: 7_000, stage: "won", closedAt: "2025-05-31T23:59:59Z" }); // May's
    await deal({ ownerId: alex, amountCents: 50_000, stage: "lost", closedAt: "2025-06-11T09:00:00Z", expectedCloseDate: "2025-06-20" });
    await deal({ ownerId: alex, amountCents: 10_000, stage: "qualified", expectedCloseDate: "2025-06-20" });
    await deal({ ownerId: alex, amountCents: 5_000, stage: "proposal", expectedCloseDate: "2025-06-30", probability: 60 });
    await deal({ ownerId: alex, amountCents: 80_000, stage: "negotiation", expectedCloseDate: "2025-07-01" }); // July's
    await deal({ ownerId: alex, amountCents: 40_000, stage: "won", closedAt: "2025-06-12T09:00:00Z", currency: "EUR" }); // another currency
    // Sam: won 20,000 in June, 4,000 in April; open 8,000 at 50% in June.
    await deal({ ownerId: sam, amountCents: 20_000, stage: "won", closedAt: "2025-06-02T09:00:00Z" });
    await deal({ ownerId: sam, amountCents: 4_000, stage: "won", closedAt: "2025-04-02T09:00:00Z" });
    await deal({ ownerId: sam, amountCents: 8_000, stage: "proposal", expectedCloseDate: "2025-06-05" });
    // Nobody's: won 1,000 in June.
    await deal({ ownerId: null, amountCents: 1_000, stage: "won", closedAt: "2025-06-03T09:00:00Z" });
  }, 120_000);
  afterAll(async () => {
    await t?.close();
    await engine.cleanup();
  });

  it("sets a rep's monthly target and measures it: won in the period, attainment to one decimal, weighted pipeline, gap", async () => {
    const res = await put({ ownerId: alex, period: "2025-06", amountCents: 50_000 });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body.data).toEqual({
      owner: { id: alex, name: "Alex Agent" },
      team: null,
      period: "2025-06",
      currency: "USD",
      targetCents: 50_000,
      wonCents: 30_000,
      attainmentPercent: 60,
      weightedPipelineCents: 2_500 + 3_000,
      gapCents: 20_000,
    });
  });

  it("replaces the target on a second PUT (one row per owner and period) and rounds attainment to one decimal", async () => {
    const res = await put({ ownerId: alex, period: "2025-06", amountCents: 90_000 });
    expect(res.body.data).toMatchObject({ targetCents: 90_000, wonCents: 30_000, attainmentPercent: 33.3, gapCents: 60_000 });
    const stored = await db().select().from(tables.salesTargets).where(eq(tables.salesTargets.ownerId, alex));
    expect(stored.map((s) => [s.period, s.amountCents])).toEqual([["2025-06", 90_000]]);
  });

  it("shows no gap when the target is beaten, and no attainment for a target of 0", async () => {
    expect((await put({ ownerId: sam, period: "2025-06", amountCents: 15_000 })).body.data).toMatchObject({ wonCents: 20_000, attainmentPercent: 133.3, gapCents: 0, weightedPipelineCents: 4_000 });
    expect((await put({ ownerId: morgan, period: "2025-06", amountCents: 0 })).body.data).toMatchObject({ targetCents: 0, wonCents: 0, attainmentPercent: null, gapCents: 0, weightedPipelineCents: 0 });
  });

  it("measures the team 'all' on everyone's deals, and quarters over their three months", async () => {
    expect((await put({ team: "all", period: "2025-06", amountCents: 100_000 })).body.data).toMatchObject({
      owner: null,
      team: "all",
      wonCents: 30_000 + 20_000 + 1_000,
      attainmentPercent: 51,
      weightedPipelineCents: 5_500 + 4_000,
      gapCents: 49_000,
    });
    expect((await put({ ownerId: alex, period: "2025-Q2", amountCents: 100_000 })).body.data).toMatchObject({ period: "2025-Q2", wonCents: 37_000, attainmentPercent: 37 });
    expect((await put({ ownerId: sam, period: "2025-Q2", amountCents: 48_000 })).body.data).toMatchObject({ wonCents: 24_000, attainmentPercent: 50 });
    expect((await put({ ownerId: alex, period: "2025-Q3", amountCents: 100_000 })).body.data).toMatchObject({ wonCents: 99_000, weightedPipelineCents: 60_000 });
  });

  it("measures a target in its own currency", async () => {
    expect((await put({ ownerId: alex, period: "2025-06", amountCents: 80_000, currency: "EUR" })).body.data).toMatchObject({ currency: "EUR", wonCents: 40_000, attainmentPercent: 50, weightedPipelineCents: 0 });
    await put({ ownerId: alex, period: "2025-06", amountCents: 90_000, currency: "USD" });
  });

  it("lists a period's targets, reps by name then teams, the current month by default", async () => {
    const june = await list("?period=2025-06");
    expect(june.status).toBe(200);
    expect(june.body.data.map((r) => [r.owner?.name ?? null, r.team, r.targetCents, r.wonCents, r.attainmentPercent])).toEqual([
      ["Alex Agent", null, 90_000, 30_000, 33.3],
      ["Morgan Manager", null, 0, 0, null],
      ["Sam Support", null, 15_000, 20_000, 133.3],
      [null, "all", 100_000, 51_000, 51],
    ]);
    expect((await list()).body.data).toEqual(june.body.data);
    expect((await list("?period=2025-Q2")).body.data.map((r) => r.owner?.name)).toEqual(["Alex Agent", "Sam Support"]);
    expect((await list("?period=2024-01")).body.data).toEqual([]);
  });

  it("answers 404 USER_NOT_FOUND for an unknown owner and writes nothing", async () => {
    const before = (await db().select().from(tables.salesTargets)).length;
    const res = await put({ ownerId: randomUUID(), period: "2025-06", amountCents: 1 });
    expect(res.status).toBe(404);
    expect(res.body.error?.code).toBe("USER_NOT_FOUND");
    expect((await db().select().from(tables.salesTargets)).length).toBe(before);
  });

  it("refuses bad input with 400 VALIDATION_FAILED naming the field, and writes nothing", async () => {
    const before = (await db().select().from(tables.salesTargets)).length;
    const cases: [unknown, string][] = [
      [{ period: "2025-06", amountCents: 1 }, "ownerId"],
      [{ ownerId: alex, team: "all", period: "2025-06", amountCents: 1 }, "ownerId"],
      [{ ownerId: "alex", period: "2025-06", amountCents: 1 }, "ownerId"],
      [{ team: "sales", period: "2025-06", amountCents: 1 }, "team"],
      [{ ownerId: alex, period: "2025-13", amountCents: 1 }, "period"],
      [{ ownerId: alex, period: "2025-Q5", amountCents: 1 }, "period"],
      [{ ownerId: alex, period: "June", amountCents: 1 }, "period"],
      [{ ownerId: alex, period: "2025-06", amountCents: -1 }, "amountCents"],
      [{ ownerId: alex, period: "2025-06", amountCents: 1.5 }, "amountCents"],
      [{ ownerId: alex, period: "2025-06", amountCents: "100" }, "amountCents"],
      [{ ownerId: alex, period: "2025-06", amountCents: 1, currency: "dollars" }, "currency"],
      [{ ownerId: alex, period: "2025-06", amountCents: 1, colour: "red" }, "body"],
    ];
    for (const [body, field] of cases) {
      const res = await put(body);
      expect(res.status, JSON.stringify(body)).toBe(400);
      expect(res.body.error?.code).toBe("VALIDATION_FAILED");
      expect(Object.keys(res.body.error?.fields ?? {}), JSON.stringify(body)).toContain(field);
    }
    expect((await db().select().from(tables.salesTargets)).length).toBe(before);
    const bad = await list("?period=2025-6");
    expect(bad.status).toBe(400);
    expect(Object.keys(bad.body.error?.fields ?? {})).toContain("period");
  });

  it("lets managers set targets and agents neither set nor read them (403 FORBIDDEN)", async () => {
    const manager = await t.login("morgan@switchboard.local", AGENT_PASSWORD);
    expect((await put({ ownerId: alex, period: "2025-07", amountCents: 5_000 }, manager)).status).toBe(200);
    const agent = await t.login("alex@switchboard.local", AGENT_PASSWORD);
    const refused = await put({ ownerId: alex, period: "2025-07", amountCents: 1 }, agent);
    expect(refused.status).toBe(403);
    expect((await api(t.url, "GET", "/api/v1/sales/targets", { cookie: agent })).status).toBe(403);
    expect((await list("?period=2025-07")).body.data[0]).toMatchObject({ targetCents: 5_000 });
  });

  it("seeds demo targets for every demo rep and the team: five months and two quarters, once", async () => {
    const users = await db().select().from(tables.users);
    const agents = users.filter((u) => u.email.endsWith("@switchboard.local")).map((u) => ({ id: u.id, name: u.name }));
    // No deals were won in the six months before March 2030 (the demo deals are of the last months): each rep gets the
    // fallback, the team their sum.
    expect(await seedDemoRevenue(db(), { now: new Date("2030-03-10T00:00:00Z"), agents })).toBe(4 * 7);
    expect(await seedDemoRevenue(db(), { now: new Date("2030-03-10T00:00:00Z"), agents })).toBe(0);
    for (const period of ["2029-12", "2030-01", "2030-02", "2030-03", "2030-04"]) {
      expect((await list(`?period=${period}`)).body.data.map((r) => [r.owner?.name ?? r.team, r.targetCents])).toEqual([
        ["Alex Agent", 2_500_000],
        ["Morgan Manager", 2_000_000],
        ["Sam Support", 1_500_000],
        ["all", 6_000_000],
      ]);
    }
    expect((await list("?period=2030-Q2")).body.data.map((r) => r.targetCents)).toEqual([7_500_000, 6_000_000, 4_500_000, 18_000_000]);
  });

  it("sets demo targets a little above what a rep has been winning (last six months' monthly average × 1.15, to $100)", async () => {
    const [alexRow] = await db().select().from(tables.users).where(eq(tables.users.id, alex));
    // June to November 2025: Alex won 30,000 in June and 99,000 in July (USD): 21,500 a month, × 1.15 = 24,725 → 20,000.
    expect(await seedDemoRevenue(db(), { now: new Date("2025-12-15T00:00:00Z"), agents: [{ id: alex, name: alexRow!.name }] })).toBe(2 * 7);
    expect((await list("?period=2025-10")).body.data.map((r) => [r.owner?.name ?? r.team, r.targetCents])).toEqual([
      ["Alex Agent", 20_000],
      ["all", 20_000],
    ]);
    expect((await list("?period=2026-Q1")).body.data.map((r) => r.targetCents)).toEqual([60_000, 60_000]);
  });
});
