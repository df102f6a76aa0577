import { createHmac, randomBytes } from "node:crypto";
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { InboxDTO } from "../../../src/contracts/channels.ts";
import { tables } from "../../../src/db/index.ts";
import { api } from "../../support/api-client.ts";
import { channelMessages } from "../../support/channel-messages.ts";
import { createTestApp, type TestApp } from "../../support/create-test-app.ts";
import { testEngines } from "../../support/engines.ts";
import { startFakeTwilio, twilioServerError, twilioTooManyRequests, type FakeTwilio } from "../../support/fake-twilio.ts";

const ACCOUNT_SID = `AC${"0123456789abcdef".repeat(2)}`;
const AUTH_TOKEN = "twilio-auth-token-0123456789";
const FROM_NUMBER = "+14155550100";
const PUBLIC_URL = "https://support.example.test";

/** Twilio's signature: base64 HMAC-SHA1 of the URL and the parameters sorted by name, each name+value (written out here as Twilio documents it). */
function sign(url: string, params: Record<string, string>, token = AUTH_TOKEN): string {
  const data = url + Object.keys(params).sort().map((name) => name + params[name]).join("");
  return createHmac("sha1", token).update(data).digest("base64");
}

/** An incoming SMS's parameters as Twilio posts them. */
function incomingSms(from: string, body: string): Record<string, string> {
  const sid = `SM${randomBytes(16).toString("hex")}`;
  return { ToCountry: "US", ToState: "CA", SmsMessageSid: sid, NumMedia: "0", ToCity: "SAN FRANCISCO", FromZip: "94105", SmsSid: sid, FromState: "CA", SmsStatus: "received", FromCity: "SAN FRANCISCO", Body: body, FromCountry: "US", To: FROM_NUMBER, ToZip: "94105", NumSegments: "1", MessageSid: sid, AccountSid: ACCOUNT_SID, From: from, ApiVersion: "2010-04-01" };
}

async function startSmsApp(database: NonNullable<Parameters<typeof createTestApp>[0]>["database"], fake: FakeTwilio, env: Record<string, string>) {
  const t = await createTestApp({ database, env: { DELIVERY_BACKOFF_MS: "50", ...env } });
  const admin = await t.login();
  const created = await api<{ data: InboxDTO }>(t.url, "POST", "/api/v1/inboxes", {
    cookie: admin,
    body: { name: "SMS", channel: "sms", settings: { accountSid: ACCOUNT_SID, authToken: AUTH_TOKEN, fromNumber: FROM_NUMBER, apiBaseUrl: fake.url } },
  });
  expect(created.status).toBe(201);
  return { t, admin, inbox: created.body.data };
}

describe.each(testEngines())("the SMS (Twilio) channel on $name, behind PUBLIC_URL", (engine) => {
  let t: TestApp;
  let fake: FakeTwilio;
  let admin: string;
  let inboxId: string;
  let webhookUrl: string;

  beforeAll(async () => {
    fake = await startFakeTwilio({ accountSid: ACCOUNT_SID, authToken: AUTH_TOKEN });
    let inbox: InboxDTO;
    ({ t, admin, inbox } = await startSmsApp(await engine.open(), fake, { PUBLIC_URL }));
    inboxId = inbox.id;
    webhookUrl = inbox.webhookUrl!;
    // The URL to give Twilio is the public one, and it is the one Twilio signs.
    expect(webhookUrl).toBe(`${PUBLIC_URL}/channels/sms/${inboxId}`);
  }, 120_000);
  afterAll(async () => {
    await t?.close();
    await fake?.close();
    await engine.cleanup();
  });

  /** Posts a form to the webhook, signed over the public URL (or `options.signedUrl`) with `options.token`; `tamper` changes a parameter after signing. */
  async function post(params: Record<string, string>, options: { token?: string | null; signedUrl?: string; tamper?: Record<string, string> } = {}): Promise<Response> {
    const signature: Record<string, string> = options.token === null ? {} : { "x-twilio-signature": sign(options.signedUrl ?? webhookUrl, params, options.token ?? AUTH_TOKEN) };
    return fetch(`${t.url}/channels/sms/${inboxId}`, {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded", ...signature },
      body: new URLSearchParams({ ...params, ...options.tamper }).toString(),
    });
  }

  async function stored(messageSid: string) {
    return t.container.database.db.select().from(tables.messages).where(eq(tables.messages.clientMsgId, messageSid));
  }

  const { botReply, deliveryOf } = channelMessages(() => ({ url: t.url, cookie: admin }));

  async function inbound(from: string, text: string): Promise<{ conversationId: string; sid: string }> {
    const params = incomingSms(from, text);
    const res = await post(params);
    expect(res.status).toBe(200);
    expect(await res.text()).toBe("<Response></Response>");
    const [row] = await stored(params.MessageSid!);
    return { conversationId: row!.conversationId, sid: params.MessageSid! };
  }

  it("stores an incoming SMS, and the bot's reply reaches the Messages API as a form with basic auth and a status callback", async () => {
    const { conversationId, sid } = await inbound("+14155551001", "Do you ship to Norway?");
    expect((await stored(sid))[0]).toMatchObject({ senderType: "customer", text: "Do you ship to Norway?" });
    const [conversation] = await t.container.database.db.select().from(tables.conversations).where(eq(tables.conversations.id, conversationId));
    expect(conversation).toMatchObject({ channel: "sms", inboxId, externalId: `${inboxId}:+14155551001` });
    const reply = await botReply(conversationId);
    await expect.poll(() => fake.sentTo("+14155551001").length, { timeout: 20_000 }).toBe(1);
    const [call] = fake.sentTo("+14155551001");
    expect(call!.headers["content-type"]).toMatch(/^application\/x-www-form-urlencoded/);
    expect(call!.body).toEqual({ To: "+14155551001", From: FROM_NUMBER, Body: reply.text, StatusCallback: webhookUrl });
    await expect.poll(async () => (await deliveryOf(conversationId, reply.id))?.status, { timeout: 10_000 }).toBe("sent");
  });

  it("stores Twilio's status callbacks on the reply: delivered, then undelivered with the error code", async () => {
    const { conversationId } = await inbound("+14155551002", "Hello there");
    const reply = await botReply(conversationId);
    await expect.poll(async () => (await deliveryOf(conversationId, reply.id))?.status, { timeout: 20_000 }).toBe("sent");
    const call = fake.sentTo("+14155551002").find((c) => c.body.Body === reply.text)!;
    const sid = (call.answer!.body as { sid: string }).sid;
    const callback = (status: string, extra: Record<string, string> = {}) => ({ SmsSid: sid, SmsStatus: status, MessageStatus: status, To: "+14155551002", MessageSid: sid, AccountSid: ACCOUNT_SID, From: FROM_NUMBER, ApiVersion: "2010-04-01", ...extra });
    expect((await post(callback("sent"))).status).toBe(200);
    expect((await deliveryOf(conversationId, reply.id))?.status).toBe("sent");
    expect((await post(callback("delivered"))).status).toBe(200);
    expect(await deliveryOf(conversationId, reply.id)).toMatchObject({ status: "delivered", attempts: 1 });
    expect((await post(callback("undelivered", { ErrorCode: "30003" }))).status).toBe(200);
    expect(await deliveryOf(conversationId, reply.id)).toMatchObject({ status: "failed", error: "Twilio reported undelivered: error 30003" });
  });

  it("stores a redelivered SMS (same MessageSid) once", async () => {
    const params = incomingSms("+14155551003", "What are your opening hours?");
    expect((await post(params)).status).toBe(200);
    expect((await post(params)).status).toBe(200);
    const rows = await stored(params.MessageSid!);
    expect(rows).toHaveLength(1);
    await botReply(rows[0]!.conversationId);
    await t.container.answers.idle();
    const all = await t.container.database.db.select().from(tables.messages).where(eq(tables.messages.conversationId, rows[0]!.conversationId));
    expect(all.filter((m) => m.senderType === "customer")).toHaveLength(1);
    const botTexts = all.filter((m) => m.senderType !== "customer").map((m) => m.text);
    await expect.poll(() => fake.sentTo("+14155551003").map((call) => call.body.Body), { timeout: 20_000 }).toEqual(botTexts);
  });

  it("refuses a tampered parameter, a wrong auth token, a missing signature and one over the internal URL with 401, storing nothing", async () => {
    const params = incomingSms("+14155551004", "let me in");
    const attempts = [
      await post(params, { tamper: { Body: "let me out" } }),
      await post(params, { token: "another-auth-token-000000" }),
      await post(params, { token: null }),
      // Behind PUBLIC_URL, Twilio signs the public URL: a signature over the address the server listens on is not it.
      await post(params, { signedUrl: `${t.url}/channels/sms/${inboxId}` }),
    ];
    for (const res of attempts) {
      expect(res.status).toBe(401);
      expect(((await res.json()) as { error: { code: string } }).error.code).toBe("WEBHOOK_UNVERIFIED");
    }
    expect(await stored(params.MessageSid!)).toHaveLength(0);
  });

  it("retries a 429 after its Retry-After, then delivers", async () => {
    fake.script("+14155551005", [twilioTooManyRequests(1)]);
    const { conversationId } = await inbound("+14155551005", "Hi there");
    const reply = await botReply(conversationId);
    await expect.poll(() => fake.sentTo("+14155551005").length, { timeout: 20_000 }).toBe(2);
    const [first, second] = fake.sentTo("+14155551005");
    expect(second!.at - first!.at).toBeGreaterThanOrEqual(950);
    await expect.poll(async () => (await deliveryOf(conversationId, reply.id))?.status, { timeout: 10_000 }).toBe("sent");
    expect((await deliveryOf(conversationId, reply.id))?.attempts).toBe(2);
  });

  it("marks a reply failed after five 500s, with Twilio's reason", async () => {
    fake.script("+14155551006", [twilioServerError, twilioServerError, twilioServerError, twilioServerError, twilioServerError]);
    const { conversationId } = await inbound("+14155551006", "Hello?");
    const reply = await botReply(conversationId);
    await expect.poll(async () => (await deliveryOf(conversationId, reply.id))?.status, { timeout: 20_000 }).toBe("failed");
    expect(await deliveryOf(conversationId, reply.id)).toMatchObject({ attempts: 5, error: "Twilio answered 500: Internal Server Error (error 20500)" });
    expect(fake.sentTo("+14155551006")).toHaveLength(5);
  });
});

describe("the SMS (Twilio) channel without PUBLIC_URL", () => {
  let t: TestApp;
  let fake: FakeTwilio;
  let inbox: InboxDTO;

  beforeAll(async () => {
    fake = await startFakeTwilio({ accountSid: ACCOUNT_SID, authToken: AUTH_TOKEN });
    ({ t, inbox } = await startSmsApp(undefined, fake, {}));
  }, 120_000);
  afterAll(async () => {
    await t?.close();
    await fake?.close();
  });

  it("verifies the signature over the request's own protocol and host, and sends no status callback URL", async () => {
    expect(inbox.webhookUrl).toBe(`${t.url}/channels/sms/${inbox.id}`);
    const params = incomingSms("+14155551101", "Do you ship to Norway?");
    const post = (url: string) =>
      fetch(`${t.url}/channels/sms/${inbox.id}`, { method: "POST", headers: { "content-type": "application/x-www-form-urlencoded", "x-twilio-signature": sign(url, params) }, body: new URLSearchParams(params).toString() });
    expect((await post(`${PUBLIC_URL}/channels/sms/${inbox.id}`)).status).toBe(401);
    expect((await post(inbox.webhookUrl!)).status).toBe(200);
    await expect.poll(() => fake.sentTo("+14155551101").length, { timeout: 20_000 }).toBeGreaterThan(0);
    expect(fake.sentTo("+14155551101")[0]!.body).not.toHaveProperty("StatusCallback");
  });
});
