import { randomUUID } from "node:crypto";
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { ConversationDTO, MessageDTO, UserDTO } from "../../../src/contracts/api.ts";
import type { AuditEntryDTO, CannedReplyDTO, ConversationNoteDTO, LabelDTO, NotificationDTO } from "../../../src/contracts/helpdesk.ts";
import { tables } from "../../../src/db/index.ts";
import { DELIVER_JOB, receiveCustomerMessage } from "../../../src/modules/conversations/index.ts";
import { openHandoffTicket } from "../../../src/modules/tickets/index.ts";
import { api } from "../../support/api-client.ts";
import { connectConsole } from "../../support/console-client.ts";
import { createTestApp, type TestApp } from "../../support/create-test-app.ts";
import { customerConversation } from "../../support/handoff.ts";
import { connectCustomer } from "../../support/widget-client.ts";

let t: TestApp;
let admin: string;
let manager: string;
let alex: string;
let sam: string;
let samId: string;

beforeAll(async () => {
  t = await createTestApp();
  admin = await t.login();
  manager = await t.login("morgan@switchboard.local");
  alex = await t.login("alex@switchboard.local");
  sam = await t.login("sam@switchboard.local");
  samId = (await api<{ data: UserDTO }>(t.url, "GET", "/api/v1/auth/me", { cookie: sam })).body.data.id;
}, 60_000);
afterAll(async () => {
  await t?.close();
});

/** A conversation on a channel with one customer message (the bot does not answer: no turn runs). */
function conversationWith(text: string, options: { channel?: string; name?: string } = {}): Promise<string> {
  return customerConversation(t, text, options);
}

async function lastIntent(conversationId: string): Promise<string> {
  const res = await api<{ data: MessageDTO[] }>(t.url, "GET", `/api/v1/conversations/${conversationId}/messages`, { cookie: admin });
  return res.body.data.filter((m) => m.sender.type === "customer").at(-1)!.annotation!.intent.name;
}

async function waitUntil<T>(read: () => Promise<T>, ok: (value: T) => boolean): Promise<T> {
  for (let i = 0; i < 200; i++) {
    const value = await read();
    if (ok(value)) return value;
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
  throw new Error("condition not met in time");
}

describe("canned replies", () => {
  it("fills {{customer.name}}, {{order.number}} and {{agent.name}} for a conversation, and suggests the replies that fit its last intent first", async () => {
    const conversationId = await conversationWith("Where is my order ORD-10001? It has not arrived.", { name: "Dana Scully" });
    const intent = await lastIntent(conversationId);
    const fits = await api<{ data: CannedReplyDTO }>(t.url, "POST", "/api/v1/canned-replies", {
      cookie: manager,
      body: { shortcut: "where", text: "Hi {{customer.name}}, I'm {{agent.name}}; {{order.number}} is on its way.", shared: true, intents: [intent] },
    });
    expect(fits.status).toBe(201);
    await api(t.url, "POST", "/api/v1/canned-replies", { cookie: manager, body: { shortcut: "aaa-thanks", text: "Thanks {{customer.name}}!", shared: true } });
    const list = await api<{ data: CannedReplyDTO[] }>(t.url, "GET", `/api/v1/canned-replies?conversationId=${conversationId}`, { cookie: alex });
    expect(list.status).toBe(200);
    expect(list.body.data[0]).toMatchObject({ shortcut: "where", suggested: true, rendered: "Hi Dana Scully, I'm Alex Agent; ORD-10001 is on its way." });
    expect(list.body.data.find((r) => r.shortcut === "aaa-thanks")).toMatchObject({ suggested: false, rendered: "Thanks Dana Scully!" });
    // Without a name or an order, the variables read naturally rather than leaving blanks.
    const anonymous = await conversationWith("hello");
    const plain = await api<{ data: CannedReplyDTO[] }>(t.url, "GET", `/api/v1/canned-replies?conversationId=${anonymous}`, { cookie: alex });
    expect(plain.body.data.find((r) => r.shortcut === "where")?.rendered).toBe("Hi there, I'm Alex Agent; your order is on its way.");
    expect(await api(t.url, "GET", `/api/v1/canned-replies?conversationId=${randomUUID()}`, { cookie: alex })).toMatchObject({ status: 404, body: { error: { code: "CONVERSATION_NOT_FOUND" } } });
  });

  it("personal replies are their owner's alone; shared ones are written by managers and admins, and recorded in the audit log", async () => {
    const mine = await api<{ data: CannedReplyDTO }>(t.url, "POST", "/api/v1/canned-replies", { cookie: alex, body: { shortcut: "Mine", text: "My own words", shared: false } });
    expect(mine.status).toBe(201);
    expect(mine.body.data).toMatchObject({ shortcut: "mine", shared: false });
    const samSees = await api<{ data: CannedReplyDTO[] }>(t.url, "GET", "/api/v1/canned-replies", { cookie: sam });
    expect(samSees.body.data.map((r) => r.id)).not.toContain(mine.body.data.id);
    expect(await api(t.url, "PATCH", `/api/v1/canned-replies/${mine.body.data.id}`, { cookie: sam, body: { text: "Hijacked" } })).toMatchObject({ status: 404, body: { error: { code: "CANNED_REPLY_NOT_FOUND" } } });
    expect(await api(t.url, "DELETE", `/api/v1/canned-replies/${mine.body.data.id}`, { cookie: sam })).toMatchObject({ status: 404 });
    // Sam may use the same shortcut personally.
    expect((await api(t.url, "POST", "/api/v1/canned-replies", { cookie: sam, body: { shortcut: "mine", text: "Sam's words", shared: false } })).status).toBe(201);
    expect(await api(t.url, "POST", "/api/v1/canned-replies", { cookie: alex, body: { shortcut: "mine", text: "Again", shared: false } })).toMatchObject({ status: 409, body: { error: { code: "CANNED_REPLY_EXISTS" } } });
    // An agent may not share, nor turn a personal reply into a shared one.
    expect(await api(t.url, "POST", "/api/v1/canned-replies", { cookie: alex, body: { shortcut: "everyone", text: "Hi all", shared: true } })).toMatchObject({ status: 403, body: { error: { code: "FORBIDDEN" } } });
    expect(await api(t.url, "PATCH", `/api/v1/canned-replies/${mine.body.data.id}`, { cookie: alex, body: { shared: true } })).toMatchObject({ status: 403 });
    const shared = await api<{ data: CannedReplyDTO }>(t.url, "POST", "/api/v1/canned-replies", { cookie: admin, body: { shortcut: "refund-policy", text: "Refunds take 5 days.", shared: true } });
    expect(await api(t.url, "PATCH", `/api/v1/canned-replies/${shared.body.data.id}`, { cookie: alex, body: { text: "Refunds take forever." } })).toMatchObject({ status: 403 });
    const edited = await api<{ data: CannedReplyDTO }>(t.url, "PATCH", `/api/v1/canned-replies/${shared.body.data.id}`, { cookie: manager, body: { text: "Refunds take 3 days." } });
    expect(edited.body.data.text).toBe("Refunds take 3 days.");
    const log = await api<{ data: AuditEntryDTO[] }>(t.url, "GET", "/api/v1/audit-log?action=canned_reply.updated", { cookie: admin });
    expect(log.body.data[0]).toMatchObject({ actor: { name: "Morgan Manager" }, before: { text: "Refunds take 5 days." }, after: { text: "Refunds take 3 days." } });
    expect(await api(t.url, "DELETE", `/api/v1/canned-replies/${mine.body.data.id}`, { cookie: alex })).toMatchObject({ status: 204 });
  });

  it("refuses a bad shortcut, an empty text and an unknown variable with 400 naming the field", async () => {
    const cases: [Record<string, unknown>, string][] = [
      [{ shortcut: "has space", text: "x", shared: false }, "shortcut"],
      [{ shortcut: "ok", text: "   ", shared: false }, "text"],
      [{ shortcut: "ok", text: "Hi {{customer.nmae}}", shared: false }, "text"],
      [{ shortcut: "ok", text: "x" }, "shared"],
      [{ shortcut: "ok", text: "x", shared: false, intents: ["Not An Intent"] }, "intents.0"],
    ];
    for (const [body, field] of cases) {
      const res = await api<{ error: { code: string; fields: Record<string, string> } }>(t.url, "POST", "/api/v1/canned-replies", { cookie: alex, body });
      expect(res.status, field).toBe(400);
      expect(Object.keys(res.body.error.fields)).toContain(field);
    }
  });
});

describe("private notes", () => {
  it("a note shows in the console thread and never reaches the customer's widget, the conversation's messages or a delivery job", async () => {
    const customer = await connectCustomer(t.url, t.inboxId);
    const ack = await customer.send("I need help with my account");
    const conversationId = (ack as { conversationId: string }).conversationId;
    const console = await connectConsole(t.url, alex);
    const notesSeen: ConversationNoteDTO[] = [];
    console.socket.on("note:new", (note: ConversationNoteDTO) => notesSeen.push(note));
    const note = await api<{ data: ConversationNoteDTO }>(t.url, "POST", `/api/v1/conversations/${conversationId}/notes`, { cookie: alex, body: { text: "Customer seems to be the VIP from last week" } });
    expect(note.status).toBe(201);
    expect(note.body.data).toMatchObject({ conversationId, author: { name: "Alex Agent" }, text: "Customer seems to be the VIP from last week", mentions: [] });
    // A reply sent after the note arrives after it would have (one conversation's broadcasts go out in order).
    await api(t.url, "POST", `/api/v1/conversations/${conversationId}/messages`, { cookie: alex, body: { text: "Let me look into it." } });
    await customer.waitFor((m) => m.text === "Let me look into it.");
    expect(customer.received.map((m) => m.text)).not.toContain("Customer seems to be the VIP from last week");
    expect((await customer.history()) as { text: string }[]).not.toContainEqual(expect.objectContaining({ text: "Customer seems to be the VIP from last week" }));
    await waitUntil(async () => notesSeen, (seen) => seen.length > 0);
    expect(notesSeen[0]).toMatchObject({ id: note.body.data.id, conversationId });
    const notes = await api<{ data: ConversationNoteDTO[] }>(t.url, "GET", `/api/v1/conversations/${conversationId}/notes`, { cookie: sam });
    expect(notes.body.data.map((n) => n.text)).toEqual(["Customer seems to be the VIP from last week"]);
    const messages = await api<{ data: MessageDTO[] }>(t.url, "GET", `/api/v1/conversations/${conversationId}/messages`, { cookie: alex });
    expect(messages.body.data.map((m) => m.text)).not.toContain("Customer seems to be the VIP from last week");
    customer.close();
    console.close();
  });

  it("a note in a chat-channel conversation queues no delivery job (a reply there does)", async () => {
    const conversationId = await conversationWith("My parcel is lost", { channel: "telegram" });
    const jobs = async () => Object.values(await t.container.queue.counts(DELIVER_JOB)).reduce((a, b) => a + b, 0);
    const before = await jobs();
    expect((await api(t.url, "POST", `/api/v1/conversations/${conversationId}/notes`, { cookie: alex, body: { text: "Checked with the carrier" } })).status).toBe(201);
    expect(await jobs()).toBe(before);
    const stored = await t.container.database.db.select().from(tables.messages).where(eq(tables.messages.conversationId, conversationId));
    expect(stored.map((m) => m.text)).toEqual(["My parcel is lost"]);
    // The check can fail: a reply on the same conversation does queue a job.
    await api(t.url, "POST", `/api/v1/conversations/${conversationId}/messages`, { cookie: alex, body: { text: "We are on it" } });
    expect(await jobs()).toBe(before + 1);
  });

  it("an @mention notifies the colleague: stored, and live on their console socket; the author is never notified", async () => {
    const conversationId = await conversationWith("Please call me back");
    const samConsole = await connectConsole(t.url, sam);
    const alexConsole = await connectConsole(t.url, alex);
    const live: NotificationDTO[] = [];
    const alexLive: NotificationDTO[] = [];
    samConsole.socket.on("notification:new", (n: NotificationDTO) => live.push(n));
    alexConsole.socket.on("notification:new", (n: NotificationDTO) => alexLive.push(n));
    const note = await api<{ data: ConversationNoteDTO }>(t.url, "POST", `/api/v1/conversations/${conversationId}/notes`, { cookie: alex, body: { text: "@sam can you take this? cc @alex (me@example.com is not a mention)" } });
    expect(note.body.data.mentions).toEqual([{ id: samId, name: "Sam Support" }]);
    await waitUntil(async () => live, (l) => l.length > 0);
    expect(live[0]).toMatchObject({ type: "mention", data: { conversationId, noteId: note.body.data.id, by: "Alex Agent" }, readAt: null });
    const stored = await api<{ data: NotificationDTO[] }>(t.url, "GET", "/api/v1/notifications?unread=true", { cookie: sam });
    expect(stored.body.data.map((n) => n.id)).toContain(live[0].id);
    const read = await api<{ data: NotificationDTO }>(t.url, "POST", `/api/v1/notifications/${live[0].id}/read`, { cookie: sam });
    expect(read.body.data.readAt).not.toBeNull();
    expect((await api<{ data: NotificationDTO[] }>(t.url, "GET", "/api/v1/notifications?unread=true", { cookie: sam })).body.data.map((n) => n.id)).not.toContain(live[0].id);
    expect(await api(t.url, "POST", `/api/v1/notifications/${live[0].id}/read`, { cookie: alex })).toMatchObject({ status: 404 });
    expect(alexLive).toEqual([]);
    samConsole.close();
    alexConsole.close();
  });

  it("an empty note is 400, an unknown conversation 404", async () => {
    const conversationId = await conversationWith("hi");
    expect(await api(t.url, "POST", `/api/v1/conversations/${conversationId}/notes`, { cookie: alex, body: { text: " " } })).toMatchObject({ status: 400, body: { error: { fields: { text: expect.any(String) } } } });
    expect(await api(t.url, "POST", `/api/v1/conversations/${randomUUID()}/notes`, { cookie: alex, body: { text: "x" } })).toMatchObject({ status: 404, body: { error: { code: "CONVERSATION_NOT_FOUND" } } });
  });
});

describe("labels", () => {
  it("an intent rule labels a conversation when a message with that intent arrives; agents set labels by hand; the list filters by label", async () => {
    const probe = await conversationWith("I want a refund for my broken headphones");
    const intent = await lastIntent(probe);
    const rule = await api<{ data: LabelDTO }>(t.url, "POST", "/api/v1/labels", { cookie: admin, body: { name: "Refunds", color: "#CC3300", intents: [intent] } });
    expect(rule.body.data).toMatchObject({ name: "Refunds", color: "#cc3300", intents: [intent] });
    const vip = await api<{ data: LabelDTO }>(t.url, "POST", "/api/v1/labels", { cookie: admin, body: { name: "VIP", color: "#3366cc" } });
    expect(await api(t.url, "POST", "/api/v1/labels", { cookie: admin, body: { name: "VIP", color: "#000000" } })).toMatchObject({ status: 409, body: { error: { code: "LABEL_EXISTS" } } });

    const labelled = await conversationWith("I want a refund for my broken headphones");
    const conversation = async (id: string) => (await api<{ data: ConversationDTO }>(t.url, "GET", `/api/v1/conversations/${id}`, { cookie: alex })).body.data;
    expect((await waitUntil(() => conversation(labelled), (c) => c.labels.length > 0)).labels).toEqual([{ id: rule.body.data.id, name: "Refunds", color: "#cc3300" }]);

    const other = await conversationWith("hello there");
    const set = await api<{ data: { name: string }[] }>(t.url, "PUT", `/api/v1/conversations/${other}/labels`, { cookie: alex, body: { labels: [vip.body.data.id, "Refunds"] } });
    expect(set.body.data.map((l) => l.name)).toEqual(["Refunds", "VIP"]);
    expect(await api(t.url, "PUT", `/api/v1/conversations/${other}/labels`, { cookie: alex, body: { labels: ["VIP", "Nope"] } })).toMatchObject({ status: 400, body: { error: { fields: { "labels.1": expect.any(String) } } } });
    expect((await conversation(other)).labels.map((l) => l.name)).toEqual(["Refunds", "VIP"]);

    const byLabel = async (label: string) => (await api<{ data: ConversationDTO[] }>(t.url, "GET", `/api/v1/conversations?status=all&label=${encodeURIComponent(label)}`, { cookie: alex })).body.data.map((c) => c.id);
    expect((await byLabel("VIP")).sort()).toEqual([other]);
    expect((await byLabel(rule.body.data.id)).sort()).toEqual([labelled, other].sort());
    expect(await byLabel("No such label")).toEqual([]);

    // Renaming shows at once in the list; deleting takes the label off every conversation.
    await api(t.url, "PATCH", `/api/v1/labels/${vip.body.data.id}`, { cookie: admin, body: { name: "Important" } });
    expect((await conversation(other)).labels.map((l) => l.name)).toEqual(["Important", "Refunds"]);
    expect((await api(t.url, "DELETE", `/api/v1/labels/${vip.body.data.id}`, { cookie: admin })).status).toBe(204);
    expect((await conversation(other)).labels.map((l) => l.name)).toEqual(["Refunds"]);
    const cleared = await api<{ data: unknown[] }>(t.url, "PUT", `/api/v1/conversations/${other}/labels`, { cookie: alex, body: { labels: [] } });
    expect(cleared.body.data).toEqual([]);
  });

  it("labels are defined by admins only (agents and managers get 403), read by everyone, and bad colours are 400", async () => {
    for (const cookie of [alex, manager]) {
      expect(await api(t.url, "POST", "/api/v1/labels", { cookie, body: { name: "Sneaky", color: "#000000" } })).toMatchObject({ status: 403, body: { error: { code: "FORBIDDEN" } } });
      expect((await api(t.url, "GET", "/api/v1/labels", { cookie })).status).toBe(200);
    }
    const label = (await api<{ data: LabelDTO[] }>(t.url, "GET", "/api/v1/labels", { cookie: admin })).body.data[0];
    for (const cookie of [alex, manager]) {
      expect(await api(t.url, "PATCH", `/api/v1/labels/${label.id}`, { cookie, body: { name: "Renamed" } })).toMatchObject({ status: 403 });
      expect(await api(t.url, "DELETE", `/api/v1/labels/${label.id}`, { cookie })).toMatchObject({ status: 403 });
    }
    expect(await api(t.url, "POST", "/api/v1/labels", { cookie: admin, body: { name: "Red", color: "red" } })).toMatchObject({ status: 400, body: { error: { fields: { color: expect.any(String) } } } });
    expect(await api(t.url, "PATCH", `/api/v1/labels/${randomUUID()}`, { cookie: admin, body: { name: "X" } })).toMatchObject({ status: 404, body: { error: { code: "LABEL_NOT_FOUND" } } });
  });
});

describe("what agents see", () => {
  it("a clearly negative message after hand-off raises the ticket's priority, with the reason in ticket_events", async () => {
    const conversationId = await conversationWith("Can I speak to a person please?");
    const ticket = await openHandoffTicket(t.container.deps, { conversationId, reason: "customer_request" });
    expect(ticket.priority).toBe("normal");
    const id = (await t.container.database.db.select().from(tables.conversations).where(eq(tables.conversations.id, conversationId)))[0]!.externalId!;
    await receiveCustomerMessage(t.container.deps, { inboxId: t.inboxId, channel: "web", externalUserId: id, externalConversationId: id, text: "Still nothing. This is terrible, awful service and I am furious.", answeredInTurn: true });
    type Detail = { priority: string; events: { type: string; actorType: string; data: Record<string, unknown> }[] };
    const read = async () => (await api<{ data: Detail }>(t.url, "GET", `/api/v1/tickets/${ticket.id}`, { cookie: admin })).body.data;
    const raised = await waitUntil(read, (d) => d.priority !== "normal");
    expect(["high", "urgent"]).toContain(raised.priority);
    expect(raised.events.at(-1)).toMatchObject({ type: "priority_changed", actorType: "system", data: { from: "normal", to: raised.priority, reason: "negative_sentiment" } });
    // A calm message changes nothing.
    await receiveCustomerMessage(t.container.deps, { inboxId: t.inboxId, channel: "web", externalUserId: id, externalConversationId: id, text: "Thanks, I will wait.", answeredInTurn: true });
    await api(t.url, "GET", `/api/v1/conversations/${conversationId}`, { cookie: admin });
    expect((await read()).events.filter((e) => e.type === "priority_changed")).toHaveLength(1);
  });

  it("resolving tells the customer the conversation is closed; a new message reopens it with the bot, the old ticket stays resolved and a new hand-off opens a new ticket", async () => {
    const customer = await connectCustomer(t.url, t.inboxId);
    const ack = (await customer.send("I'd like to talk to a human")) as { conversationId: string };
    // The bot hands this off by itself: wait for its notice, so the hand-off below finds its ticket instead of racing it
    // (two tickets at once left one open after the other was resolved).
    await customer.waitFor((m) => m.sender.type === "system");
    const first = await openHandoffTicket(t.container.deps, { conversationId: ack.conversationId, reason: "customer_request" });
    expect((await api(t.url, "PATCH", `/api/v1/tickets/${first.id}`, { cookie: admin, body: { status: "resolved" } })).status).toBe(200);
    const closed = await customer.waitFor((m) => m.sender.type === "system" && m.text.startsWith("This conversation is now closed."));
    const conversation = async () => (await api<{ data: ConversationDTO }>(t.url, "GET", `/api/v1/conversations/${ack.conversationId}`, { cookie: admin })).body.data;
    expect((await conversation()).status).toBe("resolved");
    await customer.send("One more question about my invoice");
    expect((await waitUntil(conversation, (c) => c.status !== "resolved")).status).toBe("bot");
    // The bot's turn answers the new message (here it hands off by itself: its line, then the hand-off's notice) before
    // this test hands off, or the two race.
    await customer.waitFor((m) => m.sender.type === "system" && m.createdAt > closed.createdAt);
    const ticketStatus = async (ticketId: string) => (await api<{ data: { status: string } }>(t.url, "GET", `/api/v1/tickets/${ticketId}`, { cookie: admin })).body.data.status;
    expect(await ticketStatus(first.id)).toBe("resolved");
    const second = await openHandoffTicket(t.container.deps, { conversationId: ack.conversationId, reason: "customer_request" });
    expect(second.id).not.toBe(first.id);
    expect(await ticketStatus(second.id)).toBe("open");
    expect((await conversation()).ticketId).toBe(second.id);
    customer.close();
  });
});
