import { randomUUID } from "node:crypto";
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { TimelineItemDTO } from "../../../src/contracts/crm.ts";
import type { DealDraftDTO, DealDTO, DealStageChangeDTO, DealStageDTO } from "../../../src/contracts/sales.ts";
import { tables } from "../../../src/db/index.ts";
import { demoCustomers } from "../../../src/db/seed/demo-data.ts";
import { DEMO_DEAL_PLAN, seedDemoDeals } from "../../../src/db/seed/demo-deals.ts";
import { api } from "../../support/api-client.ts";
import { createTestApp, type TestApp } from "../../support/create-test-app.ts";
import { customerWrites } from "../../support/customer-records.ts";
import { dealPeople, keyWith, patchDeal, postDeal, type ErrorBody, type SessionUser } from "../../support/deal-helpers.ts";
import { testEngines } from "../../support/engines.ts";

describe.each(testEngines())("deals API on $name", (engine) => {
  let t: TestApp;
  let people: Record<"admin" | "alex" | "sam" | "morgan", SessionUser>;
  const db = () => t.container.database.db;
  const as = (who: SessionUser) => ({ cookie: who.cookie });
  const get = <T>(who: SessionUser, path: string) => api<{ data: T; nextCursor?: string | null } & Partial<ErrorBody>>(t.url, "GET", path, as(who));
  /** A fresh customer (who said nothing that asks to buy, so no chat lead opens). */
  const newCustomer = async (name = `Casey ${randomUUID().slice(0, 6)}`) => {
    const written = await customerWrites(t, "Hello there");
    await db().update(tables.customers).set({ name }).where(eq(tables.customers.id, written.customerId));
    return { ...written, name };
  };
  const dealCount = async () => (await db().select({ id: tables.deals.id }).from(tables.deals)).length;

  beforeAll(async () => {
    t = await createTestApp({ database: await engine.open() });
    people = await dealPeople(t);
  }, 120_000);
  afterAll(async () => {
    await t?.close();
    await engine.cleanup();
  });

  it("lists the six default stages in position order, each with its outcome and default probability", async () => {
    const res = await get<DealStageDTO[]>(people.alex, "/api/v1/deals/stages");
    expect(res.status).toBe(200);
    expect(res.body.data.map((s) => [s.key, s.position, s.probability, s.outcome])).toEqual([
      ["lead", 1, 10, "open"],
      ["qualified", 2, 25, "open"],
      ["proposal", 3, 50, "open"],
      ["negotiation", 4, 75, "open"],
      ["won", 5, 100, "won"],
      ["lost", 6, 0, "lost"],
    ]);
  });

  it("the demo data: deals in every stage for the demo customers, owned by the demo users, with histories; closed ones in past months; the demo users are sales reps", async () => {
    const emails = new Set(demoCustomers.map((c) => c.email));
    const deals = (await get<DealDTO[]>(people.morgan, "/api/v1/deals?limit=200")).body.data.filter((d) => d.customer?.email && emails.has(d.customer.email));
    expect(deals).toHaveLength(DEMO_DEAL_PLAN.length);
    expect(new Set(deals.map((d) => d.stage.key))).toEqual(new Set(["lead", "qualified", "proposal", "negotiation", "won", "lost"]));
    expect(new Set(deals.map((d) => d.owner?.id))).toEqual(new Set([people.alex.id, people.sam.id, people.morgan.id]));
    const now = Date.now();
    for (const deal of deals) {
      const closed = deal.stage.outcome !== "open";
      expect(closed ? Date.parse(deal.closedAt!) < now - 5 * 86_400_000 : deal.closedAt === null).toBe(true);
      if (!closed) expect(Date.parse(deal.expectedCloseDate!)).toBeGreaterThan(now - 86_400_000);
      const history = (await get<DealStageChangeDTO[]>(people.morgan, `/api/v1/deals/${deal.id}/history`)).body.data;
      expect(history[0]).toMatchObject({ from: null, to: { key: "lead" } });
      expect(history.at(-1)?.to.key).toBe(deal.stage.key);
    }
    const reps = await db().select().from(tables.salesReps);
    expect(new Set(reps.map((r) => r.userId))).toEqual(new Set([people.alex.id, people.sam.id, people.morgan.id]));
    // Seeding again adds nothing.
    const products = await db().select().from(tables.products);
    const customerIds = [...new Set(deals.map((d) => d.customer!.id))];
    expect(await seedDemoDeals(db(), { now: new Date(), customerIds, products })).toBe(0);
  });

  it("creates a deal in the first open stage, owned by its creator, with its first stage change recorded and on the customer's timeline", async () => {
    const customer = await newCustomer();
    const res = await postDeal(t, as(people.alex), { title: "Tents for the scouts", customerId: customer.customerId, amountCents: 100_000, expectedCloseDate: "2026-12-20" });
    expect(res.status).toBe(201);
    expect(res.body.data).toMatchObject({
      title: "Tents for the scouts",
      customer: { id: customer.customerId, name: customer.name },
      owner: { id: people.alex.id, name: "Alex Agent" },
      amountCents: 100_000,
      currency: "USD",
      stage: { key: "lead" },
      probability: 10,
      weightedAmountCents: 10_000,
      expectedCloseDate: "2026-12-20",
      source: "manual",
      closedAt: null,
    });
    const id = res.body.data.id;
    expect((await get<DealDTO>(people.alex, `/api/v1/deals/${id}`)).body.data).toEqual(res.body.data);
    const history = await get<DealStageChangeDTO[]>(people.alex, `/api/v1/deals/${id}/history`);
    expect(history.body.data).toMatchObject([{ from: null, to: { key: "lead" }, actor: { type: "user", id: people.alex.id, name: "Alex Agent" } }]);
    const timeline = await get<TimelineItemDTO[]>(people.alex, `/api/v1/customers/${customer.customerId}/timeline?kinds=deal`);
    expect(timeline.body.data).toMatchObject([{ kind: "deal", type: "deal.created", link: { dealId: id }, summary: 'Deal "Tents for the scouts" opened in Lead (1000.00 USD) by Alex Agent' }]);
  });

  it("moving a deal records who moved it from where to where; entering won sets closedAt, leaving clears it; each move is on the timeline", async () => {
    const customer = await newCustomer();
    const id = (await postDeal(t, as(people.alex), { title: "Stoves", customerId: customer.customerId, amountCents: 40_000 })).body.data.id;
    expect((await patchDeal(t, as(people.alex), id, { stage: "proposal" })).body.data).toMatchObject({ stage: { key: "proposal" }, probability: 50, weightedAmountCents: 20_000, closedAt: null });
    const won = await patchDeal(t, as(people.morgan), id, { stage: "won" });
    expect(won.body.data).toMatchObject({ stage: { key: "won", outcome: "won" }, probability: 100, weightedAmountCents: 40_000, closedAt: expect.any(String) });
    const stages = (await get<DealStageDTO[]>(people.alex, "/api/v1/deals/stages")).body.data;
    const negotiation = stages.find((s) => s.key === "negotiation")!;
    // By id as well as by key; back to an open stage reopens it.
    expect((await patchDeal(t, as(people.alex), id, { stage: negotiation.id })).body.data).toMatchObject({ stage: { key: "negotiation" }, closedAt: null });
    // The same stage again is no move.
    expect((await patchDeal(t, as(people.alex), id, { stage: "negotiation", amountCents: 41_000 })).body.data).toMatchObject({ amountCents: 41_000 });
    const history = (await get<DealStageChangeDTO[]>(people.alex, `/api/v1/deals/${id}/history`)).body.data;
    expect(history.map((h) => [h.from?.key ?? null, h.to.key, h.actor.name])).toEqual([
      [null, "lead", "Alex Agent"],
      ["lead", "proposal", "Alex Agent"],
      ["proposal", "won", "Morgan Manager"],
      ["won", "negotiation", "Alex Agent"],
    ]);
    const timeline = (await get<TimelineItemDTO[]>(people.alex, `/api/v1/customers/${customer.customerId}/timeline?kinds=deal`)).body.data;
    expect(timeline.map((i) => i.summary)).toEqual([
      'Deal "Stoves" moved from Won to Negotiation by Alex Agent',
      'Deal "Stoves" won (410.00 USD) by Morgan Manager',
      'Deal "Stoves" moved from Lead to Proposal by Alex Agent',
      'Deal "Stoves" opened in Lead (410.00 USD) by Alex Agent',
    ]);
  });

  it("a deal's own probability overrides its stage's and null gives the stage's back; the weighted amount is rounded to the cent", async () => {
    const customer = await newCustomer();
    const created = await postDeal(t, as(people.alex), { title: "Lanterns", customerId: customer.customerId, amountCents: 12_345, probability: 33, stage: "qualified" });
    expect(created.body.data).toMatchObject({ probability: 33, weightedAmountCents: 4_074 });
    expect((await patchDeal(t, as(people.alex), created.body.data.id, { probability: null })).body.data).toMatchObject({ probability: 25, weightedAmountCents: 3_086 });
  });

  it("refuses bad input with 400 VALIDATION_FAILED naming the field, unknown records with the 404 naming which, and writes nothing", async () => {
    const customer = await newCustomer();
    const other = await newCustomer();
    const before = await dealCount();
    const base = { title: "Bad", customerId: customer.customerId, amountCents: 100 };
    const bad: [Record<string, unknown>, string][] = [
      [{ customerId: customer.customerId, amountCents: 1 }, "title"],
      [{ title: "x", amountCents: 1 }, "customerId"],
      [{ ...base, amountCents: -1 }, "amountCents"],
      [{ ...base, amountCents: 1.5 }, "amountCents"],
      [{ ...base, probability: 101 }, "probability"],
      [{ ...base, currency: "dollars" }, "currency"],
      [{ ...base, expectedCloseDate: "tomorrow" }, "expectedCloseDate"],
      [{ ...base, customerId: "nope" }, "customerId"],
      [{ ...base, colour: "red" }, ""],
      [{ ...base, conversationId: other.conversationId }, "conversationId"],
    ];
    for (const [body, field] of bad) {
      const res = await postDeal(t, as(people.alex), body);
      expect({ body, status: res.status, code: res.body.error?.code }).toEqual({ body, status: 400, code: "VALIDATION_FAILED" });
      if (field) expect(Object.keys(res.body.error?.fields ?? {})).toContain(field);
    }
    const missing: [Record<string, unknown>, string][] = [
      [{ ...base, customerId: randomUUID() }, "CUSTOMER_NOT_FOUND"],
      [{ ...base, stage: "closing" }, "STAGE_NOT_FOUND"],
      [{ ...base, stage: randomUUID() }, "STAGE_NOT_FOUND"],
      [{ ...base, ownerId: randomUUID() }, "USER_NOT_FOUND"],
      [{ ...base, companyId: randomUUID() }, "COMPANY_NOT_FOUND"],
      [{ ...base, conversationId: randomUUID() }, "CONVERSATION_NOT_FOUND"],
    ];
    for (const [body, code] of missing) {
      const res = await postDeal(t, as(people.admin), body);
      expect({ body, status: res.status, code: res.body.error?.code }).toEqual({ body, status: 404, code });
    }
    expect(await dealCount()).toBe(before);
    const created = await postDeal(t, as(people.alex), base);
    expect((await patchDeal(t, as(people.alex), created.body.data.id, {})).status).toBe(400);
    expect((await patchDeal(t, as(people.alex), created.body.data.id, { stage: "closing" })).body.error?.code).toBe("STAGE_NOT_FOUND");
    expect((await patchDeal(t, as(people.alex), randomUUID(), { title: "x" })).body.error?.code).toBe("DEAL_NOT_FOUND");
    expect((await get(people.alex, "/api/v1/deals/nope")).body.error?.fields).toHaveProperty("id");
  });

  it("agents see their own and unowned deals only (another rep's is 404 DEAL_NOT_FOUND, editing it 403), take unowned ones, and cannot give theirs away; managers see and move all", async () => {
    const customer = await newCustomer();
    const c = customer.customerId;
    const sams = (await postDeal(t, as(people.admin), { title: "Sam's", customerId: c, amountCents: 1, ownerId: people.sam.id })).body.data.id;
    const nobodys = (await postDeal(t, as(people.admin), { title: "Nobody's", customerId: c, amountCents: 1, ownerId: null })).body.data.id;
    const alexs = (await postDeal(t, as(people.alex), { title: "Alex's", customerId: c, amountCents: 1 })).body.data.id;
    const titles = async (who: SessionUser, query = "") => (await get<DealDTO[]>(who, `/api/v1/deals?customerId=${c}${query}`)).body.data.map((d) => d.title).sort();
    expect(await titles(people.alex)).toEqual(["Alex's", "Nobody's"]);
    expect(await titles(people.alex, `&ownerId=${people.sam.id}`)).toEqual([]);
    expect(await titles(people.morgan)).toEqual(["Alex's", "Nobody's", "Sam's"]);
    expect(await titles(people.morgan, `&ownerId=${people.sam.id}`)).toEqual(["Sam's"]);
    for (const path of [`/api/v1/deals/${sams}`, `/api/v1/deals/${sams}/history`]) {
      expect(await get(people.alex, path)).toMatchObject({ status: 404, body: { error: { code: "DEAL_NOT_FOUND" } } });
    }
    // Editing another rep's deal is refused as the matrix says (403), and changes nothing.
    expect(await patchDeal(t, as(people.alex), sams, { stage: "won" })).toMatchObject({ status: 403, body: { error: { code: "FORBIDDEN" } } });
    expect((await get<DealDTO>(people.morgan, `/api/v1/deals/${sams}`)).body.data.stage.key).toBe("lead");
    expect((await patchDeal(t, as(people.alex), nobodys, { ownerId: people.alex.id })).body.data).toMatchObject({ owner: { id: people.alex.id } });
    expect(await patchDeal(t, as(people.alex), alexs, { ownerId: people.sam.id })).toMatchObject({ status: 403, body: { error: { code: "FORBIDDEN" } } });
    expect(await postDeal(t, as(people.alex), { title: "For Sam", customerId: c, amountCents: 1, ownerId: people.sam.id })).toMatchObject({ status: 403 });
    expect((await get<DealDTO>(people.alex, `/api/v1/deals/${alexs}`)).body.data.owner?.id).toBe(people.alex.id);
    expect((await patchDeal(t, as(people.morgan), sams, { ownerId: people.alex.id, stage: "qualified" })).body.data).toMatchObject({ owner: { id: people.alex.id }, stage: { key: "qualified" } });
    // Deleting is for managers: an agent's own deal stays.
    expect(await api(t.url, "DELETE", `/api/v1/deals/${alexs}`, as(people.alex))).toMatchObject({ status: 403, body: { error: { code: "FORBIDDEN" } } });
    expect((await api(t.url, "DELETE", `/api/v1/deals/${alexs}`, as(people.morgan))).status).toBe(204);
    expect(await get(people.morgan, `/api/v1/deals/${alexs}`)).toMatchObject({ status: 404, body: { error: { code: "DEAL_NOT_FOUND" } } });
    expect(await db().select().from(tables.dealStageChanges).where(eq(tables.dealStageChanges.dealId, alexs))).toEqual([]);
  });

  it("API keys: sales:write creates deals owned by nobody, moved by the key; sales:read alone may not", async () => {
    const customer = await newCustomer();
    const writer = await keyWith(t, people.admin.cookie, ["sales:read", "sales:write"]);
    const reader = await keyWith(t, people.admin.cookie, ["sales:read"]);
    const created = await postDeal(t, { token: writer }, { title: "From the shop", customerId: customer.customerId, amountCents: 5_000, currency: "eur" });
    expect(created.body.data).toMatchObject({ owner: null, currency: "EUR" });
    await patchDeal(t, { token: writer }, created.body.data.id, { stage: "lost" });
    const history = await api<{ data: DealStageChangeDTO[] }>(t.url, "GET", `/api/v1/deals/${created.body.data.id}/history`, { token: reader });
    expect(history.body.data.map((h) => h.actor)).toEqual([
      { type: "api_key", id: expect.any(String), name: "deals sales:read+sales:write" },
      { type: "api_key", id: expect.any(String), name: "deals sales:read+sales:write" },
    ]);
    expect(await postDeal(t, { token: reader }, { title: "No", customerId: customer.customerId, amountCents: 1 })).toMatchObject({ status: 403, body: { error: { code: "FORBIDDEN" } } });
  });

  it("pages deals newest first with a cursor, and filters by stage and status", async () => {
    const customer = await newCustomer();
    const c = customer.customerId;
    for (const [title, stage] of [["one", "lead"], ["two", "won"], ["three", "lost"]] as const) {
      expect((await postDeal(t, as(people.admin), { title, customerId: c, amountCents: 1, stage })).status).toBe(201);
    }
    const first = await get<DealDTO[]>(people.admin, `/api/v1/deals?customerId=${c}&limit=2`);
    expect(first.body.data.map((d) => d.title)).toEqual(["three", "two"]);
    const second = await get<DealDTO[]>(people.admin, `/api/v1/deals?customerId=${c}&limit=2&cursor=${first.body.nextCursor}`);
    expect(second.body).toMatchObject({ data: [{ title: "one" }], nextCursor: null });
    expect((await get<DealDTO[]>(people.admin, `/api/v1/deals?customerId=${c}&status=won`)).body.data.map((d) => d.title)).toEqual(["two"]);
    expect((await get<DealDTO[]>(people.admin, `/api/v1/deals?customerId=${c}&stage=lost`)).body.data.map((d) => d.title)).toEqual(["three"]);
    expect((await get(people.admin, "/api/v1/deals?status=maybe")).body.error?.fields).toHaveProperty("status");
    expect((await get(people.admin, "/api/v1/deals?cursor=garbage")).body.error?.fields).toHaveProperty("cursor");
  });

  it("drafts a deal from a conversation: the products and money the customer mentioned, the customer, a title; then it is created as drafted", async () => {
    const id = randomUUID();
    const who = { externalUserId: `u-${id}`, externalConversationId: `c-${id}` };
    const first = await customerWrites(t, "Hi, I'm looking at the Trailhead 2-Person Tent", who);
    await customerWrites(t, "Could you do $199 for it?", who);
    await db().update(tables.customers).set({ name: "Robin Park" }).where(eq(tables.customers.id, first.customerId));
    const [tent] = await db().select().from(tables.products).where(eq(tables.products.sku, "TENT-2P"));
    const draft = await get<DealDraftDTO>(people.alex, `/api/v1/deals/draft?conversationId=${first.conversationId}`);
    expect(draft.body.data).toEqual({
      title: "Trailhead 2-Person Tent for Robin Park",
      customerId: first.customerId,
      customerName: "Robin Park",
      amountCents: 19_900,
      currency: "USD",
      productIds: [tent!.id],
    });
    const created = await postDeal(t, as(people.alex), { ...draft.body.data, customerName: undefined, productIds: undefined, conversationId: first.conversationId });
    expect(created.body.data).toMatchObject({ title: "Trailhead 2-Person Tent for Robin Park", amountCents: 19_900, conversationId: first.conversationId });

    // No money mentioned: the products' prices; nothing mentioned: no amount.
    const stove = await customerWrites(t, "Tell me about the Mini Camp Stove");
    expect((await get<DealDraftDTO>(people.alex, `/api/v1/deals/draft?conversationId=${stove.conversationId}`)).body.data).toMatchObject({ amountCents: 3_999, currency: "USD" });
    const plain = await customerWrites(t, "Hello there");
    expect((await get<DealDraftDTO>(people.alex, `/api/v1/deals/draft?conversationId=${plain.conversationId}`)).body.data).toMatchObject({ title: "Deal", amountCents: null, productIds: [] });
    expect(await get(people.alex, `/api/v1/deals/draft?conversationId=${randomUUID()}`)).toMatchObject({ status: 404, body: { error: { code: "CONVERSATION_NOT_FOUND" } } });
    expect((await get(people.alex, "/api/v1/deals/draft")).body.error?.fields).toHaveProperty("conversationId");
  });

  it("admins add, rename, re-weigh and reorder stages with positions 1..n; a stage with deals is 409 STAGE_IN_USE; the last won stage stays", async () => {
    const stages = async () => (await get<DealStageDTO[]>(people.admin, "/api/v1/deals/stages")).body.data;
    const post = (body: unknown, who = people.admin) => api<{ data: DealStageDTO } & Partial<ErrorBody>>(t.url, "POST", "/api/v1/deals/stages", { ...as(who), body });
    const patch = (id: string, body: unknown) => api<{ data: DealStageDTO } & Partial<ErrorBody>>(t.url, "PATCH", `/api/v1/deals/stages/${id}`, { ...as(people.admin), body });
    const remove = (id: string, who = people.admin) => api<Partial<ErrorBody>>(t.url, "DELETE", `/api/v1/deals/stages/${id}`, as(who));
    const order = async () => (await stages()).map((s) => `${s.position}:${s.key}`);

    const demo = await post({ name: "Demo booked", probability: 35, position: 2 });
    expect(demo).toMatchObject({ status: 201, body: { data: { key: "demo_booked", name: "Demo booked", position: 2, probability: 35, outcome: "open" } } });
    const again = await post({ name: "Demo booked!", probability: 40 });
    expect(again.body.data).toMatchObject({ key: "demo_booked_2", position: 8 });
    expect(await order()).toEqual(["1:lead", "2:demo_booked", "3:qualified", "4:proposal", "5:negotiation", "6:won", "7:lost", "8:demo_booked_2"]);
    expect((await patch(again.body.data.id, { position: 1, name: "Discovery", probability: 5 })).body.data).toMatchObject({ key: "demo_booked_2", name: "Discovery", probability: 5, position: 1 });
    expect(await order()).toEqual(["1:demo_booked_2", "2:lead", "3:demo_booked", "4:qualified", "5:proposal", "6:negotiation", "7:won", "8:lost"]);
    expect((await patch(again.body.data.id, { position: 99 })).body.data.position).toBe(8);
    expect((await remove(again.body.data.id)).status).toBe(204);
    expect(await order()).toEqual(["1:lead", "2:demo_booked", "3:qualified", "4:proposal", "5:negotiation", "6:won", "7:lost"]);

    const customer = await newCustomer();
    const deal = await postDeal(t, as(people.admin), { title: "Demo", customerId: customer.customerId, amountCents: 1, stage: "demo_booked" });
    expect(await remove(demo.body.data.id)).toMatchObject({ status: 409, body: { error: { code: "STAGE_IN_USE" } } });
    await patchDeal(t, as(people.admin), deal.body.data.id, { stage: "lead" });
    // Its history still names it.
    expect(await remove(demo.body.data.id)).toMatchObject({ status: 409, body: { error: { code: "STAGE_IN_USE" } } });

    const won = (await stages()).find((s) => s.key === "won")!;
    const lastWon = await remove(won.id);
    expect(lastWon).toMatchObject({ status: 400, body: { error: { code: "VALIDATION_FAILED", message: expect.stringContaining("at least one won stage") } } });
    const renewal = await post({ name: "Won (renewal)", probability: 100, outcome: "won" });
    expect((await remove(renewal.body.data.id)).status).toBe(204);

    expect(await post({ name: "Agent's", probability: 1 }, people.alex)).toMatchObject({ status: 403, body: { error: { code: "FORBIDDEN" } } });
    expect(await post({ name: "Manager's", probability: 1 }, people.morgan)).toMatchObject({ status: 403, body: { error: { code: "FORBIDDEN" } } });
    expect((await post({ name: "Bad", probability: 101 })).body.error?.fields).toHaveProperty("probability");
    expect((await post({ name: " ", probability: 1 })).body.error?.fields).toHaveProperty("name");
    expect((await post({ name: "Bad", probability: 1, outcome: "maybe" })).body.error?.fields).toHaveProperty("outcome");
    expect(await patch(randomUUID(), { name: "x" })).toMatchObject({ status: 404, body: { error: { code: "STAGE_NOT_FOUND" } } });
    expect(await remove(randomUUID())).toMatchObject({ status: 404, body: { error: { code: "STAGE_NOT_FOUND" } } });
    expect(await order()).toEqual(["1:lead", "2:demo_booked", "3:qualified", "4:proposal", "5:negotiation", "6:won", "7:lost"]);
  });
});
