import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { SalesGroupBy, SalesSummaryDTO } from "../../../src/contracts/sales.ts";
import { salesSummaryDTO } from "../../../src/http/openapi/schemas-revenue.ts";
import { api, type JsonResponse } from "../../support/api-client.ts";
import { AGENT_PASSWORD, createTestApp, type TestApp } from "../../support/create-test-app.ts";
import { testEngines } from "../../support/engines.ts";
import { insertCustomer, insertOrders, insertProduct, refillSalesRollups, type TestOrder } from "../../support/sales-rollups.ts";

type Body = { data: SalesSummaryDTO; error?: { code: string; fields?: Record<string, string> } };

const GROUPINGS: SalesGroupBy[] = ["day", "week", "month", "product", "customer", "company", "owner", "channel"];

describe.each(testEngines())("sales summary API on $name", (engine) => {
  let t: TestApp;
  let admin: string;
  const db = () => t.container.database.db;
  const summary = async (query: string, cookie = admin): Promise<JsonResponse<Body>> => {
    const res = (await api(t.url, "GET", `/api/v1/sales/summary?${query}`, { cookie })) as JsonResponse<Body>;
    if (res.status === 200) salesSummaryDTO.parse(res.body.data);
    return res;
  };
  const ok = async (query: string): Promise<SalesSummaryDTO> => {
    const res = await summary(query);
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    return res.body.data;
  };
  let ids: { a: string; b: string; c: string; ann: string; ben: string; cid: string; owner: string };

  beforeAll(async () => {
    t = await createTestApp({ database: await engine.open() });
    admin = await t.login();
    const owner = (await api<{ data: { id: string } }>(t.url, "GET", "/api/v1/auth/me", { cookie: admin })).body.data.id;
    ids = {
      a: await insertProduct(db(), "Product A", 100),
      b: await insertProduct(db(), "Product B", 200),
      c: await insertProduct(db(), "Product C", 999),
      ann: await insertCustomer(db(), "Ann Buyer", "Annco"),
      ben: await insertCustomer(db(), "Ben Buyer"),
      cid: await insertCustomer(db(), "Cid Buyer", "Cidco"),
      owner,
    };
    // The example, on 2025-03-01: customer 1 buys 2 × A at 100 cents, customer 2 buys 3 × B at 200 cents.
    await insertOrders(db(), [
      { customerId: ids.ann, lines: [{ productId: ids.a, quantity: 2, priceCents: 100 }], placedAt: "2025-03-01T09:00:00Z" },
      { customerId: ids.ben, lines: [{ productId: ids.b, quantity: 3, priceCents: 200 }], placedAt: "2025-03-01T15:30:00Z" },
    ]);
    // April 2025: several products per order, owners, channels, a cancelled order, a customer-less order.
    await insertOrders(db(), [
      { customerId: ids.ann, lines: [{ productId: ids.a, quantity: 1, priceCents: 100 }, { productId: ids.b, quantity: 2, priceCents: 190 }], placedAt: "2025-04-01T00:00:00Z", ownerId: ids.owner, channel: "web" },
      { customerId: ids.ben, lines: [{ productId: ids.c, quantity: 1, priceCents: 999 }], placedAt: "2025-04-02T10:00:00Z", channel: "email" },
      { customerId: ids.cid, lines: [{ productId: ids.a, quantity: 5, priceCents: 90 }], placedAt: "2025-04-09T23:59:59.999Z", ownerId: ids.owner, channel: "web" },
      { customerId: null, lines: [{ productId: ids.b, quantity: 1, priceCents: 200 }, { productId: ids.c, quantity: 2, priceCents: 950 }], placedAt: "2025-04-20T12:00:00Z", channel: "phone" },
      { customerId: ids.cid, lines: [{ productId: ids.c, quantity: 4, priceCents: 999 }], placedAt: "2025-04-21T08:00:00Z", status: "cancelled", ownerId: ids.owner },
      { customerId: ids.ann, lines: [{ productId: ids.b, quantity: 1, priceCents: 210 }], placedAt: "2025-04-30T23:00:00Z", status: "shipped", ownerId: ids.owner },
      // The next period's first instant: outside [2025-04-01, 2025-05-01).
      { customerId: ids.ann, lines: [{ productId: ids.a, quantity: 7, priceCents: 100 }], placedAt: "2025-05-01T00:00:00Z" },
    ]);
    // A period with sales in two currencies.
    await insertOrders(db(), [
      { customerId: ids.ann, lines: [{ productId: ids.a, quantity: 1, priceCents: 100 }], placedAt: "2025-06-03T10:00:00Z", currency: "USD" },
      { customerId: ids.ben, lines: [{ productId: ids.b, quantity: 1, priceCents: 300 }], placedAt: "2025-06-04T10:00:00Z", currency: "EUR" },
    ]);
    await refillSalesRollups(db());
  }, 120_000);
  afterAll(async () => {
    await t?.close();
    await engine.cleanup();
  });

  // April's counted orders: 100 + 380, 999, 450, 200 + 1900, 210 (the cancelled 3996 left out).
  const APRIL = { totalAmountCents: 480 + 999 + 450 + 2100 + 210, orderCount: 5, unitsSold: 3 + 1 + 5 + 3 + 1 };

  it("gives the issue's example: 2 × A at 100 and 3 × B at 200 make 800, an average order of 400 (in cents)", async () => {
    for (const [from, to] of [
      ["2025-03-01", "2025-03-02"], // whole days: read from the rollups
      ["2025-03-01T08:00:00Z", "2025-03-01T16:00:00Z"], // a part of a day: read from the orders
    ]) {
      const data = await ok(`from=${from}&to=${encodeURIComponent(to)}`);
      expect(data).toMatchObject({ currency: "USD", totalAmountCents: 800, orderCount: 2, averageOrderValueCents: 400, unitsSold: 5, averageUnitPriceCents: 160, groupBy: null, groups: [] });
    }
  });

  it("leaves cancelled orders out and counts April in [from, to) whichever way it is read", async () => {
    const whole = await ok("from=2025-04-01&to=2025-05-01");
    expect(whole).toMatchObject({ ...APRIL, averageOrderValueCents: Math.round(APRIL.totalAmountCents / 5), from: "2025-04-01T00:00:00.000Z", to: "2025-05-01T00:00:00.000Z" });
    // The same instants written with an offset, and by customer (which reads the orders): the same totals.
    const offset = await ok(`from=${encodeURIComponent("2025-04-01T02:00:00+02:00")}&to=2025-05-01&groupBy=customer`);
    expect(offset).toMatchObject(APRIL);
  });

  it("makes every grouping add up to the totals, on the rollups and on the orders alike", async () => {
    const readings = [
      "from=2025-04-01&to=2025-05-01", // whole days
      `from=${encodeURIComponent("2025-03-31T12:00:00Z")}&to=${encodeURIComponent("2025-04-30T23:59:59.999Z")}`, // the orders table
    ];
    for (const period of readings) {
      for (const groupBy of GROUPINGS) {
        const data = await ok(`${period}&groupBy=${groupBy}`);
        const label = `${period} by ${groupBy}`;
        expect(data, label).toMatchObject(APRIL);
        expect(data.groupBy).toBe(groupBy);
        expect(data.groups.reduce((s, g) => s + g.totalAmountCents, 0), label).toBe(APRIL.totalAmountCents);
        expect(data.groups.reduce((s, g) => s + g.unitsSold, 0), label).toBe(APRIL.unitsSold);
        const orders = data.groups.reduce((s, g) => s + g.orderCount, 0);
        // An order with two products counts in both products' groups; every other grouping puts each order in one.
        if (groupBy === "product") expect(orders, label).toBe(7);
        else expect(orders, label).toBe(APRIL.orderCount);
        for (const g of data.groups) expect(g.averageOrderValueCents, label).toBe(g.orderCount ? Math.round(g.totalAmountCents / g.orderCount) : null);
      }
    }
  });

  it("names each group: products, customers, companies, owners and channels by amount, none labelled", async () => {
    const by = async (groupBy: SalesGroupBy) => (await ok(`from=2025-04-01&to=2025-05-01&groupBy=${groupBy}`)).groups.map((g) => [g.key, g.label, g.totalAmountCents, g.orderCount, g.unitsSold]);
    expect(await by("product")).toEqual([
      [ids.c, "Product C", 999 + 1900, 2, 3],
      [ids.b, "Product B", 380 + 200 + 210, 3, 4],
      [ids.a, "Product A", 100 + 450, 2, 6],
    ]);
    expect(await by("customer")).toEqual([
      [null, "No customer", 2100, 1, 3],
      [ids.ben, "Ben Buyer", 999, 1, 1],
      [ids.ann, "Ann Buyer", 690, 2, 4],
      [ids.cid, "Cid Buyer", 450, 1, 5],
    ]);
    expect(await by("company")).toEqual([
      [null, "No company", 3099, 2, 4],
      [expect.any(String), "Annco", 690, 2, 4],
      [expect.any(String), "Cidco", 450, 1, 5],
    ]);
    expect((await by("owner")).map((g) => g.slice(2))).toEqual([
      [3099, 2, 4],
      [1140, 3, 9],
    ]);
    expect(await by("channel")).toEqual([
      ["phone", "phone", 2100, 1, 3],
      ["email", "email", 999, 1, 1],
      ["web", "web", 930, 2, 8],
      [null, "Unknown channel", 210, 1, 1],
    ]);
  });

  it("gives time groups for every day, ISO week (keyed by its Monday) and month of the period, empty ones as zeros", async () => {
    const days = await ok("from=2025-04-01&to=2025-05-01&groupBy=day");
    expect(days.groups).toHaveLength(30);
    expect(days.groups[0]).toEqual({ key: "2025-04-01", label: "2025-04-01", totalAmountCents: 480, orderCount: 1, averageOrderValueCents: 480, unitsSold: 3 });
    expect(days.groups[2]).toEqual({ key: "2025-04-03", label: "2025-04-03", totalAmountCents: 0, orderCount: 0, averageOrderValueCents: null, unitsSold: 0 });
    // 2025-04-09T23:59:59.999Z is still the 9th.
    expect(days.groups[8]).toMatchObject({ key: "2025-04-09", totalAmountCents: 450 });
    const weeks = await ok("from=2025-04-01&to=2025-05-01&groupBy=week");
    // 2025-04-01 is a Tuesday: its week starts on Monday 2025-03-31.
    expect(weeks.groups.map((g) => [g.key, g.label, g.totalAmountCents])).toEqual([
      ["2025-03-31", "2025-W14", 480 + 999],
      ["2025-04-07", "2025-W15", 450],
      ["2025-04-14", "2025-W16", 2100],
      ["2025-04-21", "2025-W17", 0],
      ["2025-04-28", "2025-W18", 210],
    ]);
    const months = await ok("from=2025-02-01&to=2025-06-01&groupBy=month");
    expect(months.groups.map((g) => [g.key, g.label, g.totalAmountCents])).toEqual([
      ["2025-02-01", "2025-02", 0],
      ["2025-03-01", "2025-03", 800],
      ["2025-04-01", "2025-04", APRIL.totalAmountCents],
      ["2025-05-01", "2025-05", 700],
    ]);
  });

  it("with a time of day in from/to, adds the edge days' orders to the whole days' rollups exactly: the same figures as the orders themselves", async () => {
    // August 2025: 240 orders at random instants (a few exactly at midnight or just before), some cancelled.
    let state = 20250801;
    const next = (): number => (state = (state * 16807) % 2147483647) / 2147483647;
    const pick = <T,>(items: readonly T[]): T => items[Math.floor(next() * items.length)];
    const start = Date.parse("2025-08-01T00:00:00Z");
    const orders: TestOrder[] = Array.from({ length: 240 }, (_, i) => ({
      customerId: pick([ids.ann, ids.ben, ids.cid, null]),
      ownerId: pick([ids.owner, null]),
      status: next() < 0.1 ? "cancelled" : "delivered",
      placedAt: new Date(i % 20 === 0 ? start + (i % 200) * 3_600_000 * 12 - (i % 40 === 0 ? 1 : 0) : start + Math.floor(next() * 10 * 86_400_000)).toISOString(),
      lines: Array.from({ length: 1 + Math.floor(next() * 3) }, () => ({ productId: pick([ids.a, ids.b, ids.c]), quantity: 1 + Math.floor(next() * 4), priceCents: 50 + Math.floor(next() * 1000) })),
    }));
    await insertOrders(db(), orders);
    await refillSalesRollups(db());

    type Figures = { totalAmountCents: number; orderCount: number; unitsSold: number };
    const add = (map: Map<string | null, Figures>, key: string | null, amount: number, units: number): void => {
      const f = map.get(key) ?? { totalAmountCents: 0, orderCount: 0, unitsSold: 0 };
      map.set(key, { totalAmountCents: f.totalAmountCents + amount, orderCount: f.orderCount + 1, unitsSold: f.unitsSold + units });
    };
    // The figures straight from the orders: [from, to), cancelled ones left out, days in UTC.
    const expected = (from: string, to: string, by: "day" | "product" | "customer" | "owner"): { total: Figures; groups: Map<string | null, Figures> } => {
      const groups = new Map<string | null, Figures>();
      const total = new Map<string | null, Figures>();
      for (const o of orders) {
        const at = Date.parse(o.placedAt);
        if (o.status === "cancelled" || at < Date.parse(from) || at >= Date.parse(to)) continue;
        const amount = o.lines.reduce((sum, l) => sum + l.quantity * l.priceCents, 0);
        const units = o.lines.reduce((sum, l) => sum + l.quantity, 0);
        add(total, null, amount, units);
        if (by === "product") {
          for (const productId of new Set(o.lines.map((l) => l.productId))) {
            const mine = o.lines.filter((l) => l.productId === productId);
            add(groups, productId, mine.reduce((sum, l) => sum + l.quantity * l.priceCents, 0), mine.reduce((sum, l) => sum + l.quantity, 0));
          }
        } else add(groups, by === "day" ? o.placedAt.slice(0, 10) : by === "customer" ? (o.customerId ?? null) : (o.ownerId ?? null), amount, units);
      }
      return { total: total.get(null) ?? { totalAmountCents: 0, orderCount: 0, unitsSold: 0 }, groups };
    };

    const ranges = [
      ["2025-08-02T07:30:00Z", "2025-08-08T16:45:00Z"], // both edges partial
      ["2025-08-02T07:30:00Z", "2025-08-09T00:00:00Z"], // only `from` partial
      ["2025-08-01T00:00:00Z", "2025-08-08T16:45:00Z"], // only `to` partial
      ["2025-08-05T09:00:00Z", "2025-08-05T18:00:00Z"], // inside one day
      ["2025-08-05T20:00:00Z", "2025-08-06T04:00:00Z"], // across one midnight
      ["2025-08-03T23:59:59.999Z", "2025-08-07T00:00:00.001Z"], // a millisecond on each side
    ];
    for (const [from, to] of ranges) {
      for (const by of ["day", "product", "customer", "owner"] as const) {
        const label = `${from} – ${to} by ${by}`;
        const data = await ok(`from=${encodeURIComponent(from)}&to=${encodeURIComponent(to)}&groupBy=${by}`);
        const want = expected(from, to, by);
        expect(data, label).toMatchObject(want.total);
        expect(want.total.orderCount, label).toBeGreaterThan(0);
        for (const [key, figures] of want.groups) expect(data.groups.find((g) => g.key === key), `${label}: ${key}`).toMatchObject(figures);
        for (const g of data.groups) if (!want.groups.has(g.key)) expect(g, label).toMatchObject({ totalAmountCents: 0, orderCount: 0, unitsSold: 0 });
        expect(data.groups.reduce((sum, g) => sum + g.totalAmountCents, 0), label).toBe(want.total.totalAmountCents);
        expect(data.groups.reduce((sum, g) => sum + g.unitsSold, 0), label).toBe(want.total.unitsSold);
        if (by !== "product") expect(data.groups.reduce((sum, g) => sum + g.orderCount, 0), label).toBe(want.total.orderCount);
      }
    }
  });

  it("counts an order placed exactly at `from` and leaves out one placed exactly at `to`", async () => {
    expect((await ok("from=2025-05-01&to=2025-05-02")).totalAmountCents).toBe(700);
    expect((await ok("from=2025-04-30&to=2025-05-01")).totalAmountCents).toBe(210);
    const at = encodeURIComponent("2025-04-20T12:00:00Z");
    expect((await ok(`from=${at}&to=${encodeURIComponent("2025-04-20T12:00:00.001Z")}`)).totalAmountCents).toBe(2100);
    expect((await ok(`from=2025-04-20&to=${at}`)).totalAmountCents).toBe(0);
  });

  it("uses the period's only currency, asks for one when there are several (400 naming currency), and filters by it", async () => {
    const mixed = await summary("from=2025-06-01&to=2025-07-01");
    expect(mixed.status).toBe(400);
    expect(mixed.body.error?.code).toBe("VALIDATION_FAILED");
    expect(mixed.body.error?.fields?.currency).toContain("EUR, USD");
    const partial = await summary(`from=${encodeURIComponent("2025-06-01T06:00:00Z")}&to=2025-07-01&groupBy=owner`);
    expect(partial.body.error?.fields?.currency).toContain("EUR, USD");
    expect(await ok("from=2025-06-01&to=2025-07-01&currency=EUR")).toMatchObject({ currency: "EUR", totalAmountCents: 300, orderCount: 1 });
    expect(await ok("from=2025-06-01&to=2025-07-01&currency=USD&groupBy=product")).toMatchObject({ currency: "USD", totalAmountCents: 100, groups: [{ key: ids.a, totalAmountCents: 100 }] });
    expect(await ok("from=2025-06-04&to=2025-06-05")).toMatchObject({ currency: "EUR", totalAmountCents: 300 });
  });

  it("answers an empty period with zeros and null averages, in USD", async () => {
    const data = await ok("from=2024-01-01&to=2024-01-08&groupBy=day");
    expect(data).toMatchObject({ currency: "USD", totalAmountCents: 0, orderCount: 0, averageOrderValueCents: null, unitsSold: 0, averageUnitPriceCents: null });
    expect(data.groups).toHaveLength(7);
    expect(data.groups.every((g) => g.totalAmountCents === 0 && g.averageOrderValueCents === null)).toBe(true);
    expect((await ok("from=2024-01-01&to=2024-01-08&groupBy=product")).groups).toEqual([]);
  });

  it("refuses bad input with 400 VALIDATION_FAILED naming the field", async () => {
    const cases: [string, string][] = [
      ["from=yesterday", "from"],
      ["from=2025-02-30", "from"],
      ["to=2025-04-01T10:00:00", "to"],
      ["from=2025-04-02&to=2025-04-01", "to"],
      ["from=2025-04-01&to=2025-04-01", "to"],
      ["from=2000-01-01&to=2025-01-01", "to"],
      ["groupBy=year", "groupBy"],
      ["currency=usd", "currency"],
      ["colour=red", "body"],
    ];
    for (const [query, field] of cases) {
      const res = await summary(query);
      expect(res.status, query).toBe(400);
      expect(res.body.error?.code).toBe("VALIDATION_FAILED");
      expect(Object.keys(res.body.error?.fields ?? {}), query).toContain(field);
    }
  });

  it("is for managers: an agent gets 403 FORBIDDEN", async () => {
    const agent = await t.login("alex@switchboard.local", AGENT_PASSWORD);
    const res = await summary("from=2025-04-01&to=2025-05-01", agent);
    expect(res.status).toBe(403);
    expect(res.body.error?.code).toBe("FORBIDDEN");
  });
});
