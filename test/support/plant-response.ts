/**
 * Planted data for the response model tests (HTTP and browser): buyers and dormant customers, and past campaigns to
 * which every buyer replied and no dormant customer did.
 */
import { sql } from "drizzle-orm";
import type { Database } from "../../src/db/index.ts";

const rows = <T>(r: unknown) => (r as { rows: T[] }).rows;

/**
 * Sixty customers created 400 days ago: thirty buyers who order every month, thirty dormant ones with one order 300
 * days ago. Each conversation of a dormant customer was long and handed to a human (a ticket); the buyers' were short.
 */
export async function plantResponseCustomers(db: Database, now: Date): Promise<{ buyers: string[]; dormant: string[] }> {
  const daysAgo = (days: number): string => new Date(now.getTime() - days * 86_400_000).toISOString();
  const buyers: string[] = [];
  const dormant: string[] = [];
  for (const [group, ids] of [
    ["buyer", buyers],
    ["dormant", dormant],
  ] as const) {
    for (let i = 0; i < 30; i++) {
      const [c] = rows<{ id: string }>(
        await db.execute(sql`insert into customers (name, email, created_at) values (${`${group} ${i}`}, ${`${group}${i}@example.test`}, ${daysAgo(400)}::timestamptz) returning id`),
      );
      ids.push(c.id);
      const days = group === "buyer" ? Array.from({ length: 13 }, (_, m) => 3 + m * 30 + (i % 5)) : [300];
      for (const [n, d] of days.entries()) {
        await db.execute(sql`insert into orders (number, customer_id, status, total_cents, placed_at) values (${`ORD-${group}-${i}-${n}`}, ${c.id}::uuid, 'delivered', ${5000 + i * 10}, ${daysAgo(d)}::timestamptz)`);
      }
      const [conversation] = rows<{ id: string }>(
        await db.execute(sql`insert into conversations (inbox_id, customer_id, channel, status, created_at, updated_at, last_message_at)
          values ('demo', ${c.id}::uuid, 'web', 'resolved', ${daysAgo(20 + i)}::timestamptz, ${daysAgo(20 + i)}::timestamptz, ${daysAgo(20 + i)}::timestamptz) returning id`),
      );
      const text = group === "buyer" ? "Where is my order?" : "I have written three times about this broken tent and nobody has answered me at all.";
      await db.execute(sql`insert into messages (conversation_id, sender_type, text, created_at) values (${conversation.id}::uuid, 'customer', ${text}, ${daysAgo(20 + i)}::timestamptz)`);
      if (group === "dormant") {
        await db.execute(sql`insert into tickets (conversation_id, customer_id, subject, status, priority, reason, created_at, updated_at)
          values (${conversation.id}::uuid, ${c.id}::uuid, 'Broken tent', 'open', 'normal', 'customer_request', ${daysAgo(20 + i)}::timestamptz, ${daysAgo(20 + i)}::timestamptz)`);
      }
    }
  }
  return { buyers, dormant };
}

/**
 * Twelve past widget campaigns, k = 0…11, each delivered to 5 + k buyers and 25 − k dormant customers (so their
 * audiences differ): every buyer replied, no dormant customer did. The message's length varies too.
 */
export async function plantResponseCampaigns(db: Database, now: Date, groups: { buyers: string[]; dormant: string[] }, campaigns: number): Promise<void> {
  const daysAgo = (days: number): string => new Date(now.getTime() - days * 86_400_000).toISOString();
  const { buyers, dormant } = groups;
  for (let k = 0; k < campaigns; k++) {
    const start = daysAgo(200 - k * 14);
    // The message's length varies independently of the audience, so the regression can tell the two apart.
    const message = `Hello {{name}}, news from the shop${" and more".repeat((k * 5) % campaigns)}.`;
    const [campaign] = rows<{ id: string }>(
      await db.execute(sql`insert into campaigns (name, channel, audience, message, variants, status, audience_size, started_at, completed_at, created_at, updated_at)
        values (${`Past ${k}`}, 'widget', '{"segment":"x"}'::jsonb, ${message}, ${JSON.stringify([{ name: "A", message }])}::jsonb, 'completed', 30,
          ${start}::timestamptz, ${start}::timestamptz, ${start}::timestamptz, ${start}::timestamptz) returning id`),
    );
    const audience = [...buyers.slice(0, 5 + k).map((id) => ({ id, replied: true })), ...dormant.slice(0, 25 - k).map((id) => ({ id, replied: false }))];
    for (const member of audience) {
      await db.execute(sql`insert into campaign_sends (campaign_id, customer_id, variant, text, status, sent_at, delivered_at, replied_at)
        values (${campaign.id}::uuid, ${member.id}::uuid, 'A', 'Hello', 'delivered', ${start}::timestamptz, ${start}::timestamptz,
          ${member.replied ? start : null}::timestamptz)`);
    }
  }
}
