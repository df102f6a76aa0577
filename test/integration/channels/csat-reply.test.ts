/** CSAT on a chat channel (Telegram, against a fake Bot API): the question as a message, a rating reply recorded without reopening. */
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { InboxDTO } from "../../../src/contracts/channels.ts";
import { tables } from "../../../src/db/index.ts";
import { csatStrings } from "../../../src/modules/conversations/index.ts";
import { openHandoffTicket } from "../../../src/modules/tickets/index.ts";
import { api } from "../../support/api-client.ts";
import { createTestApp, type TestApp } from "../../support/create-test-app.ts";
import { startFakeTelegram, type FakeTelegram } from "../../support/fake-telegram.ts";

const BOT_TOKEN = "123456789:AAHdqTcvCH1vGWJxfSeofSAs0K5PALDsaw";
const SECRET = "webhook-secret-0123456789";
const NOW = new Date("2026-05-04T10:00:00Z");
let now = NOW;
let t: TestApp;
let fake: FakeTelegram;
let admin: string;
let inboxId: string;
let updateId = 7000;

beforeAll(async () => {
  fake = await startFakeTelegram();
  t = await createTestApp({ now: () => now, env: { DELIVERY_BACKOFF_MS: "50", ALERT_SCAN_MINUTES: "0", CSAT_REPLY_HOURS: "24" } });
  admin = await t.login();
  const created = await api<{ data: InboxDTO }>(t.url, "POST", "/api/v1/inboxes", {
    cookie: admin,
    body: { name: "Telegram bot", channel: "telegram", settings: { botToken: BOT_TOKEN, webhookSecret: SECRET, apiBaseUrl: fake.url } },
  });
  expect(created.status).toBe(201);
  inboxId = created.body.data.id;
}, 120_000);
afterAll(async () => {
  await t?.close();
  await fake?.close();
});

/** Posts a private-chat text message from `chatId` to the webhook; returns the update id. */
async function say(chatId: number, text: string): Promise<number> {
  const id = ++updateId;
  const update = { update_id: id, message: { message_id: id, from: { id: chatId, is_bot: false, first_name: "Ada" }, chat: { id: chatId, type: "private", first_name: "Ada" }, date: 1_765_000_000, text } };
  const res = await fetch(`${t.url}/channels/telegram/${inboxId}`, { method: "POST", headers: { "content-type": "application/json", "x-telegram-bot-api-secret-token": SECRET }, body: JSON.stringify(update) });
  expect(res.status).toBe(200);
  return id;
}

const db = () => t.container.database.db;
const conversationOf = async (updateIdOf: number) => {
  const [m] = await db().select().from(tables.messages).where(eq(tables.messages.clientMsgId, `update:${updateIdOf}`));
  const [c] = await db().select().from(tables.conversations).where(eq(tables.conversations.id, m!.conversationId));
  return c!;
};
const csatOf = async (conversationId: string) => (await db().select().from(tables.csatResponses).where(eq(tables.csatResponses.conversationId, conversationId)))[0];
const texts = (chatId: number) => fake.sentTo(chatId).map((c) => c.body.text);

/** A Telegram conversation handed off and resolved from the API; returns its id once the question reached Telegram. */
async function resolvedConversation(chatId: number): Promise<string> {
  const first = await say(chatId, "My parcel is lost, I want a person");
  const conversation = await conversationOf(first);
  const ticket = await openHandoffTicket(t.container.deps, { conversationId: conversation.id, reason: "customer_request" });
  const res = await api(t.url, "PATCH", `/api/v1/tickets/${ticket.id}`, { cookie: admin, body: { status: "resolved" } });
  expect(res.status).toBe(200);
  await expect.poll(() => texts(chatId), { timeout: 20_000 }).toContain(csatStrings.en.question);
  return conversation.id;
}

describe("CSAT by channel reply (Telegram)", () => {
  it("sends the question after the resolution notice; a reply of \"4/5\" is the rating: stored, thanked, and the conversation stays resolved without a bot turn", async () => {
    const conversationId = await resolvedConversation(801);
    expect(texts(801).indexOf(csatStrings.en.question)).toBeGreaterThan(texts(801).findIndex((x) => x?.startsWith("This conversation is now closed")));
    const sentBefore = fake.sentTo(801).length;
    const reply = await say(801, "4/5");
    expect(await csatOf(conversationId)).toMatchObject({ score: 4, via: "reply", comment: null, respondedAt: NOW });
    const [stored] = await db().select().from(tables.messages).where(eq(tables.messages.clientMsgId, `update:${reply}`));
    expect(stored).toMatchObject({ senderType: "customer", text: "4/5", conversationId });
    await expect.poll(() => texts(801), { timeout: 20_000 }).toContain(csatStrings.en.thanks);
    // Only the thanks went out: no bot answer, and the conversation is still resolved.
    await new Promise((r) => setTimeout(r, 1500));
    expect(fake.sentTo(801).length).toBe(sentBefore + 1);
    expect((await conversationOf(reply)).status).toBe("resolved");
  });

  it("star symbols count (\"⭐⭐⭐⭐⭐\" is 5); once rated, a later number is an ordinary message that reopens the conversation with the bot", async () => {
    const conversationId = await resolvedConversation(802);
    await say(802, "⭐⭐⭐⭐⭐");
    expect(await csatOf(conversationId)).toMatchObject({ score: 5, via: "reply" });
    const again = await say(802, "3");
    expect(await csatOf(conversationId)).toMatchObject({ score: 5 });
    expect((await conversationOf(again)).status).toBe("bot");
  });

  it("a reply that is not just a rating, or one after the reply window, is an ordinary message (no rating stored)", async () => {
    const words = await resolvedConversation(803);
    const sentence = await say(803, "5 minutes ago it broke again");
    expect((await csatOf(words))?.score).toBeNull();
    expect((await conversationOf(sentence)).status).toBe("bot");

    const late = await resolvedConversation(804);
    now = new Date(NOW.getTime() + 25 * 3_600_000);
    try {
      const reply = await say(804, "5");
      expect((await csatOf(late))?.score).toBeNull();
      expect((await conversationOf(reply)).status).toBe("bot");
    } finally {
      now = NOW;
    }
  });
});
