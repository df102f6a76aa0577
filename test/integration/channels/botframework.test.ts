import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { say } from "../../../bots/strings.ts";
import type { MessageDTO } from "../../../src/contracts/api.ts";
import { tables } from "../../../src/db/index.ts";
import { BOT_FRAMEWORK_INBOX_ID } from "../../../src/modules/inboxes/index.ts";
import { api } from "../../support/api-client.ts";
import { createTestApp, type TestApp } from "../../support/create-test-app.ts";
import { startFakeBotConnector, type FakeBotConnector } from "../../support/fake-bot-connector.ts";

describe("the Bot Framework channel in local mode (BOTFRAMEWORK_ALLOW_UNAUTHENTICATED=1)", () => {
  let t: TestApp;
  let connector: FakeBotConnector;

  beforeAll(async () => {
    connector = await startFakeBotConnector();
    t = await createTestApp({ env: { BOTFRAMEWORK_ALLOW_UNAUTHENTICATED: "1", DELIVERY_BACKOFF_MS: "50" } });
  }, 120_000);
  afterAll(async () => {
    await t?.close();
    await connector?.close();
  });

  /** An activity as the Emulator (or a channel) posts it, without an Authorization header. */
  function activity(fields: Record<string, unknown>) {
    return {
      channelId: "emulator",
      serviceUrl: connector.url,
      timestamp: new Date().toISOString(),
      conversation: { id: "local-conversation-1" },
      from: { id: "user-1", name: "Lin", role: "user" },
      recipient: { id: "switchboard-bot", name: "Switchboard", role: "bot" },
      ...fields,
    };
  }

  async function post(body: unknown): Promise<Response> {
    return fetch(`${t.url}/api/messages`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(body) });
  }

  it("takes a conversationUpdate without a token and sends the welcome to the activity's serviceUrl, as a reply to it", async () => {
    const res = await post(activity({ type: "conversationUpdate", id: "update-1", membersAdded: [{ id: "user-1", name: "Lin" }, { id: "switchboard-bot" }] }));
    expect(res.status).toBe(200);
    await expect.poll(() => connector.calls.filter((c) => c.replyToId === "update-1").length, { timeout: 10_000 }).toBe(1);
    const [welcome] = connector.calls.filter((c) => c.replyToId === "update-1");
    expect(welcome).toMatchObject({ conversationId: "local-conversation-1", activity: { type: "message", text: say.welcome, replyToId: "update-1" } });
    // No credentials in local mode: the connector is called without a token.
    expect(welcome!.authorization).toBeUndefined();
  });

  it("stores a customer message in the Bot Framework inbox and delivers the bot's answer to the serviceUrl", async () => {
    const res = await post(activity({ type: "message", id: "message-1", text: "Hi there" }));
    expect(res.status).toBe(200);
    await expect.poll(() => connector.calls.filter((c) => c.replyToId === "message-1").length, { timeout: 10_000 }).toBeGreaterThan(0);
    const [answer] = connector.calls.filter((c) => c.replyToId === "message-1");
    expect(answer!.activity.type).toBe("message");
    expect(answer!.activity.text?.length).toBeGreaterThan(0);

    const [stored] = await t.container.database.db.select().from(tables.messages).where(eq(tables.messages.clientMsgId, "message-1"));
    expect(stored).toMatchObject({ senderType: "customer", text: "Hi there" });
    const [conversation] = await t.container.database.db.select().from(tables.conversations).where(eq(tables.conversations.id, stored!.conversationId));
    expect(conversation).toMatchObject({ inboxId: BOT_FRAMEWORK_INBOX_ID, channel: "botframework:emulator", externalId: "local-conversation-1" });
    const replies = await t.container.database.db.select().from(tables.messages).where(eq(tables.messages.conversationId, stored!.conversationId));
    expect(replies.filter((m) => m.senderType === "bot").map((m) => m.text)).toContain(answer!.activity.text);
  });

  /** The stored conversation of a Bot Framework conversation id, after its first message. */
  async function conversationOf(externalId: string): Promise<string> {
    const [row] = await t.container.database.db.select().from(tables.conversations).where(eq(tables.conversations.externalId, externalId));
    return row!.id;
  }

  async function agentReply(cookie: string, conversationId: string, text: string): Promise<MessageDTO> {
    const res = await api<{ data: MessageDTO }>(t.url, "POST", `/api/v1/conversations/${conversationId}/messages`, { cookie, body: { text } });
    expect(res.status).toBe(201);
    return res.body.data;
  }

  async function messageOf(cookie: string, conversationId: string, id: string): Promise<MessageDTO | undefined> {
    return (await api<{ data: MessageDTO[] }>(t.url, "GET", `/api/v1/conversations/${conversationId}/messages`, { cookie })).body.data.find((m) => m.id === id);
  }

  it("sends an agent's reply to the conversation's serviceUrl (Bot Connector sendToConversation, from the bot to the user) and marks it sent; the bot's own answers need no delivery job", async () => {
    const res = await post(activity({ type: "message", id: "agent-case-1", text: "Hi there", conversation: { id: "local-conversation-agent" } }));
    expect(res.status).toBe(200);
    await expect.poll(() => connector.calls.filter((c) => c.replyToId === "agent-case-1").length, { timeout: 10_000 }).toBeGreaterThan(0);
    const conversationId = await conversationOf("local-conversation-agent");
    const cookie = await t.login();

    const reply = await agentReply(cookie, conversationId, "Hi Lin, Sam from support here.");
    expect(reply.channelDelivery?.status).toBe("pending");
    await expect.poll(async () => (await messageOf(cookie, conversationId, reply.id))?.channelDelivery?.status, { timeout: 20_000 }).toBe("sent");
    const sent = connector.calls.filter((c) => c.activity.text === "Hi Lin, Sam from support here.");
    expect(sent).toHaveLength(1);
    expect(sent[0]).toMatchObject({
      conversationId: "local-conversation-agent",
      activity: { type: "message", from: { id: "switchboard-bot" }, recipient: { id: "user-1" }, conversation: { id: "local-conversation-agent" } },
    });
    expect(sent[0]!.replyToId).toBeUndefined();
    expect(sent[0]!.authorization).toBeUndefined();

    // The bot answered inside the activity's request: its replies carry no pending or failed delivery.
    const messages = (await api<{ data: MessageDTO[] }>(t.url, "GET", `/api/v1/conversations/${conversationId}/messages`, { cookie })).body.data;
    const botReplies = messages.filter((m) => m.sender.type === "bot");
    expect(botReplies.length).toBeGreaterThan(0);
    expect(botReplies.map((m) => m.channelDelivery)).toEqual(botReplies.map(() => null));
  });

  it("delivers the hand-off notice (stored outside the bot's turn) to the conversation through the job, as the bot", async () => {
    const res = await post(activity({ type: "message", id: "handoff-case-1", text: "I want to talk to a human agent please", conversation: { id: "local-conversation-handoff" } }));
    expect(res.status).toBe(200);
    await expect.poll(() => connector.calls.filter((c) => c.conversationId === "local-conversation-handoff" && !c.replyToId).length, { timeout: 20_000 }).toBe(1);
    const [notice] = connector.calls.filter((c) => c.conversationId === "local-conversation-handoff" && !c.replyToId);
    expect(notice!.activity).toMatchObject({ type: "message", from: { id: "switchboard-bot" }, recipient: { id: "user-1" } });
    const conversationId = await conversationOf("local-conversation-handoff");
    const cookie = await t.login();
    const messages = (await api<{ data: MessageDTO[] }>(t.url, "GET", `/api/v1/conversations/${conversationId}/messages`, { cookie })).body.data;
    const system = messages.filter((m) => m.sender.type === "system");
    expect(system.map((m) => m.text)).toEqual([notice!.activity.text]);
    await expect.poll(async () => (await messageOf(cookie, conversationId, system[0]!.id))?.channelDelivery?.status, { timeout: 20_000 }).toBe("sent");
  });

  it("sends an agent's reply the Bot Connector answers 429 with Retry-After once it may, and fails one it refuses with 403 at once, with the connector's status on the message", async () => {
    await post(activity({ type: "message", id: "agent-case-2", text: "Is anyone there?", conversation: { id: "local-conversation-retry" } }));
    await expect.poll(() => connector.calls.filter((c) => c.replyToId === "agent-case-2").length, { timeout: 10_000 }).toBeGreaterThan(0);
    const conversationId = await conversationOf("local-conversation-retry");
    const cookie = await t.login();

    connector.failNext(429, 1, 1);
    const limited = await agentReply(cookie, conversationId, "Sorry for the wait.");
    await expect.poll(async () => (await messageOf(cookie, conversationId, limited.id))?.channelDelivery?.status, { timeout: 60_000 }).toBe("sent");
    expect(connector.refused.filter((c) => c.activity.text === "Sorry for the wait.")).toHaveLength(1);
    expect(connector.calls.filter((c) => c.activity.text === "Sorry for the wait.")).toHaveLength(1);

    connector.failNext(403, 1);
    const refused = await agentReply(cookie, conversationId, "Are you still there?");
    await expect.poll(async () => (await messageOf(cookie, conversationId, refused.id))?.channelDelivery?.status, { timeout: 60_000 }).toBe("failed");
    const failed = await messageOf(cookie, conversationId, refused.id);
    expect(failed?.channelDelivery).toMatchObject({ attempts: 1 });
    expect(failed?.channelDelivery?.error).toMatch(/^the Bot Connector answered 403/);
    expect(connector.refused.filter((c) => c.activity.text === "Are you still there?")).toHaveLength(1);
    expect(connector.calls.filter((c) => c.activity.text === "Are you still there?")).toHaveLength(0);
  }, 120_000);
});
