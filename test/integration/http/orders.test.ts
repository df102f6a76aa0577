import { randomUUID } from "node:crypto";
import { eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { TimelineItemDTO } from "../../../src/contracts/crm.ts";
import type { OrderDTO, ProductDTO } from "../../../src/contracts/sales.ts";
import { tables } from "../../../src/db/index.ts";
import { orderDTO } from "../../../src/http/openapi/schemas-catalogue.ts";
import { orderByNumber, rebuildSalesRollups } from "../../../src/modules/sales/index.ts";
import { insertOrderNumbered } from "../../../src/modules/sales/orders.repo.ts";
import { api, type Credentials, type JsonResponse } from "../../support/api-client.ts";
import { createTestApp, type TestApp } from "../../support/create-test-app.ts";
import { testEngines } from "../../support/engines.ts";

type ErrorBody = { error: { code: string; message: string; fields?: Record<string, string>; mergedInto?: string } };
type One = JsonResponse<{ data: OrderDTO } & Partial<ErrorBody>>;
type Page = JsonResponse<{ data: OrderDTO[]; nextCursor: string | null } & Partial<ErrorBody>>;
type Rollup = { day: string; currency: string; product_id?: string; amount_cents: string; order_count: number; units: number };

const DAY = 86_400_000;

describe.each(testEngines())("orders API on $name", (engine) => {
  let t: TestApp;
  let admin: string;
  let agent: string;
  let adminUser: { id: string; name: string | null };
  let tent: ProductDTO;
  let stove: ProductDTO;
  let euroLamp: ProductDTO;
  const db = () => t.container.database.db;
  const as = (who: Credentials | string): Credentials => (typeof who === "string" ? { cookie: who } : who);
  const post = (body: unknown, who: Credentials | string = admin): Promise<One> => api(t.url, "POST", "/api/v1/orders", { ...as(who), body }) as Promise<One>;
  const patch = (id: string, body: unknown, who: Credentials | string = admin): Promise<One> => api(t.url, "PATCH", `/api/v1/orders/${id}`, { ...as(who), body }) as Promise<One>;
  const get = (id: string, who: Credentials | string = admin): Promise<One> => api(t.url, "GET", `/api/v1/orders/${id}`, as(who)) as Promise<One>;
  const list = (query = "", who: Credentials | string = admin): Promise<Page> => api(t.url, "GET", `/api/v1/orders${query}`, as(who)) as Promise<Page>;

  async function addProduct(values: { name: string; priceCents: number; currency?: string }): Promise<ProductDTO> {
    const res = await api<{ data: ProductDTO }>(t.url, "POST", "/api/v1/products", { cookie: admin, body: { sku: `O-${randomUUID().slice(0, 8)}`, ...values } });
    return res.body.data;
  }
  async function addCustomer(values: Partial<typeof tables.customers.$inferInsert> = {}): Promise<string> {
    const [row] = await db().insert(tables.customers).values({ name: "Olive Order", ...values }).returning({ id: tables.customers.id });
    return row!.id;
  }
  async function apiKey(scopes: string[]): Promise<Credentials> {
    const res = await api<{ data: { token: string } }>(t.url, "POST", "/api/v1/api-keys", { cookie: admin, body: { name: `Shop ${randomUUID()}`, scopes } });
    return { token: res.body.data.token };
  }
  const orderCount = async () => (await db().select({ n: sql<number>`count(*)::int` }).from(tables.orders))[0]!.n;

  /** The rollups as stored, and as a GROUP BY over the orders computes them (cancelled orders left out). */
  async function rollupsAndTruth(): Promise<{ daily: [Rollup[], Rollup[]]; products: [Rollup[], Rollup[]] }> {
    const rows = async (query: ReturnType<typeof sql>) => ((await db().execute(query)) as unknown as { rows: Rollup[] }).rows.map((r) => ({ ...r, amount_cents: String(r.amount_cents), day: String(r.day).slice(0, 10) }));
    const day = sql.raw(`to_char(day, 'YYYY-MM-DD')`);
    return {
      daily: [
        await rows(sql`select ${day} as day, currency, amount_cents::text, order_count, units from sales_daily order by 1, 2`),
        await rows(sql`select to_char((placed_at at time zone 'UTC')::date, 'YYYY-MM-DD') as day, currency, sum(total_cents)::text as amount_cents, count(*)::int as order_count, sum(units)::int as units
          from orders where status <> 'cancelled' group by 1, 2 order by 1, 2`),
      ],
      products: [
        await rows(sql`select ${day} as day, currency, product_id::text, amount_cents::text, order_count, units from sales_daily_products order by 1, 2, 3`),
        await rows(sql`select to_char((o.placed_at at time zone 'UTC')::date, 'YYYY-MM-DD') as day, o.currency, i->>'productId' as product_id,
            sum((i->>'quantity')::int * (i->>'priceCents')::int)::text as amount_cents, count(distinct o.id)::int as order_count, sum((i->>'quantity')::int)::int as units
          from orders o cross join jsonb_array_elements(o.items) i where o.status <> 'cancelled' group by 1, 2, 3 order by 1, 2, 3`),
      ],
    };
  }

  beforeAll(async () => {
    t = await createTestApp({ database: await engine.open() });
    admin = await t.login();
    agent = await t.login("alex@switchboard.local");
    const me = await api<{ data: { id: string; name: string | null } }>(t.url, "GET", "/api/v1/auth/me", { cookie: admin });
    adminUser = me.body.data;
    tent = await addProduct({ name: "Order Test Tent", priceCents: 24900 });
    stove = await addProduct({ name: "Order Test Stove", priceCents: 3999 });
    euroLamp = await addProduct({ name: "Order Test Euro Lamp", priceCents: 1500, currency: "EUR" });
  }, 120_000);
  afterAll(async () => {
    await t?.close();
    await engine.cleanup();
  });

  it("records an order (201): a generated number, the products' prices and currency, total = Σ unit price × quantity, units, processing", async () => {
    const companyId = (await db().insert(tables.companies).values({ name: "Order Co", domain: `order-${randomUUID().slice(0, 6)}.test` }).returning())[0]!.id;
    const customerId = await addCustomer({ email: `olive-${randomUUID().slice(0, 6)}@example.com`, companyId });
    const before = Date.now();
    const res = await post({ customerId, items: [{ productId: tent.id, quantity: 2 }, { productId: stove.id, quantity: 3, unitPriceCents: 3500 }], ownerId: adminUser.id, channel: "phone" });
    expect(res.status).toBe(201);
    const order = res.body.data;
    expect(order.number).toMatch(/^ORD-\d+$/);
    expect(order).toMatchObject({
      customer: { id: customerId, name: "Olive Order" },
      company: { id: companyId, name: "Order Co" },
      status: "processing",
      currency: "USD",
      totalCents: 2 * 24900 + 3 * 3500,
      units: 5,
      owner: { id: adminUser.id, name: adminUser.name },
      channel: "phone",
      dealId: null,
      conversationId: null,
      carrier: null,
    });
    expect(order.items).toEqual([
      { productId: tent.id, sku: tent.sku, name: tent.name, quantity: 2, unitPriceCents: 24900, amountCents: 49800 },
      { productId: stove.id, sku: stove.sku, name: stove.name, quantity: 3, unitPriceCents: 3500, amountCents: 10500 },
    ]);
    expect(Date.parse(order.placedAt)).toBeGreaterThanOrEqual(before - 1000);
    expect((await get(order.id)).body).toEqual({ data: order });
    // The body is what the OpenAPI document says it is.
    expect(orderDTO.safeParse(order).error).toBeUndefined();
    expect(orderDTO.array().min(1).safeParse((await list()).body.data).error).toBeUndefined();
    const [row] = await db().select().from(tables.orders).where(eq(tables.orders.id, order.id));
    expect(row!.items).toEqual([
      { productId: tent.id, sku: tent.sku, name: tent.name, quantity: 2, priceCents: 24900 },
      { productId: stove.id, sku: stove.sku, name: stove.name, quantity: 3, priceCents: 3500 },
    ]);
    // The bot's order-status answer reads the same row.
    expect(await orderByNumber({ db: db() }, order.number)).toMatchObject({ id: order.id, status: "processing" });
  });

  it("imports history: placedAt in the past and a given status, but not a placedAt in the future", async () => {
    const customerId = await addCustomer();
    const placedAt = new Date(Date.now() - 200 * DAY).toISOString();
    const res = await post({ customerId, items: [{ productId: stove.id, quantity: 1 }], placedAt, status: "delivered", carrier: "DHL", trackingNumber: "JD0001", channel: "import" });
    expect(res.status).toBe(201);
    expect(res.body.data).toMatchObject({ placedAt, status: "delivered", carrier: "DHL", trackingNumber: "JD0001", channel: "import" });
    expect((await post({ customerId, items: [{ productId: stove.id, quantity: 1 }], placedAt: "2025-03-01" })).body.data?.placedAt).toBe("2025-03-01T00:00:00.000Z");
    // A little clock skew is tolerated; an hour ahead is not.
    expect((await post({ customerId, items: [{ productId: stove.id, quantity: 1 }], placedAt: new Date(Date.now() + 30_000).toISOString() })).status).toBe(201);
    const future = await post({ customerId, items: [{ productId: stove.id, quantity: 1 }], placedAt: new Date(Date.now() + 3_600_000).toISOString() });
    expect(future).toMatchObject({ status: 400, body: { error: { code: "VALIDATION_FAILED", fields: { placedAt: expect.any(String) } } } });
  });

  it("refuses bad input with 400 VALIDATION_FAILED naming the field, and writes nothing", async () => {
    const customerId = await addCustomer();
    const line = { productId: tent.id, quantity: 1 };
    const before = await orderCount();
    const cases: [unknown, string][] = [
      [{ items: [line] }, "customerId"],
      [{ customerId: "nope", items: [line] }, "customerId"],
      [{ customerId }, "items"],
      [{ customerId, items: [] }, "items"],
      [{ customerId, items: [{ productId: tent.id, quantity: 0 }] }, "items.0.quantity"],
      [{ customerId, items: [line, { productId: tent.id, quantity: 1.5 }] }, "items.1.quantity"],
      [{ customerId, items: [{ productId: tent.id }] }, "items.0.quantity"],
      [{ customerId, items: [{ productId: tent.id, quantity: 1, unitPriceCents: -1 }] }, "items.0.unitPriceCents"],
      [{ customerId, items: [{ productId: "tent", quantity: 1 }] }, "items.0.productId"],
      [{ customerId, items: [line], currency: "dollars" }, "currency"],
      [{ customerId, items: [line], placedAt: "yesterday" }, "placedAt"],
      [{ customerId, items: [line], status: "lost" }, "status"],
      [{ customerId, items: [line], channel: "pigeon" }, "channel"],
      [{ customerId, items: [line], ownerId: "me" }, "ownerId"],
      [{ customerId, items: [line], discount: 5 }, "body"],
      [{ customerId, items: [{ productId: tent.id, quantity: 1_000_000, unitPriceCents: 1_000_000_000 }] }, "items"],
    ];
    for (const [body, field] of cases) {
      const res = await post(body);
      expect(res.status, JSON.stringify(body)).toBe(400);
      expect(res.body.error?.code).toBe("VALIDATION_FAILED");
      expect(Object.keys(res.body.error?.fields ?? {}), JSON.stringify(body)).toContain(field);
    }
    expect(await orderCount()).toBe(before);
  });

  it("answers 404 naming which record is unknown: the product (and its line), the customer (mergedInto for a merged one), the owner, the deal", async () => {
    const customerId = await addCustomer();
    const missing = randomUUID();
    const before = await orderCount();
    const product = await post({ customerId, items: [{ productId: tent.id, quantity: 1 }, { productId: missing, quantity: 1 }] });
    expect(product).toMatchObject({ status: 404, body: { error: { code: "PRODUCT_NOT_FOUND", message: expect.stringContaining(missing), fields: { "items.1.productId": expect.stringContaining(missing) } } } });
    expect(await post({ customerId: missing, items: [{ productId: tent.id, quantity: 1 }] })).toMatchObject({ status: 404, body: { error: { code: "CUSTOMER_NOT_FOUND" } } });
    const merged = await addCustomer({ mergedIntoId: customerId });
    expect(await post({ customerId: merged, items: [{ productId: tent.id, quantity: 1 }] })).toMatchObject({ status: 404, body: { error: { code: "CUSTOMER_NOT_FOUND", mergedInto: customerId } } });
    expect(await post({ customerId, items: [{ productId: tent.id, quantity: 1 }], ownerId: missing })).toMatchObject({ status: 404, body: { error: { code: "USER_NOT_FOUND", fields: { ownerId: expect.any(String) } } } });
    expect(await post({ customerId, items: [{ productId: tent.id, quantity: 1 }], dealId: missing })).toMatchObject({ status: 404, body: { error: { code: "DEAL_NOT_FOUND", fields: { dealId: expect.any(String) } } } });
    expect(await orderCount()).toBe(before);
    expect(await get(missing)).toMatchObject({ status: 404, body: { error: { code: "ORDER_NOT_FOUND", message: expect.stringContaining(missing) } } });
    expect(await patch(missing, { status: "shipped" })).toMatchObject({ status: 404, body: { error: { code: "ORDER_NOT_FOUND" } } });
  });

  it("keeps an order in one currency: the products', or the one given with explicit prices for lines priced in another", async () => {
    const customerId = await addCustomer();
    expect((await post({ customerId, items: [{ productId: euroLamp.id, quantity: 2 }] })).body.data).toMatchObject({ currency: "EUR", totalCents: 3000 });
    const mixed = await post({ customerId, items: [{ productId: tent.id, quantity: 1 }, { productId: euroLamp.id, quantity: 1 }] });
    expect(mixed).toMatchObject({ status: 400, body: { error: { code: "VALIDATION_FAILED", fields: { currency: expect.stringContaining("EUR, USD") } } } });
    const unpriced = await post({ customerId, currency: "USD", items: [{ productId: tent.id, quantity: 1 }, { productId: euroLamp.id, quantity: 1 }] });
    expect(unpriced).toMatchObject({ status: 400, body: { error: { fields: { "items.1.unitPriceCents": expect.any(String) } } } });
    const priced = await post({ customerId, currency: "USD", items: [{ productId: tent.id, quantity: 1 }, { productId: euroLamp.id, quantity: 1, unitPriceCents: 1700 }] });
    expect(priced.body.data).toMatchObject({ currency: "USD", totalCents: 24900 + 1700 });
  });

  it("moves status processing → shipped → delivered, cancels only from processing or shipped, and refuses other moves with 409 ORDER_STATUS_INVALID", async () => {
    const customerId = await addCustomer();
    const order = (await post({ customerId, items: [{ productId: tent.id, quantity: 1 }] })).body.data;
    const shipped = await patch(order.id, { status: "shipped", carrier: "UPS", trackingNumber: "1Z999AA1", estimatedDelivery: "2026-12-24" });
    expect(shipped.body.data).toMatchObject({ status: "shipped", carrier: "UPS", trackingNumber: "1Z999AA1", estimatedDelivery: "2026-12-24" });
    expect(await patch(order.id, { status: "processing" })).toMatchObject({ status: 409, body: { error: { code: "ORDER_STATUS_INVALID", fields: { status: expect.any(String) } } } });
    expect((await patch(order.id, { status: "shipped" })).status).toBe(200);
    expect((await patch(order.id, { status: "delivered" })).body.data.status).toBe("delivered");
    expect(await patch(order.id, { status: "cancelled" })).toMatchObject({ status: 409, body: { error: { code: "ORDER_STATUS_INVALID" } } });
    expect((await orderByNumber({ db: db() }, order.number))?.status).toBe("delivered");

    const early = (await post({ customerId, items: [{ productId: stove.id, quantity: 1 }] })).body.data;
    expect((await patch(early.id, { status: "delivered" })).status).toBe(409);
    expect((await patch(early.id, { status: "cancelled" })).body.data.status).toBe("cancelled");
    expect((await patch(early.id, { status: "processing" })).status).toBe(409);
    const inTransit = (await post({ customerId, items: [{ productId: stove.id, quantity: 1 }], status: "shipped" })).body.data;
    expect((await patch(inTransit.id, { status: "cancelled" })).body.data.status).toBe("cancelled");

    for (const [body, field] of [[{}, "body"], [{ status: "lost" }, "status"], [{ estimatedDelivery: "soon" }, "estimatedDelivery"], [{ carrier: "" }, "carrier"]] as const) {
      const res = await patch(order.id, body);
      expect(res.status, JSON.stringify(body)).toBe(400);
      expect(Object.keys(res.body.error?.fields ?? {})).toContain(field);
    }
    expect((await patch(order.id, { carrier: null })).body.data.carrier).toBeNull();
  });

  it("puts the order and every change on the customer's timeline, with who made it", async () => {
    const customerId = await addCustomer({ name: "Tina Timeline" });
    const placedAt = new Date(Date.now() - 3 * DAY).toISOString();
    const order = (await post({ customerId, placedAt, items: [{ productId: tent.id, quantity: 1 }] })).body.data;
    await patch(order.id, { status: "shipped", carrier: "UPS", trackingNumber: "1Z999AA2" });
    const key = await apiKey(["sales:write"]);
    await patch(order.id, { trackingNumber: "1Z999AA3" }, key);
    await patch(order.id, { status: "delivered" }, agent);
    const timeline = await api<{ data: TimelineItemDTO[] }>(t.url, "GET", `/api/v1/customers/${customerId}/timeline?kinds=order`, { cookie: admin });
    expect(timeline.status).toBe(200);
    const items = timeline.body.data;
    expect(items.map((i) => i.type)).toEqual(["order.delivered", "order.updated", "order.shipped", "order.placed"]);
    const [delivered, updated, shipped, placed] = items;
    expect(placed).toMatchObject({ at: placedAt, actor: null, summary: `Order ${order.number} placed (249.00 USD)`, link: { orderId: order.id } });
    expect(shipped).toMatchObject({
      kind: "order",
      actor: { type: "user", id: adminUser.id },
      summary: `Order ${order.number} shipped with UPS (1Z999AA2) by ${adminUser.name}`,
      data: { from: "processing", to: "shipped" },
      link: { orderId: order.id },
    });
    expect(updated).toMatchObject({ actor: { type: "api_key" }, summary: expect.stringContaining("Tracking number changed from 1Z999AA2 to 1Z999AA3"), link: { orderId: order.id } });
    expect(delivered).toMatchObject({ actor: { type: "user", name: "Alex Agent" }, summary: `Order ${order.number} delivered by Alex Agent` });
    // Order changes are not repeated among the profile events.
    const events = await api<{ data: TimelineItemDTO[] }>(t.url, "GET", `/api/v1/customers/${customerId}/timeline?kinds=event`, { cookie: admin });
    expect(events.body.data.filter((i) => i.type.startsWith("order."))).toEqual([]);
  });

  it("lists newest placedAt first, filtered by customer, status and a half-open [from, to) period, in keyset pages that neither skip nor repeat", async () => {
    const customerId = await addCustomer();
    const base = Date.parse("2026-06-10T00:00:00Z");
    const times = [0, 1, 1, 1, 2, 3].map((d) => new Date(base + d * DAY).toISOString());
    const made: OrderDTO[] = [];
    for (const placedAt of times) made.push((await post({ customerId, placedAt, items: [{ productId: stove.id, quantity: 1 }] })).body.data);
    await patch(made[5]!.id, { status: "shipped" });
    const all = (await list(`?customerId=${customerId}&limit=200`)).body.data;
    expect(all.map((o) => o.id).sort()).toEqual(made.map((o) => o.id).sort());
    const order = all.map((o) => [o.placedAt, o.id]);
    expect(order).toEqual([...order].sort((a, b) => (a[0] === b[0] ? (a[1]! < b[1]! ? 1 : -1) : a[0]! < b[0]! ? 1 : -1)));
    for (const limit of [1, 2, 4]) {
      const seen: string[] = [];
      let cursor: string | null = null;
      do {
        const page: Page = await list(`?customerId=${customerId}&limit=${limit}${cursor ? `&cursor=${cursor}` : ""}`);
        seen.push(...page.body.data.map((o) => o.id));
        cursor = page.body.nextCursor;
      } while (cursor);
      expect(seen).toEqual(all.map((o) => o.id));
    }
    const period = (await list(`?customerId=${customerId}&from=2026-06-11&to=2026-06-13`)).body.data;
    expect(period.map((o) => o.placedAt)).toEqual([times[4], times[3], times[2], times[1]]);
    const instants = (await list(`?customerId=${customerId}&from=2026-06-11T00:00:00Z&to=2026-06-12T00:00:00%2B00:00`)).body.data;
    expect(instants).toHaveLength(3);
    expect((await list(`?customerId=${customerId}&status=shipped`)).body.data.map((o) => o.id)).toEqual([made[5]!.id]);
    expect(await list("?from=2026-06-12&to=2026-06-11")).toMatchObject({ status: 400, body: { error: { fields: { to: expect.any(String) } } } });
    expect(await list("?from=last-week")).toMatchObject({ status: 400, body: { error: { fields: { from: expect.any(String) } } } });
    expect(await list("?status=lost")).toMatchObject({ status: 400, body: { error: { fields: { status: expect.any(String) } } } });
    expect(await list("?cursor=eyJhdCI6MX0")).toMatchObject({ status: 400, body: { error: { fields: { cursor: expect.any(String) } } } });
  });

  it("keeps the daily sales rollups equal to a GROUP BY over the orders through creates and cancels, and rebuildSalesRollups agrees", async () => {
    const customerId = await addCustomer();
    const day = (d: number) => new Date(Date.parse("2026-09-01T10:00:00Z") + d * DAY).toISOString();
    const made: OrderDTO[] = [];
    const bodies = [
      { placedAt: day(0), items: [{ productId: tent.id, quantity: 1 }, { productId: stove.id, quantity: 2 }] },
      { placedAt: day(0), items: [{ productId: stove.id, quantity: 1 }, { productId: stove.id, quantity: 4, unitPriceCents: 100 }] },
      { placedAt: day(1), items: [{ productId: euroLamp.id, quantity: 3 }] },
      { placedAt: day(1), items: [{ productId: tent.id, quantity: 1 }], status: "cancelled" },
      { placedAt: day(2), items: [{ productId: tent.id, quantity: 2 }] },
      { placedAt: day(2), items: [{ productId: euroLamp.id, quantity: 1 }], status: "shipped" },
    ];
    for (const body of bodies) made.push((await post({ customerId, ...body })).body.data);
    let state = await rollupsAndTruth();
    expect(state.daily[0]).toEqual(state.daily[1]);
    expect(state.products[0]).toEqual(state.products[1]);
    const sept1 = state.daily[0].find((r) => r.day === "2026-09-01" && r.currency === "USD");
    expect(sept1).toMatchObject({ amount_cents: String(24900 + 2 * 3999 + 3999 + 400), order_count: 2, units: 8 });

    // Cancelling takes the order out; a day left with no orders disappears, as from the GROUP BY.
    await patch(made[4]!.id, { status: "cancelled" });
    await patch(made[5]!.id, { status: "cancelled" });
    await patch(made[0]!.id, { status: "cancelled" });
    expect((await patch(made[3]!.id, { status: "processing" })).status).toBe(409);
    state = await rollupsAndTruth();
    expect(state.daily[0]).toEqual(state.daily[1]);
    expect(state.products[0]).toEqual(state.products[1]);
    expect(state.daily[0].some((r) => r.day === "2026-09-03")).toBe(false);

    // Racing writers: creates on one day at once, and the same order cancelled twice at once (counted out once).
    const racing = await Promise.all(Array.from({ length: 6 }, (_, k) => post({ customerId, placedAt: day(5), items: [{ productId: stove.id, quantity: 1 + k }] })));
    expect(racing.map((r) => r.status)).toEqual(Array(6).fill(201));
    const cancels = await Promise.all([0, 1].map(() => patch(racing[0]!.body.data.id, { status: "cancelled" })));
    expect(cancels.map((r) => r.status)).toEqual([200, 200]);
    state = await rollupsAndTruth();
    expect(state.daily[0]).toEqual(state.daily[1]);
    expect(state.products[0]).toEqual(state.products[1]);
    expect(state.daily[0].find((r) => r.day === "2026-09-06")).toMatchObject({ order_count: 5, units: 2 + 3 + 4 + 5 + 6 });

    await rebuildSalesRollups(db());
    const rebuilt = await rollupsAndTruth();
    expect(rebuilt.daily[0]).toEqual(state.daily[0]);
    expect(rebuilt.products[0]).toEqual(state.products[0]);
  });

  it("retries a clashing order number with the next one, without aborting the transaction", async () => {
    const customerId = await addCustomer();
    const taken = (await post({ customerId, items: [{ productId: stove.id, quantity: 1 }] })).body.data.number;
    const fresh = `ORD-9${Date.now()}`;
    const numbers = [taken, fresh];
    const row = await db().transaction(async (tx) =>
      insertOrderNumbered(tx, { customerId, totalCents: 0, items: [] }, () => numbers.shift() ?? "ORD-0"),
    );
    expect(row?.number).toBe(fresh);
    expect(await db().transaction(async (tx) => insertOrderNumbered(tx, { customerId, totalCents: 0 }, () => taken, 3))).toBeUndefined();
  });

  it("lets agents read and record orders; API keys need sales:read to read and sales:write to record or change", async () => {
    const customerId = await addCustomer();
    const byAgent = await post({ customerId, items: [{ productId: stove.id, quantity: 1 }] }, agent);
    expect(byAgent.status).toBe(201);
    expect((await list("", agent)).status).toBe(200);
    const reader = await apiKey(["sales:read"]);
    const writer = await apiKey(["sales:write"]);
    const outsider = await apiKey(["customers:read", "customers:write"]);
    expect((await list("", reader)).status).toBe(200);
    expect((await get(byAgent.body.data.id, reader)).status).toBe(200);
    expect(await post({ customerId, items: [{ productId: stove.id, quantity: 1 }] }, reader)).toMatchObject({ status: 403, body: { error: { code: "FORBIDDEN" } } });
    expect((await patch(byAgent.body.data.id, { status: "shipped" }, reader)).status).toBe(403);
    expect((await list("", outsider)).status).toBe(403);
    expect((await post({ customerId, items: [{ productId: stove.id, quantity: 1 }] }, writer)).status).toBe(201);
    expect((await patch(byAgent.body.data.id, { status: "shipped" }, writer)).body.data.status).toBe("shipped");
  });
});
