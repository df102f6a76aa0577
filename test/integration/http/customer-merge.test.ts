import { randomUUID } from "node:crypto";
import { eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { ConversationDTO } from "../../../src/contracts/api.ts";
import type { CustomerProfileDTO } from "../../../src/contracts/crm.ts";
import { tables } from "../../../src/db/index.ts";
import { openHandoffTicket } from "../../../src/modules/tickets/index.ts";
import { api } from "../../support/api-client.ts";
import { connectConsole } from "../../support/console-client.ts";
import { createTestApp, type TestApp } from "../../support/create-test-app.ts";
import { addOrder, addVisitor, customerWrites, recordsOf, storedCustomer } from "../../support/customer-records.ts";
import { testEngines } from "../../support/engines.ts";

type ErrorBody = { error: { code: string; fields?: Record<string, string>; mergedInto?: string } };

describe.each(testEngines())("customer merge on $name", (engine) => {
  let t: TestApp;
  let admin: string;

  beforeAll(async () => {
    t = await createTestApp({ database: await engine.open() });
    admin = await t.login();
  }, 120_000);
  afterAll(async () => {
    await t?.close();
    await engine.cleanup();
  });

  const db = () => t.container.database.db;
  const merge = (id: string, otherId: unknown) => api<{ data: CustomerProfileDTO } & Partial<ErrorBody>>(t.url, "POST", `/api/v1/customers/${id}/merge`, { cookie: admin, body: { otherId } });

  /**
   * Two records of one person: the survivor knows her name and phone and tags; the other (from another channel) knows
   * her email, company, a second identity, a ticket, an order linked to its conversation, a note, suggestions (one the
   * survivor has too), a widget visitor, tags and attributes.
   */
  async function twoRecords() {
    const tag = randomUUID().slice(0, 8);
    const survivor = await customerWrites(t, "Hello, I need help with my tent");
    const other = await customerWrites(t, "I want to talk to a person about my refund please", { email: `dana-${tag}@example.com` });
    const second = await customerWrites(t, "Me again", { externalUserId: `second-${tag}` });
    const [company] = await db().insert(tables.companies).values({ name: `Acme ${tag}` }).returning();
    await db().update(tables.customerIdentities).set({ customerId: other.customerId }).where(eq(tables.customerIdentities.customerId, second.customerId));
    await db().update(tables.conversations).set({ customerId: other.customerId }).where(eq(tables.conversations.customerId, second.customerId));
    await db().delete(tables.customers).where(eq(tables.customers.id, second.customerId));
    await db()
      .update(tables.customers)
      .set({ name: `Dana Wu ${tag}`, phone: "+14155550123", tags: ["vip", "camping"], attributes: { plan: "gold" } })
      .where(eq(tables.customers.id, survivor.customerId));
    await db()
      .update(tables.customers)
      .set({ name: `D. Wu ${tag}`, phone: "+14155550999", companyId: company.id, segment: "outdoor", tags: ["camping", "newsletter"], attributes: { plan: "silver", shoeSize: 38 } })
      .where(eq(tables.customers.id, other.customerId));
    const ticket = await openHandoffTicket(t.container.deps, { conversationId: other.conversationId, reason: "customer_request" });
    const order = await addOrder(t, other.customerId);
    await db().insert(tables.conversationOrders).values({ conversationId: other.conversationId, orderId: order.id, messageId: other.messageId });
    await db().insert(tables.customerNotes).values({ customerId: other.customerId, authorType: "system", text: "Prefers email" });
    await db().insert(tables.customerSuggestions).values([
      { customerId: survivor.customerId, field: "email", value: `work-${tag}@example.com` },
      { customerId: other.customerId, field: "email", value: `work-${tag}@example.com` },
      { customerId: other.customerId, field: "phone", value: "+14155550777", messageId: other.messageId, conversationId: other.conversationId },
    ]);
    await db().insert(tables.customerEvents).values({ customerId: other.customerId, type: "customer.updated", actorType: "system", data: { changes: { segment: { from: null, to: "outdoor" } } } });
    const visitorId = await addVisitor(t, other.customerId);
    const deal = await api<{ data: { id: string } }>(t.url, "POST", "/api/v1/deals", {
      cookie: admin,
      body: { title: `Tent for D. Wu ${tag}`, customerId: other.customerId, conversationId: other.conversationId, amountCents: 24_900 },
    });
    expect(deal.status).toBe(201);
    return { tag, survivor, other, second, company, ticket, order, visitorId, dealId: deal.body.data.id };
  }

  it("moves the other record's identities, conversations, tickets, orders, deals, notes, suggestions and visitors, fills empty fields, unions tags, and leaves a tombstone", async () => {
    const { tag, survivor, other, second, company, ticket, order, visitorId, dealId } = await twoRecords();
    const res = await merge(survivor.customerId, other.customerId);
    expect(res.status).toBe(200);
    expect(res.body.data).toMatchObject({
      id: survivor.customerId,
      name: `Dana Wu ${tag}`,
      email: `dana-${tag}@example.com`,
      phone: "+14155550123",
      company: { id: company.id, name: `Acme ${tag}` },
      segment: "outdoor",
      tags: ["vip", "camping", "newsletter"],
      attributes: { plan: "gold", shoeSize: 38 },
    });
    expect(res.body.data.identities).toHaveLength(3);
    expect(res.body.data.identities.map((i) => i.externalId)).toContain(`second-${tag}`);

    const after = await recordsOf(t, [survivor.customerId]);
    expect((after.conversations as { id: string }[]).map((c) => c.id).sort()).toEqual([survivor.conversationId, other.conversationId, second.conversationId].sort());
    expect(after.tickets).toMatchObject([{ id: ticket.id }]);
    expect(after.orders).toMatchObject([{ id: order.id }]);
    expect(after.conversationOrders).toMatchObject([{ conversationId: other.conversationId, orderId: order.id }]);
    expect(after.notes).toMatchObject([{ text: "Prefers email" }]);
    expect((after.suggestions as { field: string; value: string }[]).map((s) => `${s.field}:${s.value}`).sort()).toEqual([`email:work-${tag}@example.com`, "phone:+14155550777"]);
    expect(after.visitors).toMatchObject([{ id: visitorId }]);

    const tombstone = await storedCustomer(t, other.customerId);
    expect(tombstone).toMatchObject({ mergedIntoId: survivor.customerId, email: null, phone: null });
    const events = await db().select().from(tables.customerEvents).where(eq(tables.customerEvents.customerId, survivor.customerId));
    expect(events.find((e) => e.type === "customer.merged")).toMatchObject({
      actorType: "user",
      data: {
        otherId: other.customerId,
        otherName: `D. Wu ${tag}`,
        otherEmail: `dana-${tag}@example.com`,
        moved: { identities: 2, conversations: 2, tickets: 1, orders: 1, deals: 1, notes: 1, suggestions: 1, visitors: 1 },
      },
    });
    // The deal is the survivor's now: on its record, in the deal list by customer, and on its timeline.
    const deal = await api<{ data: { customer: { id: string } } }>(t.url, "GET", `/api/v1/deals/${dealId}`, { cookie: admin });
    expect(deal.body.data.customer).toMatchObject({ id: survivor.customerId, name: `Dana Wu ${tag}` });
    const listed = await api<{ data: { id: string }[] }>(t.url, "GET", `/api/v1/deals?customerId=${survivor.customerId}`, { cookie: admin });
    expect(listed.body.data.map((d) => d.id)).toEqual([dealId]);
    const timeline = await api<{ data: { type: string; link: { dealId?: string } }[] }>(t.url, "GET", `/api/v1/customers/${survivor.customerId}/timeline?kinds=deal`, { cookie: admin });
    expect(timeline.body.data).toMatchObject([{ type: "deal.created", link: { dealId } }]);
    // The other record's own history stays with it.
    const otherEvents = await db().select().from(tables.customerEvents).where(eq(tables.customerEvents.customerId, other.customerId));
    expect(otherEvents.map((e) => e.type)).toEqual(["customer.updated"]);
    // The moved conversation shows the survivor beside it.
    const view = await api<{ data: ConversationDTO }>(t.url, "GET", `/api/v1/conversations/${other.conversationId}`, { cookie: admin });
    expect(view.body.data.customer).toMatchObject({ id: survivor.customerId, email: `dana-${tag}@example.com` });
  }, 60_000);

  it("answers every request for the merged id with 404 CUSTOMER_NOT_FOUND and a mergedInto pointer", async () => {
    const { survivor, other } = await twoRecords();
    expect((await merge(survivor.customerId, other.customerId)).status).toBe(200);
    const gone = { status: 404, body: { error: { code: "CUSTOMER_NOT_FOUND", mergedInto: survivor.customerId } } };
    expect(await api(t.url, "GET", `/api/v1/customers/${other.customerId}`, { cookie: admin })).toMatchObject(gone);
    expect(await api(t.url, "GET", `/api/v1/customers/${other.customerId}/export`, { cookie: admin })).toMatchObject(gone);
    expect(await api(t.url, "DELETE", `/api/v1/customers/${other.customerId}`, { cookie: admin })).toMatchObject(gone);
    expect(await merge(other.customerId, survivor.customerId)).toMatchObject(gone);
    // Merging the tombstone again is refused the same way, and changes nothing.
    expect(await merge(survivor.customerId, other.customerId)).toMatchObject(gone);
    // A record merged into the tombstone's survivor later still points at the end of the chain.
    const third = await customerWrites(t, "Hi there");
    expect((await merge(third.customerId, survivor.customerId)).status).toBe(200);
    expect(await api(t.url, "GET", `/api/v1/customers/${other.customerId}/export`, { cookie: admin })).toMatchObject({
      status: 404,
      body: { error: { code: "CUSTOMER_NOT_FOUND", mergedInto: third.customerId } },
    });
  }, 60_000);

  it("announces the moved conversations to the console", async () => {
    const { survivor, other } = await twoRecords();
    const agentConsole = await connectConsole(t.url, admin);
    const seen = new Promise<ConversationDTO>((resolve) => {
      agentConsole.socket.on("conversation:updated", (c: ConversationDTO) => {
        if (c.id === other.conversationId && c.customer.id === survivor.customerId) resolve(c);
      });
    });
    expect((await merge(survivor.customerId, other.customerId)).status).toBe(200);
    expect((await seen).customer.id).toBe(survivor.customerId);
    agentConsole.close();
  }, 60_000);

  it("rejects a merge with itself (400 naming otherId), a bad otherId (400), and unknown or erased records (404)", async () => {
    const { survivor, other } = await twoRecords();
    expect(await merge(survivor.customerId, survivor.customerId)).toMatchObject({ status: 400, body: { error: { code: "VALIDATION_FAILED", fields: { otherId: expect.any(String) } } } });
    expect(await merge(survivor.customerId, "not-a-uuid")).toMatchObject({ status: 400, body: { error: { code: "VALIDATION_FAILED", fields: { otherId: expect.any(String) } } } });
    expect(await merge(survivor.customerId, undefined)).toMatchObject({ status: 400, body: { error: { code: "VALIDATION_FAILED", fields: { otherId: expect.any(String) } } } });
    expect(await merge(survivor.customerId, randomUUID())).toMatchObject({ status: 404, body: { error: { code: "CUSTOMER_NOT_FOUND" } } });
    expect(await merge(randomUUID(), other.customerId)).toMatchObject({ status: 404, body: { error: { code: "CUSTOMER_NOT_FOUND" } } });
    expect((await api(t.url, "DELETE", `/api/v1/customers/${other.customerId}`, { cookie: admin })).status).toBe(204);
    const erased = await merge(survivor.customerId, other.customerId);
    expect(erased).toMatchObject({ status: 404, body: { error: { code: "CUSTOMER_NOT_FOUND" } } });
    expect(erased.body.error?.mergedInto).toBeUndefined();
    expect((await storedCustomer(t, survivor.customerId)).mergedIntoId).toBeNull();
  }, 60_000);

  it("a merge that fails part-way (a constraint refuses the notes) leaves both records exactly as they were", async () => {
    const { survivor, other } = await twoRecords();
    const before = await recordsOf(t, [survivor.customerId, other.customerId]);
    // A real constraint violation in the middle of the transaction: identities, conversations, tickets, orders and deals have
    // moved by the time the notes are refused.
    const constraint = sql.raw(`merge_test_${randomUUID().replaceAll("-", "")}`);
    await db().execute(sql`alter table customer_notes add constraint ${constraint} check (customer_id <> ${sql.raw(`'${survivor.customerId}'`)}::uuid)`);
    try {
      expect(await merge(survivor.customerId, other.customerId)).toMatchObject({ status: 500, body: { error: { code: "INTERNAL" } } });
    } finally {
      await db().execute(sql`alter table customer_notes drop constraint ${constraint}`);
    }
    expect(await recordsOf(t, [survivor.customerId, other.customerId])).toEqual(before);
    // Nothing was left locked or half-done: the same merge now succeeds.
    expect((await merge(survivor.customerId, other.customerId)).status).toBe(200);
    expect(await db().select().from(tables.customerNotes).where(eq(tables.customerNotes.customerId, survivor.customerId))).toHaveLength(1);
  }, 60_000);
});
