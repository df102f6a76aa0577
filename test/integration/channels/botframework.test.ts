import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { say } from "../../../bots/strings.ts";
import { tables } from "../../../src/db/index.ts";
import { BOT_FRAMEWORK_INBOX_ID } from "../../../src/modules/inboxes/index.ts";
import { createTestApp, type TestApp } from "../../support/create-test-app.ts";
import { startFakeBotConnector, type FakeBotConnector } from "../../support/fake-bot-connector.ts";

describe("the Bot Framework channel in local mode (BOTFRAMEWORK_ALLOW_UNAUTHENTICATED=1)", () => {
  let t: TestApp;
  let connector: FakeBotConnector;

  beforeAll(async () => {
    connector = await startFakeBotConnector();
    t = await createTestApp({ env: { BOTFRAMEWORK_ALLOW_UNAUTHENTICATED: "1" } });
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
});
