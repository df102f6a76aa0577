/** Report fixtures written straight into the database: conversations, messages with hand-made sentiment, tickets and their events. */
import { sql } from "drizzle-orm";
import type { Database } from "../../src/db/index.ts";
import { demoAgents } from "../../src/db/seed/demo-data.ts";

/** A customer message's hand-made annotation: score, label, intent, key phrases and the words that drove the score. */
export type FixtureMood = { score: number; label: "negative" | "neutral" | "positive"; intent?: string; topics?: string[]; drivers?: { text: string; weight: number }[] };

/** Writes report fixtures one statement at a time, as the server writes messages (so the rollup triggers run as in production). */
export function reportFixtures(db: Database) {
  const one = async <T>(query: ReturnType<typeof sql>): Promise<T> => ((await db.execute(query)) as unknown as { rows: T[] }).rows[0];
  return {
    /** The demo agents' ids (Alex, Sam), and a Telegram inbox `tg` beside the demo web inbox. */
    async setup(): Promise<{ alex: string; sam: string }> {
      const users = ((await db.execute(sql`select id, email from users`)) as unknown as { rows: { id: string; email: string }[] }).rows;
      await db.execute(sql`insert into inboxes (id, name, channel) values ('tg', 'Telegram', 'telegram')`);
      const idOf = (email: string): string => users.find((u) => u.email === email)!.id;
      return { alex: idOf(demoAgents[0].email), sam: idOf(demoAgents[1].email) };
    },
    /** A customer (tier, segment) and a conversation of theirs in an inbox, started at `at`. */
    async conversation(inboxId: string, channel: string, at: string, customer: { tier?: "standard" | "vip"; segment?: string } = {}): Promise<string> {
      const c = await one<{ id: string }>(sql`insert into customers (name, tier, segment) values ('Fixture', ${customer.tier ?? "standard"}, ${customer.segment ?? null}) returning id`);
      const row = await one<{ id: string }>(sql`insert into conversations (inbox_id, customer_id, channel, status, created_at, updated_at, last_message_at)
        values (${inboxId}, ${c.id}::uuid, ${channel}, 'bot', ${at}::timestamptz, ${at}::timestamptz, ${at}::timestamptz) returning id`);
      return row.id;
    },
    /** A customer message with its mood; returns its id. */
    async customer(conversationId: string, at: string, text: string, mood: FixtureMood): Promise<string> {
      const annotation = {
        sentiment: { score: mood.score, comparative: 0, label: mood.label, confidence: 0.9, drivers: mood.drivers ?? [] },
        intent: { name: mood.intent ?? "other", confidence: 0.9 },
        keyPhrases: mood.topics ?? [],
      };
      const row = await one<{ id: string }>(sql`insert into messages (conversation_id, sender_type, text, annotation, created_at)
        values (${conversationId}::uuid, 'customer', ${text}, ${JSON.stringify(annotation)}::jsonb, ${at}::timestamptz) returning id`);
      return row.id;
    },
    /** An agent's (or, without an agent, the bot's) reply. */
    async reply(conversationId: string, at: string, agentId: string | null): Promise<void> {
      await db.execute(sql`insert into messages (conversation_id, sender_type, sender_id, text, created_at)
        values (${conversationId}::uuid, ${agentId ? "agent" : "bot"}, ${agentId}::uuid, 'A reply', ${at}::timestamptz)`);
    },
    /** A ticket with its times; events are added with `event`. */
    async ticket(
      conversationId: string,
      t: { createdAt: string; reason: string; priority: string; status: string; assigneeId?: string; teamId?: string; firstResponseAt?: string; resolvedAt?: string },
    ): Promise<string> {
      const row = await one<{ id: string }>(sql`insert into tickets (conversation_id, customer_id, subject, status, priority, reason, assignee_id, team_id, first_response_at, resolved_at, created_at, updated_at)
        select c.id, c.customer_id, 'Fixture', ${t.status}, ${t.priority}, ${t.reason}, ${t.assigneeId ?? null}::uuid, ${t.teamId ?? null}::uuid, ${t.firstResponseAt ?? null}::timestamptz,
          ${t.resolvedAt ?? null}::timestamptz, ${t.createdAt}::timestamptz, ${t.createdAt}::timestamptz
        from conversations c where c.id = ${conversationId}::uuid returning id`);
      return row.id;
    },
    /** A ticket event ("assigned" with data.to, "status_changed" with data.from/to). */
    async event(ticketId: string, at: string, type: string, data: Record<string, unknown>): Promise<void> {
      await db.execute(sql`insert into ticket_events (ticket_id, type, actor_type, data, created_at) values (${ticketId}::uuid, ${type}, 'agent', ${JSON.stringify(data)}::jsonb, ${at}::timestamptz)`);
    },
  };
}
