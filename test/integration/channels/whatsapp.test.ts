import { createHmac } from "node:crypto";
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { MessageDTO } from "../../../src/contracts/api.ts";
import type { InboxDTO } from "../../../src/contracts/channels.ts";
import { OUTSIDE_WINDOW } from "../../../src/channels/whatsapp/outbound.ts";
import { tables } from "../../../src/db/index.ts";
import { api } from "../../support/api-client.ts";
import { channelMessages } from "../../support/channel-messages.ts";
import { createTestApp, type TestApp } from "../../support/create-test-app.ts";
import { testEngines } from "../../support/engines.ts";
import { metaServerError, startFakeWhatsapp, tooManyMessages, type FakeWhatsapp } from "../../support/fake-whatsapp.ts";

const PHONE_NUMBER_ID = "106540352242922";
const APP_SECRET = "app-secret-0123456789abcdef";
const VERIFY_TOKEN = "verify-token-0123";
const ACCESS_TOKEN = "EAAJB-access-token";

describe.each(testEngines())("the WhatsApp channel on $name", (engine) => {
  let t: TestApp;
  let fake: FakeWhatsapp;
  let admin: string;
  let inboxId: string;
  let n = 0;

  beforeAll(async () => {
    fake = await startFakeWhatsapp();
    t = await createTestApp({ database: await engine.open(), env: { DELIVERY_BACKOFF_MS: "50" } });
    admin = await t.login();
    const created = await api<{ data: InboxDTO }>(t.url, "POST", "/api/v1/inboxes", {
      cookie: admin,
      body: { name: "WhatsApp", channel: "whatsapp", settings: { phoneNumberId: PHONE_NUMBER_ID, accessToken: ACCESS_TOKEN, appSecret: APP_SECRET, verifyToken: VERIFY_TOKEN, apiBaseUrl: fake.url } },
    });
    expect(created.status).toBe(201);
    inboxId = created.body.data.id;
    expect(created.body.data.webhookUrl).toBe(`${t.url}/channels/whatsapp/${inboxId}`);
  }, 120_000);
  afterAll(async () => {
    await t?.close();
    await fake?.close();
    await engine.cleanup();
  });

  /** A notification as the Cloud API sends it, with one value under entry[0].changes[0]. */
  function notification(value: Record<string, unknown>) {
    return { object: "whatsapp_business_account", entry: [{ id: "102290129340398", changes: [{ field: "messages", value: { messaging_product: "whatsapp", metadata: { display_phone_number: "15550783881", phone_number_id: PHONE_NUMBER_ID }, ...value } }] }] };
  }

  /** A text message from a user (its wamid new each time). */
  function textMessage(waId: string, text: string) {
    const wamid = `wamid.HBgLMTY1MDM4Nzk0MzkVAgASGBQzQTRBNjU5OUFFRTAzODEwMTQ0RgA${++n}`;
    const body = notification({ contacts: [{ profile: { name: "Kerry Fisher" }, wa_id: waId }], messages: [{ from: waId, id: wamid, timestamp: "1749416383", type: "text", text: { body: text } }] });
    return { wamid, body };
  }

  /** Posts a notification, signed with `secret` (no header when null); `tamper` changes the body after signing. */
  async function post(body: unknown, secret: string | null = APP_SECRET, tamper?: (raw: string) => string): Promise<Response> {
    const raw = JSON.stringify(body);
    const signature = secret === null ? undefined : `sha256=${createHmac("sha256", secret).update(raw).digest("hex")}`;
    return fetch(`${t.url}/channels/whatsapp/${inboxId}`, {
      method: "POST",
      headers: { "content-type": "application/json", ...(signature ? { "x-hub-signature-256": signature } : {}) },
      body: tamper ? tamper(raw) : raw,
    });
  }

  async function stored(wamid: string) {
    return t.container.database.db.select().from(tables.messages).where(eq(tables.messages.clientMsgId, wamid));
  }

  const { botReply, deliveryOf } = channelMessages(() => ({ url: t.url, cookie: admin }));

  /** The wamid the fake gave a text sent to a user. */
  function wamidSentTo(waId: string, text: string): string {
    const call = fake.sentTo(waId).find((c) => (c.body.text as { body: string }).body === text);
    return (call!.answer!.body as { messages: { id: string }[] }).messages[0]!.id;
  }

  /** A customer message stored, and the conversation it opened. */
  async function inbound(waId: string, text: string): Promise<{ conversationId: string; wamid: string }> {
    const message = textMessage(waId, text);
    expect((await post(message.body)).status).toBe(200);
    const [row] = await stored(message.wamid);
    return { conversationId: row!.conversationId, wamid: message.wamid };
  }

  it("answers Meta's verification challenge with the verify token, and refuses a wrong one with 403", async () => {
    const verify = (query: Record<string, string | undefined>) => fetch(`${t.url}/channels/whatsapp/${inboxId}?${new URLSearchParams(Object.entries(query).filter((e): e is [string, string] => e[1] !== undefined))}`);
    const ok = await verify({ "hub.mode": "subscribe", "hub.verify_token": VERIFY_TOKEN, "hub.challenge": "1158201444" });
    expect(ok.status).toBe(200);
    expect(ok.headers.get("content-type")).toMatch(/^text\/plain/);
    expect(await ok.text()).toBe("1158201444");
    for (const query of [{ "hub.mode": "subscribe", "hub.verify_token": "wrong-token-000", "hub.challenge": "1" }, { "hub.mode": "unsubscribe", "hub.verify_token": VERIFY_TOKEN, "hub.challenge": "1" }, { "hub.challenge": "1" }]) {
      const refused = await verify(query);
      expect(refused.status).toBe(403);
      expect(await refused.text()).not.toBe("1");
    }
    expect((await fetch(`${t.url}/channels/whatsapp/${t.inboxId}?hub.mode=subscribe&hub.verify_token=${VERIFY_TOKEN}&hub.challenge=1`)).status).toBe(404);
  });

  it("stores a text message as the customer's, and the bot's reply reaches the Cloud API with the access token and {messaging_product, to, type, text}", async () => {
    const { conversationId, wamid } = await inbound("16505551234", "Do you ship to Norway?");
    const [row] = await stored(wamid);
    expect(row).toMatchObject({ senderType: "customer", text: "Do you ship to Norway?" });
    const [conversation] = await t.container.database.db.select().from(tables.conversations).where(eq(tables.conversations.id, conversationId));
    expect(conversation).toMatchObject({ channel: "whatsapp", inboxId, externalId: `${inboxId}:16505551234` });
    const [customer] = await t.container.database.db.select().from(tables.customers).where(eq(tables.customers.id, conversation!.customerId));
    expect(customer!.name).toBe("Kerry Fisher");

    const reply = await botReply(conversationId);
    await expect.poll(() => fake.sentTo("16505551234").length, { timeout: 20_000 }).toBe(1);
    const [call] = fake.sentTo("16505551234");
    expect(call!.path).toBe(`/v21.0/${PHONE_NUMBER_ID}/messages`);
    expect(call!.headers.authorization).toBe(`Bearer ${ACCESS_TOKEN}`);
    expect(call!.body).toEqual({ messaging_product: "whatsapp", recipient_type: "individual", to: "16505551234", type: "text", text: { body: reply.text } });
    await expect.poll(async () => (await deliveryOf(conversationId, reply.id))?.status, { timeout: 10_000 }).toBe("sent");
    // The wamid WhatsApp gave the reply is kept: status updates name it.
    const [sentRow] = await t.container.database.db.select().from(tables.messages).where(eq(tables.messages.id, reply.id));
    expect(sentRow!.delivery?.externalId).toBe(wamidSentTo("16505551234", reply.text));
  });

  it("stores the status updates WhatsApp sends (delivered, read) on the reply, never moving it back", async () => {
    const { conversationId } = await inbound("16505552345", "Hello there");
    const reply = await botReply(conversationId);
    await expect.poll(async () => (await deliveryOf(conversationId, reply.id))?.status, { timeout: 20_000 }).toBe("sent");
    const wamid = wamidSentTo("16505552345", reply.text);
    const status = (s: string) => notification({ statuses: [{ id: wamid, status: s, timestamp: "1749416400", recipient_id: "16505552345", conversation: { id: "c1", origin: { type: "service" } }, pricing: { billable: true, pricing_model: "PMP", category: "service" } }] });
    expect((await post(status("delivered"))).status).toBe(200);
    expect(await deliveryOf(conversationId, reply.id)).toMatchObject({ status: "delivered", attempts: 1 });
    expect((await post(status("read"))).status).toBe(200);
    expect((await deliveryOf(conversationId, reply.id))?.status).toBe("read");
    // A late "delivered" (notifications are not ordered) leaves it read.
    expect((await post(status("delivered"))).status).toBe(200);
    expect((await deliveryOf(conversationId, reply.id))?.status).toBe("read");
  });

  it("stores a failed status with WhatsApp's reason", async () => {
    const { conversationId } = await inbound("16505553456", "Hi");
    const reply = await botReply(conversationId);
    await expect.poll(async () => (await deliveryOf(conversationId, reply.id))?.status, { timeout: 20_000 }).toBe("sent");
    const wamid = wamidSentTo("16505553456", reply.text);
    const failed = notification({ statuses: [{ id: wamid, status: "failed", timestamp: "1749416400", recipient_id: "16505553456", errors: [{ code: 131026, title: "Message undeliverable", message: "Message undeliverable" }] }] });
    expect((await post(failed)).status).toBe(200);
    expect(await deliveryOf(conversationId, reply.id)).toMatchObject({ status: "failed", error: "WhatsApp reported failed: 131026 Message undeliverable" });
  });

  it("stores a redelivered notification once", async () => {
    const message = textMessage("16505554567", "What are your opening hours?");
    expect((await post(message.body)).status).toBe(200);
    expect((await post(message.body)).status).toBe(200);
    const rows = await stored(message.wamid);
    expect(rows).toHaveLength(1);
    await botReply(rows[0]!.conversationId);
    await t.container.answers.idle();
    const all = await t.container.database.db.select().from(tables.messages).where(eq(tables.messages.conversationId, rows[0]!.conversationId));
    expect(all.filter((m) => m.senderType === "customer")).toHaveLength(1);
    const botTexts = all.filter((m) => m.senderType !== "customer").map((m) => m.text);
    await expect.poll(() => fake.sentTo("16505554567").map((call) => (call.body.text as { body: string }).body), { timeout: 20_000 }).toEqual(botTexts);
  });

  it("refuses a tampered body, a wrong app secret and a missing signature with 401 WEBHOOK_UNVERIFIED, storing nothing", async () => {
    const message = textMessage("16505555678", "let me in");
    const attempts = [
      await post(message.body, APP_SECRET, (raw) => raw.replace("let me in", "let me out")),
      await post(message.body, "another-app-secret-0000"),
      await post(message.body, null),
    ];
    for (const res of attempts) {
      expect(res.status).toBe(401);
      expect(((await res.json()) as { error: { code: string } }).error.code).toBe("WEBHOOK_UNVERIFIED");
    }
    expect(await stored(message.wamid)).toHaveLength(0);
  });

  it("retries a 429 after its Retry-After, then delivers", async () => {
    fake.script("16505556789", [tooManyMessages(1)]);
    const { conversationId } = await inbound("16505556789", "Hi there");
    const reply = await botReply(conversationId);
    await expect.poll(() => fake.sentTo("16505556789").length, { timeout: 20_000 }).toBe(2);
    const [first, second] = fake.sentTo("16505556789");
    expect(second!.at - first!.at).toBeGreaterThanOrEqual(950);
    await expect.poll(async () => (await deliveryOf(conversationId, reply.id))?.status, { timeout: 10_000 }).toBe("sent");
    expect((await deliveryOf(conversationId, reply.id))?.attempts).toBe(2);
  });

  it("marks a reply failed after five 500s, with WhatsApp's reason", async () => {
    fake.script("16505557890", [metaServerError, metaServerError, metaServerError, metaServerError, metaServerError]);
    const { conversationId } = await inbound("16505557890", "Hello?");
    const reply = await botReply(conversationId);
    await expect.poll(async () => (await deliveryOf(conversationId, reply.id))?.status, { timeout: 20_000 }).toBe("failed");
    expect(await deliveryOf(conversationId, reply.id)).toMatchObject({ status: "failed", attempts: 5, error: "WhatsApp answered 500: (#131000) Something went wrong (code 131000)" });
    expect(fake.sentTo("16505557890")).toHaveLength(5);
  });

  it("fails an agent's reply at once, without calling WhatsApp, when the customer last wrote more than 24 hours ago", async () => {
    const { conversationId, wamid } = await inbound("16505558901", "Good morning");
    await botReply(conversationId);
    await t.container.answers.idle();
    await expect.poll(() => fake.sentTo("16505558901").length, { timeout: 20_000 }).toBeGreaterThan(0);
    const before = fake.sentTo("16505558901").length;
    // The customer's message is now 25 hours old.
    await t.container.database.db.update(tables.messages).set({ createdAt: new Date(Date.now() - 25 * 3600_000) }).where(eq(tables.messages.clientMsgId, wamid));
    const sent = await api<{ data: MessageDTO }>(t.url, "POST", `/api/v1/conversations/${conversationId}/messages`, { cookie: admin, body: { text: "Sorry for the wait: how can I help?" } });
    expect(sent.status).toBe(201);
    await expect.poll(async () => (await deliveryOf(conversationId, sent.body.data.id))?.status, { timeout: 20_000 }).toBe("failed");
    expect(await deliveryOf(conversationId, sent.body.data.id)).toMatchObject({ attempts: 1, error: OUTSIDE_WINDOW });
    expect(fake.sentTo("16505558901")).toHaveLength(before);
  });

  it("acknowledges notifications for another phone number, and messages that are not text, storing nothing", async () => {
    const other = { object: "whatsapp_business_account", entry: [{ id: "1", changes: [{ field: "messages", value: { metadata: { phone_number_id: "999" }, messages: [{ from: "16505559012", id: "wamid.other", type: "text", text: { body: "hi" } }] } }] }] };
    const image = notification({ messages: [{ from: "16505559012", id: "wamid.image", type: "image", image: { id: "img1", mime_type: "image/jpeg" } }] });
    for (const body of [other, image]) expect((await post(body)).status).toBe(200);
    expect(await stored("wamid.other")).toHaveLength(0);
    expect(await stored("wamid.image")).toHaveLength(0);
    expect((await post({ entry: "nope" })).status).toBe(400);
  });
});
