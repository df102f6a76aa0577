/** The permission walk's scenarios for the sales catalogue actions (see types.ts). */
import { randomUUID } from "node:crypto";
import { eq } from "drizzle-orm";
import { expect } from "vitest";
import { tables } from "../../../src/db/index.ts";
import { api } from "../api-client.ts";
import type { Scenario, WalkContext } from "./types.ts";

/** The actions this file walks. */
export type CatalogueAction = "product.read" | "product.write" | "order.read" | "order.create" | "order.edit";

/** One scenario per action. */
export function catalogueScenarios(ctx: WalkContext): Record<CatalogueAction, Scenario> {
  const db = () => ctx.t.container.database.db;
  const newProduct = async () => (await db().insert(tables.products).values({ sku: `WALK-${randomUUID()}`, name: "Walk product", priceCents: 1000 }).returning())[0]!;
  const newCustomer = async () => (await db().insert(tables.customers).values({ name: "Walk Customer" }).returning())[0]!.id;
  const newOrder = async () => {
    const product = await newProduct();
    const [order] = await db()
      .insert(tables.orders)
      .values({ number: `ORD-W${randomUUID()}`, customerId: await newCustomer(), totalCents: 1000, units: 1, items: [{ productId: product.id, sku: product.sku, name: product.name, quantity: 1, priceCents: 1000 }] })
      .returning();
    return order!;
  };
  const storedOrder = async (id: string) => (await db().select().from(tables.orders).where(eq(tables.orders.id, id)))[0];
  return {
    "product.read": async (_scope, actor) => ({ res: await api(ctx.t.url, "GET", "/api/v1/products", ctx.creds(actor)), ok: 200 }),
    "product.write": async (_scope, actor) => {
      const sku = `WALK-${randomUUID()}`;
      const res = await api(ctx.t.url, "POST", "/api/v1/products", { ...ctx.creds(actor), body: { sku, name: "Walk tent", priceCents: 1999 } });
      const stored = () => db().select().from(tables.products).where(eq(tables.products.sku, sku));
      return { res, ok: 201, unchanged: async () => expect(await stored()).toHaveLength(0) };
    },
    "order.read": async (_scope, actor) => ({ res: await api(ctx.t.url, "GET", "/api/v1/orders", ctx.creds(actor)), ok: 200 }),
    "order.create": async (_scope, actor) => {
      const product = await newProduct();
      const customerId = await newCustomer();
      const res = await api(ctx.t.url, "POST", "/api/v1/orders", { ...ctx.creds(actor), body: { customerId, items: [{ productId: product.id, quantity: 1 }] } });
      const stored = () => db().select().from(tables.orders).where(eq(tables.orders.customerId, customerId));
      return { res, ok: 201, unchanged: async () => expect(await stored()).toHaveLength(0) };
    },
    "order.edit": async (_scope, actor) => {
      const order = await newOrder();
      const res = await api(ctx.t.url, "PATCH", `/api/v1/orders/${order.id}`, { ...ctx.creds(actor), body: { status: "shipped", carrier: "UPS" } });
      return { res, ok: 200, unchanged: async () => expect(await storedOrder(order.id)).toMatchObject({ status: "processing", carrier: null }) };
    },
  };
}
