import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { CredentialCheckDTO, InboxDTO, TestMessageDTO } from "../../../src/contracts/channels.ts";
import { createHmac } from "node:crypto";
import { TEST_MESSAGE_TEXT } from "../../../src/channels/inbox-checks.ts";
import { freePort } from "../../../src/queue/index.ts";
import { api } from "../../support/api-client.ts";
import { AGENT_PASSWORD, createTestApp, type TestApp } from "../../support/create-test-app.ts";
import { FAKE_SLACK_TEAM, startFakeSlack, type FakeSlack } from "../../support/fake-slack.ts";
import { startFakeIntegrator, type FakeIntegrator } from "../../support/fake-integrator.ts";
import { startFakeTelegram, type FakeTelegram } from "../../support/fake-telegram.ts";
import { FAKE_TWILIO_ACCOUNT_NAME, startFakeTwilio, type FakeTwilio } from "../../support/fake-twilio.ts";
import { FAKE_WHATSAPP_NUMBER, startFakeWhatsapp, type FakeWhatsapp } from "../../support/fake-whatsapp.ts";
import { startSmtpSink, type SmtpSink } from "../../support/smtp-sink.ts";

const TELEGRAM_TOKEN = "123456789:AAHdqTcvCH1vGWJxfSeofSAs0K5PALDsaw";
const SLACK_TOKEN = "xoxb-17653672481-19874698323-pdFZKVeTuE8sk7oOcBrzbqgy";
const ACCOUNT_SID = `AC${"0123456789abcdef".repeat(2)}`;
const AUTH_TOKEN = "twilio-auth-token-0123456789";
const WHATSAPP_TOKEN = "EAAG-whatsapp-access-token";
const SMTP_LOGIN = { user: "relay-user", pass: "relay-password" };

describe("checking an inbox's credentials with its provider (POST /api/v1/inboxes/:id/verify) and sending a test message", () => {
  let t: TestApp;
  let admin: string;
  let telegram: FakeTelegram;
  let slack: FakeSlack;
  let twilio: FakeTwilio;
  let whatsapp: FakeWhatsapp;
  let smtp: SmtpSink;
  let integrator: FakeIntegrator;

  beforeAll(async () => {
    [telegram, slack, twilio, whatsapp, smtp, integrator] = await Promise.all([
      startFakeTelegram({ botToken: TELEGRAM_TOKEN }),
      startFakeSlack({ botToken: SLACK_TOKEN }),
      startFakeTwilio({ accountSid: ACCOUNT_SID, authToken: AUTH_TOKEN }),
      startFakeWhatsapp({ accessToken: WHATSAPP_TOKEN }),
      startSmtpSink(SMTP_LOGIN),
      startFakeIntegrator(),
    ]);
    t = await createTestApp();
    admin = await t.login();
  }, 120_000);
  afterAll(async () => {
    await t?.close();
    await Promise.all([telegram?.close(), slack?.close(), twilio?.close(), whatsapp?.close(), smtp?.close(), integrator?.close()]);
  });

  async function addInbox(channel: string, settings: Record<string, unknown>): Promise<string> {
    const res = await api<{ data: InboxDTO }>(t.url, "POST", "/api/v1/inboxes", { cookie: admin, body: { name: `${channel} inbox`, channel, settings } });
    expect(res.status).toBe(201);
    return res.body.data.id;
  }

  async function verify(inboxId: string, cookie = admin) {
    return api<{ data: CredentialCheckDTO; error?: { code: string } }>(t.url, "POST", `/api/v1/inboxes/${inboxId}/verify`, { cookie });
  }

  const telegramSettings = (botToken: string, apiBaseUrl = telegram.url) => ({ botToken, webhookSecret: "webhook-secret-0123456789", apiBaseUrl });
  const slackSettings = (botToken: string) => ({ botToken, signingSecret: "slack-signing-secret-0123", apiBaseUrl: slack.url });
  const smsSettings = (authToken: string) => ({ accountSid: ACCOUNT_SID, authToken, fromNumber: "+14155550100", apiBaseUrl: twilio.url });
  const whatsappSettings = (accessToken: string) => ({ phoneNumberId: "106540352242922", accessToken, appSecret: "app-secret", verifyToken: "verify-token-1", apiBaseUrl: whatsapp.url });
  const emailSettings = (password: string) => {
    const relay = new URL(smtp.url);
    relay.username = SMTP_LOGIN.user;
    relay.password = password;
    return { address: "support@shop.example", smtpUrl: relay.toString() };
  };

  it.each([
    ["telegram", () => telegramSettings(TELEGRAM_TOKEN), "@switchboard_support_bot"],
    ["slack", () => slackSettings(SLACK_TOKEN), `${FAKE_SLACK_TEAM.team} (as ${FAKE_SLACK_TEAM.user})`],
    ["sms", () => smsSettings(AUTH_TOKEN), FAKE_TWILIO_ACCOUNT_NAME],
    ["whatsapp", () => whatsappSettings(WHATSAPP_TOKEN), `${FAKE_WHATSAPP_NUMBER.verified_name} (${FAKE_WHATSAPP_NUMBER.display_phone_number})`],
  ])("with good %s credentials, answers ok with the account the provider names", async (channel, settings, account) => {
    const res = await verify(await addInbox(channel, settings()));
    expect(res.status).toBe(200);
    expect(res.body.data).toEqual({ ok: true, account });
  });

  it("with a good SMTP relay login, answers ok naming the inbox's address and the relay", async () => {
    const res = await verify(await addInbox("email", emailSettings(SMTP_LOGIN.pass)));
    expect(res.body.data).toEqual({ ok: true, account: `support@shop.example via 127.0.0.1:${new URL(smtp.url).port}` });
  });

  it.each([
    ["telegram", () => telegramSettings("123456789:AAwrong-token-wrong-token-wrong"), "Telegram answered 401: Unauthorized"],
    ["slack", () => slackSettings("xoxb-0000000000-wrong-token"), "Slack answered 200: invalid_auth"],
    ["sms", () => smsSettings("wrong-auth-token-0000"), "Twilio answered 401: Authenticate (error 20003)"],
    ["whatsapp", () => whatsappSettings("EAAG-wrong"), "WhatsApp answered 401: Invalid OAuth access token - Cannot parse access token (code 190)"],
  ])("with bad %s credentials, answers 200 ok: false with the provider's own message", async (channel, settings, reason) => {
    const res = await verify(await addInbox(channel, settings()));
    expect(res.status).toBe(200);
    expect(res.body.data).toEqual({ ok: false, reason });
  });

  it("with a wrong SMTP relay password, answers ok: false with the relay's 535 reply", async () => {
    const res = await verify(await addInbox("email", emailSettings("wrong-password")));
    expect(res.status).toBe(200);
    expect(res.body.data).toMatchObject({ ok: false, reason: expect.stringMatching(/^the SMTP relay answered 535 .*Authentication credentials invalid/) });
  });

  it("when the provider cannot be reached, says so (ok: false), not a server error", async () => {
    const res = await verify(await addInbox("telegram", telegramSettings(TELEGRAM_TOKEN, `http://127.0.0.1:${await freePort()}`)));
    expect(res.status).toBe(200);
    expect(res.body.data).toEqual({ ok: false, reason: "could not reach Telegram: ECONNREFUSED" });
  });

  it("refuses agents with 403 FORBIDDEN, for the check and the test message", async () => {
    const inboxId = await addInbox("telegram", telegramSettings(TELEGRAM_TOKEN));
    const agent = await t.login("alex@switchboard.local", AGENT_PASSWORD);
    const before = telegram.calls.length;
    const checked = await verify(inboxId, agent);
    const sent = await api<{ error: { code: string } }>(t.url, "POST", `/api/v1/inboxes/${inboxId}/test-message`, { cookie: agent, body: { to: "777" } });
    expect([checked.status, checked.body.error?.code, sent.status, sent.body.error.code]).toEqual([403, "FORBIDDEN", 403, "FORBIDDEN"]);
    expect(telegram.calls.length).toBe(before);
  });

  it("answers 404 INBOX_NOT_FOUND for an unknown inbox, and 409 INBOX_CHECK_UNSUPPORTED for the web inbox", async () => {
    const unknown = await verify("no-such-inbox");
    const web = await verify(t.inboxId);
    expect([unknown.status, unknown.body.error?.code, web.status, web.body.error?.code]).toEqual([404, "INBOX_NOT_FOUND", 409, "INBOX_CHECK_UNSUPPORTED"]);
  });

  it("sends the fixed test text to a Telegram chat and an SMS number through their senders", async () => {
    const telegramInbox = await addInbox("telegram", telegramSettings(TELEGRAM_TOKEN));
    const smsInbox = await addInbox("sms", smsSettings(AUTH_TOKEN));
    const toChat = await api<{ data: TestMessageDTO }>(t.url, "POST", `/api/v1/inboxes/${telegramInbox}/test-message`, { cookie: admin, body: { to: "777" } });
    const toPhone = await api<{ data: TestMessageDTO }>(t.url, "POST", `/api/v1/inboxes/${smsInbox}/test-message`, { cookie: admin, body: { to: "+15551234567" } });
    expect(toChat.body.data).toMatchObject({ ok: true, externalId: expect.any(String) });
    expect(toPhone.body.data).toMatchObject({ ok: true, externalId: expect.stringMatching(/^SM/) });
    expect(telegram.sentTo(777).map((call) => call.body.text)).toEqual([TEST_MESSAGE_TEXT]);
    expect(twilio.sentTo("+15551234567").map((call) => call.body.Body)).toEqual([TEST_MESSAGE_TEXT]);
  });

  it("refuses a test message without a valid recipient (400 naming to), and on the web inbox, which has no provider (409)", async () => {
    const telegramInbox = await addInbox("telegram", telegramSettings(TELEGRAM_TOKEN));
    const slackInbox = await addInbox("slack", slackSettings(SLACK_TOKEN));
    const missing = await api<{ error: { code: string; fields: Record<string, string> } }>(t.url, "POST", `/api/v1/inboxes/${telegramInbox}/test-message`, { cookie: admin, body: {} });
    const notAChannel = await api<{ error: { code: string; fields: Record<string, string> } }>(t.url, "POST", `/api/v1/inboxes/${slackInbox}/test-message`, { cookie: admin, body: { to: "#general" } });
    const onWeb = await api<{ error: { code: string } }>(t.url, "POST", `/api/v1/inboxes/${t.inboxId}/test-message`, { cookie: admin, body: { to: "C0123" } });
    expect([missing.status, missing.body.error.code, notAChannel.status, notAChannel.body.error.code, onWeb.status, onWeb.body.error.code]).toEqual([
      400,
      "VALIDATION_FAILED",
      400,
      "VALIDATION_FAILED",
      409,
      "INBOX_CHECK_UNSUPPORTED",
    ]);
    expect(missing.body.error.fields.to).toMatch(/chat id/);
    expect(notAChannel.body.error.fields.to).toMatch(/Slack channel id/);
    expect(slack.calls.filter((c) => c.path === "/chat.postMessage" && c.body.channel === "#general")).toHaveLength(0);
  });

  it("posts the test text to a Slack channel (outside any thread) with chat.postMessage", async () => {
    const inboxId = await addInbox("slack", slackSettings(SLACK_TOKEN));
    const res = await api<{ data: TestMessageDTO }>(t.url, "POST", `/api/v1/inboxes/${inboxId}/test-message`, { cookie: admin, body: { to: "C0SUPPORT1" } });
    expect(res.body.data).toMatchObject({ ok: true, externalId: expect.any(String) });
    const posted = slack.calls.filter((c) => c.path === "/chat.postMessage" && c.body.channel === "C0SUPPORT1");
    expect(posted.map((c) => c.body)).toEqual([{ channel: "C0SUPPORT1", text: TEST_MESSAGE_TEXT }]);
    expect(posted[0]!.headers.authorization).toBe(`Bearer ${SLACK_TOKEN}`);
  });

  it("sends the test text to a WhatsApp number (as its wa_id) through the Cloud API, answering the wamid", async () => {
    const inboxId = await addInbox("whatsapp", whatsappSettings(WHATSAPP_TOKEN));
    const res = await api<{ data: TestMessageDTO }>(t.url, "POST", `/api/v1/inboxes/${inboxId}/test-message`, { cookie: admin, body: { to: "+14155550177" } });
    expect(res.body.data).toMatchObject({ ok: true, externalId: expect.stringMatching(/^wamid\./) });
    expect(whatsapp.sentTo("14155550177").map((c) => c.body)).toEqual([
      { messaging_product: "whatsapp", recipient_type: "individual", to: "14155550177", type: "text", text: { body: TEST_MESSAGE_TEXT } },
    ]);
  });

  it("mails the test text through the inbox's relay to the inbox's own address by default, or to the address given, marked automatic", async () => {
    const inboxId = await addInbox("email", emailSettings(SMTP_LOGIN.pass));
    const own = await api<{ data: TestMessageDTO }>(t.url, "POST", `/api/v1/inboxes/${inboxId}/test-message`, { cookie: admin, body: {} });
    const given = await api<{ data: TestMessageDTO }>(t.url, "POST", `/api/v1/inboxes/${inboxId}/test-message`, { cookie: admin, body: { to: "ops@shop.example" } });
    const bad = await api<{ error: { code: string; fields: Record<string, string> } }>(t.url, "POST", `/api/v1/inboxes/${inboxId}/test-message`, { cookie: admin, body: { to: "not an address" } });
    expect([own.body.data.ok, given.body.data.ok, bad.status, bad.body.error.fields.to]).toEqual([true, true, 400, "to must be an email address"]);
    const [toOwn] = smtp.sentTo("support@shop.example");
    const [toOps] = smtp.sentTo("ops@shop.example");
    for (const sunk of [toOwn, toOps]) {
      expect(sunk!.mail.text?.trim()).toBe(TEST_MESSAGE_TEXT);
      expect(sunk!.mail.subject).toBe("Switchboard test message");
      expect(sunk!.mail.from?.value[0]?.address).toBe("support@shop.example");
      expect(sunk!.mail.headers.get("auto-submitted")).toBe("auto-generated");
    }
  });

  it("posts a signed inbox.test event to an API inbox's webhookUrl, and takes no recipient", async () => {
    const secret = "integrator-webhook-secret-0123";
    const inboxId = await addInbox("api", { webhookUrl: `${integrator.url}/hooks/switchboard`, webhookSecret: secret });
    const res = await api<{ data: TestMessageDTO }>(t.url, "POST", `/api/v1/inboxes/${inboxId}/test-message`, { cookie: admin, body: {} });
    expect(res.body.data).toEqual({ ok: true, externalId: null });
    const [call] = integrator.calls.filter((c) => c.path === "/hooks/switchboard");
    expect(call!.body).toMatchObject({ event: "inbox.test", inboxId, text: TEST_MESSAGE_TEXT });
    const timestamp = String(call!.headers["x-switchboard-timestamp"]);
    expect(call!.headers["x-switchboard-signature"]).toBe(`sha256=${createHmac("sha256", secret).update(`${timestamp}.${call!.raw}`).digest("hex")}`);

    const withTo = await api<{ error: { code: string; fields: Record<string, string> } }>(t.url, "POST", `/api/v1/inboxes/${inboxId}/test-message`, { cookie: admin, body: { to: "someone" } });
    expect([withTo.status, withTo.body.error.code]).toEqual([400, "VALIDATION_FAILED"]);
    expect(integrator.calls.filter((c) => c.path === "/hooks/switchboard")).toHaveLength(1);
  });

  it("answers a test message the provider refuses with ok: false and its reason", async () => {
    const inboxId = await addInbox("telegram", telegramSettings("123456789:AAwrong-token-wrong-token-wrong"));
    const res = await api<{ data: TestMessageDTO }>(t.url, "POST", `/api/v1/inboxes/${inboxId}/test-message`, { cookie: admin, body: { to: "778" } });
    expect(res.status).toBe(200);
    expect(res.body.data).toEqual({ ok: false, reason: "Telegram answered 401: Unauthorized" });
  });
});
