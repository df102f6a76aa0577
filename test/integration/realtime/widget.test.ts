import { randomUUID } from "node:crypto";
import { eq, sql } from "drizzle-orm";
import { io } from "socket.io-client";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { MessageSendAck, WidgetMessage } from "../../../src/contracts/messages.ts";
import { tables } from "../../../src/db/index.ts";
import { api } from "../../support/api-client.ts";
import { createTestApp, type TestApp } from "../../support/create-test-app.ts";
import { connectCustomer } from "../../support/widget-client.ts";

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => {
  await t?.close();
});

/** The stored row of a conversation. */
async function conversationRow(id: string): Promise<typeof tables.conversations.$inferSelect> {
  const [row] = await t.container.database.db.select().from(tables.conversations).where(eq(tables.conversations.id, id));
  return row;
}

async function messageCount(): Promise<number> {
  const [row] = await t.container.database.db.select({ n: sql<number>`count(*)::int` }).from(tables.messages);
  return row.n;
}

const fromBot = (m: WidgetMessage): boolean => m.sender.type === "bot";

/** The conversation id of an acknowledgement, failing the test on an error acknowledgement. */
function conversationOf(ack: MessageSendAck): string {
  if ("error" in ack) throw new Error(`message refused: ${ack.error.code}`);
  return ack.conversationId;
}

describe("the bot in the widget", () => {
  it("when a customer greets, acknowledges the committed message and the bot answers", async () => {
    const customer = await connectCustomer(t.url, t.inboxId);
    const typing: boolean[] = [];
    customer.socket.on("typing", (e: { sender: { type: string }; typing: boolean }) => {
      if (e.sender.type === "bot") typing.push(e.typing);
    });
    const ack = await customer.send("hello there");
    expect(ack).toMatchObject({ id: expect.any(String), conversationId: expect.any(String), createdAt: expect.any(String) });
    const reply = await customer.waitFor(fromBot);
    expect(reply.text).toMatch(/assistant|help/i);
    const own = await customer.waitFor((m) => m.sender.type === "customer");
    expect(own.text).toBe("hello there");
    // A quick answer comes without "typing…"; a slow one shows it and clears it: never left showing.
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(typing.length === 0 || typing.at(-1) === false).toBe(true);
    customer.close();
  });

  it("answers messages sent back to back in the order they were sent", async () => {
    const customer = await connectCustomer(t.url, t.inboxId);
    await Promise.all([
      customer.send("where is my order ORD-10001?"),
      customer.send("what payment methods do you accept?"),
      customer.send("what is your refund policy?"),
    ]);
    await customer.waitFor((m) => fromBot(m) && /refund/i.test(m.text));
    const answers = customer.received.filter(fromBot).map((m) => m.text);
    expect(answers).toHaveLength(3);
    expect(answers[0]).toMatch(/ORD-10001/);
    expect(answers[1]).toMatch(/Visa|Mastercard/);
    expect(answers[2]).toMatch(/refund/i);
    customer.close();
  });

  it("when the customer gives an order number and the email on the order, answers its status from the orders table", async () => {
    const customer = await connectCustomer(t.url, t.inboxId);
    await customer.send("Where is my order ORD-10001?");
    const ask = await customer.waitFor(fromBot);
    expect(ask.text).toMatch(/email address/);
    expect(ask.text).not.toContain("1Z999AA10123456784");
    await customer.send("jordan.lee@example.com");
    const reply = await customer.waitFor((m) => fromBot(m) && m.id !== ask.id);
    expect(reply.text).toContain("ORD-10001");
    expect(reply.text).toMatch(/shipped/i);
    expect(reply.text).toContain("1Z999AA10123456784");
    customer.close();
  });

  it("when the order number is missing, asks for it, then for the email on the order, and answers the follow-up", async () => {
    const customer = await connectCustomer(t.url, t.inboxId);
    await customer.send("where is my order?");
    const ask = await customer.waitFor(fromBot);
    expect(ask.text).toMatch(/order number/i);
    await customer.send("ORD-10002");
    const askEmail = await customer.waitFor((m) => fromBot(m) && m.id !== ask.id);
    expect(askEmail.text).toMatch(/email address/);
    await customer.send("priya.shah@example.com");
    const answer = await customer.waitFor((m) => fromBot(m) && m.id !== ask.id && m.id !== askEmail.id);
    expect(answer.text).toContain("ORD-10002");
    expect(answer.text).toMatch(/prepared|hasn't shipped/i);
    customer.close();
  });

  it("answers an FAQ intent from the knowledge base", async () => {
    const customer = await connectCustomer(t.url, t.inboxId);
    await customer.send("What is your refund policy?");
    const reply = await customer.waitFor(fromBot);
    expect(reply.text).toMatch(/30 days/);
    customer.close();
  });
});

describe("hand-off to a human", () => {
  it("on request: opens a ticket assigned round-robin to online agents, the agent's reply reaches the widget, and the bot stays quiet", async () => {
    const alex = await t.login("alex@switchboard.local");
    const sam = await t.login("sam@switchboard.local");
    expect((await api(t.url, "PATCH", "/api/v1/agents/me", { cookie: alex, body: { status: "online" } })).status).toBe(200);
    expect((await api(t.url, "PATCH", "/api/v1/agents/me", { cookie: sam, body: { status: "online" } })).status).toBe(200);

    const first = await connectCustomer(t.url, t.inboxId);
    await first.send("I want to talk to a human please");
    const handoff = await first.waitFor((m) => m.sender.type === "system");
    expect(handoff.text).toMatch(/Alex Agent|Sam Support/);

    const second = await connectCustomer(t.url, t.inboxId);
    await second.send("can I speak to a real person");
    const handoff2 = await second.waitFor((m) => m.sender.type === "system");
    const names = [handoff.text, handoff2.text].map((text) => (text.includes("Alex Agent") ? "alex" : "sam"));
    expect(new Set(names).size).toBe(2);

    const tickets = await api<{ data: { id: string; conversationId: string; assignee: { name: string } | null; reason: string; priority: string }[] }>(
      t.url,
      "GET",
      "/api/v1/tickets",
      { cookie: alex },
    );
    const ticket = tickets.body.data.find((x) => x.conversationId === handoff.conversationId);
    expect(ticket).toMatchObject({ reason: "customer_request" });
    expect(ticket?.assignee).not.toBeNull();

    const events = await t.container.database.db.select().from(tables.ticketEvents).where(eq(tables.ticketEvents.ticketId, ticket!.id));
    expect(events.map((e) => e.type)).toEqual(["created", "assigned"]);

    const reply = await api<{ data: { id: string } }>(t.url, "POST", `/api/v1/conversations/${handoff.conversationId}/messages`, {
      cookie: alex,
      body: { text: "Hi, I'm Alex. How can I help?" },
    });
    expect(reply.status).toBe(201);
    const seen = await first.waitFor((m) => m.sender.type === "agent");
    expect(seen).toMatchObject({ text: "Hi, I'm Alex. How can I help?", sender: { type: "agent", name: "Alex Agent" } });

    const before = first.received.length;
    await first.send("thanks, my tent pole is broken");
    await first.waitFor((m) => m.text === "thanks, my tent pole is broken");
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(first.received.slice(before).filter(fromBot)).toEqual([]);

    for (const cookie of [alex, sam]) await api(t.url, "PATCH", "/api/v1/agents/me", { cookie, body: { status: "away" } });
    first.close();
    second.close();
  });

  it("with no agent online, the ticket waits unassigned in the queue", async () => {
    const customer = await connectCustomer(t.url, t.inboxId);
    await customer.send("get me a human agent");
    const notice = await customer.waitFor((m) => m.sender.type === "system");
    expect(notice.text).toMatch(/as soon as one is available/);
    const admin = await t.login();
    const queue = await api<{ data: { conversationId: string }[] }>(t.url, "GET", "/api/v1/tickets?assignee=unassigned", { cookie: admin });
    expect(queue.body.data.map((x) => x.conversationId)).toContain(notice.conversationId);
    customer.close();
  });

  it("on clearly negative sentiment", async () => {
    const customer = await connectCustomer(t.url, t.inboxId);
    await customer.send("This is absolutely terrible. Your service is awful and I am furious!!");
    const notice = await customer.waitFor((m) => m.sender.type === "system");
    expect(notice.text).toMatch(/support team|will reply/);
    customer.close();
  });

  it("after two turns the bot could not handle", async () => {
    const customer = await connectCustomer(t.url, t.inboxId);
    await customer.send("what will the weather be like in Lisbon this weekend");
    const first = await customer.waitFor(fromBot);
    expect(first.text).toMatch(/didn't quite get that/);
    await customer.send("can you recommend a good film to watch tonight");
    const notice = await customer.waitFor((m) => m.sender.type === "system");
    expect(notice.text).toMatch(/support team|will reply/);
    customer.close();
  });
});

describe("the conversation record", () => {
  it("takes its subject from the first message that asks for something (not a greeting or thanks), and keeps the sentiment trend (start, end, lowest, count) of the customer's messages", async () => {
    const customer = await connectCustomer(t.url, t.inboxId);
    const texts = ["hello there", "thanks a lot, that helped!", "the app is broken and I lost my order, awful"];
    let conversationId = "";
    // Each message is answered (the last one, angry, by the hand-off notice) before the next is sent.
    const answered = (): number => customer.received.filter((m) => m.sender.type !== "customer").length;
    for (const [i, text] of texts.entries()) {
      conversationId = conversationOf(await customer.send(text));
      await customer.waitFor(() => answered() > i);
    }
    const db = t.container.database.db;
    const scores = (
      await db.select().from(tables.messages).where(eq(tables.messages.conversationId, conversationId)).orderBy(tables.messages.seq)
    )
      .filter((m) => m.senderType === "customer")
      .map((m) => m.annotation!.sentiment.score);
    expect(scores).toHaveLength(3);
    const row = await conversationRow(conversationId);
    expect(row.subject).toBe("the app is broken and I lost my order, awful");
    expect(row.sentiment).toEqual({ start: scores[0], end: scores[2], min: Math.min(...scores), count: 3 });
    customer.close();
  });

  it("when the customer writes into a resolved conversation, reopens it with the bot and a fresh bot memory", async () => {
    const customer = await connectCustomer(t.url, t.inboxId);
    const conversationId = conversationOf(await customer.send("where is my order?"));
    await customer.waitFor(fromBot);
    expect((await conversationRow(conversationId)).botState).toMatchObject({ awaiting: "order_number" });
    const c = tables.conversations;
    await t.container.database.db.update(c).set({ status: "resolved" }).where(eq(c.id, conversationId));
    // Resolved, a reconnecting visitor's message reopens the conversation; "hello" is no order number.
    customer.close();
    const back = await connectCustomer(t.url, t.inboxId, customer.visitorId);
    expect(conversationOf(await back.send("hello"))).toBe(conversationId);
    const greeting = await back.waitFor(fromBot);
    expect(greeting.text).toMatch(/assistant|help/i);
    const after = await conversationRow(conversationId);
    expect(after.status).toBe("bot");
    expect(after.botState.awaiting ?? null).toBeNull();
    expect(after.sentiment?.count).toBe(2);
    back.close();
  });

  it("when the customer behind a connected visitor was deleted, the visitor's next message starts a new conversation", async () => {
    const customer = await connectCustomer(t.url, t.inboxId);
    const first = conversationOf(await customer.send("hello"));
    await customer.waitFor(fromBot);
    const { customerId } = await conversationRow(first);
    await t.container.database.db.delete(tables.customers).where(eq(tables.customers.id, customerId));
    const second = conversationOf(await customer.send("hello again"));
    expect(second).not.toBe(first);
    // A greeting gives no subject: the first message that asks for something will.
    expect(await conversationRow(second)).toMatchObject({ subject: null, status: "bot" });
    customer.close();
  });
});

describe("delivery guarantees", () => {
  it("when the same clientMsgId is sent twice, returns the same message and stores it once", async () => {
    const customer = await connectCustomer(t.url, t.inboxId);
    const clientMsgId = randomUUID();
    const first = await customer.send("hello once", clientMsgId);
    await customer.waitFor(fromBot);
    const count = await messageCount();
    const second = await customer.send("hello once", clientMsgId);
    expect(second).toEqual(first);
    expect(await messageCount()).toBe(count);
    customer.close();
  });

  it("after a dropped connection, history {after} returns exactly what was missed, in order, and a reload shows everything", async () => {
    const customer = await connectCustomer(t.url, t.inboxId);
    const visitorId = customer.visitorId;
    await customer.send("hi");
    const greeting = await customer.waitFor(fromBot);
    customer.close();

    // While the customer is away the bot answers another tab and an agent writes.
    const otherTab = await connectCustomer(t.url, t.inboxId, visitorId);
    await otherTab.send("what payment methods do you accept?");
    await otherTab.waitFor((m) => fromBot(m) && m.id !== greeting.id);
    otherTab.close();

    const back = await connectCustomer(t.url, t.inboxId, visitorId);
    const missed = await back.history(greeting.id);
    expect(Array.isArray(missed)).toBe(true);
    const list = missed as WidgetMessage[];
    expect(list.map((m) => m.sender.type)).toEqual(["customer", "bot"]);
    expect(list[0].text).toBe("what payment methods do you accept?");
    const all = (await back.history()) as WidgetMessage[];
    expect(all.map((m) => m.text).slice(0, 1)).toEqual(["hi"]);
    expect(new Set(all.map((m) => m.id)).size).toBe(all.length);
    expect(all.slice(-2).map((m) => m.id)).toEqual(list.map((m) => m.id));
    back.close();
  });

  it("a new visitor's history is empty", async () => {
    const customer = await connectCustomer(t.url, t.inboxId);
    expect(await customer.history()).toEqual([]);
    customer.close();
  });
});

describe("bad input", () => {
  it("rejects empty, over-long and malformed messages with a named reason, stores nothing, and keeps serving", async () => {
    const customer = await connectCustomer(t.url, t.inboxId);
    const count = await messageCount();
    expect(await customer.send("   ")).toMatchObject({ error: { code: "MESSAGE_EMPTY" } });
    expect(await customer.send("x".repeat(4001))).toMatchObject({ error: { code: "MESSAGE_TOO_LONG", message: expect.stringContaining("4000") } });
    const noId = await customer.socket.timeout(5000).emitWithAck("message:send", { text: "hi" });
    expect(noId).toMatchObject({ error: { code: "VALIDATION_FAILED", fields: { clientMsgId: expect.any(String) } } });
    const wrongType = await customer.socket.timeout(5000).emitWithAck("message:send", { clientMsgId: "a1", text: 42 });
    expect(wrongType).toMatchObject({ error: { code: "VALIDATION_FAILED", fields: { text: expect.any(String) } } });
    const notObject = await customer.socket.timeout(5000).emitWithAck("message:send", "just a string");
    expect(notObject).toMatchObject({ error: { code: "VALIDATION_FAILED" } });
    expect(await messageCount()).toBe(count);
    expect(await customer.send("still here?")).toMatchObject({ id: expect.any(String) });
    customer.close();
  });

  it("refuses to connect to an unknown inbox with INBOX_NOT_FOUND", async () => {
    const socket = io(`${t.url}/widget`, { auth: { inbox: "no-such-inbox", visitorId: randomUUID() }, transports: ["websocket"], reconnection: false, forceNew: true });
    const error = await new Promise<Error & { data?: { code: string } }>((resolve) => socket.once("connect_error", resolve));
    expect(error.message).toBe("INBOX_NOT_FOUND");
    expect(error.data?.code).toBe("INBOX_NOT_FOUND");
    socket.disconnect();
  });

  it("refuses a handshake without a visitor id, naming the field", async () => {
    const socket = io(`${t.url}/widget`, { auth: { inbox: t.inboxId }, transports: ["websocket"], reconnection: false, forceNew: true });
    const error = await new Promise<Error & { data?: { code: string; fields?: Record<string, string> } }>((resolve) => socket.once("connect_error", resolve));
    expect(error.message).toBe("VALIDATION_FAILED");
    expect(error.data?.fields).toHaveProperty("visitorId");
    socket.disconnect();
  });
});
