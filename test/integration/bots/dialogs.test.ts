import { randomUUID } from "node:crypto";
import { TestAdapter, type TurnContext } from "botbuilder";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { api } from "../../support/api-client.ts";
import { createTestApp, type TestApp } from "../../support/create-test-app.ts";

// Transcripts through the Bot Framework path (TestAdapter stands in for a chat app's channel), over the real modules and database.
let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => {
  await t?.close();
});

type Line = [customerSays: string, botReplies: RegExp | null];

async function transcript(lines: Line[]): Promise<string> {
  const conversationId = `conv-${randomUUID()}`;
  const adapter = new TestAdapter(async (context: TurnContext) => t.container.bot.bot.run(context), {
    channelId: "test",
    conversation: { id: conversationId, isGroup: false, conversationType: "personal", name: "" },
    from: { id: `user-${randomUUID()}`, name: "Test Customer" },
  });
  t.container.bot.attach(adapter);
  for (const [says, replies] of lines) {
    const before = adapter.activeQueue.length;
    await adapter.receiveActivity(says);
    const sent = adapter.activeQueue.splice(before).filter((a) => a.type === "message").map((a) => a.text ?? "");
    if (replies === null) expect(sent, `after "${says}" the bot stays quiet`).toEqual([]);
    else {
      expect(sent, `after "${says}"`).toHaveLength(1);
      expect(sent[0]).toMatch(replies);
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

  it("order status: asks for the number, then answers from the orders table", async () => {
    await transcript([
      ["where's my package", /order number/i],
      ["it's ORD-10003", /ORD-10003.*delivered/],
    ]);
  });

  it("order status: says so when the order does not exist", async () => {
    await transcript([["track order ORD-99999 please", /couldn't find an order numbered ORD-99999/]]);
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
