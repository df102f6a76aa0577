/** Loads the demo data; safe to run twice (existing rows are kept). */
import { sql } from "drizzle-orm";
import type { Database } from "../client.ts";
import { tables } from "../index.ts";
import { DEMO_INBOX_ID, demoAgents, demoArticles, demoCustomers, demoOrders, demoProducts } from "./demo-data.ts";

/** What the seed created, for the CLI to print. */
export type SeedSummary = { inboxId: string; agents: { email: string }[]; agentPassword: string; products: number; orders: number; articles: number };

/** True when the database holds no inbox yet (a fresh install). */
export async function isEmpty(db: Database): Promise<boolean> {
  const [row] = await db.select({ n: sql<number>`count(*)::int` }).from(tables.inboxes);
  return row.n === 0;
}

function isoDateInDays(days: number, now: Date): string {
  return new Date(now.getTime() + days * 86_400_000).toISOString().slice(0, 10);
}

/** Inserts the demo inbox, agents, customers, products, orders and FAQ articles. */
export async function seedDemoData(
  db: Database,
  options: { agentPassword: string; hashPassword: (password: string) => Promise<string>; now?: Date },
): Promise<SeedSummary> {
  const now = options.now ?? new Date();
  const passwordHash = await options.hashPassword(options.agentPassword);
  await db.transaction(async (tx) => {
    await tx
      .insert(tables.inboxes)
      .values([
        { id: DEMO_INBOX_ID, name: "Acme Outdoor website", channel: "web" },
        { id: "botframework", name: "Chat apps (Bot Framework)", channel: "botframework" },
      ])
      .onConflictDoNothing();
    await tx
      .insert(tables.users)
      .values(demoAgents.map((a) => ({ ...a, passwordHash })))
      .onConflictDoNothing();
    const productRows = await tx
      .insert(tables.products)
      .values(demoProducts)
      .onConflictDoUpdate({ target: tables.products.sku, set: { name: sql`excluded.name` } })
      .returning();
    const bySku = new Map(productRows.map((p) => [p.sku, p]));
    const customerIds: string[] = [];
    for (const [index, customer] of demoCustomers.entries()) {
      const [existing] = await tx
        .select({ id: tables.customers.id })
        .from(tables.customers)
        .where(sql`${tables.customers.email} = ${customer.email}`)
        .limit(1);
      const id = existing?.id ?? (await tx.insert(tables.customers).values(customer).returning())[0].id;
      await tx.insert(tables.customerIdentities).values({ customerId: id, channel: "email", externalId: customer.email }).onConflictDoNothing();
      customerIds[index] = id;
    }
    await tx
      .insert(tables.orders)
      .values(
        demoOrders.map((o) => {
          const items = o.skus.map((sku) => {
            const product = bySku.get(sku);
            if (!product) throw new Error(`demo order ${o.number} names unknown product ${sku}`);
            return { productId: product.id, sku, name: product.name, quantity: 1, priceCents: product.priceCents };
          });
          return {
            number: o.number,
            customerId: customerIds[o.customer],
            status: o.status,
            items,
            totalCents: items.reduce((sum, i) => sum + i.priceCents * i.quantity, 0),
            carrier: o.carrier,
            trackingNumber: o.tracking,
            estimatedDelivery: o.status === "cancelled" ? null : isoDateInDays(o.etaDays, now),
          };
        }),
      )
      .onConflictDoNothing();
    await tx.insert(tables.kbArticles).values(demoArticles).onConflictDoNothing();
  });
  return {
    inboxId: DEMO_INBOX_ID,
    agents: demoAgents.map((a) => ({ email: a.email })),
    agentPassword: options.agentPassword,
    products: demoProducts.length,
    orders: demoOrders.length,
    articles: demoArticles.length,
  };
}
