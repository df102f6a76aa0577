/** Loads the demo data (demo mode and `switchboard seed` only); safe to run twice (existing rows are kept). */
import { randomBytes } from "node:crypto";
import { eq, inArray, sql } from "drizzle-orm";
import type { Database } from "../client.ts";
import { tables } from "../index.ts";
import { rebuildSalesRollups } from "../../modules/sales/index.ts";
import { seedDemoCampaigns } from "./demo-campaigns.ts";
import { seedDemoCatalogue } from "./demo-catalogue.ts";
import { seedDemoCrm, type DemoCrmSummary } from "./demo-crm.ts";
import { seedDemoDeals } from "./demo-deals.ts";
import { seedDemoHelpdesk } from "./demo-helpdesk.ts";
import { DEMO_INBOX_ID, demoAgents, demoChannelInboxes, demoArticles, demoCustomers, demoOrders, demoProducts } from "./demo-data.ts";
import { seedDemoRevenue } from "./demo-revenue.ts";
import { seedDemoTeams } from "./demo-teams.ts";
import { demoBusinessHours, demoSlaPolicies } from "./demo-sla.ts";

/** A demo console account and, when this run created it, its password (shown once; only its hash is stored). */
export type DemoAccount = { email: string; role: "agent" | "manager"; password?: string };

/** What the seed created, for the CLI to print. */
export type SeedSummary = { inboxId: string; accounts: DemoAccount[]; products: number; orders: number; articles: number; crm: DemoCrmSummary };

/** True when the database holds no inbox yet (a fresh install). */
export async function isEmpty(db: Database): Promise<boolean> {
  const [row] = await db.select({ n: sql<number>`count(*)::int` }).from(tables.inboxes);
  return row.n === 0;
}

/** True when the demo inbox exists, i.e. the demo data was loaded before. */
export async function hasDemoData(db: Database): Promise<boolean> {
  const rows = await db.select({ id: tables.inboxes.id }).from(tables.inboxes).where(eq(tables.inboxes.id, DEMO_INBOX_ID)).limit(1);
  return rows.length > 0;
}

// The same strength as the first admin's generated password: 96 random bits.
const randomPassword = (): string => randomBytes(12).toString("base64url");

function isoDateInDays(days: number, now: Date): string {
  return new Date(now.getTime() + days * 86_400_000).toISOString().slice(0, 10);
}

/**
 * Inserts the demo inboxes (the web one, and one of each other channel, disabled until configured), agents, customers, products, orders and FAQ articles. Each demo account this run creates gets
 * `agentPassword` when given (scripts, tests) or a random password of its own; existing accounts keep theirs. With `crm`
 * (the default) it adds the demo CRM as well (companies, 220 customers, their orders, notes and past conversations);
 * and the demo labels and shared canned replies; tests leave it out, since they count rows of those tables.
 */
export async function seedDemoData(
  db: Database,
  options: { agentPassword?: string; hashPassword: (password: string) => Promise<string>; now?: Date; crm?: boolean },
): Promise<SeedSummary> {
  const now = options.now ?? new Date();
  const passwords = demoAgents.map(() => options.agentPassword ?? randomPassword());
  // One hash when every account shares the given password: scrypt is slow on purpose.
  const sharedHash = options.agentPassword === undefined ? undefined : await options.hashPassword(options.agentPassword);
  const hashes = await Promise.all(passwords.map((p) => sharedHash ?? options.hashPassword(p)));
  const created = new Set<string>();
  let crm: DemoCrmSummary = { companies: 0, customers: 0, orders: 0, notes: 0, conversations: 0 };
  await db.transaction(async (tx) => {
    await tx.insert(tables.inboxes).values({ id: DEMO_INBOX_ID, name: "Acme Outdoor website", channel: "web", businessHours: demoBusinessHours }).onConflictDoNothing();
    await tx.insert(tables.slaPolicies).values(demoSlaPolicies).onConflictDoNothing();
    await tx.insert(tables.inboxes).values(demoChannelInboxes).onConflictDoNothing();
    const inserted = await tx
      .insert(tables.users)
      .values(demoAgents.map((a, i) => ({ ...a, passwordHash: hashes[i] })))
      .onConflictDoNothing()
      .returning({ email: tables.users.email });
    for (const row of inserted) created.add(row.email);
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
            units: items.reduce((sum, i) => sum + i.quantity, 0),
            placedAt: new Date(now.getTime() - o.placedDaysAgo * 86_400_000),
            carrier: o.carrier,
            trackingNumber: o.tracking,
            estimatedDelivery: o.status === "cancelled" ? null : isoDateInDays(o.etaDays, now),
          };
        }),
      )
      .onConflictDoNothing();
    await tx.insert(tables.kbArticles).values(demoArticles).onConflictDoNothing();
    await seedDemoTeams(tx, created);
    await seedDemoDeals(tx, { now, customerIds, products: productRows });
    if (options.crm === false) return;
    const agents = await tx
      .select({ id: tables.users.id, name: tables.users.name })
      .from(tables.users)
      .where(inArray(tables.users.email, demoAgents.map((a) => a.email)));
    // Labels with intent rules and shared canned replies; with the CRM only, since tests define their own.
    await seedDemoHelpdesk(tx);
    crm = await seedDemoCrm(tx, { now, agents, products: productRows, takenEmails: new Set(demoCustomers.map((c) => c.email)) });
    await seedDemoCatalogue(tx, { now, agents: [...agents].sort((a, b) => a.name.localeCompare(b.name)) });
    // Last: the targets are set a little above what the demo deals have been winning.
    await seedDemoRevenue(tx, { now, agents });
    // Past campaigns with outcomes (the response models and the campaign forecast learn from them).
    await seedDemoCampaigns(tx, { now, products: productRows });
  });
  // The orders above went in directly: the daily sales rollups are computed from them in one pass.
  await rebuildSalesRollups(db);
  return {
    inboxId: DEMO_INBOX_ID,
    accounts: demoAgents.map((a, i) => ({ email: a.email, role: a.role, ...(created.has(a.email) ? { password: passwords[i] } : {}) })),
    products: demoProducts.length,
    orders: demoOrders.length,
    articles: demoArticles.length,
    crm,
  };
}
