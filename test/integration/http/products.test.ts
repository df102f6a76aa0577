import { randomUUID } from "node:crypto";
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { OrderDTO, ProductDTO } from "../../../src/contracts/sales.ts";
import { tables } from "../../../src/db/index.ts";
import { productDTO } from "../../../src/http/openapi/schemas-catalogue.ts";
import { productCatalogue } from "../../../src/modules/sales/index.ts";
import { api, type Credentials, type JsonResponse } from "../../support/api-client.ts";
import { createTestApp, type TestApp } from "../../support/create-test-app.ts";
import { testEngines } from "../../support/engines.ts";

type ErrorBody = { error: { code: string; message: string; fields?: Record<string, string>; existingId?: string } };
type One = JsonResponse<{ data: ProductDTO } & Partial<ErrorBody>>;
type Page = JsonResponse<{ data: ProductDTO[]; nextCursor: string | null } & Partial<ErrorBody>>;

describe.each(testEngines())("products API on $name", (engine) => {
  let t: TestApp;
  let admin: string;
  let agent: string;
  const db = () => t.container.database.db;
  const as = (who: Credentials | string): Credentials => (typeof who === "string" ? { cookie: who } : who);
  const post = (body: unknown, who: Credentials | string = admin): Promise<One> => api(t.url, "POST", "/api/v1/products", { ...as(who), body }) as Promise<One>;
  const patch = (id: string, body: unknown): Promise<One> => api(t.url, "PATCH", `/api/v1/products/${id}`, { cookie: admin, body }) as Promise<One>;
  const get = (id: string, who: Credentials | string = admin): Promise<One> => api(t.url, "GET", `/api/v1/products/${id}`, as(who)) as Promise<One>;
  const list = (query = "", who: Credentials | string = admin): Promise<Page> => api(t.url, "GET", `/api/v1/products${query}`, as(who)) as Promise<Page>;
  const sku = (prefix = "P") => `${prefix}-${randomUUID().slice(0, 8).toUpperCase()}`;

  async function apiKey(scopes: string[]): Promise<Credentials> {
    const res = await api<{ data: { token: string } }>(t.url, "POST", "/api/v1/api-keys", { cookie: admin, body: { name: `Shop ${randomUUID()}`, scopes } });
    return { token: res.body.data.token };
  }

  beforeAll(async () => {
    t = await createTestApp({ database: await engine.open() });
    admin = await t.login();
    agent = await t.login("alex@switchboard.local");
  }, 120_000);
  afterAll(async () => {
    await t?.close();
    await engine.cleanup();
  });

  it("adds a product (201) with USD as the default currency, and reads it back", async () => {
    const res = await post({ sku: sku("TARP"), name: "  Ultralight Tarp ", description: "Silnylon, 3 × 3 m", priceCents: 7900 });
    expect(res.status).toBe(201);
    expect(res.body.data).toMatchObject({ name: "Ultralight Tarp", description: "Silnylon, 3 × 3 m", priceCents: 7900, currency: "USD", active: true });
    expect((await get(res.body.data.id)).body).toEqual({ data: res.body.data });
    // The body is what the OpenAPI document says it is.
    expect(productDTO.safeParse(res.body.data).error).toBeUndefined();
    expect(productDTO.array().min(1).safeParse((await list()).body.data).error).toBeUndefined();
    const eur = await post({ sku: sku("EUR"), name: "Euro Stove", priceCents: 0, currency: "EUR" });
    expect(eur.body.data).toMatchObject({ priceCents: 0, currency: "EUR", description: null });
  });

  it("refuses bad input with 400 VALIDATION_FAILED naming the field, and writes nothing", async () => {
    const before = (await db().select().from(tables.products)).length;
    const cases: [unknown, string][] = [
      [{ name: "No sku", priceCents: 100 }, "sku"],
      [{ sku: "has space", name: "Bad sku", priceCents: 100 }, "sku"],
      [{ sku: sku(), priceCents: 100 }, "name"],
      [{ sku: sku(), name: "   ", priceCents: 100 }, "name"],
      [{ sku: sku(), name: "Negative", priceCents: -1 }, "priceCents"],
      [{ sku: sku(), name: "Fraction", priceCents: 10.5 }, "priceCents"],
      [{ sku: sku(), name: "Text price", priceCents: "100" }, "priceCents"],
      [{ sku: sku(), name: "No price" }, "priceCents"],
      [{ sku: sku(), name: "Lower currency", priceCents: 100, currency: "usd" }, "currency"],
      [{ sku: sku(), name: "Long currency", priceCents: 100, currency: "EURO" }, "currency"],
      [{ sku: sku(), name: "Unknown field", priceCents: 100, colour: "red" }, "body"],
      [{ sku: sku(), name: "Nul\u0000byte", priceCents: 100 }, "name"],
    ];
    for (const [body, field] of cases) {
      const res = await post(body);
      expect(res.status, JSON.stringify(body)).toBe(400);
      expect(res.body.error?.code).toBe("VALIDATION_FAILED");
      expect(Object.keys(res.body.error?.fields ?? {}), JSON.stringify(body)).toContain(field);
    }
    expect((await db().select().from(tables.products)).length).toBe(before);
    const created = await post({ sku: sku(), name: "Patch target", priceCents: 100 });
    for (const [body, field] of [[{}, "body"], [{ priceCents: -5 }, "priceCents"], [{ currency: "us" }, "currency"], [{ active: "no" }, "active"]] as const) {
      const res = await patch(created.body.data.id, body);
      expect(res.status, JSON.stringify(body)).toBe(400);
      expect(Object.keys(res.body.error?.fields ?? {})).toContain(field);
    }
  });

  it("answers 409 PRODUCT_EXISTS with the existing id when a SKU is taken, on create and on edit", async () => {
    const taken = sku("DUP");
    const first = await post({ sku: taken, name: "First", priceCents: 100 });
    const again = await post({ sku: taken, name: "Second", priceCents: 200 });
    expect(again).toMatchObject({ status: 409, body: { error: { code: "PRODUCT_EXISTS", existingId: first.body.data.id, fields: { sku: expect.any(String) } } } });
    const other = await post({ sku: sku("DUP"), name: "Other", priceCents: 300 });
    expect(await patch(other.body.data.id, { sku: taken })).toMatchObject({ status: 409, body: { error: { code: "PRODUCT_EXISTS", existingId: first.body.data.id } } });
    expect((await get(other.body.data.id)).body.data.sku).toBe(other.body.data.sku);
  });

  it("edits name, description, price and currency; past orders keep the price they were sold at", async () => {
    const product = (await post({ sku: sku("EDIT"), name: "Old name", priceCents: 1000 })).body.data;
    const customerId = (await db().insert(tables.customers).values({ name: "Price Keeper" }).returning())[0]!.id;
    const order = await api<{ data: OrderDTO }>(t.url, "POST", "/api/v1/orders", { cookie: admin, body: { customerId, items: [{ productId: product.id, quantity: 2 }] } });
    expect(order.status).toBe(201);
    const res = await patch(product.id, { name: "New name", description: "Now with a bag", priceCents: 1500 });
    expect(res.status).toBe(200);
    expect(res.body.data).toMatchObject({ id: product.id, name: "New name", description: "Now with a bag", priceCents: 1500, active: true });
    expect(Date.parse(res.body.data.updatedAt)).toBeGreaterThanOrEqual(Date.parse(product.updatedAt));
    expect((await patch(product.id, { description: null })).body.data.description).toBeNull();
    const stored = await api<{ data: OrderDTO }>(t.url, "GET", `/api/v1/orders/${order.body.data.id}`, { cookie: admin });
    expect(stored.body.data.items).toEqual([{ productId: product.id, sku: product.sku, name: "Old name", quantity: 2, unitPriceCents: 1000, amountCents: 2000 }]);
    expect(stored.body.data.totalCents).toBe(2000);
  });

  it("archives on DELETE (204, active false): the product leaves the bot's catalogue and new orders, and stays on old orders", async () => {
    const product = (await post({ sku: sku("ARCH"), name: "Glacier Ice Axe", priceCents: 8900 })).body.data;
    const customerId = (await db().insert(tables.customers).values({ name: "Axe Buyer" }).returning())[0]!.id;
    const old = await api<{ data: OrderDTO }>(t.url, "POST", "/api/v1/orders", { cookie: admin, body: { customerId, items: [{ productId: product.id, quantity: 1 }] } });
    expect((await productCatalogue({ db: db() })).map((p) => p.id)).toContain(product.id);

    const res = await api(t.url, "DELETE", `/api/v1/products/${product.id}`, { cookie: admin });
    expect(res.status).toBe(204);
    expect((await get(product.id)).body.data).toMatchObject({ id: product.id, active: false });
    expect((await api(t.url, "DELETE", `/api/v1/products/${product.id}`, { cookie: admin })).status).toBe(204);
    expect((await productCatalogue({ db: db() })).map((p) => p.id)).not.toContain(product.id);

    const refused = await api<ErrorBody>(t.url, "POST", "/api/v1/orders", { cookie: admin, body: { customerId, items: [{ productId: product.id, quantity: 1 }] } });
    expect(refused).toMatchObject({ status: 400, body: { error: { code: "VALIDATION_FAILED", fields: { "items.0.productId": expect.stringContaining("archived") } } } });
    const kept = await api<{ data: OrderDTO }>(t.url, "GET", `/api/v1/orders/${old.body.data.id}`, { cookie: admin });
    expect(kept.body.data.items[0]).toMatchObject({ productId: product.id, name: "Glacier Ice Axe" });

    expect((await list("?active=false&limit=200")).body.data.map((p) => p.id)).toContain(product.id);
    expect((await list("?active=true&limit=200")).body.data.map((p) => p.id)).not.toContain(product.id);
    const back = await patch(product.id, { active: true });
    expect(back.body.data.active).toBe(true);
    expect((await productCatalogue({ db: db() })).map((p) => p.id)).toContain(product.id);
  });

  it("lists by name with a keyset cursor that neither skips nor repeats, and searches name and SKU in any case", async () => {
    const tag = randomUUID().slice(0, 6);
    const names = ["Alpha", "Bravo", "Charlie", "Delta", "Echo"].map((n) => `Pager ${tag} ${n}`);
    for (const name of names) await post({ sku: sku(`PG${tag}`), name, priceCents: 100 });
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const page: Page = await list(`?q=${tag}&limit=2${cursor ? `&cursor=${cursor}` : ""}`);
      expect(page.status).toBe(200);
      expect(page.body.data.length).toBeLessThanOrEqual(2);
      seen.push(...page.body.data.map((p) => p.name));
      cursor = page.body.nextCursor;
    } while (cursor);
    expect(seen).toEqual(names);
    expect((await list(`?q=PG${tag.toLowerCase()}`)).body.data).toHaveLength(5);
    expect((await list("?q=trailhead")).body.data.map((p) => p.sku)).toEqual(["TENT-2P"]);
    expect(await list("?cursor=bm9wZQ")).toMatchObject({ status: 400, body: { error: { fields: { cursor: expect.any(String) } } } });
    expect(await list("?active=maybe")).toMatchObject({ status: 400, body: { error: { fields: { active: expect.any(String) } } } });
    expect((await list("?limit=500")).status).toBe(400);
  });

  it("answers 404 PRODUCT_NOT_FOUND naming the id for an unknown product, and 400 for a malformed one", async () => {
    const missing = randomUUID();
    for (const res of [await get(missing), await patch(missing, { name: "Ghost" }), await api<ErrorBody>(t.url, "DELETE", `/api/v1/products/${missing}`, { cookie: admin })]) {
      expect(res).toMatchObject({ status: 404, body: { error: { code: "PRODUCT_NOT_FOUND", message: expect.stringContaining(missing) } } });
    }
    expect(await get("not-a-uuid")).toMatchObject({ status: 400, body: { error: { fields: { id: expect.any(String) } } } });
  });

  it("lets agents read the catalogue but not change it (403); API keys need sales:read to read and sales:write to write", async () => {
    const demo = (await db().select().from(tables.products).where(eq(tables.products.sku, "BAG-30L")))[0]!;
    expect((await list("", agent)).status).toBe(200);
    expect((await get(demo.id, agent)).status).toBe(200);
    expect(await post({ sku: sku(), name: "Agent product", priceCents: 1 }, agent)).toMatchObject({ status: 403, body: { error: { code: "FORBIDDEN" } } });
    expect((await api(t.url, "DELETE", `/api/v1/products/${demo.id}`, { cookie: agent })).status).toBe(403);

    const reader = await apiKey(["sales:read"]);
    const writer = await apiKey(["sales:write"]);
    const customers = await apiKey(["customers:read", "customers:write"]);
    expect((await list("", reader)).status).toBe(200);
    expect((await post({ sku: sku(), name: "Reader product", priceCents: 1 }, reader)).status).toBe(403);
    expect((await list("", customers)).status).toBe(403);
    expect((await post({ sku: sku("KEY"), name: "Written by a key", priceCents: 1 }, writer)).status).toBe(201);
    expect((await db().select().from(tables.products).where(eq(tables.products.id, demo.id)))[0]!.active).toBe(true);
  });
});
