import { randomInt, randomUUID } from "node:crypto";
import { and, eq, inArray, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { ConversationDTO } from "../../../src/contracts/api.ts";
import type { CustomerExportDTO } from "../../../src/contracts/crm.ts";
import { tables } from "../../../src/db/index.ts";
import { demoAgents } from "../../../src/db/seed/demo-data.ts";
import { ERASED_MARKER } from "../../../src/modules/customers/privacy.repo.ts";
import { openHandoffTicket } from "../../../src/modules/tickets/index.ts";
import { api } from "../../support/api-client.ts";
import { createTestApp, type TestApp } from "../../support/create-test-app.ts";
import { addOrder, addVisitor, customerWrites, storedCustomer, type Written } from "../../support/customer-records.ts";
import { testEngines } from "../../support/engines.ts";
import { connectCustomer } from "../../support/widget-client.ts";

const manager = demoAgents.find((u) => u.role === "manager")!;

describe.each(testEngines())("customer privacy (GDPR export and erasure) on $name", (engine) => {
  let t: TestApp;
  let admin: string;
  let managerCookie: string;
  let apiKey: string;

  beforeAll(async () => {
    t = await createTestApp({ database: await engine.open() });
    admin = await t.login();
    managerCookie = await t.login(manager.email);
    const key = await api<{ data: { token: string } }>(t.url, "POST", "/api/v1/api-keys", { cookie: admin, body: { name: "CRM sync", scopes: ["customers:read", "customers:write"] } });
    apiKey = key.body.data.token;
  }, 120_000);
  afterAll(async () => {
    await t?.close();
    await engine.cleanup();
  });

  const db = () => t.container.database.db;
  const withKey = async (method: string, path: string) => {
    const res = await fetch(`${t.url}${path}`, { method, headers: { authorization: `Bearer ${apiKey}` } });
    return { status: res.status, body: (await res.json()) as { error?: { code: string } } };
  };

  /** A person with a unique name, email, phone and phrase spread over every kind of record, and a tombstone merged into them. */
  async function person() {
    const tag = randomUUID().replaceAll("-", "").slice(0, 10);
    const first = "Zephyrine";
    const last = `Quill${tag}`;
    const email = `zq.${tag}@example.org`;
    const phone = `+1415555${randomInt(2000, 9999)}`;
    const phrase = `purple giraffe umbrella ${tag}`;
    const order = await addOrder(t, null);
    const opening = await customerWrites(t, `Hi, this is ${first} ${last}, my phone is ${phone}. Order ${order.number}: my ${phrase} never came`, { email });
    const id = opening.customerId;
    await db().update(tables.orders).set({ customerId: id }).where(eq(tables.orders.id, order.id));
    await db()
      .update(tables.customers)
      .set({ name: `${first} ${last}`, phone, tags: [`tag-${tag}`], segment: `segment-${tag}`, attributes: { favourite: phrase } })
      .where(eq(tables.customers.id, id));
    const second = await customerWrites(t, `Still waiting for the ${phrase}. Write to ${email}`, { email });
    expect(second.customerId).toBe(id);
    const reply = await api(t.url, "POST", `/api/v1/conversations/${opening.conversationId}/messages`, { cookie: admin, body: { text: `Sorry ${first} ${last}, we will write to ${email} or call ${phone}.` } });
    expect(reply.status).toBe(201);
    const ticket = await openHandoffTicket(t.container.deps, { conversationId: opening.conversationId, reason: "customer_request" });
    expect((await api(t.url, "PATCH", `/api/v1/tickets/${ticket.id}`, { cookie: admin, body: { status: "pending" } })).status).toBe(200);
    await db().insert(tables.ticketEvents).values({ ticketId: ticket.id, type: "note", actorType: "agent", data: { text: `${last} asked about the ${phrase}` } });
    await db().insert(tables.customerNotes).values({ customerId: id, authorType: "system", text: `Called ${first} ${last} on ${phone} about the ${phrase}` });
    await db().insert(tables.customerEvents).values({ customerId: id, type: "customer.updated", actorType: "customer", actorName: `${first} ${last}`, data: { changes: { name: { from: null, to: `${first} ${last}` } } } });
    await addVisitor(t, id);
    // A deal drafted from the chat carries the customer's name in its title.
    const deal = await api<{ data: { id: string } }>(t.url, "POST", "/api/v1/deals", {
      cookie: admin,
      body: { title: `Tent for ${first} ${last}`, customerId: id, conversationId: opening.conversationId, amountCents: 24_900 },
    });
    expect(deal.status).toBe(201);
    // An older record of the same person, merged into this one: the tombstone keeps the name and its own events.
    const old: Written = await customerWrites(t, `old account of ${last}, the ${phrase}`, { email: `old.${email}` });
    await db().update(tables.customers).set({ name: `${first} ${last}` }).where(eq(tables.customers.id, old.customerId));
    await db().insert(tables.customerEvents).values({ customerId: old.customerId, type: "customer.updated", actorType: "system", data: { changes: { email: { from: null, to: `old.${email}` } } } });
    const oldDeal = await api<{ data: { id: string } }>(t.url, "POST", "/api/v1/deals", { cookie: admin, body: { title: `The ${phrase} again`, customerId: old.customerId, amountCents: 0 } });
    expect(oldDeal.status).toBe(201);
    expect((await api(t.url, "POST", `/api/v1/customers/${id}/merge`, { cookie: admin, body: { otherId: old.customerId } })).status).toBe(200);
    return {
      id,
      tombstoneId: old.customerId,
      first,
      last,
      email,
      phone,
      phrase,
      order,
      ticket,
      opening,
      dealIds: [deal.body.data.id, oldDeal.body.data.id],
      needles: [last, email, phone, phone.slice(1), phrase],
    };
  }

  /** Every text, varchar, array and jsonb column of every table that holds one of the needles (jsonb and arrays cast to text). */
  async function tracesOf(needles: string[]): Promise<string[]> {
    const columns = (await db().execute(sql`
      select table_name, column_name from information_schema.columns
      where table_schema = 'public' and data_type in ('text', 'character varying', 'character', 'jsonb', 'json', 'ARRAY')
      order by table_name, column_name`)) as unknown as { rows: { table_name: string; column_name: string }[] };
    expect(columns.rows.length).toBeGreaterThan(40);
    const patterns = sql.join(
      needles.map((n) => sql`${`%${n}%`}::text`),
      sql`, `,
    );
    const found: string[] = [];
    for (const { table_name: table, column_name: column } of columns.rows) {
      const result = (await db().execute(
        sql`select count(*)::int as n from ${sql.identifier(table)} where ${sql.identifier(column)}::text ilike any (array[${patterns}])`,
      )) as unknown as { rows: { n: number }[] };
      if (result.rows[0].n > 0) found.push(`${table}.${column}`);
    }
    return found;
  }

  it("exports everything stored about a customer as one JSON download (admins only)", async () => {
    const p = await person();
    const res = await fetch(`${t.url}/api/v1/customers/${p.id}/export`, { headers: { cookie: admin } });
    expect(res.status).toBe(200);
    expect(res.headers.get("content-disposition")).toBe(`attachment; filename="customer-${p.id}.json"`);
    expect(res.headers.get("content-type")).toMatch(/^application\/json/);
    const doc = (await res.json()) as CustomerExportDTO;
    expect(doc.profile).toMatchObject({ id: p.id, name: `${p.first} ${p.last}`, email: p.email, phone: p.phone });
    expect(doc.identities).toHaveLength(3);
    expect(doc.tags).toEqual([expect.stringContaining("tag-")]);
    expect(doc.attributes).toEqual({ favourite: p.phrase });
    expect(doc.conversations).toHaveLength(3);
    const messages = doc.conversations.flatMap((c) => c.messages);
    expect(messages.find((m) => m.text.includes(p.phrase) && m.sender.type === "customer")).toMatchObject({ annotation: { entities: expect.any(Array) } });
    expect(messages.some((m) => m.sender.type === "agent" && m.text.includes(p.email))).toBe(true);
    expect(doc.conversations.find((c) => c.id === p.opening.conversationId)?.orderIds).toEqual([p.order.id]);
    expect(doc.tickets).toMatchObject([{ id: p.ticket.id, status: "pending" }]);
    expect(doc.tickets[0].events.map((e) => e.type)).toEqual(expect.arrayContaining(["created", "status_changed", "note"]));
    expect(doc.orders).toMatchObject([{ id: p.order.id, number: p.order.number, totalCents: 4_250 }]);
    expect(doc.deals.map((d) => d.title).sort()).toEqual([`Tent for ${p.first} ${p.last}`, `The ${p.phrase} again`].sort());
    expect(doc.deals[0]).toMatchObject({ stage: "lead", currency: "USD" });
    expect(doc.notes).toMatchObject([{ text: expect.stringContaining(p.phrase) }]);
    expect(doc.suggestions.length).toBeGreaterThan(0);
    expect(doc.events.map((e) => e.type)).toEqual(expect.arrayContaining(["customer.updated", "customer.merged"]));
    expect(doc.visitors).toHaveLength(1);
    expect(doc.mergedRecords).toMatchObject([{ id: p.tombstoneId, name: `${p.first} ${p.last}`, events: [{ type: "customer.updated" }] }]);

    expect(await api(t.url, "GET", `/api/v1/customers/${p.id}/export`, { cookie: managerCookie })).toMatchObject({ status: 403, body: { error: { code: "FORBIDDEN" } } });
    expect(await withKey("GET", `/api/v1/customers/${p.id}/export`)).toMatchObject({ status: 403, body: { error: { code: "FORBIDDEN" } } });
    expect(await api(t.url, "GET", `/api/v1/customers/${randomUUID()}/export`, { cookie: admin })).toMatchObject({ status: 404, body: { error: { code: "CUSTOMER_NOT_FOUND" } } });
    expect(await api(t.url, "GET", "/api/v1/customers/nope/export", { cookie: admin })).toMatchObject({ status: 400, body: { error: { code: "VALIDATION_FAILED", fields: { id: expect.any(String) } } } });
  }, 120_000);

  it("erasing leaves no trace of the person's name, email, phone or words in any column of any table, keeps the orders, and records who and when", async () => {
    const p = await person();
    // The scan finds the person everywhere before the erasure (so finding nothing afterwards means something).
    expect(await tracesOf(p.needles)).toEqual(
      expect.arrayContaining(["customers.name", "customers.email", "messages.text", "messages.annotation", "conversations.last_message", "tickets.subject", "customer_notes.text", "customer_events.data", "customer_suggestions.value", "customer_name_words.word", "deals.title"]),
    );
    expect(await api(t.url, "DELETE", `/api/v1/customers/${p.id}`, { cookie: managerCookie })).toMatchObject({ status: 403, body: { error: { code: "FORBIDDEN" } } });
    expect(await withKey("DELETE", `/api/v1/customers/${p.id}`)).toMatchObject({ status: 403, body: { error: { code: "FORBIDDEN" } } });
    expect((await storedCustomer(t, p.id)).erasedAt).toBeNull();

    const erased = await api(t.url, "DELETE", `/api/v1/customers/${p.id}`, { cookie: admin });
    expect(erased.status).toBe(204);
    expect(await tracesOf(p.needles)).toEqual([]);

    expect(await api(t.url, "GET", `/api/v1/customers/${p.id}`, { cookie: admin })).toMatchObject({ status: 404, body: { error: { code: "CUSTOMER_NOT_FOUND" } } });
    expect(await api(t.url, "GET", `/api/v1/customers/${p.id}/export`, { cookie: admin })).toMatchObject({ status: 404, body: { error: { code: "CUSTOMER_NOT_FOUND" } } });
    expect(await api(t.url, "DELETE", `/api/v1/customers/${p.id}`, { cookie: admin })).toMatchObject({ status: 404, body: { error: { code: "CUSTOMER_NOT_FOUND" } } });
    expect(await api(t.url, "GET", `/api/v1/customers/${p.tombstoneId}/export`, { cookie: admin })).toMatchObject({ status: 404, body: { error: { code: "CUSTOMER_NOT_FOUND" } } });

    // Orders stay for accounting, without the person; the conversation still shows which order it was about.
    const [order] = await db().select().from(tables.orders).where(eq(tables.orders.id, p.order.id));
    expect(order).toMatchObject({ customerId: null, totalCents: 4_250, items: [{ sku: "TENT-2P", quantity: 1 }] });
    expect(await db().select().from(tables.conversationOrders).where(eq(tables.conversationOrders.orderId, p.order.id))).toHaveLength(1);
    // Deals stay for the pipeline's figures, without the person: no customer, the title erased (the merged record's too).
    const deals = await db().select().from(tables.deals).where(inArray(tables.deals.id, p.dealIds));
    expect(deals.map((d) => ({ title: d.title, customerId: d.customerId }))).toEqual(p.dealIds.map(() => ({ title: ERASED_MARKER, customerId: null })));
    // Every message of their conversations, the agent's reply included, is the marker without annotation.
    const conversationIds = (await db().select({ id: tables.conversations.id }).from(tables.conversations).where(eq(tables.conversations.customerId, p.id))).map((c) => c.id);
    expect(conversationIds).toHaveLength(3);
    const messages = await db().select().from(tables.messages).where(inArray(tables.messages.conversationId, conversationIds));
    expect(new Set(messages.map((m) => `${m.senderType}:${m.text}:${m.annotation}`))).toEqual(
      new Set(["customer", "agent", "system"].filter((s) => messages.some((m) => m.senderType === s)).map((s) => `${s}:${ERASED_MARKER}:null`)),
    );
    // The erasure itself is recorded: who and when, not what.
    const events = await db()
      .select()
      .from(tables.customerEvents)
      .where(and(eq(tables.customerEvents.customerId, p.id), eq(tables.customerEvents.type, "customer.erased")));
    expect(events).toMatchObject([{ actorType: "user", actorName: expect.any(String), data: {} }]);
    expect(await storedCustomer(t, p.id)).toMatchObject({ name: null, email: null, phone: null, tags: [], segment: null, attributes: {}, erasedAt: expect.any(Date) });
  }, 180_000);

  it("a widget still connected to an erased customer's conversation is disconnected, and comes back as someone new with an empty history", async () => {
    const widget = await connectCustomer(t.url, t.inboxId);
    const ack = (await widget.send(`my secret is ${randomUUID()}`)) as { conversationId: string };
    const view = await api<{ data: ConversationDTO }>(t.url, "GET", `/api/v1/conversations/${ack.conversationId}`, { cookie: admin });
    const closed = new Promise<string>((resolve) => widget.socket.once("disconnect", (reason) => resolve(reason)));
    expect((await api(t.url, "DELETE", `/api/v1/customers/${view.body.data.customer.id}`, { cookie: admin })).status).toBe(204);
    expect(await closed).toBe("io server disconnect");
    const back = await connectCustomer(t.url, t.inboxId, widget.visitorId);
    expect(await back.history()).toEqual([]);
    const again = (await back.send("hello again")) as { conversationId: string };
    back.close();
    expect(again.conversationId).not.toBe(ack.conversationId);
    const now = await api<{ data: ConversationDTO }>(t.url, "GET", `/api/v1/conversations/${again.conversationId}`, { cookie: admin });
    expect(now.body.data.customer.id).not.toBe(view.body.data.customer.id);
  }, 60_000);

  it("after the erasure, the same channel identity writing again is a new customer, not the erased one", async () => {
    const who = { externalUserId: `returning-${randomUUID()}`, externalConversationId: `thread-${randomUUID()}` };
    const before = await customerWrites(t, "hello, I am back", who);
    expect((await api(t.url, "DELETE", `/api/v1/customers/${before.customerId}`, { cookie: admin })).status).toBe(204);
    const [conversation] = await db().select().from(tables.conversations).where(eq(tables.conversations.id, before.conversationId));
    expect(conversation.externalId).toBeNull();
    const after = await customerWrites(t, "hello again", who);
    expect(after.customerId).not.toBe(before.customerId);
    expect(after.conversationId).not.toBe(before.conversationId);
  }, 60_000);
});
