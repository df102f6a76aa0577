import { randomInt, randomUUID } from "node:crypto";
import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { ConversationDTO } from "../../../src/contracts/api.ts";
import type { CustomerProfileDTO, SuggestionDTO } from "../../../src/contracts/crm.ts";
import { tables } from "../../../src/db/index.ts";
import { api } from "../../support/api-client.ts";
import { createTestApp, type TestApp } from "../../support/create-test-app.ts";
import { addOrder, customerWrites, storedCustomer } from "../../support/customer-records.ts";
import { testEngines } from "../../support/engines.ts";
import { connectCustomer } from "../../support/widget-client.ts";

type Profile = { data: CustomerProfileDTO; error?: { code: string; existingId?: string; fields?: Record<string, string> } };

describe.each(testEngines())("customer suggestions on $name", (engine) => {
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
  const profile = async (id: string) => (await api<Profile>(t.url, "GET", `/api/v1/customers/${id}`, { cookie: admin })).body.data;
  const act = (customerId: string, suggestionId: string, verb: "accept" | "dismiss") =>
    api<Profile>(t.url, "POST", `/api/v1/customers/${customerId}/suggestions/${suggestionId}/${verb}`, { cookie: admin });
  const suggestionsOf = async (id: string) => (await db().select().from(tables.customerSuggestions).where(eq(tables.customerSuggestions.customerId, id))).map((s) => `${s.field}:${s.value}:${s.status}`).sort();

  const externalIdOf = async (conversationId: string) =>
    (await db().select().from(tables.conversations).where(eq(tables.conversations.id, conversationId)))[0].externalId!;

  /** A widget customer writes through the real socket; answers who they are on the record and where the message went. */
  async function widgetCustomerWrites(...texts: string[]): Promise<{ customerId: string; conversationId: string; messageIds: string[] }> {
    const customer = await connectCustomer(t.url, t.inboxId);
    const messageIds: string[] = [];
    let conversationId = "";
    for (const text of texts) {
      const ack = (await customer.send(text)) as { id: string; conversationId: string };
      messageIds.push(ack.id);
      conversationId = ack.conversationId;
    }
    customer.close();
    const view = await api<{ data: ConversationDTO }>(t.url, "GET", `/api/v1/conversations/${conversationId}`, { cookie: admin });
    return { customerId: view.body.data.customer.id, conversationId, messageIds };
  }

  it("an email, phone and name a widget customer writes appear on their profile with the message they came from, once", async () => {
    const email = `dana.wu.${randomUUID().slice(0, 8)}@example.com`;
    const { customerId, conversationId, messageIds } = await widgetCustomerWrites(
      `Hi, this is Dana Wu. My email is ${email} and my number is +1 415 555 0199`,
      `again: my email is ${email}`,
    );
    const suggestions = (await profile(customerId)).suggestions;
    expect(suggestions.map((s) => `${s.field}:${s.value}`).sort()).toEqual([`email:${email}`, "name:Dana Wu", "phone:+14155550199"]);
    expect(suggestions.find((s) => s.field === "email")).toMatchObject({ messageId: messageIds[0], conversationId, excerpt: expect.stringContaining(email) });
    // The conversation view's customer (the console's details pane) offers the email and phone.
    const view = await api<{ data: ConversationDTO }>(t.url, "GET", `/api/v1/conversations/${conversationId}`, { cookie: admin });
    expect(view.body.data.customer.suggestions).toEqual({ email, phone: "+14155550199" });
  }, 60_000);

  it("accepting a suggestion sets the field, records suggestion.accepted, and the suggestion leaves the profile", async () => {
    const email = `sam.${randomUUID().slice(0, 8)}@example.com`;
    const { customerId, conversationId, messageIds } = await widgetCustomerWrites(`you can reach me at ${email}`);
    const [suggestion] = (await profile(customerId)).suggestions;
    const accepted = await act(customerId, suggestion.id, "accept");
    expect(accepted.status).toBe(200);
    expect(accepted.body.data).toMatchObject({ id: customerId, email });
    expect(accepted.body.data.suggestions).toEqual([]);
    expect(await suggestionsOf(customerId)).toEqual([`email:${email}:accepted`]);
    const [event] = await db()
      .select()
      .from(tables.customerEvents)
      .where(and(eq(tables.customerEvents.customerId, customerId), eq(tables.customerEvents.type, "suggestion.accepted")));
    expect(event).toMatchObject({ actorType: "user", data: { suggestionId: suggestion.id, field: "email", value: email, from: null, messageId: messageIds[0] } });
    // A second accept (a double click) and a late dismiss change nothing.
    expect((await act(customerId, suggestion.id, "accept")).status).toBe(200);
    expect((await act(customerId, suggestion.id, "dismiss")).status).toBe(204);
    expect(await suggestionsOf(customerId)).toEqual([`email:${email}:accepted`]);
    const events = await db().select().from(tables.customerEvents).where(eq(tables.customerEvents.customerId, customerId));
    expect(events.filter((e) => e.type === "suggestion.accepted")).toHaveLength(1);
    // Writing the address again in the same conversation suggests nothing: the profile has it.
    await customerWrites(t, `my email is ${email}`, { externalConversationId: await externalIdOf(conversationId) });
    expect(await suggestionsOf(customerId)).toEqual([`email:${email}:accepted`]);
  }, 60_000);

  it("a dismissed suggestion leaves the profile and the same value is never suggested again; a different email is a new suggestion", async () => {
    const phone = `+1415555${randomInt(1000, 9999)}`;
    const written = await customerWrites(t, `call me on ${phone}`);
    const [suggestion] = (await profile(written.customerId)).suggestions;
    expect(suggestion).toMatchObject({ field: "phone", value: phone });
    const dismissed = await api(t.url, "POST", `/api/v1/customers/${written.customerId}/suggestions/${suggestion.id}/dismiss`, { cookie: admin });
    expect(dismissed.status).toBe(204);
    expect((await profile(written.customerId)).suggestions).toEqual([]);
    const externalConversationId = await externalIdOf(written.conversationId);
    await customerWrites(t, `I said: call me on ${phone}`, { externalConversationId });
    expect(await suggestionsOf(written.customerId)).toEqual([`phone:${phone}:dismissed`]);
    // A profile with an email still gets a different one the customer writes as a suggestion.
    await db().update(tables.customers).set({ email: "old@example.com" }).where(eq(tables.customers.id, written.customerId));
    await customerWrites(t, "my new email is new.address@example.com", { externalConversationId });
    expect((await profile(written.customerId)).suggestions.map((s: SuggestionDTO) => `${s.field}:${s.value}`)).toEqual(["email:new.address@example.com"]);
  }, 60_000);

  it("only the writer's own name is suggested, not someone they mention", async () => {
    const written = await customerWrites(t, "I spoke to Sarah yesterday about the tent");
    expect(await suggestionsOf(written.customerId)).toEqual([]);
    const introduced = await customerWrites(t, "hi my name is john smith");
    expect(await suggestionsOf(introduced.customerId)).toEqual(["name:John Smith:open"]);
  }, 60_000);

  it("accepting an email another live customer has is 409 CUSTOMER_EXISTS with existingId, and changes nothing", async () => {
    const email = `taken.${randomUUID().slice(0, 8)}@example.com`;
    const owner = await customerWrites(t, "hello", { email });
    const { customerId } = await widgetCustomerWrites(`my email is ${email}`);
    const [suggestion] = (await profile(customerId)).suggestions;
    const res = await act(customerId, suggestion.id, "accept");
    expect(res).toMatchObject({ status: 409, body: { error: { code: "CUSTOMER_EXISTS", existingId: owner.customerId } } });
    expect((await storedCustomer(t, customerId)).email).toBeNull();
    expect(await suggestionsOf(customerId)).toEqual([`email:${email}:open`]);
  }, 60_000);

  it("an order number the customer writes links the conversation to the order; an order of nobody is suggested and accepting gives it to them", async () => {
    const someoneElse = await customerWrites(t, "hello");
    const owned = await addOrder(t, someoneElse.customerId);
    const unowned = await addOrder(t, null);
    const { customerId, conversationId } = await widgetCustomerWrites(`Where are my orders ${owned.number} and ${unowned.number}?`, `${unowned.number} please`);
    const links = await db().select().from(tables.conversationOrders).where(eq(tables.conversationOrders.conversationId, conversationId));
    expect(links.map((l) => l.orderId).sort()).toEqual([owned.id, unowned.id].sort());
    const suggestions = (await profile(customerId)).suggestions;
    expect(suggestions.map((s) => `${s.field}:${s.value}`)).toEqual([`order:${unowned.number}`]);
    const accepted = await act(customerId, suggestions[0].id, "accept");
    expect(accepted.status).toBe(200);
    const [order] = await db().select().from(tables.orders).where(eq(tables.orders.id, unowned.id));
    expect(order.customerId).toBe(customerId);
    expect(accepted.body.data.suggestions).toEqual([]);
  }, 60_000);

  it("an identity arriving with an email already known attaches to the live customer, never to a merged or erased one", async () => {
    const email = `known.${randomUUID().slice(0, 8)}@example.com`;
    const first = await customerWrites(t, "hello from the widget", { email });
    const later = await customerWrites(t, "hello from another channel", { email: email.toUpperCase() });
    expect(later.customerId).toBe(first.customerId);
    expect((await db().select().from(tables.customerIdentities).where(eq(tables.customerIdentities.customerId, first.customerId))).length).toBe(2);
    expect((await api(t.url, "DELETE", `/api/v1/customers/${first.customerId}`, { cookie: admin })).status).toBe(204);
    const afterErasure = await customerWrites(t, "hello once more", { email });
    expect(afterErasure.customerId).not.toBe(first.customerId);
  }, 60_000);

  it("unknown suggestions are 404 SUGGESTION_NOT_FOUND, bad ids 400, unknown customers 404", async () => {
    const written = await customerWrites(t, "hello");
    expect(await act(written.customerId, randomUUID(), "accept")).toMatchObject({ status: 404, body: { error: { code: "SUGGESTION_NOT_FOUND" } } });
    expect(await act(written.customerId, randomUUID(), "dismiss")).toMatchObject({ status: 404, body: { error: { code: "SUGGESTION_NOT_FOUND" } } });
    expect(await act(written.customerId, "nope", "accept")).toMatchObject({ status: 400, body: { error: { code: "VALIDATION_FAILED", fields: { suggestionId: expect.any(String) } } } });
    expect(await act(randomUUID(), randomUUID(), "accept")).toMatchObject({ status: 404, body: { error: { code: "CUSTOMER_NOT_FOUND" } } });
    // Another customer's suggestion is not this customer's.
    const other = await customerWrites(t, "my email is someone.else@example.com");
    const [theirs] = await db().select().from(tables.customerSuggestions).where(eq(tables.customerSuggestions.customerId, other.customerId));
    expect(await act(written.customerId, theirs.id, "accept")).toMatchObject({ status: 404, body: { error: { code: "SUGGESTION_NOT_FOUND" } } });
  }, 60_000);
});
