import { createHmac, randomBytes } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { ConversationDTO, MessageDTO, ReplyChannelDTO } from "../../../src/contracts/api.ts";
import type { InboxDTO } from "../../../src/contracts/channels.ts";
import type { CustomerProfileDTO } from "../../../src/contracts/crm.ts";
import { receiveCustomerMessage } from "../../../src/modules/conversations/index.ts";
import { api } from "../../support/api-client.ts";
import { channelMessages } from "../../support/channel-messages.ts";
import { createTestApp, type TestApp } from "../../support/create-test-app.ts";
import { startFakeIntegrator, type FakeIntegrator } from "../../support/fake-integrator.ts";
import { startFakeTwilio, type FakeTwilio } from "../../support/fake-twilio.ts";

const ACCOUNT_SID = `AC${"0123456789abcdef".repeat(2)}`;
const AUTH_TOKEN = "twilio-auth-token-0123456789";

type ErrorBody = { error: { code: string; fields?: Record<string, string>; existingId?: string } };

describe("one customer across channels", () => {
  let t: TestApp;
  let twilio: FakeTwilio;
  let integrator: FakeIntegrator;
  let admin: string;
  let sms: InboxDTO;
  let apiInbox: InboxDTO;
  let smsConversationId: string;
  let apiConversationId: string;
  let customerId: string;

  beforeAll(async () => {
    twilio = await startFakeTwilio({ accountSid: ACCOUNT_SID, authToken: AUTH_TOKEN });
    integrator = await startFakeIntegrator();
    t = await createTestApp({ env: { DELIVERY_BACKOFF_MS: "50" } });
    admin = await t.login();
    const add = async (body: unknown) => (await api<{ data: InboxDTO }>(t.url, "POST", "/api/v1/inboxes", { cookie: admin, body })).body.data;
    sms = await add({ name: "SMS", channel: "sms", settings: { accountSid: ACCOUNT_SID, authToken: AUTH_TOKEN, fromNumber: "+14155559999", apiBaseUrl: twilio.url } });
    apiInbox = await add({ name: "Our app", channel: "api", settings: { webhookUrl: `${integrator.url}/hooks/switchboard`, webhookSecret: "integrator-webhook-secret-0123" } });
  }, 120_000);
  afterAll(async () => {
    await t?.close();
    await twilio?.close();
    await integrator?.close();
  });

  /** An incoming SMS as Twilio posts it, signed over the webhook URL (no PUBLIC_URL: the request's own origin). */
  async function smsFrom(from: string, text: string): Promise<void> {
    const sid = `SM${randomBytes(16).toString("hex")}`;
    const params: Record<string, string> = { MessageSid: sid, SmsSid: sid, AccountSid: ACCOUNT_SID, From: from, To: "+14155559999", Body: text, NumMedia: "0" };
    const url = `${t.url}/channels/sms/${sms.id}`;
    const signature = createHmac("sha1", AUTH_TOKEN).update(url + Object.keys(params).sort().map((k) => k + params[k]).join("")).digest("base64");
    const res = await fetch(url, { method: "POST", headers: { "content-type": "application/x-www-form-urlencoded", "x-twilio-signature": signature }, body: new URLSearchParams(params).toString() });
    expect(res.status).toBe(200);
  }

  async function fromApp(body: Record<string, unknown>): Promise<{ id: string; conversationId: string }> {
    const res = await fetch(`${t.url}/channels/api/${apiInbox.id}`, {
      method: "POST",
      headers: { "content-type": "application/json", authorization: `Bearer ${apiInbox.inboxToken}` },
      body: JSON.stringify(body),
    });
    expect(res.status).toBe(202);
    return ((await res.json()) as { data: { id: string; conversationId: string } }).data;
  }

  const conversation = async (id: string) => (await api<{ data: ConversationDTO }>(t.url, "GET", `/api/v1/conversations/${id}`, { cookie: admin })).body.data;
  const profile = async (id: string) => (await api<{ data: CustomerProfileDTO }>(t.url, "GET", `/api/v1/customers/${id}`, { cookie: admin })).body.data;
  const { messagesOf, botReply } = channelMessages(() => ({ url: t.url, cookie: admin }));

  it("puts an SMS from +14155550100 and an API-channel message with phone \"+1 (415) 555-0100\" on one customer, whose profile lists both identities", async () => {
    await smsFrom("+14155550100", "Hi, I need help with my order");
    await expect.poll(async () => (await api<{ data: ConversationDTO[] }>(t.url, "GET", "/api/v1/conversations?channel=sms&status=all", { cookie: admin })).body.data.length, { timeout: 10_000 }).toBe(1);
    const [smsConversation] = (await api<{ data: ConversationDTO[] }>(t.url, "GET", "/api/v1/conversations?channel=sms&status=all", { cookie: admin })).body.data;
    smsConversationId = smsConversation!.id;
    customerId = smsConversation!.customer.id;
    expect(smsConversation!.customer.phone).toBe("+14155550100");

    const posted = await fromApp({ contactId: "app-user-7", name: "Ada Byron", phone: "+1 (415) 555-0100", text: "Hello from the app", messageId: "app-1" });
    apiConversationId = posted.conversationId;
    expect(apiConversationId).not.toBe(smsConversationId);
    expect((await conversation(apiConversationId)).customer.id).toBe(customerId);
    const identities = (await profile(customerId)).identities.map(({ channel, externalId }) => ({ channel, externalId }));
    expect(identities).toEqual(
      expect.arrayContaining([
        { channel: "sms", externalId: "+14155550100" },
        { channel: "api", externalId: `${apiInbox.id}:app-user-7` },
      ]),
    );
    expect(identities).toHaveLength(2);
  });

  it("filters the conversation list by channel, and refuses a channel it does not know with 400 VALIDATION_FAILED naming channel", async () => {
    const ids = async (channel: string) =>
      (await api<{ data: ConversationDTO[] }>(t.url, "GET", `/api/v1/conversations?status=all&channel=${channel}`, { cookie: admin })).body.data.map((c) => c.id);
    expect(await ids("sms")).toEqual([smsConversationId]);
    expect(await ids("api")).toEqual([apiConversationId]);
    expect(await ids("telegram")).toEqual([]);
    const bad = await api<ErrorBody>(t.url, "GET", "/api/v1/conversations?channel=fax", { cookie: admin });
    expect(bad.status).toBe(400);
    expect(bad.body.error.code).toBe("VALIDATION_FAILED");
    expect(Object.keys(bad.body.error.fields ?? {})).toEqual(["channel"]);
  });

  it("lets an agent reply in the SMS conversation through the customer's API-channel inbox, and shows each message's channel", async () => {
    await botReply(smsConversationId);
    const sent = await api<{ data: MessageDTO }>(t.url, "POST", `/api/v1/conversations/${smsConversationId}/messages`, {
      cookie: admin,
      body: { text: "I've answered you in the app as well.", inboxId: apiInbox.id },
    });
    expect(sent.status).toBe(201);
    expect(sent.body.data).toMatchObject({ conversationId: smsConversationId, channel: "api", viaInboxId: apiInbox.id, channelDelivery: { status: "pending" } });
    await expect.poll(() => integrator.repliesTo("app-user-7").some((call) => call.body.text === "I've answered you in the app as well."), { timeout: 20_000 }).toBe(true);
    const call = integrator.repliesTo("app-user-7").find((c) => c.body.text === "I've answered you in the app as well.")!;
    expect(call.body).toMatchObject({ id: sent.body.data.id, conversationId: apiConversationId, inboxId: apiInbox.id });
    expect(twilio.calls.some((c) => c.body.Body === "I've answered you in the app as well.")).toBe(false);

    const messages = await messagesOf(smsConversationId);
    expect(messages.find((m) => m.sender.type === "customer")?.channel).toBe("sms");
    await expect.poll(async () => (await messagesOf(smsConversationId)).find((m) => m.id === sent.body.data.id)?.channelDelivery?.status, { timeout: 10_000 }).toBe("sent");
    expect((await messagesOf(smsConversationId)).find((m) => m.id === sent.body.data.id)?.channel).toBe("api");

    const nowhere = await api<ErrorBody>(t.url, "POST", `/api/v1/conversations/${smsConversationId}/messages`, { cookie: admin, body: { text: "hello?", inboxId: t.inboxId } });
    expect(nowhere.status).toBe(400);
    expect(nowhere.body.error.fields).toHaveProperty("inboxId");
    const unknown = await api<ErrorBody>(t.url, "POST", `/api/v1/conversations/${smsConversationId}/messages`, { cookie: admin, body: { text: "hello?", inboxId: "no-such-inbox" } });
    expect(unknown.status).toBe(404);
    expect(unknown.body.error.code).toBe("INBOX_NOT_FOUND");
  });

  it("lists the channels an agent can answer on: the conversation's own first, then the customer's other inboxes with a sender (not the widget)", async () => {
    const channelsOf = async (id: string) => api<{ data: ReplyChannelDTO[] }>(t.url, "GET", `/api/v1/conversations/${id}/reply-channels`, { cookie: admin });
    // The same customer on the website too: the widget's conversation is answered in it, so it is no channel to answer elsewhere.
    const web = await receiveCustomerMessage(t.container.deps, {
      inboxId: t.inboxId,
      channel: "web",
      externalUserId: "cross-channel-visitor",
      externalConversationId: "cross-channel-web-1",
      text: "Hi from the website",
      customerId,
      answeredInTurn: true,
    });
    const fromSms = await channelsOf(smsConversationId);
    expect(fromSms.status).toBe(200);
    expect(fromSms.body.data).toEqual([
      { inboxId: sms.id, inboxName: "SMS", channel: "sms", current: true },
      { inboxId: apiInbox.id, inboxName: "Our app", channel: "api", current: false },
    ]);
    expect((await channelsOf(apiConversationId)).body.data.map((c) => [c.channel, c.current])).toEqual([
      ["api", true],
      ["sms", false],
    ]);
    // From the website's conversation: its own first, then the two channels with a sender (most recently active first).
    const fromWeb = (await channelsOf(web.conversation.id)).body.data;
    expect(fromWeb[0]).toMatchObject({ inboxId: t.inboxId, channel: "web", current: true });
    expect(fromWeb.slice(1).map((c) => c.channel).sort()).toEqual(["api", "sms"]);
    const missing = await channelsOf("00000000-0000-4000-8000-000000000000");
    expect([missing.status, (missing.body as unknown as ErrorBody).error.code]).toEqual([404, "CONVERSATION_NOT_FOUND"]);
  });

  it("starts a new customer for a contact without a known email or phone, and offers the merge when they later write the same phone", async () => {
    const posted = await fromApp({ contactId: "app-user-9", text: "You can reach me on +1 415 555 0100", messageId: "app-9" });
    const other = (await conversation(posted.conversationId)).customer.id;
    expect(other).not.toBe(customerId);
    const suggestion = (await profile(other)).suggestions.find((s) => s.field === "phone");
    expect(suggestion).toBeDefined();
    // The profile says who has the number already, so the console offers "Merge with …" instead of a doomed Accept.
    expect(suggestion!.existingCustomer).toEqual({ id: customerId, name: (await profile(customerId)).name });
    const accept = await api<ErrorBody>(t.url, "POST", `/api/v1/customers/${other}/suggestions/${suggestion!.id}/accept`, { cookie: admin });
    expect(accept.status).toBe(409);
    expect(accept.body.error).toMatchObject({ code: "CUSTOMER_EXISTS", existingId: customerId });
    const merged = await api<{ data: CustomerProfileDTO }>(t.url, "POST", `/api/v1/customers/${customerId}/merge`, { cookie: admin, body: { otherId: other } });
    expect(merged.status).toBe(200);
    expect(merged.body.data.identities.map((i) => i.externalId)).toContain(`${apiInbox.id}:app-user-9`);
  });
});
