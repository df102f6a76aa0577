import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { MessageDTO } from "../../../src/contracts/api.ts";
import type { InboxDTO } from "../../../src/contracts/channels.ts";
import { channelSenders } from "../../../src/channels/registry.ts";
import { tables } from "../../../src/db/index.ts";
import { deliverMessage } from "../../../src/modules/conversations/index.ts";
import { freePort } from "../../../src/queue/index.ts";
import { api } from "../../support/api-client.ts";
import { channelMessages } from "../../support/channel-messages.ts";
import { createTestApp, type TestApp } from "../../support/create-test-app.ts";
import { testEngines } from "../../support/engines.ts";
import { serverError, startFakeTelegram, tooManyRequests, type FakeTelegram } from "../../support/fake-telegram.ts";

const BOT_TOKEN = "123456789:AAHdqTcvCH1vGWJxfSeofSAs0K5PALDsaw";
const SECRET = "webhook-secret-0123456789";

describe.each(testEngines())("the Telegram channel on $name", (engine) => {
  let t: TestApp;
  let fake: FakeTelegram;
  let admin: string;
  let inboxId: string;
  let updateId = 5000;

  beforeAll(async () => {
    fake = await startFakeTelegram();
    // Retries start after 50 ms here (2 s by default), so five attempts fit in a test.
    t = await createTestApp({ database: await engine.open(), env: { DELIVERY_BACKOFF_MS: "50" } });
    admin = await t.login();
    const created = await api<{ data: InboxDTO }>(t.url, "POST", "/api/v1/inboxes", {
      cookie: admin,
      body: { name: "Telegram bot", channel: "telegram", settings: { botToken: BOT_TOKEN, webhookSecret: SECRET, apiBaseUrl: fake.url } },
    });
    expect(created.status).toBe(201);
    inboxId = created.body.data.id;
    expect(created.body.data.webhookUrl).toBe(`${t.url}/channels/telegram/${inboxId}`);
  }, 120_000);
  afterAll(async () => {
    await t?.close();
    await fake?.close();
    await engine.cleanup();
  });

  /** A Telegram Update with a text message from a private chat (the chat id is the user's id, as Telegram does). */
  function textUpdate(chatId: number, text: string, extra: Record<string, unknown> = {}) {
    return {
      update_id: ++updateId,
      message: { message_id: updateId, from: { id: chatId, is_bot: false, first_name: "Ada", last_name: "Lovelace", language_code: "en" }, chat: { id: chatId, type: "private", first_name: "Ada" }, date: 1_765_000_000, text, ...extra },
    };
  }

  /** Posts an update to the webhook with a secret token header (none when `secret` is null). */
  async function postUpdate(update: unknown, secret: string | null = SECRET): Promise<Response> {
    return fetch(`${t.url}/channels/telegram/${inboxId}`, {
      method: "POST",
      headers: { "content-type": "application/json", ...(secret === null ? {} : { "x-telegram-bot-api-secret-token": secret }) },
      body: JSON.stringify(update),
    });
  }

  async function storedByUpdate(id: number) {
    return t.container.database.db.select().from(tables.messages).where(eq(tables.messages.clientMsgId, `update:${id}`));
  }

  const { messagesOf, botReply, deliveryOf } = channelMessages(() => ({ url: t.url, cookie: admin }));

  it("stores an inbound update as the customer's message, and the bot's reply reaches the Telegram API with {chat_id, text}", async () => {
    const update = textUpdate(501, "Do you ship to Norway?");
    const res = await postUpdate(update);
    expect(res.status).toBe(200);
    const [stored] = await storedByUpdate(update.update_id);
    expect(stored).toMatchObject({ senderType: "customer", text: "Do you ship to Norway?" });
    const [conversation] = await t.container.database.db.select().from(tables.conversations).where(eq(tables.conversations.id, stored!.conversationId));
    expect(conversation).toMatchObject({ channel: "telegram", inboxId });
    const [customer] = await t.container.database.db.select().from(tables.customers).where(eq(tables.customers.id, conversation!.customerId));
    expect(customer!.name).toBe("Ada Lovelace");

    const reply = await botReply(stored!.conversationId);
    expect(reply.sender.type).toBe("bot");
    await expect.poll(() => fake.sentTo(501).length, { timeout: 20_000 }).toBe(1);
    const [call] = fake.sentTo(501);
    expect(call!.token).toBe(BOT_TOKEN);
    expect(call!.body).toEqual({ chat_id: "501", text: reply.text });
    await expect.poll(async () => (await deliveryOf(stored!.conversationId, reply.id))?.status, { timeout: 10_000 }).toBe("sent");
    expect(await deliveryOf(stored!.conversationId, reply.id)).toMatchObject({ status: "sent", attempts: 1 });
    // The customer's own message has no delivery.
    expect((await messagesOf(stored!.conversationId)).find((m) => m.id === stored!.id)?.channelDelivery).toBeNull();
  });

  it("stores a redelivered update once, and answers it once", async () => {
    const update = textUpdate(502, "Hello, what are your opening hours?");
    expect((await postUpdate(update)).status).toBe(200);
    expect((await postUpdate(update)).status).toBe(200);
    const stored = await storedByUpdate(update.update_id);
    expect(stored).toHaveLength(1);
    await botReply(stored[0]!.conversationId);
    await t.container.answers.idle();
    const all = await t.container.database.db.select().from(tables.messages).where(eq(tables.messages.conversationId, stored[0]!.conversationId));
    expect(all.filter((m) => m.senderType === "customer")).toHaveLength(1);
    // One answer (here the hand-off notice: the bot has no opening hours), each of its messages sent once.
    const botTexts = all.filter((m) => m.senderType !== "customer").map((m) => m.text);
    expect(botTexts.length).toBeGreaterThan(0);
    await expect.poll(() => fake.sentTo(502).map((call) => call.body.text), { timeout: 20_000 }).toEqual(botTexts);
  });

  it("refuses a wrong or missing secret token with 401 WEBHOOK_UNVERIFIED and stores nothing", async () => {
    const update = textUpdate(503, "let me in");
    for (const secret of ["wrong-secret-0123456789", null, ""]) {
      const res = await postUpdate(update, secret);
      expect(res.status).toBe(401);
      expect(((await res.json()) as { error: { code: string } }).error.code).toBe("WEBHOOK_UNVERIFIED");
    }
    expect(await storedByUpdate(update.update_id)).toHaveLength(0);
    // An inbox of another channel, or none, is not a Telegram inbox.
    const elsewhere = await fetch(`${t.url}/channels/telegram/${t.inboxId}`, { method: "POST", headers: { "content-type": "application/json", "x-telegram-bot-api-secret-token": SECRET }, body: JSON.stringify(update) });
    expect(elsewhere.status).toBe(404);
    expect(await storedByUpdate(update.update_id)).toHaveLength(0);
  });

  it("retries a 429 after the retry_after Telegram gives, then delivers", async () => {
    fake.script(601, [tooManyRequests(1)]);
    const update = textUpdate(601, "Hi there");
    expect((await postUpdate(update)).status).toBe(200);
    const [stored] = await storedByUpdate(update.update_id);
    const reply = await botReply(stored!.conversationId);
    await expect.poll(() => fake.sentTo(601).length, { timeout: 20_000 }).toBe(2);
    const [first, second] = fake.sentTo(601);
    // The backoff here is 50 ms: only Telegram's retry_after (1 s) explains the wait.
    expect(second!.at - first!.at).toBeGreaterThanOrEqual(950);
    expect(second!.body).toEqual(first!.body);
    await expect.poll(async () => (await deliveryOf(stored!.conversationId, reply.id))?.status, { timeout: 10_000 }).toBe("sent");
    expect((await deliveryOf(stored!.conversationId, reply.id))?.attempts).toBe(2);
  });

  it("marks a reply failed after five 500s, shows why on the message, and sends it when an agent retries", async () => {
    fake.script(701, [serverError, serverError, serverError, serverError, serverError]);
    const update = textUpdate(701, "Hello?");
    expect((await postUpdate(update)).status).toBe(200);
    const [stored] = await storedByUpdate(update.update_id);
    const conversationId = stored!.conversationId;
    const reply = await botReply(conversationId);
    await expect.poll(async () => (await deliveryOf(conversationId, reply.id))?.status, { timeout: 20_000 }).toBe("failed");
    expect(await deliveryOf(conversationId, reply.id)).toMatchObject({ status: "failed", attempts: 5, error: "Telegram answered 500: Internal Server Error" });
    expect(fake.sentTo(701)).toHaveLength(5);

    const retried = await api<{ data: MessageDTO }>(t.url, "POST", `/api/v1/conversations/${conversationId}/messages/${reply.id}/retry`, { cookie: admin });
    expect(retried.status).toBe(202);
    expect(retried.body.data.channelDelivery).toMatchObject({ status: "pending", attempts: 0 });
    await expect.poll(async () => (await deliveryOf(conversationId, reply.id))?.status, { timeout: 20_000 }).toBe("sent");
    expect(fake.sentTo(701)).toHaveLength(6);
    const again = await api<{ error: { code: string } }>(t.url, "POST", `/api/v1/conversations/${conversationId}/messages/${reply.id}/retry`, { cookie: admin });
    expect(again.status).toBe(409);
    expect(again.body.error.code).toBe("DELIVERY_NOT_FAILED");
  });

  it("retries when Telegram cannot be reached, and marks the reply failed with the network's reason", async () => {
    const closed = await freePort();
    const created = await api<{ data: InboxDTO }>(t.url, "POST", "/api/v1/inboxes", {
      cookie: admin,
      body: { name: "Unreachable bot", channel: "telegram", settings: { botToken: BOT_TOKEN, webhookSecret: SECRET, apiBaseUrl: `http://127.0.0.1:${closed}` } },
    });
    const update = textUpdate(751, "Do you ship to Norway?");
    const res = await fetch(`${t.url}/channels/telegram/${created.body.data.id}`, {
      method: "POST",
      headers: { "content-type": "application/json", "x-telegram-bot-api-secret-token": SECRET },
      body: JSON.stringify(update),
    });
    expect(res.status).toBe(200);
    const [stored] = await storedByUpdate(update.update_id);
    const reply = await botReply(stored!.conversationId);
    await expect.poll(async () => (await deliveryOf(stored!.conversationId, reply.id))?.status, { timeout: 20_000 }).toBe("failed");
    expect(await deliveryOf(stored!.conversationId, reply.id)).toMatchObject({ attempts: 5, error: "could not reach Telegram: ECONNREFUSED" });
  });

  it("delivers an agent's reply, and a second run of the job for a sent message sends nothing", async () => {
    const update = textUpdate(801, "Good morning");
    expect((await postUpdate(update)).status).toBe(200);
    const [stored] = await storedByUpdate(update.update_id);
    await botReply(stored!.conversationId);
    const sent = await api<{ data: MessageDTO }>(t.url, "POST", `/api/v1/conversations/${stored!.conversationId}/messages`, { cookie: admin, body: { text: "An agent here: how can I help?" } });
    expect(sent.status).toBe(201);
    expect(sent.body.data.channelDelivery).toMatchObject({ status: "pending" });
    await expect.poll(() => fake.sentTo(801).some((call) => call.body.text === "An agent here: how can I help?"), { timeout: 20_000 }).toBe(true);
    await expect.poll(async () => (await deliveryOf(stored!.conversationId, sent.body.data.id))?.status, { timeout: 10_000 }).toBe("sent");
    const before = fake.sentTo(801).length;
    await deliverMessage(t.container.deps, channelSenders(t.container.deps), sent.body.data.id, { number: 1, last: true });
    expect(fake.sentTo(801)).toHaveLength(before);
  });

  it("stores a photo as its caption (or [photo]) with the file's metadata, an edited message as a new message, and cuts an over-long text to 4,000 characters", async () => {
    const photo = [
      { file_id: "small-id", file_unique_id: "u1", width: 90, height: 60, file_size: 1200 },
      { file_id: "large-id", file_unique_id: "u2", width: 1280, height: 853, file_size: 98_000 },
    ];
    const captioned = { update_id: ++updateId, message: { message_id: 1, from: { id: 901, is_bot: false, first_name: "Bo" }, chat: { id: 901, type: "private" }, date: 1_765_000_000, photo, caption: "My parcel arrived broken" } };
    const bare = { update_id: ++updateId, message: { message_id: 2, from: { id: 901, is_bot: false, first_name: "Bo" }, chat: { id: 901, type: "private" }, date: 1_765_000_001, photo } };
    const long = { update_id: ++updateId, message: { message_id: 4, from: { id: 901, is_bot: false, first_name: "Bo" }, chat: { id: 901, type: "private" }, date: 1_765_000_002, text: "a".repeat(4096) } };
    const edited = { update_id: ++updateId, edited_message: { message_id: 1, from: { id: 901, is_bot: false, first_name: "Bo" }, chat: { id: 901, type: "private" }, date: 1_765_000_000, edit_date: 1_765_000_050, text: "My parcel arrived badly broken" } };
    for (const update of [captioned, bare, edited, long]) expect((await postUpdate(update)).status).toBe(200);
    const [first] = await storedByUpdate(captioned.update_id);
    expect(first!.text).toBe("My parcel arrived broken");
    expect(first!.metadata.attachments).toEqual([{ kind: "photo", providerFileId: "large-id", width: 1280, height: 853, size: 98_000 }]);
    expect((first!.metadata.raw as { update_id: number }).update_id).toBe(captioned.update_id);
    expect((await storedByUpdate(bare.update_id))[0]!.text).toBe("[photo]");
    // Telegram's longest message (4,096 characters) is kept to our 4,000, whole in the raw update.
    const [longest] = await storedByUpdate(long.update_id);
    expect(longest!.text).toHaveLength(4000);
    expect((longest!.metadata.raw as typeof long).message.text).toHaveLength(4096);
    const [edit] = await storedByUpdate(edited.update_id);
    expect(edit).toMatchObject({ text: "My parcel arrived badly broken", conversationId: first!.conversationId });
  });

  it("acknowledges updates that carry no customer message (a sticker, a callback) and stores nothing", async () => {
    const sticker = { update_id: ++updateId, message: { message_id: 3, from: { id: 902, is_bot: false, first_name: "Cy" }, chat: { id: 902, type: "private" }, date: 1, sticker: { file_id: "s" } } };
    const callback = { update_id: ++updateId, callback_query: { id: "cb", from: { id: 902, is_bot: false, first_name: "Cy" }, data: "x" } };
    for (const update of [sticker, callback]) expect((await postUpdate(update)).status).toBe(200);
    const rows = await t.container.database.db
      .select()
      .from(tables.messages)
      .where(and(eq(tables.messages.senderType, "customer"), eq(tables.messages.clientMsgId, `update:${sticker.update_id}`)));
    expect(rows).toHaveLength(0);
    expect(await storedByUpdate(callback.update_id)).toHaveLength(0);
    const malformed = await postUpdate({ message: "not an update" });
    expect(malformed.status).toBe(400);
  });
});
