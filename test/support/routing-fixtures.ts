/** Routing test fixtures over the real HTTP API: agents with skills and capacity, teams, hand-offs and what routing recorded. */
import { randomUUID } from "node:crypto";
import { asc, eq } from "drizzle-orm";
import { tables } from "../../src/db/index.ts";
import { openHandoffTicket } from "../../src/modules/tickets/index.ts";
import { api } from "./api-client.ts";
import type { TestApp } from "./create-test-app.ts";
import { customerConversation } from "./handoff.ts";

/** A console user created by an admin, logged in. */
export type TestAgent = { id: string; name: string; cookie: string };

/** Creates an agent through POST /api/v1/users and logs them in. */
export async function createAgent(t: TestApp, admin: string, name: string, routing: { skills?: { intents: string[]; languages: string[] }; capacity?: number | null } = {}): Promise<TestAgent> {
  const email = `${name.toLowerCase().replace(/\W+/g, ".")}.${randomUUID().slice(0, 8)}@example.test`;
  const res = await api<{ data: { user: { id: string }; temporaryPassword: string } }>(t.url, "POST", "/api/v1/users", {
    cookie: admin,
    body: { name, email, role: "agent", ...routing },
  });
  if (res.status !== 201) throw new Error(`creating ${name} failed: ${res.status} ${JSON.stringify(res.body)}`);
  return { id: res.body.data.user.id, name, cookie: await t.login(email, res.body.data.temporaryPassword) };
}

/** Creates a team through POST /api/v1/teams; returns its id. */
export async function createTeam(t: TestApp, admin: string, body: { name: string; memberIds: string[]; inboxIds?: string[]; intents?: string[] }): Promise<string> {
  const res = await api<{ data: { id: string } }>(t.url, "POST", "/api/v1/teams", { cookie: admin, body });
  if (res.status !== 201) throw new Error(`creating team ${body.name} failed: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body.data.id;
}

/** Sets an agent's presence through PATCH /api/v1/agents/me. */
export async function setStatus(t: TestApp, agent: TestAgent, status: "online" | "away"): Promise<void> {
  const res = await api(t.url, "PATCH", "/api/v1/agents/me", { cookie: agent.cookie, body: { status } });
  if (res.status !== 200) throw new Error(`presence failed: ${res.status}`);
}

/** A customer writes `text` and the conversation is handed to humans; returns the ticket as stored, and the message's intent. */
export async function handOff(t: TestApp, text: string): Promise<{ ticketId: string; conversationId: string; intent: string | null }> {
  const conversationId = await customerConversation(t, text);
  const ticket = await openHandoffTicket(t.container.deps, { conversationId, reason: "customer_request" });
  const [message] = await t.container.database.db.select({ intent: tables.messages.intent }).from(tables.messages).where(eq(tables.messages.conversationId, conversationId));
  return { ticketId: ticket.id, conversationId, intent: message?.intent ?? null };
}

/** The ticket as the API shows it. */
export async function ticketOf(t: TestApp, cookie: string, ticketId: string): Promise<{ id: string; status: string; priority: string; assignee: { id: string; name: string } | null }> {
  const res = await api<{ data: { id: string; status: string; priority: string; assignee: { id: string; name: string } | null } }>(t.url, "GET", `/api/v1/tickets/${ticketId}`, { cookie });
  return res.body.data;
}

/** The ticket's stored row (team and routing need included). */
export async function ticketRow(t: TestApp, ticketId: string): Promise<typeof tables.tickets.$inferSelect> {
  const [row] = await t.container.database.db.select().from(tables.tickets).where(eq(tables.tickets.id, ticketId));
  return row;
}

/** The ticket's events, oldest first. */
export async function eventsOf(t: TestApp, ticketId: string): Promise<{ type: string; data: Record<string, unknown> }[]> {
  return t.container.database.db
    .select({ type: tables.ticketEvents.type, data: tables.ticketEvents.data })
    .from(tables.ticketEvents)
    .where(eq(tables.ticketEvents.ticketId, ticketId))
    .orderBy(asc(tables.ticketEvents.id));
}

/** Changes a ticket through PATCH /api/v1/tickets/:id. */
export async function patchTicket(t: TestApp, cookie: string, ticketId: string, body: Record<string, unknown>): Promise<void> {
  const res = await api(t.url, "PATCH", `/api/v1/tickets/${ticketId}`, { cookie, body });
  if (res.status !== 200) throw new Error(`PATCH ticket failed: ${res.status} ${JSON.stringify(res.body)}`);
}
