import { randomUUID } from "node:crypto";
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { PipelineDTO } from "../../../src/contracts/sales.ts";
import { tables } from "../../../src/db/index.ts";
import { api } from "../../support/api-client.ts";
import { createTestApp, type TestApp } from "../../support/create-test-app.ts";
import { customerWrites } from "../../support/customer-records.ts";
import { dealPeople, keyWith, postDeal, type ErrorBody, type SessionUser } from "../../support/deal-helpers.ts";
import { testEngines } from "../../support/engines.ts";

// The pipeline's deals are in EUR: the demo deals (USD) stay out of its figures.
describe.each(testEngines())("deals pipeline on $name", (engine) => {
  let t: TestApp;
  let people: Record<"admin" | "alex" | "sam" | "morgan", SessionUser>;
  const db = () => t.container.database.db;
  const now = new Date();
  const day = (year: number, month: number, date = 1) => new Date(Date.UTC(year, month, date)).toISOString().slice(0, 10);
  const monthStart = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), 1));
  const nextMonth = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() + 1, 1));
  const monthAfter = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() + 2, 1));
  const pipeline = (who: { cookie?: string; token?: string }, query = "") =>
    api<{ data: PipelineDTO } & Partial<ErrorBody>>(t.url, "GET", `/api/v1/deals/pipeline?currency=EUR${query}`, who);
  /** Per stage key: [count, amount, weighted]. */
  const figures = (p: PipelineDTO) => Object.fromEntries(p.stages.map((s) => [s.stage.key, [s.count, s.amountCents, s.weightedAmountCents]]));

  beforeAll(async () => {
    t = await createTestApp({ database: await engine.open() });
    people = await dealPeople(t);
    const { customerId } = await customerWrites(t, "Hello there");
    const thisMonth = now.toISOString().slice(0, 10);
    const deal = async (body: Record<string, unknown>) => {
      const res = await postDeal(t, { cookie: people.admin.cookie }, { title: `Deal ${randomUUID().slice(0, 4)}`, customerId, currency: "EUR", ...body });
      expect(res.status).toBe(201);
      return res.body.data.id;
    };
    await deal({ stage: "lead", amountCents: 10_000, expectedCloseDate: thisMonth, ownerId: people.alex.id });
    await deal({ stage: "proposal", amountCents: 20_000, probability: 40, expectedCloseDate: day(nextMonth.getUTCFullYear(), nextMonth.getUTCMonth(), 1), ownerId: people.sam.id });
    await deal({ stage: "negotiation", amountCents: 30_000, expectedCloseDate: thisMonth, ownerId: people.alex.id });
    await deal({ stage: "won", amountCents: 50_000, ownerId: people.alex.id });
    await deal({ stage: "lost", amountCents: 7_000, ownerId: people.sam.id });
    // Won long ago: in the won stage of its own period only.
    const old = await deal({ stage: "won", amountCents: 90_000, ownerId: people.alex.id });
    await db().update(tables.deals).set({ closedAt: new Date("2020-06-15T12:00:00Z") }).where(eq(tables.deals.id, old));
    // Another currency is another pipeline.
    await deal({ stage: "lead", amountCents: 1_000_000, currency: "GBP", ownerId: people.alex.id });
  }, 120_000);
  afterAll(async () => {
    await t?.close();
    await engine.cleanup();
  });

  it("per stage: count, amount and weighted amount (open deals all; won and lost those closed in the period), and the month's weighted forecast", async () => {
    const res = await pipeline({ cookie: people.morgan.cookie });
    expect(res.status).toBe(200);
    expect(res.body.data.currency).toBe("EUR");
    expect(res.body.data.stages.map((s) => s.stage.key)).toEqual(["lead", "qualified", "proposal", "negotiation", "won", "lost"]);
    expect(figures(res.body.data)).toEqual({
      lead: [1, 10_000, 1_000],
      qualified: [0, 0, 0],
      proposal: [1, 20_000, 8_000],
      negotiation: [1, 30_000, 22_500],
      won: [1, 50_000, 50_000],
      lost: [1, 7_000, 0],
    });
    // The open deals expected to close this month: the lead (1,000) and the negotiation (22,500).
    expect(res.body.data.forecast).toEqual({ from: monthStart.toISOString(), to: nextMonth.toISOString(), weightedAmountCents: 23_500, dealCount: 2 });
  });

  it("an explicit period moves the forecast and the closed stages, not the open ones", async () => {
    const next = await pipeline({ cookie: people.admin.cookie }, `&from=${nextMonth.toISOString().slice(0, 10)}&to=${monthAfter.toISOString()}`);
    expect(next.body.data.forecast).toMatchObject({ weightedAmountCents: 8_000, dealCount: 1 });
    expect(figures(next.body.data)).toMatchObject({ lead: [1, 10_000, 1_000], won: [0, 0, 0], lost: [0, 0, 0] });
    const y2020 = await pipeline({ cookie: people.admin.cookie }, "&from=2020-01-01&to=2021-01-01");
    expect(figures(y2020.body.data)).toMatchObject({ won: [1, 90_000, 90_000], lost: [0, 0, 0] });
    // Date-times without a zone are UTC, like dates.
    const zoneless = await pipeline({ cookie: people.admin.cookie }, "&from=2020-06-15T00:00:00&to=2020-06-15T12:00:00");
    expect(zoneless.body.data.forecast).toMatchObject({ from: "2020-06-15T00:00:00.000Z", to: "2020-06-15T12:00:00.000Z" });
    expect(figures(zoneless.body.data)).toMatchObject({ won: [0, 0, 0] });
    const noon = await pipeline({ cookie: people.admin.cookie }, "&from=2020-06-15T12:00:00Z&to=2020-06-15T12:00:01%2B00:00");
    expect(figures(noon.body.data)).toMatchObject({ won: [1, 90_000, 90_000] });
  });

  it("one owner's pipeline for managers; an agent gets their own (asking for another's is 403); keys need sales:read", async () => {
    const alexView = figures((await pipeline({ cookie: people.morgan.cookie }, `&ownerId=${people.alex.id}`)).body.data);
    expect(alexView).toMatchObject({ lead: [1, 10_000, 1_000], proposal: [0, 0, 0], negotiation: [1, 30_000, 22_500], won: [1, 50_000, 50_000], lost: [0, 0, 0] });
    const own = await pipeline({ cookie: people.alex.cookie });
    expect(figures(own.body.data)).toEqual(alexView);
    expect(own.body.data.forecast.weightedAmountCents).toBe(23_500);
    expect((await pipeline({ cookie: people.alex.cookie }, `&ownerId=${people.alex.id}`)).status).toBe(200);
    expect(await pipeline({ cookie: people.alex.cookie }, `&ownerId=${people.sam.id}`)).toMatchObject({ status: 403, body: { error: { code: "FORBIDDEN" } } });
    const samView = await pipeline({ cookie: people.sam.cookie });
    expect(figures(samView.body.data)).toMatchObject({ lead: [0, 0, 0], proposal: [1, 20_000, 8_000], lost: [1, 7_000, 0] });
    expect(samView.body.data.forecast).toMatchObject({ weightedAmountCents: 0, dealCount: 0 });

    const reader = await keyWith(t, people.admin.cookie, ["sales:read"]);
    expect(figures((await pipeline({ token: reader })).body.data)).toMatchObject({ lead: [1, 10_000, 1_000], proposal: [1, 20_000, 8_000] });
    const other = await keyWith(t, people.admin.cookie, ["customers:read"]);
    expect(await pipeline({ token: other })).toMatchObject({ status: 403, body: { error: { code: "FORBIDDEN" } } });
  });

  it("refuses a bad period or currency with 400 naming the field", async () => {
    expect((await pipeline({ cookie: people.admin.cookie }, "&from=yesterday")).body.error?.fields).toHaveProperty("from");
    expect((await pipeline({ cookie: people.admin.cookie }, "&from=2026-05-01&to=2026-04-01")).body.error?.fields).toHaveProperty("to");
    expect((await api<Partial<ErrorBody>>(t.url, "GET", "/api/v1/deals/pipeline?currency=euro", { cookie: people.admin.cookie })).body.error?.fields).toHaveProperty("currency");
    expect((await pipeline({ cookie: people.admin.cookie }, "&ownerId=me")).body.error?.fields).toHaveProperty("ownerId");
  });
});
