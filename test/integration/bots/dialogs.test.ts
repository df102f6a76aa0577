import { randomUUID } from "node:crypto";
import { TestAdapter, type TurnContext } from "botbuilder";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { SignJWT } from "jose";
import { MAX_OWNERSHIP_FAILURES } from "../../../src/modules/sales/index.ts";
import { inboxSecret } from "../../../src/modules/inboxes/index.ts";
import { api } from "../../support/api-client.ts";
import { createTestApp, type TestApp } from "../../support/create-test-app.ts";
import { connectCustomer } from "../../support/widget-client.ts";

// Transcripts through the Bot Framework path (TestAdapter stands in for a chat app's channel), over the real modules and database.
let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => {
  await t?.close();
});

type Line = [customerSays: string, botReplies: RegExp | null, neverSays?: RegExp];

async function transcript(lines: Line[]): Promise<string> {
  const conversationId = `conv-${randomUUID()}`;
  const adapter = new TestAdapter(async (context: TurnContext) => t.container.bot.bot.run(context), {
    channelId: "test",
    conversation: { id: conversationId, isGroup: false, conversationType: "personal", name: "" },
    from: { id: `user-${randomUUID()}`, name: "Test Customer" },
  });
  t.container.bot.attach(adapter);
  for (const [says, replies, neverSays] of lines) {
    const before = adapter.activeQueue.length;
    await adapter.receiveActivity(says);
    const sent = adapter.activeQueue.splice(before).filter((a) => a.type === "message").map((a) => a.text ?? "");
    if (replies === null) expect(sent, `after "${says}" the bot stays quiet`).toEqual([]);
    else {
      expect(sent, `after "${says}"`).toHaveLength(1);
      expect(sent[0]).toMatch(replies);
      if (neverSays) expect(sent[0]).not.toMatch(neverSays);
    }
  }
  return conversationId;
}

describe("bot dialogs (transcripts)", () => {
  it("greeting, thanks and goodbye", async () => {
    await transcript([
      ["hi there", /assistant/],
      ["thank you so much", /welcome/i],
      ["bye", /great day/],
    ]);
  });

  it("order status: asks for the number, then for the email on the order, then answers from the orders table", async () => {
    await transcript([
      ["where's my package", /order number/i],
      ["it's ORD-10003", /email address/, /delivered|DHL|Stove/i],
      ["lucas.martin@example.com", /ORD-10003.*delivered/],
    ]);
  });

  it("order status: a missing order answers exactly like a wrong email, so it does not tell which numbers exist", async () => {
    await transcript([
      ["track order ORD-99999 please", /email address/],
      ["jordan.lee@example.com", /couldn't find an order numbered ORD-99999 with that email/],
    ]);
  });

  it("FAQ answers from the knowledge base", async () => {
    await transcript([
      ["which payment methods do you accept", /Visa/],
      ["how long does delivery take", /business days/],
      ["I forgot my password", /reset link/],
    ]);
  });

  it("hands off an understood request it has no answer for, such as deleting an account", async () => {
    const admin = await t.login();
    await transcript([["please delete my account and all my data", null]]);
    const tickets = await api<{ data: { reason: string }[] }>(t.url, "GET", "/api/v1/tickets", { cookie: admin });
    expect(tickets.body.data.some((x) => x.reason === "needs_agent")).toBe(true);
  });

  it("hand-off on request: the bot falls silent and a ticket is waiting in the console", async () => {
    const admin = await t.login();
    await transcript([
      ["let me talk to a real person", null],
      ["hello?", null],
    ]);
    const tickets = await api<{ data: { reason: string }[] }>(t.url, "GET", "/api/v1/tickets", { cookie: admin });
    expect(tickets.body.data.some((x) => x.reason === "customer_request")).toBe(true);
  });
});

// ORD-10001 (shipped with UPS, tracking 1Z999AA10123456784) and ORD-10004 belong to Jordan Lee, jordan.lee@example.com.
const ORD_10001_DETAILS = /shipped|UPS|1Z999AA10123456784|tent/i;

describe("order details only to their owner", () => {
  it("a verified customer who owns the order gets its status at once; someone else's order needs that order's email", async () => {
    const secret = await inboxSecret(t.container.deps, t.inboxId);
    const userJwt = await new SignJWT({ sub: "jordan-on-the-shop", email: "jordan.lee@example.com" })
      .setProtectedHeader({ alg: "HS256" })
      .setExpirationTime("10m")
      .sign(new TextEncoder().encode(secret));
    const jordan = await connectCustomer(t.url, t.inboxId, "new-visitor", { userJwt });
    await jordan.send("where is my order ORD-10001?");
    const status = await jordan.waitFor((m) => m.sender.type === "bot");
    expect(status.text).toContain("ORD-10001");
    expect(status.text).toContain("1Z999AA10123456784");
    await jordan.send("and where is ORD-10003?");
    const ask = await jordan.waitFor((m) => m.sender.type === "bot" && m.id !== status.id);
    expect(ask.text).toMatch(/email address/);
    expect(ask.text).not.toMatch(/delivered|DHL|JD014600006281234567/);
    jordan.close();
  });

  it("an anonymous customer is asked for the email and gets the status only after the right one, then sees that owner's other orders", async () => {
    await transcript([
      ["where is my order ORD-10001?", /email address/, ORD_10001_DETAILS],
      ["it's priya.shah@example.com", /couldn't find an order numbered ORD-10001 with that email/, ORD_10001_DETAILS],
      ["ok then jordan.lee@example.com", /ORD-10001.*shipped.*1Z999AA10123456784/],
      ["what about ORD-10004?", /ORD-10004.*cancelled/],
    ]);
  });

  it("an email given with the order number is checked at once", async () => {
    await transcript([
      ["where is ORD-10003? my email is lucas.martin@example.com", /ORD-10003.*delivered/],
      ["and ORD-10001, it's lucas.martin@example.com too", /couldn't find an order numbered ORD-10001 with that email/, ORD_10001_DETAILS],
    ]);
  });

  it("a wrong email reveals nothing, and after three wrong ones this chat checks no more, not even the right one", async () => {
    await transcript([
      ["where is my order ORD-10001?", /email address/, ORD_10001_DETAILS],
      ["a@example.com", /couldn't find.*with that email/, ORD_10001_DETAILS],
      ["b@example.com", /couldn't find.*with that email/, ORD_10001_DETAILS],
      ["c@example.com", /can't check more email addresses/, ORD_10001_DETAILS],
      ["jordan.lee@example.com", /.+/, ORD_10001_DETAILS],
      ["where is my order ORD-10001?", /can't check more email addresses/, ORD_10001_DETAILS],
    ]);
  });

  it("across chats, an order takes a limited number of wrong emails, then the bot stops checking it for a day", async () => {
    // ORD-10002 (Priya Shah's) is used by this test alone.
    let wrong = 0;
    while (wrong < MAX_OWNERSHIP_FAILURES) {
      const lines: Line[] = [["where is my order ORD-10002?", /email address/]];
      for (let i = 0; i < 2 && wrong < MAX_OWNERSHIP_FAILURES; i++, wrong++) lines.push([`guess${wrong}@example.com`, /couldn't find.*with that email/]);
      await transcript(lines);
    }
    await transcript([
      ["where is my order ORD-10002?", /email address/],
      ["priya.shah@example.com", /can't check more email addresses/, /prepared|hasn't shipped|Bag|Bottle/i],
    ]);
  });
});
