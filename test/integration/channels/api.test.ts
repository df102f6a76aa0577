import { createHmac } from "node:crypto";
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { InboxDTO } from "../../../src/contracts/channels.ts";
import { tables } from "../../../src/db/index.ts";
import { api } from "../../support/api-client.ts";
import { channelMessages } from "../../support/channel-messages.ts";
import { createTestApp, type TestApp } from "../../support/create-test-app.ts";
import { startFakeIntegrator, type FakeIntegrator } from "../../support/fake-integrator.ts";

const WEBHOOK_SECRET = "integrator-webhook-secret-0123";

type Stored = { data: { id: string; conversationId: string } };
type ErrorBody = { error: { code: string; fields?: Record<string, string> } };

describe("the API channel", () => {
  let t: TestApp;
  let fake: FakeIntegrator;
  let admin: string;
  let inbox: InboxDTO;
  let token: string;

  beforeAll(async () => {
    fake = await startFakeIntegrator();
    t = await createTestApp({ env: { DELIVERY_BACKOFF_MS: "50" } });
    admin = await t.login();
    const created = await api<{ data: InboxDTO }>(t.url, "POST", "/api/v1/inboxes", {
      cookie: admin,
      body: { name: "Our app", channel: "api", settings: { webhookUrl: `${fake.url}/hooks/switchboard`, webhookSecret: WEBHOOK_SECRET } },
    });
    expect(created.status).toBe(201);
    inbox = created.body.data;
    token = inbox.inboxToken!;
  }, 120_000);
  afterAll(async () => {
    await t?.close();
    await fake?.close();
  });

  /** Posts a customer message as the integrator does, with `headers` carrying the token (Bearer by default). */
  async function post(body: unknown, headers: Record<string, string> = { authorization: `Bearer ${token}` }): Promise<Response> {
    return fetch(`${t.url}/channels/api/${inbox.id}`, { method: "POST", headers: { "content-type": "application/json", ...headers }, body: JSON.stringify(body) });
  }

  async function storedByMessageId(messageId: string) {
    return t.container.database.db.select().from(tables.messages).where(eq(tables.messages.clientMsgId, messageId));
  }

  const { botReply, deliveryOf } = channelMessages(() => ({ url: t.url, cookie: admin }));

  it("gives the inbox's token once, at creation: the inbox list never shows it", async () => {
    expect(token).toMatch(/^sbi_[A-Za-z0-9_-]{43}$/);
    expect(inbox).toMatchObject({ channel: "api", enabled: true, webhookUrl: `${t.url}/channels/api/${inbox.id}`, configured: ["webhookSecret", "webhookUrl"] });
    const list = await api<{ data: InboxDTO[] }>(t.url, "GET", "/api/v1/inboxes", { cookie: admin });
    const listed = list.body.data.find((i) => i.id === inbox.id)!;
    expect(listed.inboxToken).toBeUndefined();
    expect(JSON.stringify(list.body)).not.toContain(token);
  });

  it("stores a posted customer message (202 with its id), and posts the bot's reply to webhookUrl signed with HMAC-SHA256 of timestamp.body", async () => {
    const res = await post({ contactId: "user-42", name: "Grace Hopper", text: "Do you ship to Norway?", messageId: "msg-1" });
    expect(res.status).toBe(202);
    const { data } = (await res.json()) as Stored;
    const [stored] = await storedByMessageId("msg-1");
    expect(stored).toMatchObject({ id: data.id, conversationId: data.conversationId, senderType: "customer", text: "Do you ship to Norway?" });
    const [conversation] = await t.container.database.db.select().from(tables.conversations).where(eq(tables.conversations.id, data.conversationId));
    expect(conversation).toMatchObject({ channel: "api", inboxId: inbox.id });

    const reply = await botReply(data.conversationId);
    await expect.poll(() => fake.repliesTo("user-42").length, { timeout: 20_000 }).toBe(1);
    const [call] = fake.repliesTo("user-42");
    expect(call!.body).toEqual({
      event: "message.created",
      id: reply.id,
      inboxId: inbox.id,
      conversationId: data.conversationId,
      contactId: "user-42",
      text: reply.text,
      sender: reply.sender.name ? { type: reply.sender.type, name: reply.sender.name } : { type: reply.sender.type },
      createdAt: reply.createdAt,
    });
    // What an integrator checks: the signature over "<timestamp>.<raw body>" with the inbox's webhookSecret.
    const timestamp = String(call!.headers["x-switchboard-timestamp"]);
    expect(Math.abs(Date.now() / 1000 - Number(timestamp))).toBeLessThan(300);
    const expected = `sha256=${createHmac("sha256", WEBHOOK_SECRET).update(`${timestamp}.${call!.raw}`).digest("hex")}`;
    expect(call!.headers["x-switchboard-signature"]).toBe(expected);
    await expect.poll(async () => (await deliveryOf(data.conversationId, reply.id))?.status, { timeout: 10_000 }).toBe("sent");
  });

  it("stores a message posted again with the same messageId once, and answers with the same id", async () => {
    const body = { contactId: "user-43", text: "Hello there", messageId: "msg-repeat" };
    const first = (await (await post(body)).json()) as Stored;
    const second = await post(body);
    expect(second.status).toBe(202);
    expect(((await second.json()) as Stored).data.id).toBe(first.data.id);
    expect(await storedByMessageId("msg-repeat")).toHaveLength(1);
  });

  it("refuses a wrong or missing token with 401 WEBHOOK_UNVERIFIED and stores nothing; X-Inbox-Token works too; a replaced token stops working", async () => {
    const body = (messageId: string) => ({ contactId: "user-44", text: "let me in", messageId });
    const wrong: Record<string, string>[] = [{ authorization: "Bearer sbi_wrong" }, {}, { "x-inbox-token": "" }, { authorization: `Basic ${token}` }];
    for (const headers of wrong) {
      const res = await post(body("msg-denied"), headers);
      expect(res.status).toBe(401);
      expect(((await res.json()) as ErrorBody).error.code).toBe("WEBHOOK_UNVERIFIED");
    }
    expect(await storedByMessageId("msg-denied")).toHaveLength(0);
    expect((await post(body("msg-header"), { "x-inbox-token": token })).status).toBe(202);

    const rotated = await api<{ data: { inboxToken: string } }>(t.url, "POST", `/api/v1/inboxes/${inbox.id}/token`, { cookie: admin });
    expect(rotated.status).toBe(201);
    const old = token;
    token = rotated.body.data.inboxToken;
    expect(token).not.toBe(old);
    expect((await post(body("msg-old-token"), { authorization: `Bearer ${old}` })).status).toBe(401);
    expect((await post(body("msg-new-token"))).status).toBe(202);
    expect(await storedByMessageId("msg-old-token")).toHaveLength(0);
  });

  it("refuses a bad body with 400 VALIDATION_FAILED naming the field, and stores nothing", async () => {
    const cases: [Record<string, unknown>, string][] = [
      [{ text: "hi", messageId: "bad-1" }, "contactId"],
      [{ contactId: "user-45", text: "hi" }, "messageId"],
      [{ contactId: "user-45", text: 42, messageId: "bad-3" }, "text"],
      [{ contactId: "user-45", text: "hi", messageId: "bad-4", email: "not-an-email" }, "email"],
      [{ contactId: "user-45", text: "hi", messageId: "bad-5", phone: "call me" }, "phone"],
    ];
    for (const [body, field] of cases) {
      const res = await post(body);
      expect(res.status).toBe(400);
      const error = ((await res.json()) as ErrorBody).error;
      expect(error.code).toBe("VALIDATION_FAILED");
      expect(Object.keys(error.fields ?? {})).toContain(field);
    }
    const conversations = await t.container.database.db.select().from(tables.conversations).where(eq(tables.conversations.externalId, `${inbox.id}:user-45`));
    expect(conversations).toHaveLength(0);
    const unknown = await fetch(`${t.url}/channels/api/no-such-inbox`, { method: "POST", headers: { "content-type": "application/json", authorization: `Bearer ${token}` }, body: "{}" });
    expect(unknown.status).toBe(404);
  });

  it("retries a reply the webhook answers 503 (after its Retry-After) and delivers it; a 400 fails at once", async () => {
    fake.script("user-46", [{ status: 503, headers: { "retry-after": "1" }, body: {} }]);
    const sent = (await (await post({ contactId: "user-46", text: "Hi there", messageId: "msg-46" })).json()) as Stored;
    const reply = await botReply(sent.data.conversationId);
    await expect.poll(async () => (await deliveryOf(sent.data.conversationId, reply.id))?.status, { timeout: 20_000 }).toBe("sent");
    expect(await deliveryOf(sent.data.conversationId, reply.id)).toMatchObject({ attempts: 2 });
    const [first, second] = fake.repliesTo("user-46");
    expect(second!.at - first!.at).toBeGreaterThanOrEqual(950);

    fake.script("user-47", [{ status: 400, body: { error: "unknown contact" } }]);
    const refused = (await (await post({ contactId: "user-47", text: "Hi there", messageId: "msg-47" })).json()) as Stored;
    const refusedReply = await botReply(refused.data.conversationId);
    await expect.poll(async () => (await deliveryOf(refused.data.conversationId, refusedReply.id))?.status, { timeout: 20_000 }).toBe("failed");
    expect(await deliveryOf(refused.data.conversationId, refusedReply.id)).toMatchObject({ attempts: 1, error: "the API channel's webhook answered 400" });
  });

  it("answers 409 INBOX_DISABLED while an admin has the inbox disabled, storing nothing", async () => {
    const off = await api<{ data: InboxDTO }>(t.url, "PATCH", `/api/v1/inboxes/${inbox.id}`, { cookie: admin, body: { enabled: false } });
    expect(off.body.data.enabled).toBe(false);
    const res = await post({ contactId: "user-48", text: "anyone?", messageId: "msg-48" });
    expect(res.status).toBe(409);
    expect(((await res.json()) as ErrorBody).error.code).toBe("INBOX_DISABLED");
    expect(await storedByMessageId("msg-48")).toHaveLength(0);
    await api(t.url, "PATCH", `/api/v1/inboxes/${inbox.id}`, { cookie: admin, body: { enabled: true } });
    expect((await post({ contactId: "user-48", text: "anyone?", messageId: "msg-48" })).status).toBe(202);
  });
});
