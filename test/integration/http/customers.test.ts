import { randomUUID } from "node:crypto";
import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { CustomerProfileDTO } from "../../../src/contracts/crm.ts";
import { tables } from "../../../src/db/index.ts";
import { receiveCustomerMessage } from "../../../src/modules/conversations/index.ts";
import { openHandoffTicket, updateTicket } from "../../../src/modules/tickets/index.ts";
import { api } from "../../support/api-client.ts";
import { createTestApp, type TestApp } from "../../support/create-test-app.ts";
import { addCustomer, insertCompany, insertOrder, uniqueToken } from "../../support/crm-records.ts";
import { testEngines } from "../../support/engines.ts";

type Profile = { data: CustomerProfileDTO };

describe.each(testEngines())("customer records on $name", (engine) => {
  let t: TestApp;
  let cookie: string;

  beforeAll(async () => {
    t = await createTestApp({ database: await engine.open() });
    cookie = await t.login();
  }, 120_000);
  afterAll(async () => {
    await t?.close();
    await engine.cleanup();
  });

  const events = (customerId: string) =>
    t.container.database.db.select().from(tables.customerEvents).where(eq(tables.customerEvents.customerId, customerId)).orderBy(tables.customerEvents.id);
  const say = (customerId: string, text: string, conversationKey = randomUUID()) =>
    receiveCustomerMessage(t.container.deps, { inboxId: t.inboxId, channel: "web", externalUserId: conversationKey, externalConversationId: conversationKey, customerId, text, answeredInTurn: true });

  describe("POST /customers", () => {
    it("adds a customer (email lower-cased, tags normalised) and records customer.created", async () => {
      const token = uniqueToken();
      const res = await api<Profile>(t.url, "POST", "/api/v1/customers", {
        cookie,
        body: { name: "  Nadia Okafor ", email: `Nadia.${token}@Example.COM`, phone: "+44 20 7946 0101", tier: "vip", tags: [" VIP ", "newsletter", "vip"] },
      });
      expect(res.status).toBe(201);
      expect(res.body.data).toMatchObject({ name: "Nadia Okafor", email: `nadia.${token}@example.com`, phone: "+44 20 7946 0101", tier: "vip", tags: ["vip", "newsletter"], company: null });
      expect(res.body.data.figures).toMatchObject({ conversations: 0, orders: 0, totalSpentCents: 0, averageOrderCents: null, firstSeenAt: res.body.data.createdAt });
      expect((await events(res.body.data.id)).map((e) => [e.type, e.actorType, e.actorName])).toEqual([["customer.created", "user", expect.any(String)]]);
    });

    it("rejects bad input with 400 VALIDATION_FAILED naming the field, and stores nothing", async () => {
      const bad = async (body: unknown, field: string) =>
        expect(await api(t.url, "POST", "/api/v1/customers", { cookie, body })).toMatchObject({ status: 400, body: { error: { code: "VALIDATION_FAILED", fields: { [field]: expect.any(String) } } } });
      await bad({}, "name");
      await bad({ tier: "vip" }, "name");
      await bad({ email: "not-an-email" }, "email");
      await bad({ phone: "call me maybe" }, "phone");
      await bad({ phone: "12" }, "phone");
      await bad({ phone: "+".padEnd(31, "1") }, "phone");
      await bad({ name: "x", tags: ["t".repeat(51)] }, "tags.0");
      await bad({ name: "x", tags: Array.from({ length: 51 }, (_, i) => `t${i}`) }, "tags");
      await bad({ name: "x", companyId: "acme" }, "companyId");
      await bad({ name: "x", tier: "gold" }, "tier");
      await bad({ name: "x", favourite: "blue" }, "body");
      expect(await t.container.database.db.select().from(tables.customers).where(eq(tables.customers.name, "x"))).toHaveLength(0);
    });

    it("refuses an email or phone a live customer has with 409 CUSTOMER_EXISTS and its id; merged and erased records do not count", async () => {
      const token = uniqueToken();
      const first = await addCustomer(t, cookie, { email: `dup.${token}@example.com`, phone: "+1 415 555 0199" });
      for (const body of [{ email: `DUP.${token}@example.com` }, { name: "Other", phone: "(415) 555-0199".replace("(", "+1 (") }]) {
        expect(await api(t.url, "POST", "/api/v1/customers", { cookie, body })).toMatchObject({ status: 409, body: { error: { code: "CUSTOMER_EXISTS", existingId: first.id } } });
      }
      await t.container.database.db.update(tables.customers).set({ erasedAt: new Date() }).where(eq(tables.customers.id, first.id));
      const second = await addCustomer(t, cookie, { email: `dup.${token}@example.com` });
      const third = await addCustomer(t, cookie, { name: "Third" });
      await t.container.database.db.update(tables.customers).set({ mergedIntoId: third.id }).where(eq(tables.customers.id, second.id));
      expect((await addCustomer(t, cookie, { email: `dup.${token}@example.com` })).id).not.toBe(second.id);
    });

    it("of concurrent requests with the same email, exactly one creates the customer; the others get 409 with its id", async () => {
      const email = `race.${uniqueToken()}@example.com`;
      const answers = await Promise.all(Array.from({ length: 5 }, () => api<Profile>(t.url, "POST", "/api/v1/customers", { cookie, body: { email } })));
      const created = answers.filter((a) => a.status === 201);
      expect(created).toHaveLength(1);
      for (const other of answers.filter((a) => a.status !== 201)) {
        expect(other).toMatchObject({ status: 409, body: { error: { code: "CUSTOMER_EXISTS", existingId: created[0].body.data.id } } });
      }
    });

    it("joins the company whose domain the email has, never through a free-mail domain; a given company wins; an unknown one is 404", async () => {
      const token = uniqueToken();
      const acme = await insertCompany(t, { name: `Acme ${token}`, domain: `acme-${token}.com` });
      const gmailCo = await insertCompany(t, { name: `Gmail fans ${token}`, domain: "gmail.com" });
      const other = await insertCompany(t, { name: `Other ${token}` });
      expect((await addCustomer(t, cookie, { email: `ann@ACME-${token}.com` })).company).toEqual({ id: acme.id, name: acme.name, domain: acme.domain });
      expect((await addCustomer(t, cookie, { email: `ann.${token}@gmail.com` })).company).toBeNull();
      expect(gmailCo.domain).toBe("gmail.com");
      expect((await addCustomer(t, cookie, { email: `bob@acme-${token}.com`, companyId: other.id })).company?.id).toBe(other.id);
      expect(await api(t.url, "POST", "/api/v1/customers", { cookie, body: { name: "Nobody", companyId: randomUUID() } })).toMatchObject({
        status: 404,
        body: { error: { code: "COMPANY_NOT_FOUND" } },
      });
    });
  });

  describe("GET /customers/:id", () => {
    it("shows identities, company, figures, sentiment trend, suggestions, duplicates, recent orders and conversations", async () => {
      const token = uniqueToken();
      const company = await insertCompany(t, { name: `Profile Co ${token}` });
      const customer = await addCustomer(t, cookie, { name: `Margaret Hollis ${token}`, email: `mh.${token}@example.com`, phone: "+1 212 555 0147", companyId: company.id });
      const twinByName = await addCustomer(t, cookie, { name: `Margret Hollis ${token}`, companyId: company.id });
      const twinByPhone = await addCustomer(t, cookie, { name: "Phone Twin" });
      await t.container.database.db.update(tables.customers).set({ phone: "1 (212) 555-0147" }).where(eq(tables.customers.id, twinByPhone.id));
      await addCustomer(t, cookie, { name: `Margaret Hollis ${token}` }); // same name, no company: not a duplicate

      const happy = await say(customer.id, "Thank you, the tent is wonderful and I love it!");
      const angry = await say(customer.id, "This is terrible, my order never arrived and I am furious");
      await say(customer.id, "Still waiting, this is awful", angry.conversation.id === "" ? undefined : undefined);
      const ticket = await openHandoffTicket(t.container.deps, { conversationId: angry.conversation.id, reason: "customer_request" });
      await updateTicket(t.container.deps, ticket.id, { status: "resolved" }, { type: "system", id: null });
      await openHandoffTicket(t.container.deps, { conversationId: happy.conversation.id, reason: "customer_request" });

      await insertOrder(t, { customerId: customer.id, totalCents: 1000, createdAt: new Date(Date.now() - 3000) });
      await insertOrder(t, { customerId: customer.id, totalCents: 3000, createdAt: new Date(Date.now() - 2000) });
      await insertOrder(t, { customerId: customer.id, totalCents: 99900, status: "cancelled", createdAt: new Date(Date.now() - 1000) });

      const message = "Hello there. ".repeat(20) + `You can also write to me at margaret.${token}@work.example any time. ` + "Thanks! ".repeat(20);
      const withEmail = await say(customer.id, message);
      // The message itself suggests the email (the NLP flow); a dismissed suggestion stays off the profile.
      await t.container.database.db.insert(tables.customerSuggestions).values({ customerId: customer.id, field: "name", value: "Maggie", status: "dismissed" });
      await t.container.database.db.insert(tables.customerIdentities).values({ customerId: customer.id, channel: "telegram", externalId: `tg-${token}` });

      const res = await api<Profile>(t.url, "GET", `/api/v1/customers/${customer.id}`, { cookie });
      expect(res.status).toBe(200);
      const p = res.body.data;
      expect(p.company).toEqual({ id: company.id, name: company.name, domain: null });
      expect(p.identities.map((i) => [i.channel, i.externalId])).toEqual([["telegram", `tg-${token}`]]);
      expect(p.figures).toMatchObject({ conversations: 4, tickets: 2, openTickets: 1, orders: 3, totalSpentCents: 4000, averageOrderCents: 2000, currency: "USD" });
      expect(Date.parse(p.figures.lastSeenAt!)).toBeGreaterThanOrEqual(Date.parse(p.figures.firstSeenAt!));
      expect(p.sentimentTrend).toHaveLength(4);
      expect(p.sentimentTrend[0].conversationId).toBe(happy.conversation.id);
      expect(p.sentimentTrend[0].start).toBeGreaterThan(0);
      expect(p.sentimentTrend[1].min).toBeLessThan(0);
      expect(p.suggestions).toHaveLength(1);
      expect(p.suggestions[0]).toMatchObject({ field: "email", value: `margaret.${token}@work.example`, messageId: withEmail.message.id, conversationId: withEmail.conversation.id });
      expect(p.suggestions[0].excerpt!.length).toBeLessThanOrEqual(160);
      expect(p.suggestions[0].excerpt).toContain(`margaret.${token}@work.example`);
      expect(p.duplicates).toEqual(
        expect.arrayContaining([
          { id: twinByPhone.id, name: "Phone Twin", email: null, phone: "1 (212) 555-0147", reason: "phone" },
          { id: twinByName.id, name: twinByName.name, email: null, phone: null, reason: "name" },
        ]),
      );
      expect(p.duplicates).toHaveLength(2);
      expect(p.recentOrders.map((o) => [o.totalCents, o.status])).toEqual([[99900, "cancelled"], [3000, "delivered"], [1000, "delivered"]]);
      expect(p.recentConversations).toHaveLength(4);
      expect(p.recentConversations[0]).toMatchObject({ id: withEmail.conversation.id, channel: "web", firstLine: message.slice(0, 200) });
      const angryRow = p.recentConversations.find((c) => c.id === angry.conversation.id)!;
      expect(angryRow.sentiment).toBeLessThan(0);
      expect(angryRow.firstLine).toBe("This is terrible, my order never arrived and I am furious");
    }, 60_000);

    it("answers 404 CUSTOMER_NOT_FOUND for an unknown or erased id, with mergedInto for a merged one, and 400 for a malformed id", async () => {
      const kept = await addCustomer(t, cookie, { name: "Kept" });
      const merged = await addCustomer(t, cookie, { name: "Merged" });
      const erased = await addCustomer(t, cookie, { name: "Erased" });
      const db = t.container.database.db;
      await db.update(tables.customers).set({ mergedIntoId: kept.id }).where(eq(tables.customers.id, merged.id));
      await db.update(tables.customers).set({ erasedAt: new Date(), name: null }).where(eq(tables.customers.id, erased.id));
      expect(await api(t.url, "GET", `/api/v1/customers/${randomUUID()}`, { cookie })).toMatchObject({ status: 404, body: { error: { code: "CUSTOMER_NOT_FOUND" } } });
      expect(await api(t.url, "GET", `/api/v1/customers/${erased.id}`, { cookie })).toMatchObject({ status: 404, body: { error: { code: "CUSTOMER_NOT_FOUND" } } });
      expect(await api(t.url, "GET", `/api/v1/customers/${merged.id}`, { cookie })).toMatchObject({ status: 404, body: { error: { code: "CUSTOMER_NOT_FOUND", mergedInto: kept.id } } });
      expect(await api(t.url, "PATCH", `/api/v1/customers/${merged.id}`, { cookie, body: { name: "x" } })).toMatchObject({ status: 404, body: { error: { mergedInto: kept.id } } });
      expect(await api(t.url, "GET", "/api/v1/customers/nope", { cookie })).toMatchObject({ status: 400, body: { error: { code: "VALIDATION_FAILED", fields: { id: expect.any(String) } } } });
    });
  });

  describe("PATCH /customers/:id", () => {
    it("changes fields and records one customer.updated event with each change's before and after", async () => {
      const token = uniqueToken();
      const company = await insertCompany(t, { name: `Patch Co ${token}` });
      const customer = await addCustomer(t, cookie, { name: "Before", email: `before.${token}@example.com`, tags: ["a"] });
      const res = await api<Profile>(t.url, "PATCH", `/api/v1/customers/${customer.id}`, {
        cookie,
        body: { name: "After", email: `AFTER.${token}@example.com`, phone: "+1 555 010 9999", tier: "vip", companyId: company.id, tags: ["a", "b"] },
      });
      expect(res.status).toBe(200);
      expect(res.body.data).toMatchObject({ name: "After", email: `after.${token}@example.com`, phone: "+1 555 010 9999", tier: "vip", tags: ["a", "b"], company: { id: company.id } });
      const updated = (await events(customer.id)).filter((e) => e.type === "customer.updated");
      expect(updated).toHaveLength(1);
      expect(updated[0].data).toEqual({
        changes: {
          name: { from: "Before", to: "After" },
          email: { from: `before.${token}@example.com`, to: `after.${token}@example.com` },
          phone: { from: null, to: "+1 555 010 9999" },
          tier: { from: "standard", to: "vip" },
          company: { from: null, to: { id: company.id, name: company.name } },
          tags: { from: ["a"], to: ["a", "b"] },
        },
      });
      // The same values again change nothing and record nothing; null clears the company.
      expect((await api(t.url, "PATCH", `/api/v1/customers/${customer.id}`, { cookie, body: { name: "After", tags: ["a", "b"] } })).status).toBe(200);
      expect((await events(customer.id)).filter((e) => e.type === "customer.updated")).toHaveLength(1);
      const cleared = await api<Profile>(t.url, "PATCH", `/api/v1/customers/${customer.id}`, { cookie, body: { companyId: null, name: null } });
      expect(cleared.body.data).toMatchObject({ company: null, name: null });
      expect((await events(customer.id)).at(-1)?.data).toEqual({ changes: { name: { from: "After", to: null }, company: { from: { id: company.id, name: company.name }, to: null } } });
    });

    it("refuses another live customer's email or phone with 409 CUSTOMER_EXISTS and existingId; unknown company 404; bad input 400", async () => {
      const token = uniqueToken();
      const owner = await addCustomer(t, cookie, { email: `owner.${token}@example.com`, phone: "+49 30 1234567" });
      const other = await addCustomer(t, cookie, { name: "Other" });
      const patch = (body: unknown) => api(t.url, "PATCH", `/api/v1/customers/${other.id}`, { cookie, body });
      expect(await patch({ email: `Owner.${token}@example.com` })).toMatchObject({ status: 409, body: { error: { code: "CUSTOMER_EXISTS", existingId: owner.id } } });
      expect(await patch({ phone: "030-123-4567".replace("030", "+49 30") })).toMatchObject({ status: 409, body: { error: { code: "CUSTOMER_EXISTS", existingId: owner.id } } });
      expect(await patch({ companyId: randomUUID() })).toMatchObject({ status: 404, body: { error: { code: "COMPANY_NOT_FOUND" } } });
      expect(await patch({})).toMatchObject({ status: 400, body: { error: { code: "VALIDATION_FAILED" } } });
      expect(await patch({ email: "nope" })).toMatchObject({ status: 400, body: { error: { fields: { email: expect.any(String) } } } });
      expect(await patch({ tier: "gold" })).toMatchObject({ status: 400, body: { error: { fields: { tier: expect.any(String) } } } });
      expect(await api(t.url, "PATCH", `/api/v1/customers/${randomUUID()}`, { cookie, body: { name: "x" } })).toMatchObject({ status: 404, body: { error: { code: "CUSTOMER_NOT_FOUND" } } });
      // The owner keeping its own email is no conflict.
      expect((await api(t.url, "PATCH", `/api/v1/customers/${owner.id}`, { cookie, body: { email: `owner.${token}@example.com`, name: "Owner" } })).status).toBe(200);
      expect((await events(other.id)).map((e) => e.type)).toEqual(["customer.created"]);
    });

    it("announces the change on the customer's conversations, as the conversation sidebar expects", async () => {
      const customer = await addCustomer(t, cookie, { name: "Announced" });
      const { conversation } = await say(customer.id, "hello");
      const announced: string[] = [];
      const listener = (e: { conversationId: string }) => announced.push(e.conversationId);
      const stop = t.container.deps.events.on("conversation.updated", listener);
      await api(t.url, "PATCH", `/api/v1/customers/${customer.id}`, { cookie, body: { name: "Announced again" } });
      stop();
      expect(announced).toContain(conversation.id);
    });
  });

  describe("POST /customers/bulk-tags", () => {
    it("adds and removes tags on many customers and records customer.tagged on each one that changed", async () => {
      const token = uniqueToken();
      const a = await addCustomer(t, cookie, { name: "Bulk A", tags: ["old"] });
      const b = await addCustomer(t, cookie, { name: "Bulk B", tags: [`new-${token}`] });
      const res = await api(t.url, "POST", "/api/v1/customers/bulk-tags", { cookie, body: { ids: [a.id, b.id], add: [` NEW-${token} `], remove: ["old"] } });
      expect(res).toMatchObject({ status: 200, body: { data: { updated: 1 } } });
      const tagsOf = async (id: string) => (await t.container.database.db.select().from(tables.customers).where(eq(tables.customers.id, id)))[0].tags;
      expect(await tagsOf(a.id)).toEqual([`new-${token}`]);
      expect(await tagsOf(b.id)).toEqual([`new-${token}`]);
      expect((await events(a.id)).at(-1)).toMatchObject({ type: "customer.tagged", data: { added: [`new-${token}`], removed: ["old"] } });
      expect((await events(b.id)).map((e) => e.type)).toEqual(["customer.created"]);
    });

    it("refuses the whole request when an agent does not own every record (403), an id is unknown (404), a customer would pass 50 tags, or the body is bad (400)", async () => {
      const agentEmail = "alex@switchboard.local";
      const agentCookie = await t.login(agentEmail);
      const [agent] = await t.container.database.db.select().from(tables.users).where(eq(tables.users.email, agentEmail));
      const own = await addCustomer(t, cookie, { name: "Agent's own" });
      const { conversation } = await say(own.id, "I need a person");
      const ticket = await openHandoffTicket(t.container.deps, { conversationId: conversation.id, reason: "customer_request" });
      await updateTicket(t.container.deps, ticket.id, { assigneeId: agent.id }, { type: "system", id: null });
      const notOwn = await addCustomer(t, cookie, { name: "Someone else's" });
      const bulk = (who: string, body: unknown) => api(t.url, "POST", "/api/v1/customers/bulk-tags", { cookie: who, body });

      expect(await bulk(agentCookie, { ids: [own.id, notOwn.id], add: ["x"] })).toMatchObject({ status: 403, body: { error: { code: "FORBIDDEN" } } });
      const stored = await t.container.database.db.select().from(tables.customers).where(and(eq(tables.customers.id, own.id)));
      expect(stored[0].tags).toEqual([]);
      expect(await bulk(agentCookie, { ids: [own.id], add: ["x"] })).toMatchObject({ status: 200, body: { data: { updated: 1 } } });
      expect(await bulk(cookie, { ids: [notOwn.id, randomUUID()], add: ["x"] })).toMatchObject({ status: 404, body: { error: { code: "CUSTOMER_NOT_FOUND" } } });
      const full = await addCustomer(t, cookie, { name: "Full", tags: Array.from({ length: 50 }, (_, i) => `t${i}`) });
      expect(await bulk(cookie, { ids: [notOwn.id, full.id], add: ["one-more"] })).toMatchObject({ status: 400, body: { error: { code: "VALIDATION_FAILED" } } });
      expect((await t.container.database.db.select().from(tables.customers).where(eq(tables.customers.id, notOwn.id)))[0].tags).toEqual([]);
      for (const [body, field] of [
        [{ ids: [], add: ["x"] }, "ids"],
        [{ ids: ["nope"], add: ["x"] }, "ids.0"],
        [{ ids: [own.id] }, "add"],
        [{ ids: [own.id], add: [""] }, "add.0"],
        [{ ids: Array.from({ length: 201 }, () => randomUUID()), add: ["x"] }, "ids"],
      ] as const) {
        expect(await bulk(cookie, body)).toMatchObject({ status: 400, body: { error: { code: "VALIDATION_FAILED", fields: { [field]: expect.any(String) } } } });
      }
    });
  });

  describe("customers behind channel identities", () => {
    it("an identity arriving with an email a live customer has attaches to that customer; merged and erased records are passed over", async () => {
      const token = uniqueToken();
      const known = await addCustomer(t, cookie, { name: "Known", email: `known.${token}@example.com` });
      const { resolveCustomerId } = await import("../../../src/modules/customers/index.ts");
      const deps = t.container.deps;
      expect(await resolveCustomerId(deps, { channel: "telegram", externalId: `tg-${token}` }, { email: `Known.${token}@Example.com` })).toBe(known.id);
      const identities = await deps.db.select().from(tables.customerIdentities).where(eq(tables.customerIdentities.customerId, known.id));
      expect(identities.map((i) => i.externalId)).toEqual([`tg-${token}`]);
      // The same identity again: the same customer.
      expect(await resolveCustomerId(deps, { channel: "telegram", externalId: `tg-${token}` })).toBe(known.id);

      const survivor = await addCustomer(t, cookie, { name: "Survivor" });
      await deps.db.update(tables.customers).set({ mergedIntoId: survivor.id }).where(eq(tables.customers.id, known.id));
      // An identity still on a merged record answers the record it was merged into; its email no longer matches anyone.
      expect(await resolveCustomerId(deps, { channel: "telegram", externalId: `tg-${token}` })).toBe(survivor.id);
      const fresh = await resolveCustomerId(deps, { channel: "email", externalId: `e-${token}` }, { email: `known.${token}@example.com` });
      expect([known.id, survivor.id]).not.toContain(fresh);

      await deps.db.update(tables.customers).set({ erasedAt: new Date() }).where(eq(tables.customers.id, fresh));
      const again = await resolveCustomerId(deps, { channel: "email", externalId: `e-${token}` }, { email: `known.${token}@example.com` });
      expect(again).not.toBe(fresh);
      const [row] = await deps.db.select().from(tables.customers).where(eq(tables.customers.id, again));
      expect(row).toMatchObject({ email: `known.${token}@example.com`, mergedIntoId: null, erasedAt: null });
    });
  });
});
