import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { ForecastDTO } from "../../../src/contracts/sales.ts";
import { tables } from "../../../src/db/index.ts";
import { forecastDTO } from "../../../src/http/openapi/schemas-revenue.ts";
import { addDays } from "../../../src/modules/revenue/periods.ts";
import { api, type JsonResponse } from "../../support/api-client.ts";
import { AGENT_PASSWORD, createTestApp, type TestApp } from "../../support/create-test-app.ts";
import { testEngines } from "../../support/engines.ts";
import { insertOrders, insertProduct, refillSalesRollups, type TestOrder } from "../../support/sales-rollups.ts";

type Body = { data: ForecastDTO; error?: { code: string; fields?: Record<string, string> } };

// The server's clock: Wednesday 2026-06-10, in the ISO week starting Monday 2026-06-08.
const NOW = new Date("2026-06-10T12:00:00Z");
const CURRENT_WEEK = "2026-06-08";
const HISTORY_WEEKS = 60;
const FIRST_WEEK = addDays(CURRENT_WEEK, -7 * HISTORY_WEEKS);
// Weeks (by index) in which a 100,000 deal was won and sold on top of the usual revenue.
const DEAL_WEEKS = new Set([10, 20, 30, 40, 50]);
const QUIET_WEEK = 33;

/** The usual revenue of history week i: a trend and a yearly cycle. */
function usual(i: number): number {
  const weekStart = addDays(FIRST_WEEK, 7 * i);
  const angle = (2 * Math.PI * (Date.parse(weekStart) - Date.UTC(Number(weekStart.slice(0, 4)), 0, 1))) / (365.25 * 86_400_000);
  return Math.round(300_000 + 1_000 * i + 80_000 * Math.sin(angle) + 5_000 * Math.sin(i * 7.3));
}

describe.each(testEngines())("sales forecast API on $name", (engine) => {
  let t: TestApp;
  let admin: string;
  let product: string;
  const db = () => t.container.database.db;
  const forecast = async (query = ""): Promise<JsonResponse<Body>> => {
    const res = (await api(t.url, "GET", `/api/v1/sales/forecast${query}`, { cookie: admin })) as JsonResponse<Body>;
    if (res.status === 200) forecastDTO.parse(res.body.data);
    return res;
  };
  const ok = async (query = ""): Promise<ForecastDTO> => {
    const res = await forecast(query);
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    return res.body.data;
  };
  const order = (placedAt: string, amount: number, extra: Partial<TestOrder> = {}): TestOrder => ({ lines: [{ productId: product, quantity: 1, priceCents: amount }], placedAt, ...extra });
  async function deal(amountCents: number, stageKey: string, expectedCloseDate: string): Promise<void> {
    const stages = await db().select().from(tables.dealStages);
    await db().insert(tables.deals).values({ title: `Deal ${randomUUID()}`, amountCents, stageId: stages.find((s) => s.key === stageKey)!.id, expectedCloseDate });
  }

  beforeAll(async () => {
    t = await createTestApp({ database: await engine.open(), now: () => NOW });
    admin = await t.login();
    product = await insertProduct(db(), "Forecast product", 1);
  }, 120_000);
  afterAll(async () => {
    await t?.close();
    await engine.cleanup();
  });

  it("answers 'insufficient history' with no forecast weeks while there are fewer than 8 complete weeks", async () => {
    await refillSalesRollups(db());
    expect(await ok()).toEqual({ currency: "USD", method: "insufficient history", history: [], weeks: [], backtest: null });
    await insertOrders(db(), [order(`${addDays(CURRENT_WEEK, -14)}T10:00:00Z`, 5_000), order(`${addDays(CURRENT_WEEK, -7)}T10:00:00Z`, 7_000)]);
    await refillSalesRollups(db());
    expect(await ok()).toMatchObject({
      method: "insufficient history",
      history: [
        { weekStart: addDays(CURRENT_WEEK, -14), amountCents: 5_000 },
        { weekStart: addDays(CURRENT_WEEK, -7), amountCents: 7_000 },
      ],
      weeks: [],
    });
  });

  it("shows each complete week's revenue and forecasts the current week and the next ones with an interval and a back-test", async () => {
    await db().delete(tables.orders);
    const orders: TestOrder[] = [];
    for (let i = 0; i < HISTORY_WEEKS; i++) {
      if (i === QUIET_WEEK) continue;
      const monday = addDays(FIRST_WEEK, 7 * i);
      // Two orders a week (Tuesday and Sunday evening), a cancelled one that must not count, and the won deal's sale.
      orders.push(order(`${addDays(monday, 1)}T10:00:00Z`, usual(i) - 1_000), order(`${addDays(monday, 6)}T23:59:59Z`, 1_000));
      orders.push(order(`${addDays(monday, 2)}T10:00:00Z`, 999_999, { status: "cancelled" }));
      if (DEAL_WEEKS.has(i)) {
        orders.push(order(`${addDays(monday, 3)}T10:00:00Z`, 100_000));
        await deal(100_000, "won", addDays(monday, 3));
      }
    }
    // This week's sales are not history yet.
    orders.push(order(`${CURRENT_WEEK}T10:00:00Z`, 12_345));
    await insertOrders(db(), orders);
    await refillSalesRollups(db());
    // An open deal (negotiation, 75%) expected to close in the third forecast week.
    await deal(200_000, "negotiation", addDays(CURRENT_WEEK, 16));

    const data = await ok("?weeks=12");
    expect(data.currency).toBe("USD");
    expect(data.history).toHaveLength(HISTORY_WEEKS);
    expect(data.history[0]).toEqual({ weekStart: FIRST_WEEK, amountCents: usual(0) });
    expect(data.history[QUIET_WEEK]).toEqual({ weekStart: addDays(FIRST_WEEK, 7 * QUIET_WEEK), amountCents: 0 });
    expect(data.history[10]!.amountCents).toBe(usual(10) + 100_000);
    expect(data.history.at(-1)!.weekStart).toBe(addDays(CURRENT_WEEK, -7));
    expect(data.method).toMatch(/^multiple linear regression/);
    expect(data.method).toContain("pipeline");
    expect(data.weeks.map((w) => w.weekStart)).toEqual(Array.from({ length: 12 }, (_, i) => addDays(CURRENT_WEEK, 7 * i)));
    for (const w of data.weeks) {
      expect(w.lowCents).toBeLessThanOrEqual(w.amountCents);
      expect(w.highCents).toBeGreaterThanOrEqual(w.amountCents);
      expect(w.lowCents).toBeGreaterThanOrEqual(0);
    }
    // The open deal's 150,000 weighted shows in its week (history taught ~1 cent of revenue per cent of pipeline).
    const [, before, dealWeek, after] = data.weeks;
    expect(dealWeek!.amountCents - (before!.amountCents + after!.amountCents) / 2).toBeGreaterThan(100_000);
    expect(data.backtest?.heldOutWeeks).toBe(8);
    expect(data.backtest?.mape).toEqual(expect.any(Number));
    expect(data.backtest!.mape!).toBeLessThan(20);
  });

  it("forecasts 12 weeks by default and 1 to 52 on request", async () => {
    expect((await ok()).weeks).toHaveLength(12);
    expect((await ok("?weeks=1")).weeks).toHaveLength(1);
    expect((await ok("?weeks=52")).weeks).toHaveLength(52);
  });

  it("refuses bad input with 400 VALIDATION_FAILED naming the field", async () => {
    for (const [query, field] of [
      ["?weeks=0", "weeks"],
      ["?weeks=53", "weeks"],
      ["?weeks=many", "weeks"],
      ["?weeks=1.5", "weeks"],
      ["?currency=usd", "currency"],
    ] as const) {
      const res = await forecast(query);
      expect(res.status, query).toBe(400);
      expect(res.body.error?.code).toBe("VALIDATION_FAILED");
      expect(Object.keys(res.body.error?.fields ?? {}), query).toContain(field);
    }
  });

  it("asks for a currency when the history has several (400 naming currency), and forecasts the one asked for", async () => {
    await insertOrders(db(), [order(`${addDays(CURRENT_WEEK, -21)}T10:00:00Z`, 9_000, { currency: "EUR" })]);
    await refillSalesRollups(db());
    const mixed = await forecast();
    expect(mixed.status).toBe(400);
    expect(mixed.body.error?.fields?.currency).toContain("EUR, USD");
    expect((await ok("?currency=USD")).history).toHaveLength(HISTORY_WEEKS);
    const eur = await ok("?currency=EUR");
    expect(eur).toMatchObject({ currency: "EUR", method: "insufficient history", weeks: [] });
    expect(eur.history.map((w) => w.amountCents)).toEqual([9_000, 0, 0]);
  });

  it("is for managers: an agent gets 403 FORBIDDEN", async () => {
    const agent = await t.login("alex@switchboard.local", AGENT_PASSWORD);
    expect((await api(t.url, "GET", "/api/v1/sales/forecast", { cookie: agent })).status).toBe(403);
  });
});
