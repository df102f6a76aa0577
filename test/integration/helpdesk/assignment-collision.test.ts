import { randomUUID } from "node:crypto";
import type { Socket } from "socket.io-client";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { AgentDTO, AssignableTeamDTO, ConversationDTO, ConversationViewersEvent, MessageDTO, TicketDTO, TicketWithEventsDTO, UserDTO } from "../../../src/contracts/api.ts";
import type { ConversationNoteDTO, NotificationDTO } from "../../../src/contracts/helpdesk.ts";
import { api } from "../../support/api-client.ts";
import { connectConsole, type ConsoleClient } from "../../support/console-client.ts";
import { createTestApp, type TestApp } from "../../support/create-test-app.ts";
import { handedOffTicket } from "../../support/handoff.ts";

let t: TestApp;
let manager: string;
let alex: string;
let sam: string;
let samId: string;
let alexId: string;
const clients: ConsoleClient[] = [];

beforeAll(async () => {
  t = await createTestApp();
  manager = await t.login("morgan@switchboard.local");
  alex = await t.login("alex@switchboard.local");
  sam = await t.login("sam@switchboard.local");
  samId = (await api<{ data: UserDTO }>(t.url, "GET", "/api/v1/auth/me", { cookie: sam })).body.data.id;
  alexId = (await api<{ data: UserDTO }>(t.url, "GET", "/api/v1/auth/me", { cookie: alex })).body.data.id;
}, 60_000);
afterAll(async () => {
  for (const c of clients) c.close();
  await t?.close();
});

async function consoleOf(cookie: string): Promise<ConsoleClient> {
  const client = await connectConsole(t.url, cookie);
  clients.push(client);
  return client;
}

/** Records every event of one name a socket receives. */
function record<T>(socket: Socket, event: string): T[] {
  const seen: T[] = [];
  socket.on(event, (payload: T) => seen.push(payload));
  return seen;
}

async function waitFor<T>(read: () => T | undefined, timeout = 20_000): Promise<T> {
  const until = Date.now() + timeout;
  for (;;) {
    const value = read();
    if (value !== undefined && value !== false) return value;
    if (Date.now() > until) throw new Error("condition not met in time");
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

function emitAck(socket: Socket, event: string, payload: unknown): Promise<{ data?: unknown; error?: { code: string } }> {
  return new Promise((resolve) => socket.emit(event, payload, resolve));
}

async function ticketEvents(ticketId: string): Promise<TicketWithEventsDTO["events"]> {
  return (await api<{ data: TicketWithEventsDTO }>(t.url, "GET", `/api/v1/tickets/${ticketId}`, { cookie: manager })).body.data.events;
}

async function openListIds(cookie: string): Promise<string[]> {
  const res = await api<{ data: ConversationDTO[] }>(t.url, "GET", "/api/v1/conversations?status=handoff&limit=100", { cookie });
  return res.body.data.map((c) => c.id);
}

/** The conversations of GET /api/v1/conversations?status=snoozed. */
async function snoozedListIds(cookie: string): Promise<string[]> {
  const res = await api<{ data: ConversationDTO[] }>(t.url, "GET", "/api/v1/conversations?status=snoozed&limit=100", { cookie });
  return res.body.data.map((c) => c.id);
}

describe("assignment from the conversation", () => {
  it("lists every active agent with presence and open-conversation load, and the teams with theirs", async () => {
    await handedOffTicket(t, samId);
    await handedOffTicket(t, samId);
    const res = await api<{ data: AgentDTO[] }>(t.url, "GET", "/api/v1/agents?withLoad=1", { cookie: alex });
    expect(res.status).toBe(200);
    const samRow = res.body.data.find((a) => a.id === samId)!;
    expect(samRow).toMatchObject({ name: expect.any(String), status: expect.stringMatching(/^(online|away|offline)$/) });
    expect(samRow.openConversations).toBeGreaterThanOrEqual(2);
    const plain = await api<{ data: AgentDTO[] }>(t.url, "GET", "/api/v1/agents", { cookie: alex });
    expect(plain.body.data.find((a) => a.id === samId)?.openConversations).toBeNull();
    expect(await api(t.url, "GET", "/api/v1/agents?withLoad=maybe", { cookie: alex })).toMatchObject({ status: 400, body: { error: { code: "VALIDATION_FAILED" } } });
    expect((await api(t.url, "GET", "/api/v1/agents")).status).toBe(401);
    const teams = await api<{ data: AssignableTeamDTO[] }>(t.url, "GET", "/api/v1/agents/teams", { cookie: alex });
    expect(teams.status).toBe(200);
    expect(Array.isArray(teams.body.data)).toBe(true);
  });

  it("a manager assigns a conversation to Sam: Sam's console is told live (assigned notification and the ticket), and the history records it", async () => {
    const samConsole = await consoleOf(sam);
    const notifications = record<NotificationDTO>(samConsole.socket, "notification:new");
    const tickets = record<TicketDTO>(samConsole.socket, "ticket:updated");
    const { ticketId, conversationId } = await handedOffTicket(t, null);
    const res = await api<{ data: TicketDTO }>(t.url, "PATCH", `/api/v1/tickets/${ticketId}`, { cookie: manager, body: { assigneeId: samId } });
    expect(res.status).toBe(200);
    expect(res.body.data.assignee).toEqual({ id: samId, name: expect.any(String) });
    // Sam's open console makes Sam online, so routing may have given Sam the hand-off first (a notification without `by`).
    const note = await waitFor(() => notifications.find((n) => n.data.ticketId === ticketId && n.data.by !== undefined));
    expect(note).toMatchObject({ type: "assigned", data: { conversationId, by: "Morgan Manager" } });
    await waitFor(() => tickets.find((tk) => tk.id === ticketId && tk.assignee?.id === samId));
    const stored = await api<{ data: NotificationDTO[] }>(t.url, "GET", "/api/v1/notifications", { cookie: sam });
    expect(stored.body.data.some((n) => n.type === "assigned" && n.data.ticketId === ticketId)).toBe(true);
    expect((await ticketEvents(ticketId)).some((e) => e.type === "assigned" && e.data.to === samId)).toBe(true);
  });

  it("unassigning puts the ticket back in the queue and records it", async () => {
    const { ticketId } = await handedOffTicket(t, samId);
    const res = await api<{ data: TicketDTO }>(t.url, "PATCH", `/api/v1/tickets/${ticketId}`, { cookie: manager, body: { assigneeId: null } });
    expect(res.status).toBe(200);
    expect(res.body.data.assignee).toBeNull();
    expect((await ticketEvents(ticketId)).at(-1)).toMatchObject({ type: "unassigned", data: { from: samId, to: null } });
  });

  it("transferring with a note assigns the colleague, adds the note as a private note, and the colleague's notification carries it", async () => {
    const samConsole = await consoleOf(sam);
    const notifications = record<NotificationDTO>(samConsole.socket, "notification:new");
    const { ticketId, conversationId } = await handedOffTicket(t, alexId);
    const res = await api<{ data: TicketDTO }>(t.url, "POST", `/api/v1/tickets/${ticketId}/transfer`, {
      cookie: alex,
      body: { assigneeId: samId, note: "Refund question: Sam knows the billing side" },
    });
    expect(res.status).toBe(200);
    expect(res.body.data.assignee?.id).toBe(samId);
    const notes = await api<{ data: ConversationNoteDTO[] }>(t.url, "GET", `/api/v1/conversations/${conversationId}/notes`, { cookie: sam });
    expect(notes.body.data.map((n) => n.text)).toContain("Refund question: Sam knows the billing side");
    const told = await waitFor(() => notifications.find((n) => n.data.ticketId === ticketId && n.data.by !== undefined));
    expect(told).toMatchObject({ type: "assigned", data: { text: "Refund question: Sam knows the billing side", by: "Alex Agent" } });
    expect((await ticketEvents(ticketId)).at(-1)).toMatchObject({ type: "assigned", data: { from: alexId, to: samId, note: "Refund question: Sam knows the billing side" } });
  });

  it("transfers to a team; an unknown team is TEAM_NOT_FOUND, a transfer without a target or note is VALIDATION_FAILED, and nothing is written", async () => {
    const admin = await t.login();
    const team = await api<{ data: { id: string } }>(t.url, "POST", "/api/v1/teams", { cookie: admin, body: { name: `Billing ${randomUUID().slice(0, 6)}`, memberIds: [samId] } });
    expect(team.status).toBe(201);
    const { ticketId, conversationId } = await handedOffTicket(t, null);
    const res = await api<{ data: TicketDTO }>(t.url, "POST", `/api/v1/tickets/${ticketId}/transfer`, { cookie: manager, body: { teamId: team.body.data.id, note: "For billing" } });
    expect(res.status).toBe(200);
    expect(res.body.data.team).toEqual({ id: team.body.data.id, name: expect.stringMatching(/^Billing/) });
    const teams = await api<{ data: AssignableTeamDTO[] }>(t.url, "GET", "/api/v1/agents/teams", { cookie: alex });
    expect(teams.body.data.find((x) => x.id === team.body.data.id)).toMatchObject({ memberIds: [samId], openConversations: 1 });

    const other = await handedOffTicket(t, null);
    expect(await api(t.url, "POST", `/api/v1/tickets/${other.ticketId}/transfer`, { cookie: manager, body: { teamId: randomUUID(), note: "x" } })).toMatchObject({
      status: 404,
      body: { error: { code: "TEAM_NOT_FOUND" } },
    });
    expect(await api(t.url, "POST", `/api/v1/tickets/${other.ticketId}/transfer`, { cookie: manager, body: { note: "nowhere" } })).toMatchObject({
      status: 400,
      body: { error: { code: "VALIDATION_FAILED" } },
    });
    expect(await api(t.url, "POST", `/api/v1/tickets/${other.ticketId}/transfer`, { cookie: manager, body: { assigneeId: samId, note: "  " } })).toMatchObject({
      status: 400,
      body: { error: { code: "VALIDATION_FAILED", fields: { note: "note is empty" } } },
    });
    const otherNotes = await api<{ data: ConversationNoteDTO[] }>(t.url, "GET", `/api/v1/conversations/${other.conversationId}/notes`, { cookie: manager });
    expect(otherNotes.body.data).toEqual([]);
    expect((await ticketEvents(other.ticketId)).map((e) => e.type)).not.toContain("team_changed");
    expect(conversationId).toBeTruthy();
  });

  it("an agent cannot transfer a colleague's ticket (403) and nothing changes", async () => {
    const { ticketId, conversationId } = await handedOffTicket(t, samId);
    expect(await api(t.url, "POST", `/api/v1/tickets/${ticketId}/transfer`, { cookie: alex, body: { assigneeId: alexId, note: "mine now" } })).toMatchObject({ status: 403, body: { error: { code: "FORBIDDEN" } } });
    const notes = await api<{ data: ConversationNoteDTO[] }>(t.url, "GET", `/api/v1/conversations/${conversationId}/notes`, { cookie: manager });
    expect(notes.body.data).toEqual([]);
  });

  it("a snoozed conversation leaves the active lists and comes back by itself when the time passes", async () => {
    const { ticketId, conversationId } = await handedOffTicket(t, alexId);
    const until = new Date(Date.now() + 2_500).toISOString();
    const res = await api<{ data: TicketDTO }>(t.url, "PATCH", `/api/v1/tickets/${ticketId}`, { cookie: alex, body: { snoozedUntil: until } });
    expect(res.status).toBe(200);
    expect(res.body.data.snoozedUntil).toBe(until);
    expect(await openListIds(alex)).not.toContain(conversationId);
    // The snoozed list has it (with its wake-up time), and only snoozed conversations.
    const snoozedList = await api<{ data: ConversationDTO[] }>(t.url, "GET", "/api/v1/conversations?status=snoozed&limit=100", { cookie: alex });
    expect(snoozedList.status).toBe(200);
    expect(snoozedList.body.data.find((c) => c.id === conversationId)?.snoozedUntil).toBe(until);
    expect(snoozedList.body.data.every((c) => !!c.snoozedUntil && Date.parse(c.snoozedUntil) > Date.now() - 5_000)).toBe(true);
    const mine = await api<{ data: TicketDTO[] }>(t.url, "GET", "/api/v1/tickets?assignee=me", { cookie: alex });
    expect(mine.body.data.map((x) => x.id)).not.toContain(ticketId);
    const snoozed = await api<{ data: TicketDTO[] }>(t.url, "GET", "/api/v1/tickets?assignee=me&snoozed=only", { cookie: alex });
    expect(snoozed.body.data.map((x) => x.id)).toContain(ticketId);
    const all = await api<{ data: ConversationDTO[] }>(t.url, "GET", "/api/v1/conversations?status=all&limit=100", { cookie: alex });
    expect(all.body.data.find((c) => c.id === conversationId)?.snoozedUntil).toBe(until);
    expect((await ticketEvents(ticketId)).at(-1)).toMatchObject({ type: "snoozed", data: { until } });
    // Nothing wakes it but the clock: the lists read snoozed_until against the time.
    for (let i = 0; i < 400 && (await openListIds(alex)).includes(conversationId) === false; i++) await new Promise((r) => setTimeout(r, 50));
    expect(await openListIds(alex)).toContain(conversationId);
    expect(await snoozedListIds(alex)).not.toContain(conversationId);
    const back = await api<{ data: TicketDTO[] }>(t.url, "GET", "/api/v1/tickets?assignee=me", { cookie: alex });
    expect(back.body.data.map((x) => x.id)).toContain(ticketId);
  });

  it("refuses a snooze in the past or on a resolved ticket (VALIDATION_FAILED), and null wakes a snoozed ticket at once", async () => {
    const { ticketId, conversationId } = await handedOffTicket(t, alexId);
    expect(await api(t.url, "PATCH", `/api/v1/tickets/${ticketId}`, { cookie: alex, body: { snoozedUntil: new Date(Date.now() - 60_000).toISOString() } })).toMatchObject({
      status: 400,
      body: { error: { code: "VALIDATION_FAILED", fields: { snoozedUntil: "must be in the future" } } },
    });
    expect(await api(t.url, "PATCH", `/api/v1/tickets/${ticketId}`, { cookie: alex, body: { snoozedUntil: "next tuesday" } })).toMatchObject({ status: 400, body: { error: { code: "VALIDATION_FAILED" } } });
    await api(t.url, "PATCH", `/api/v1/tickets/${ticketId}`, { cookie: alex, body: { snoozedUntil: new Date(Date.now() + 3_600_000).toISOString() } });
    expect(await openListIds(alex)).not.toContain(conversationId);
    const woke = await api<{ data: TicketDTO }>(t.url, "PATCH", `/api/v1/tickets/${ticketId}`, { cookie: alex, body: { snoozedUntil: null } });
    expect(woke.body.data.snoozedUntil).toBeNull();
    expect(await openListIds(alex)).toContain(conversationId);
    expect(await snoozedListIds(alex)).not.toContain(conversationId);
    await api(t.url, "PATCH", `/api/v1/tickets/${ticketId}`, { cookie: alex, body: { status: "resolved" } });
    expect(await api(t.url, "PATCH", `/api/v1/tickets/${ticketId}`, { cookie: alex, body: { snoozedUntil: new Date(Date.now() + 60_000).toISOString() } })).toMatchObject({
      status: 400,
      body: { error: { code: "VALIDATION_FAILED", fields: { snoozedUntil: "the ticket is resolved" } } },
    });
    expect(await api(t.url, "GET", "/api/v1/conversations?status=snoozing", { cookie: alex })).toMatchObject({ status: 400, body: { error: { code: "VALIDATION_FAILED", fields: { status: expect.any(String) } } } });
  });
});

describe("collision", () => {
  it("each agent viewing a conversation sees who else views it and who is typing a reply; leaving, stopping and disconnecting clear it", async () => {
    const { conversationId } = await handedOffTicket(t, null);
    const alexConsole = await consoleOf(alex);
    const samConsole = await consoleOf(sam);
    const alexSees = record<ConversationViewersEvent>(alexConsole.socket, "conversation:viewers");
    const latest = (): ConversationViewersEvent | undefined => alexSees.filter((e) => e.conversationId === conversationId).at(-1);

    expect(await emitAck(alexConsole.socket, "conversation:view", { conversationId })).toEqual({ data: { ok: true } });
    expect(await emitAck(samConsole.socket, "conversation:view", { conversationId })).toEqual({ data: { ok: true } });
    await waitFor(() => latest()?.viewers.some((v) => v.userId === samId && !v.typing));

    expect(await emitAck(samConsole.socket, "typing", { conversationId, typing: true })).toEqual({ data: { ok: true } });
    await waitFor(() => latest()?.viewers.some((v) => v.userId === samId && v.typing));
    await emitAck(samConsole.socket, "typing", { conversationId, typing: false });
    await waitFor(() => latest()?.viewers.some((v) => v.userId === samId && !v.typing));

    // Opening another conversation leaves this one's room.
    const elsewhere = await handedOffTicket(t, null);
    await emitAck(samConsole.socket, "conversation:view", { conversationId: elsewhere.conversationId });
    await waitFor(() => latest()?.viewers.every((v) => v.userId !== samId));
    await emitAck(samConsole.socket, "conversation:view", { conversationId });
    await waitFor(() => latest()?.viewers.some((v) => v.userId === samId));
    samConsole.close();
    await waitFor(() => latest()?.viewers.every((v) => v.userId !== samId));
    expect(latest()?.viewers.map((v) => v.userId)).toEqual([alexId]);
  });

  it("'is typing' clears by itself when the typing signals stop (the console repeats them while typing)", async () => {
    const { conversationId } = await handedOffTicket(t, null);
    const alexConsole = await consoleOf(alex);
    const samConsole = await consoleOf(sam);
    const alexSees = record<ConversationViewersEvent>(alexConsole.socket, "conversation:viewers");
    const latest = (): ConversationViewersEvent | undefined => alexSees.filter((e) => e.conversationId === conversationId).at(-1);
    await emitAck(alexConsole.socket, "conversation:view", { conversationId });
    await emitAck(samConsole.socket, "conversation:view", { conversationId });
    await emitAck(samConsole.socket, "typing", { conversationId, typing: true });
    await waitFor(() => latest()?.viewers.some((v) => v.userId === samId && v.typing));
    await waitFor(() => latest()?.viewers.some((v) => v.userId === samId && !v.typing), 30_000);
  }, 60_000);

  it("refuses a view of a malformed or unknown conversation with the catalogue's codes", async () => {
    const alexConsole = await consoleOf(alex);
    expect(await emitAck(alexConsole.socket, "conversation:view", { conversationId: "nope" })).toMatchObject({ error: { code: "VALIDATION_FAILED" } });
    expect(await emitAck(alexConsole.socket, "conversation:view", { conversationId: randomUUID() })).toMatchObject({ error: { code: "CONVERSATION_NOT_FOUND" } });
    expect(await emitAck(alexConsole.socket, "conversation:view", { conversationId: null })).toEqual({ data: { ok: true } });
  });
});

describe("reply conflicts", () => {
  it("a reply sent after a colleague's newer reply is refused with REPLY_CONFLICT naming them, unless forced; nothing is stored until then", async () => {
    const { conversationId } = await handedOffTicket(t, null);
    const messages = async (): Promise<MessageDTO[]> =>
      (await api<{ data: MessageDTO[] }>(t.url, "GET", `/api/v1/conversations/${conversationId}/messages`, { cookie: manager })).body.data;
    const seen = (await messages()).at(-1)!.id;
    const samReply = await api<{ data: MessageDTO }>(t.url, "POST", `/api/v1/conversations/${conversationId}/messages`, { cookie: sam, body: { text: "Sam here, looking into it", lastSeenMessageId: seen } });
    expect(samReply.status).toBe(201);
    // One's own newer replies never conflict.
    expect((await api(t.url, "POST", `/api/v1/conversations/${conversationId}/messages`, { cookie: sam, body: { text: "Sam again", lastSeenMessageId: seen } })).status).toBe(201);

    const samName = (await api<{ data: UserDTO }>(t.url, "GET", "/api/v1/auth/me", { cookie: sam })).body.data.name;
    const refused = await api(t.url, "POST", `/api/v1/conversations/${conversationId}/messages`, { cookie: alex, body: { text: "Alex here too", lastSeenMessageId: seen } });
    expect(refused).toMatchObject({ status: 409, body: { error: { code: "REPLY_CONFLICT", latestReply: { id: expect.any(String), by: samName }  } } });
    expect((await messages()).map((m) => m.text)).not.toContain("Alex here too");

    // Having seen Sam's reply, or saying "send anyway", the reply goes.
    const newest = (await messages()).at(-1)!.id;
    expect((await api(t.url, "POST", `/api/v1/conversations/${conversationId}/messages`, { cookie: alex, body: { text: "Seen it", lastSeenMessageId: newest } })).status).toBe(201);
    expect((await api(t.url, "POST", `/api/v1/conversations/${conversationId}/messages`, { cookie: alex, body: { text: "Anyway", lastSeenMessageId: seen, force: true } })).status).toBe(201);
    expect(await api(t.url, "POST", `/api/v1/conversations/${conversationId}/messages`, { cookie: alex, body: { text: "x", lastSeenMessageId: randomUUID() } })).toMatchObject({
      status: 400,
      body: { error: { code: "VALIDATION_FAILED", fields: { lastSeenMessageId: "not a message of this conversation" } } },
    });
  });
});
