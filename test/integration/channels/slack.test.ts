import { createHmac } from "node:crypto";
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { InboxDTO } from "../../../src/contracts/channels.ts";
import { tables } from "../../../src/db/index.ts";
import { api } from "../../support/api-client.ts";
import { channelMessages } from "../../support/channel-messages.ts";
import { createTestApp, type TestApp } from "../../support/create-test-app.ts";
import { testEngines } from "../../support/engines.ts";
import { rateLimited, slackRefusal, slackServerError, startFakeSlack, type FakeSlack } from "../../support/fake-slack.ts";

const BOT_TOKEN = "xoxb-17653672481-19874698323-pdFZKVeTuE8sk7oOcBrzbqgy";
const SIGNING_SECRET = "8f742231b10e8888abcd99yyyzzz85a5";
const CHANNEL = "C0SUPPORT1";

describe.each(testEngines())("the Slack channel on $name", (engine) => {
  let t: TestApp;
  let fake: FakeSlack;
  let admin: string;
  let inboxId: string;
  let n = 0;

  beforeAll(async () => {
    fake = await startFakeSlack();
    t = await createTestApp({ database: await engine.open(), env: { DELIVERY_BACKOFF_MS: "50" } });
    admin = await t.login();
    const created = await api<{ data: InboxDTO }>(t.url, "POST", "/api/v1/inboxes", {
      cookie: admin,
      body: { name: "Slack support", channel: "slack", settings: { botToken: BOT_TOKEN, signingSecret: SIGNING_SECRET, apiBaseUrl: fake.url } },
    });
    expect(created.status).toBe(201);
    inboxId = created.body.data.id;
    expect(created.body.data.webhookUrl).toBe(`${t.url}/channels/slack/${inboxId}`);
  }, 120_000);
  afterAll(async () => {
    await t?.close();
    await fake?.close();
    await engine.cleanup();
  });

  /** An event_callback with a message event as Slack sends it (a new event id and ts each time unless given). */
  function messageEvent(text: string, event: Record<string, unknown> = {}) {
    n += 1;
    const ts = `1765000${String(n).padStart(3, "0")}.000200`;
    return {
      token: "XXYYZZ",
      team_id: "T0TEAM",
      api_app_id: "A0APP",
      event: { type: "message", channel: CHANNEL, user: "U0CUSTOMER", text, ts, event_ts: ts, channel_type: "channel", ...event },
      type: "event_callback",
      event_id: `Ev0${n}PV`,
      event_time: 1765000000 + n,
    };
  }

  /** Posts a payload signed with `secret` at `timestamp` (seconds; now by default); `tamper` changes the body after signing. */
  async function post(payload: unknown, options: { secret?: string | null; timestamp?: number; tamper?: (raw: string) => string; headers?: Record<string, string> } = {}): Promise<Response> {
    const raw = JSON.stringify(payload);
    const timestamp = String(options.timestamp ?? Math.floor(Date.now() / 1000));
    const secret = options.secret === undefined ? SIGNING_SECRET : options.secret;
    const signature: Record<string, string> = secret === null ? {} : { "x-slack-signature": `v0=${createHmac("sha256", secret).update(`v0:${timestamp}:${raw}`).digest("hex")}` };
    return fetch(`${t.url}/channels/slack/${inboxId}`, {
      method: "POST",
      headers: { "content-type": "application/json", "x-slack-request-timestamp": timestamp, ...signature, ...options.headers },
      body: options.tamper ? options.tamper(raw) : raw,
    });
  }

  async function stored(eventId: string) {
    return t.container.database.db.select().from(tables.messages).where(eq(tables.messages.clientMsgId, `event:${eventId}`));
  }

  const { botReply, deliveryOf } = channelMessages(() => ({ url: t.url, cookie: admin }));

  /** Posts a user's message and returns its conversation and thread ts. */
  async function inbound(text: string): Promise<{ conversationId: string; ts: string }> {
    const payload = messageEvent(text);
    expect((await post(payload)).status).toBe(200);
    const [row] = await stored(payload.event_id);
    return { conversationId: row!.conversationId, ts: payload.event.ts };
  }

  it("answers url_verification with the challenge", async () => {
    const res = await post({ token: "Jhj5dZrVaK7ZwHHjRyZWjbDl", challenge: "3eZbrw1aBm2rZgRNFdxV2595E9CY3gmdALWMmHkvFXO7tYXAYM8P", type: "url_verification" });
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ challenge: "3eZbrw1aBm2rZgRNFdxV2595E9CY3gmdALWMmHkvFXO7tYXAYM8P" });
  });

  it("stores a user's message, and the bot's reply is posted in its thread with the bot token", async () => {
    const { conversationId, ts } = await inbound("Do you ship to Norway?");
    const [conversation] = await t.container.database.db.select().from(tables.conversations).where(eq(tables.conversations.id, conversationId));
    expect(conversation).toMatchObject({ channel: "slack", inboxId, externalId: `${inboxId}:${CHANNEL}:${ts}` });
    const reply = await botReply(conversationId);
    await expect.poll(() => fake.postedIn(ts).length, { timeout: 20_000 }).toBe(1);
    const [call] = fake.postedIn(ts);
    expect(call!.headers.authorization).toBe(`Bearer ${BOT_TOKEN}`);
    expect(call!.body).toEqual({ channel: CHANNEL, text: reply.text, thread_ts: ts });
    await expect.poll(async () => (await deliveryOf(conversationId, reply.id))?.status, { timeout: 10_000 }).toBe("sent");

    // The customer's answer in the thread joins the conversation.
    const followUp = messageEvent("Thanks, and to Sweden?", { thread_ts: ts });
    expect((await post(followUp)).status).toBe(200);
    expect((await stored(followUp.event_id))[0]!.conversationId).toBe(conversationId);
  });

  it("stores an event Slack retries (X-Slack-Retry-Num) once", async () => {
    const payload = messageEvent("What are your opening hours?");
    expect((await post(payload)).status).toBe(200);
    expect((await post(payload, { headers: { "x-slack-retry-num": "1", "x-slack-retry-reason": "http_timeout" } })).status).toBe(200);
    const rows = await stored(payload.event_id);
    expect(rows).toHaveLength(1);
    await botReply(rows[0]!.conversationId);
    await t.container.answers.idle();
    const all = await t.container.database.db.select().from(tables.messages).where(eq(tables.messages.conversationId, rows[0]!.conversationId));
    expect(all.filter((m) => m.senderType === "customer")).toHaveLength(1);
    const botTexts = all.filter((m) => m.senderType !== "customer").map((m) => m.text);
    await expect.poll(() => fake.postedIn(payload.event.ts).map((call) => call.body.text), { timeout: 20_000 }).toEqual(botTexts);
  });

  it("ignores bots' messages (our own replies among them) and edits, acknowledging them", async () => {
    const ours = messageEvent("An answer from the bot", { bot_id: "B0FAKE", subtype: "bot_message", user: undefined });
    const botWithUser = messageEvent("Another bot", { bot_id: "B0OTHER" });
    const edit = messageEvent("edited", { subtype: "message_changed" });
    for (const payload of [ours, botWithUser, edit]) expect((await post(payload)).status).toBe(200);
    for (const payload of [ours, botWithUser, edit]) expect(await stored(payload.event_id)).toHaveLength(0);
  });

  it("refuses a tampered body, a wrong signing secret, a missing signature and a stale timestamp with 401, storing nothing", async () => {
    const payload = messageEvent("let me in");
    const attempts = [
      await post(payload, { tamper: (raw) => raw.replace("let me in", "let me out") }),
      await post(payload, { secret: "another-signing-secret-0000" }),
      await post(payload, { secret: null }),
      await post(payload, { timestamp: Math.floor(Date.now() / 1000) - 6 * 60 }),
    ];
    for (const res of attempts) {
      expect(res.status).toBe(401);
      expect(((await res.json()) as { error: { code: string } }).error.code).toBe("WEBHOOK_UNVERIFIED");
    }
    expect(await stored(payload.event_id)).toHaveLength(0);
    expect((await fetch(`${t.url}/channels/slack/${t.inboxId}`, { method: "POST", body: "{}" })).status).toBe(404);
  });

  it("retries a 429 after its Retry-After, then delivers", async () => {
    const payload = messageEvent("Hi there");
    fake.script(payload.event.ts, [rateLimited(1)]);
    expect((await post(payload)).status).toBe(200);
    const conversationId = (await stored(payload.event_id))[0]!.conversationId;
    const reply = await botReply(conversationId);
    await expect.poll(() => fake.postedIn(payload.event.ts).length, { timeout: 20_000 }).toBe(2);
    const [first, second] = fake.postedIn(payload.event.ts);
    expect(second!.at - first!.at).toBeGreaterThanOrEqual(950);
    await expect.poll(async () => (await deliveryOf(conversationId, reply.id))?.status, { timeout: 10_000 }).toBe("sent");
    expect((await deliveryOf(conversationId, reply.id))?.attempts).toBe(2);
  });

  it("marks a reply failed after five 500s", async () => {
    const payload = messageEvent("Hello?");
    fake.script(payload.event.ts, [slackServerError, slackServerError, slackServerError, slackServerError, slackServerError]);
    expect((await post(payload)).status).toBe(200);
    const conversationId = (await stored(payload.event_id))[0]!.conversationId;
    const reply = await botReply(conversationId);
    await expect.poll(async () => (await deliveryOf(conversationId, reply.id))?.status, { timeout: 20_000 }).toBe("failed");
    expect(await deliveryOf(conversationId, reply.id)).toMatchObject({ attempts: 5, error: "Slack answered 500: internal_error" });
    expect(fake.postedIn(payload.event.ts)).toHaveLength(5);
  });

  it("fails a reply at once when Slack answers ok: false (the bot is not in the channel)", async () => {
    const payload = messageEvent("Good morning");
    fake.script(payload.event.ts, [slackRefusal("not_in_channel")]);
    expect((await post(payload)).status).toBe(200);
    const conversationId = (await stored(payload.event_id))[0]!.conversationId;
    const reply = await botReply(conversationId);
    await expect.poll(async () => (await deliveryOf(conversationId, reply.id))?.status, { timeout: 20_000 }).toBe("failed");
    expect(await deliveryOf(conversationId, reply.id)).toMatchObject({ attempts: 1, error: "Slack answered 200: not_in_channel" });
  });
});
