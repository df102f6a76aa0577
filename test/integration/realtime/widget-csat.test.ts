/** CSAT over a real socket.io widget client: asked on resolution, asked again on reconnect, answered once. */
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { CsatRequestEvent, CsatSubmitAck } from "../../../src/contracts/messages.ts";
import { tables } from "../../../src/db/index.ts";
import { openHandoffTicket } from "../../../src/modules/tickets/index.ts";
import { api } from "../../support/api-client.ts";
import { createTestApp, type TestApp } from "../../support/create-test-app.ts";
import { connectCustomer, type WidgetCustomer } from "../../support/widget-client.ts";

let t: TestApp;
let admin: string;
const NOW = new Date("2026-05-04T10:00:00Z");
let now = NOW;

beforeAll(async () => {
  t = await createTestApp({ now: () => now, env: { ALERT_SCAN_MINUTES: "0" } });
  admin = await t.login();
}, 60_000);
afterAll(async () => {
  await t?.close();
});

/** The first `csat:request` the customer heard (waiting for it). */
async function nextRequest(customer: WidgetCustomer): Promise<CsatRequestEvent> {
  await expect.poll(() => customer.csatRequests.length, { timeout: 15_000 }).toBeGreaterThan(0);
  return customer.csatRequests[0];
}

const submit = (customer: WidgetCustomer, payload: unknown): Promise<CsatSubmitAck> => customer.socket.timeout(10_000).emitWithAck("csat:submit", payload);

/** A widget customer whose conversation is handed off; resolving it is the test's. */
async function handedOff(): Promise<{ customer: WidgetCustomer; conversationId: string; ticketId: string }> {
  const customer = await connectCustomer(t.url, t.inboxId);
  const ack = await customer.send("My parcel never arrived, I want a person");
  if (!("conversationId" in ack)) throw new Error(JSON.stringify(ack));
  const ticket = await openHandoffTicket(t.container.deps, { conversationId: ack.conversationId, reason: "customer_request" });
  return { customer, conversationId: ack.conversationId, ticketId: ticket.id };
}

const resolve = (ticketId: string) => api(t.url, "PATCH", `/api/v1/tickets/${ticketId}`, { cookie: admin, body: { status: "resolved" } });

describe("CSAT on the widget", () => {
  it("asks on resolution (csat:request), takes one rating with a comment, and rejects a second with CSAT_ALREADY_SUBMITTED", async () => {
    const { customer, conversationId, ticketId } = await handedOff();
    expect(customer.csatRequests).toEqual([]);
    expect((await resolve(ticketId)).status).toBe(200);
    expect(await nextRequest(customer)).toEqual({ conversationId });

    // Bad input is refused without storing anything.
    const bad = await submit(customer, { conversationId, score: 6 });
    expect(bad).toMatchObject({ error: { code: "VALIDATION_FAILED", fields: { score: expect.any(String) } } });
    expect(await submit(customer, { conversationId, score: 2.5 })).toMatchObject({ error: { code: "VALIDATION_FAILED" } });
    // Someone else's conversation is not found.
    const other = await handedOff();
    expect(await submit(customer, { conversationId: other.conversationId, score: 5 })).toMatchObject({ error: { code: "CONVERSATION_NOT_FOUND" } });
    other.customer.close();

    expect(await submit(customer, { conversationId, score: 4, comment: "  Quick and friendly  " })).toEqual({ data: { conversationId, score: 4 } });
    expect(await submit(customer, { conversationId, score: 1 })).toMatchObject({ error: { code: "CSAT_ALREADY_SUBMITTED" } });
    const [row] = await t.container.database.db.select().from(tables.csatResponses).where(eq(tables.csatResponses.conversationId, conversationId));
    expect(row).toMatchObject({ score: 4, comment: "Quick and friendly", via: "widget", respondedAt: NOW });
    customer.close();
  });

  it("asks again when the customer comes back later (a new connection of the same visitor), until the reply window passes", async () => {
    const { customer, conversationId, ticketId } = await handedOff();
    await resolve(ticketId);
    await nextRequest(customer);
    customer.close();

    now = new Date(NOW.getTime() + 23 * 3_600_000);
    const back = await connectCustomer(t.url, t.inboxId, customer.visitorId);
    await expect.poll(() => back.csatRequests, { timeout: 15_000 }).toEqual([{ conversationId }]);
    back.close();

    // 25 hours after it was asked, the survey is over: no prompt, and a late answer is refused.
    now = new Date(NOW.getTime() + 25 * 3_600_000);
    const late = await connectCustomer(t.url, t.inboxId, customer.visitorId);
    expect(await submit(late, { conversationId, score: 5 })).toMatchObject({ error: { code: "CSAT_NOT_REQUESTED" } });
    // The look-up on connect has finished by now (the submit was answered after it started).
    expect(late.csatRequests).toEqual([]);
    late.close();
    now = NOW;
  });

  it("a conversation never resolved has nothing to rate (CSAT_NOT_REQUESTED)", async () => {
    const { customer, conversationId } = await handedOff();
    expect(await submit(customer, { conversationId, score: 5 })).toMatchObject({ error: { code: "CSAT_NOT_REQUESTED" } });
    customer.close();
  });

  it("an inbox with csat turned off (PATCH /inboxes/:id {csat: false}) asks nothing; turned back on, it asks again", async () => {
    const off = await api<{ data: { csat: boolean } }>(t.url, "PATCH", `/api/v1/inboxes/${t.inboxId}`, { cookie: admin, body: { csat: false } });
    expect([off.status, off.body.data.csat]).toEqual([200, false]);
    expect((await api(t.url, "PATCH", `/api/v1/inboxes/${t.inboxId}`, { cookie: admin, body: { csat: "no" } })).status).toBe(400);
    const { customer, conversationId, ticketId } = await handedOff();
    await resolve(ticketId);
    expect(await submit(customer, { conversationId, score: 5 })).toMatchObject({ error: { code: "CSAT_NOT_REQUESTED" } });
    expect(customer.csatRequests).toEqual([]);
    customer.close();

    const on = await api<{ data: { csat: boolean } }>(t.url, "PATCH", `/api/v1/inboxes/${t.inboxId}`, { cookie: admin, body: { csat: true } });
    expect(on.body.data.csat).toBe(true);
    const next = await handedOff();
    await resolve(next.ticketId);
    expect(await nextRequest(next.customer)).toEqual({ conversationId: next.conversationId });
    next.customer.close();
  });
});
