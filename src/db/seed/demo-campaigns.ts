/**
 * The demo's past campaigns: fourteen completed widget and email campaigns over the last year, each delivered to a few
 * dozen demo CRM customers, with replies and conversions (orders placed within the conversion days) that depend on the
 * customer's recent orders and on the message, so the response models and the forecast have outcomes to learn from on
 * first start. Deterministic (a seeded generator); nothing is added when the demo already has campaigns.
 */
import { sql } from "drizzle-orm";
import type { Database } from "../client.ts";
import { tables } from "../index.ts";
import { shuffle } from "../../analytics/random.ts";
import { createRng } from "./crm-generator.ts";

const SEED = 20_261_208;
const DAY_MS = 86_400_000;

/** The campaigns: name, message (first variant), a second variant or none, channel. */
const CAMPAIGNS: { name: string; message: string; second?: string; channel: "widget" | "email" }[] = [
  { name: "Spring trail sale", message: "Hi {{name}}, our spring trail sale is on: 20% off boots this week.", channel: "widget" },
  { name: "Tent care tips", message: "How to make a tent last ten seasons: our guide.", channel: "email" },
  { name: "Back in stock", message: "{{name}}, the items you looked at are back in stock.", second: "Good news: your favourites are back in stock.", channel: "widget" },
  { name: "Summer camping", message: "Summer camping checklist and 10% off sleeping bags.", channel: "widget" },
  { name: "Order follow-up", message: "Hi {{name}}, how is the gear from order {{lastOrderNumber}} working out?", channel: "widget" },
  { name: "Loyalty points", message: "You have loyalty points waiting. Spend them before the end of the month on anything in the shop.", channel: "email" },
  { name: "Rain gear week", message: "Rain gear week: jackets and covers at member prices.", second: "{{name}}, stay dry: rain gear at member prices this week only.", channel: "widget" },
  { name: "Autumn hikes", message: "Autumn hikes near you, and the layers to wear on them.", channel: "widget" },
  { name: "We miss you", message: "{{name}}, it has been a while. Here is 15% off your next order.", channel: "email" },
  { name: "Black Friday", message: "Black Friday: the whole shop at up to 40% off, today only.", second: "{{name}}, up to 40% off everything, today only.", channel: "widget" },
  { name: "Gift guide", message: "The outdoor gift guide: presents for every kind of hiker, climber and camper on your list this year.", channel: "widget" },
  { name: "Winter boots", message: "Hi {{name}}, winter boots are in: insulated, waterproof, and 10% off for you.", channel: "widget" },
  { name: "New year, new trails", message: "New year, new trails: plan your first hike of the year.", channel: "email" },
  { name: "Review your order", message: "Hi {{name}}, would you review your order {{lastOrderNumber}}? It helps other hikers.", channel: "widget" },
];

/** Adds the demo's past campaigns, their sends and the orders they converted into; returns how many campaigns. */
export async function seedDemoCampaigns(db: Database, context: { now: Date; products: { id: string; sku: string; name: string; priceCents: number }[] }): Promise<number> {
  const [existing] = await db.select({ n: sql<number>`count(*)::int` }).from(tables.campaigns);
  if ((existing?.n ?? 0) > 0 || context.products.length === 0) return 0;
  const rng = createRng(SEED);
  const customers = (
    (await db.execute(sql`
      select c.id, c.name, (extract(epoch from c.created_at) * 1000)::float8 as created_at,
        coalesce(jsonb_agg((extract(epoch from o.placed_at) * 1000)::float8) filter (where o.id is not null), '[]'::jsonb) as orders
      from ${tables.customers} c left join ${tables.orders} o on o.customer_id = c.id and o.status <> 'cancelled'
      where c.merged_into_id is null and c.erased_at is null
      group by c.id order by c.id`)) as unknown as { rows: { id: string; name: string | null; created_at: number; orders: number[] }[] }
  ).rows.map((r) => ({ id: r.id, name: r.name ?? "there", createdAt: new Date(Number(r.created_at)), orders: r.orders.map(Number) }));
  const sends: (typeof tables.campaignSends.$inferInsert)[] = [];
  const orders: (typeof tables.orders.$inferInsert)[] = [];
  for (const [index, spec] of CAMPAIGNS.entries()) {
    const start = new Date(context.now.getTime() - (330 - index * 23) * DAY_MS);
    const eligible = customers.filter((c) => c.createdAt < start);
    const size = Math.min(eligible.length, 40 + rng.int(40));
    const audience = shuffle(eligible, rng.next).slice(0, size);
    const [campaign] = await db
      .insert(tables.campaigns)
      .values({
        name: spec.name,
        channel: spec.channel,
        audience: { filter: { q: "demo" } },
        message: spec.message,
        variants: [{ name: "A", message: spec.message }, ...(spec.second ? [{ name: "B", message: spec.second }] : [])],
        status: "completed",
        conversionDays: 7,
        audienceSize: audience.length,
        startedAt: start,
        completedAt: new Date(start.getTime() + DAY_MS),
        createdAt: new Date(start.getTime() - DAY_MS),
        updatedAt: new Date(start.getTime() + DAY_MS),
      })
      .returning({ id: tables.campaigns.id });
    const personal = /\{\{/.test(spec.message) ? 0.06 : 0;
    for (const customer of audience) {
      const recentOrders = customer.orders.filter((t) => t < start.getTime() && t > start.getTime() - 180 * DAY_MS).length;
      // Customers who ordered lately respond far more often; a message that names them, a little more.
      const chance = Math.min(0.85, 0.04 + 0.16 * Math.min(recentOrders, 3) + personal);
      const delivered = new Date(start.getTime() + rng.int(6 * 3_600_000));
      const responded = rng.chance(chance);
      const variant = spec.second && rng.chance(0.5) ? "B" : "A";
      sends.push({
        campaignId: campaign.id,
        customerId: customer.id,
        variant,
        text: (variant === "B" ? spec.second! : spec.message).replaceAll("{{name}}", customer.name).replaceAll("{{lastOrderNumber}}", "your last order"),
        status: "delivered",
        createdAt: start,
        sentAt: delivered,
        deliveredAt: delivered,
        seenAt: responded || rng.chance(0.4) ? new Date(delivered.getTime() + 3_600_000) : null,
        repliedAt: responded && rng.chance(0.6) ? new Date(delivered.getTime() + 2 * 3_600_000) : null,
      });
      if (responded && rng.chance(0.55)) {
        const product = rng.pick(context.products);
        const placedAt = new Date(delivered.getTime() + (1 + rng.int(5)) * DAY_MS);
        orders.push({
          number: `ORD-C${String(index + 1).padStart(2, "0")}${String(orders.length + 1).padStart(4, "0")}`,
          customerId: customer.id,
          status: "delivered",
          items: [{ productId: product.id, sku: product.sku, name: product.name, quantity: 1, priceCents: product.priceCents }],
          totalCents: product.priceCents,
          units: 1,
          placedAt,
          createdAt: placedAt,
          updatedAt: placedAt,
        });
      }
    }
  }
  for (let i = 0; i < sends.length; i += 500) await db.insert(tables.campaignSends).values(sends.slice(i, i + 500));
  if (orders.length) await db.insert(tables.orders).values(orders).onConflictDoNothing();
  return CAMPAIGNS.length;
}
