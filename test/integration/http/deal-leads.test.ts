import { randomUUID } from "node:crypto";
import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DealDTO, DealStageChangeDTO } from "../../../src/contracts/sales.ts";
import { tables } from "../../../src/db/index.ts";
import { receiveCustomerMessage } from "../../../src/modules/conversations/index.ts";
import { openHandoffTicket } from "../../../src/modules/tickets/index.ts";
import { api } from "../../support/api-client.ts";
import { connectConsole } from "../../support/console-client.ts";
import { createTestApp, type TestApp } from "../../support/create-test-app.ts";
import { dealPeople, patchDeal, type SessionUser } from "../../support/deal-helpers.ts";
import { testEngines } from "../../support/engines.ts";
import { connectCustomer } from "../../support/widget-client.ts";

const ORDER_TENT = "I want to order the Trailhead 2-Person Tent";

describe.each(testEngines())("chat leads on $name", (engine) => {
  let t: TestApp;
  let people: Record<"admin" | "alex" | "sam" | "morgan", SessionUser>;
  const db = () => t.container.database.db;
  const chatLeads = (conversationId: string) =>
    db().select().from(tables.deals).where(and(eq(tables.deals.conversationId, conversationId), eq(tables.deals.source, "chat")));
  /** Waits until the lead listener (which runs after the message's turn) has opened the conversation's lead. */
  async function leadOf(conversationId: string): Promise<DealDTO> {
    for (let i = 0; i < 100; i++) {
      const res = await api<{ data: DealDTO[] }>(t.url, "GET", `/api/v1/deals?conversationId=${conversationId}`, { cookie: people.admin.cookie });
      if (res.body.data.length > 0) return res.body.data[0]!;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    throw new Error("no lead opened");
  }
  const settle = () => new Promise((resolve) => setTimeout(resolve, 1_000));

  beforeAll(async () => {
    t = await createTestApp({ database: await engine.open() });
    people = await dealPeople(t);
  }, 120_000);
  afterAll(async () => {
    await t?.close();
    await engine.cleanup();
  });

  it("a customer asking to buy in the widget gets an answer and opens one lead, once, even when asking twice; the console hears of it", async () => {
    const consoleSocket = await connectConsole(t.url, people.alex.cookie);
    const heard: { dealId: string; conversationId: string | null }[] = [];
    consoleSocket.socket.on("deal:updated", (payload: { dealId: string; conversationId: string | null }) => heard.push(payload));
    const customer = await connectCustomer(t.url, t.inboxId);
    try {
      const ack = await customer.send(ORDER_TENT);
      if ("error" in ack) throw new Error(ack.error.message);
      // The answer (the bot's, or the hand-off's notice: a purchase goes to a person) is not held up by the lead.
      await customer.waitFor((m) => m.sender.type !== "customer", 20_000);
      const lead = await leadOf(ack.conversationId);
      const [tent] = await db().select().from(tables.products).where(eq(tables.products.sku, "TENT-2P"));
      expect(lead).toMatchObject({
        title: "Trailhead 2-Person Tent",
        source: "chat",
        stage: { key: "lead" },
        amountCents: tent!.priceCents,
        currency: "USD",
        conversationId: ack.conversationId,
        owner: { id: expect.any(String) },
      });
      const [conversation] = await db().select().from(tables.conversations).where(eq(tables.conversations.id, ack.conversationId));
      expect(lead.customer?.id).toBe(conversation!.customerId);
      const history = await api<{ data: DealStageChangeDTO[] }>(t.url, "GET", `/api/v1/deals/${lead.id}/history`, { cookie: people.admin.cookie });
      expect(history.body.data).toMatchObject([{ from: null, to: { key: "lead" }, actor: { type: "system", id: null } }]);

      const again = await customer.send("Please, I really want to buy the tent, how do I order it?");
      if ("error" in again) throw new Error(again.error.message);
      await settle();
      expect(await chatLeads(ack.conversationId)).toHaveLength(1);
      expect(heard).toContainEqual({ dealId: lead.id, conversationId: ack.conversationId });
    } finally {
      customer.close();
      consoleSocket.close();
    }
  }, 60_000);

  it("two buying messages committed at once open exactly one lead (the unique index decides the race)", async () => {
    const id = randomUUID();
    const inbound = (text: string) => ({ inboxId: t.inboxId, channel: "web", externalUserId: `u-${id}`, externalConversationId: `c-${id}`, text, answeredInTurn: true });
    const first = await receiveCustomerMessage(t.container.deps, inbound("Hi"));
    await Promise.all([
      receiveCustomerMessage(t.container.deps, inbound(ORDER_TENT)),
      receiveCustomerMessage(t.container.deps, inbound("I want to order the Mini Camp Stove for $35")),
      receiveCustomerMessage(t.container.deps, inbound("how do I place an order")),
    ]);
    await leadOf(first.conversation.id);
    await settle();
    expect(await chatLeads(first.conversation.id)).toHaveLength(1);
  }, 60_000);

  it("takes the amount from the money the customer mentioned; a message that does not ask to buy opens nothing", async () => {
    const id = randomUUID();
    const inbound = (text: string) => ({ inboxId: t.inboxId, channel: "web", externalUserId: `u-${id}`, externalConversationId: `c-${id}`, text, answeredInTurn: true });
    const hello = await receiveCustomerMessage(t.container.deps, inbound("where is my order ORD-10001"));
    await settle();
    expect(await chatLeads(hello.conversation.id)).toHaveLength(0);
    await receiveCustomerMessage(t.container.deps, inbound("I want to order the Mini Camp Stove for $35"));
    expect(await leadOf(hello.conversation.id)).toMatchObject({ amountCents: 3_500, currency: "USD", title: "Mini Camp Stove" });
  }, 60_000);

  it("leads go round-robin to the active sales reps", async () => {
    await db().delete(tables.salesReps);
    await db().insert(tables.salesReps).values([
      { userId: people.alex.id, active: true },
      { userId: people.sam.id, active: true },
      { userId: people.morgan.id, active: false },
    ]);
    const owners: string[] = [];
    for (let i = 0; i < 4; i++) {
      const id = randomUUID();
      const { conversation } = await receiveCustomerMessage(t.container.deps, {
        inboxId: t.inboxId,
        channel: "web",
        externalUserId: `u-${id}`,
        externalConversationId: `c-${id}`,
        text: ORDER_TENT,
        answeredInTurn: true,
      });
      owners.push((await leadOf(conversation.id)).owner!.id);
    }
    const [a, b] = [people.alex.id, people.sam.id].sort();
    expect(owners[1]).not.toBe(owners[0]);
    expect(owners).toEqual([owners[0], owners[1], owners[0], owners[1]]);
    expect(new Set(owners)).toEqual(new Set([a, b]));
  }, 60_000);

  it("the agent assigned to the conversation reads the lead round-robin gave another rep (list, page, history) but may not change it; an agent not on it sees nothing", async () => {
    // Round-robin has only Morgan to give leads to; Alex takes the chat, Sam is not on it.
    await db().delete(tables.salesReps);
    await db().insert(tables.salesReps).values([{ userId: people.morgan.id, active: true }]);
    const id = randomUUID();
    const { conversation } = await receiveCustomerMessage(t.container.deps, {
      inboxId: t.inboxId,
      channel: "web",
      externalUserId: `u-${id}`,
      externalConversationId: `c-${id}`,
      text: ORDER_TENT,
      answeredInTurn: true,
    });
    const lead = await leadOf(conversation.id);
    expect(lead.owner?.id).toBe(people.morgan.id);
    const ticket = await openHandoffTicket(t.container.deps, { conversationId: conversation.id, reason: "customer_request" });
    const assign = (assigneeId: string | null) => api(t.url, "PATCH", `/api/v1/tickets/${ticket.id}`, { cookie: people.admin.cookie, body: { assigneeId } });
    expect((await assign(people.alex.id)).status).toBe(200);
    const as = (who: SessionUser) => ({ cookie: who.cookie });
    const sidebar = (who: SessionUser) => api<{ data: DealDTO[] }>(t.url, "GET", `/api/v1/deals?conversationId=${conversation.id}`, as(who));

    expect((await sidebar(people.alex)).body.data.map((d) => d.id)).toEqual([lead.id]);
    expect(await api(t.url, "GET", `/api/v1/deals/${lead.id}`, as(people.alex))).toMatchObject({ status: 200, body: { data: { id: lead.id, owner: { id: people.morgan.id } } } });
    expect((await api(t.url, "GET", `/api/v1/deals/${lead.id}/history`, as(people.alex))).status).toBe(200);
    expect((await api<{ data: DealDTO[] }>(t.url, "GET", `/api/v1/deals?customerId=${lead.customer!.id}`, as(people.alex))).body.data.map((d) => d.id)).toEqual([lead.id]);
    // Reading is all: changing it stays with its owner and managers, and the refusal changes nothing.
    expect(await patchDeal(t, as(people.alex), lead.id, { stage: "qualified", ownerId: people.alex.id })).toMatchObject({ status: 403, body: { error: { code: "FORBIDDEN" } } });
    expect((await sidebar(people.admin)).body.data[0]).toMatchObject({ stage: { key: "lead" }, owner: { id: people.morgan.id } });

    // Sam is not on the conversation: the list is empty and the deal does not exist for him.
    expect((await sidebar(people.sam)).body.data).toEqual([]);
    expect(await api(t.url, "GET", `/api/v1/deals/${lead.id}`, as(people.sam))).toMatchObject({ status: 404, body: { error: { code: "DEAL_NOT_FOUND" } } });
    // Once the ticket is handed to Sam, the deal follows the chat: Sam reads it, Alex no longer does.
    expect((await assign(people.sam.id)).status).toBe(200);
    expect((await sidebar(people.sam)).body.data.map((d) => d.id)).toEqual([lead.id]);
    expect((await sidebar(people.alex)).body.data).toEqual([]);
    expect(await api(t.url, "GET", `/api/v1/deals/${lead.id}`, as(people.alex))).toMatchObject({ status: 404, body: { error: { code: "DEAL_NOT_FOUND" } } });
  }, 60_000);
});
