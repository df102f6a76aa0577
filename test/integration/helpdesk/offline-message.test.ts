import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { WidgetMessage } from "../../../src/contracts/messages.ts";
import { tables } from "../../../src/db/index.ts";
import { api } from "../../support/api-client.ts";
import { createTestApp, type TestApp } from "../../support/create-test-app.ts";
import { connectCustomer, type WidgetCustomer } from "../../support/widget-client.ts";

// The inbox answers Monday to Friday 09:00–17:00, Paris time; the clock is the test's, never the wall clock's.
const OFFLINE = "We're closed now: we answer Monday to Friday, 9:00 to 17:00 (Paris). We'll reply here when we're back.";
const nineToFive = [{ start: "09:00", end: "17:00" }];
const hours = { timeZone: "Europe/Paris", weekly: { mon: nineToFive, tue: nineToFive, wed: nineToFive, thu: nineToFive, fri: nineToFive, sat: [], sun: [] }, offlineMessage: OFFLINE };
// Friday 4 December 2026: 15:00 in Paris (open) and 21:00 (closed).
const OPEN = new Date("2026-12-04T14:00:00Z");
const CLOSED = new Date("2026-12-04T20:00:00Z");

let clock = OPEN;
let t: TestApp;
let admin: string;

beforeAll(async () => {
  t = await createTestApp({ now: () => clock });
  admin = await t.login();
  expect((await api(t.url, "PUT", `/api/v1/inboxes/${t.inboxId}/business-hours`, { cookie: admin, body: hours })).status).toBe(200);
}, 60_000);
afterAll(async () => {
  await t?.close();
});

const isOffline = (m: WidgetMessage): boolean => m.sender.type === "system" && m.text === OFFLINE;
const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** A widget customer who asks for a person; resolves with the hand-off notice once it reached them. */
async function handedOff(): Promise<{ customer: WidgetCustomer; conversationId: string }> {
  const customer = await connectCustomer(t.url, t.inboxId);
  await customer.send("I want to talk to a human please");
  const notice = await customer.waitFor((m) => m.sender.type === "system" && /passed your conversation/.test(m.text));
  return { customer, conversationId: notice.conversationId };
}

/** The conversation's stored system messages, oldest first. */
async function systemTexts(conversationId: string): Promise<string[]> {
  const rows = await t.container.database.db.select().from(tables.messages).where(eq(tables.messages.conversationId, conversationId)).orderBy(tables.messages.seq);
  return rows.filter((r) => r.senderType === "system").map((r) => r.text);
}

describe("the offline message", () => {
  it("outside business hours, a customer handed to humans gets the inbox's offline message once, after the hand-off notice", async () => {
    clock = CLOSED;
    const { customer, conversationId } = await handedOff();
    const notice = await customer.waitFor(isOffline);
    expect(notice).toMatchObject({ conversationId, text: OFFLINE, sender: { type: "system" } });
    // Writing again the same night sends nothing more.
    await customer.send("hello? is anyone there");
    await customer.waitFor((m) => m.text === "hello? is anyone there");
    await pause(500);
    expect(customer.received.filter(isOffline)).toHaveLength(1);
    const texts = await systemTexts(conversationId);
    expect(texts.filter((x) => x === OFFLINE)).toHaveLength(1);
    expect(texts.indexOf(OFFLINE)).toBe(1);
    // The history a reconnecting widget reads has it too.
    const history = await customer.history();
    if (!Array.isArray(history)) throw new Error(`history refused: ${history.error.code}`);
    expect(history.filter(isOffline)).toHaveLength(1);
    customer.close();
  });

  it("within business hours, nobody is told the inbox is closed", async () => {
    clock = OPEN;
    const { customer, conversationId } = await handedOff();
    await customer.send("my tent pole broke");
    await customer.waitFor((m) => m.text === "my tent pole broke");
    await pause(500);
    expect(customer.received.filter(isOffline)).toEqual([]);
    expect(await systemTexts(conversationId)).not.toContain(OFFLINE);
    customer.close();
  });

  it("a conversation handed off in the day gets it once when the customer writes after closing time", async () => {
    clock = OPEN;
    const { customer, conversationId } = await handedOff();
    clock = CLOSED;
    await customer.send("still waiting for an answer");
    await customer.waitFor(isOffline);
    await customer.send("anyone?");
    await customer.waitFor((m) => m.text === "anyone?");
    await pause(500);
    expect(customer.received.filter(isOffline)).toHaveLength(1);
    expect((await systemTexts(conversationId)).filter((x) => x === OFFLINE)).toHaveLength(1);
    customer.close();
  });

  it("while the bot owns the conversation, it answers at any hour without the offline message", async () => {
    clock = CLOSED;
    const customer = await connectCustomer(t.url, t.inboxId);
    await customer.send("what is your return policy?");
    await customer.waitFor((m) => m.sender.type === "bot");
    await pause(500);
    expect(customer.received.filter(isOffline)).toEqual([]);
    customer.close();
  });

  it("an inbox with hours but no offline message tells nothing", async () => {
    clock = CLOSED;
    expect((await api(t.url, "PUT", `/api/v1/inboxes/${t.inboxId}/business-hours`, { cookie: admin, body: { ...hours, offlineMessage: "" } })).status).toBe(200);
    try {
      const { customer, conversationId } = await handedOff();
      await pause(500);
      expect(await systemTexts(conversationId)).toHaveLength(1);
      customer.close();
    } finally {
      await api(t.url, "PUT", `/api/v1/inboxes/${t.inboxId}/business-hours`, { cookie: admin, body: hours });
    }
  });
});
