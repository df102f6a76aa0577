import { randomUUID } from "node:crypto";
import { eq, inArray } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { EffortPlanDTO, LeadAssignmentPlanDTO } from "../../../src/contracts/sales.ts";
import { tables } from "../../../src/db/index.ts";
import { PRIOR_DEALS } from "../../../src/modules/plans/win-rates.ts";
import { api } from "../../support/api-client.ts";
import { AGENT_PASSWORD, createTestApp, type TestApp } from "../../support/create-test-app.ts";
import { testEngines } from "../../support/engines.ts";

type ErrorBody = { error: { code: string; message: string; fields?: Record<string, string> } };
type Rep = { user: { id: string; name: string }; capacity: number | null; segments: string[]; active: boolean; openDeals: number };

describe.each(testEngines())("sales plans API on $name", (engine) => {
  let t: TestApp;
  let admin: string;
  let agent: string;
  const users: Record<"alex" | "sam" | "morgan", string> = { alex: "", sam: "", morgan: "" };
  const stages: Record<string, string> = {};
  const db = () => t.container.database.db;
  const call = <T>(method: string, path: string, body?: unknown, cookie = admin) => api<T & Partial<ErrorBody>>(t.url, method, `/api/v1/sales/plans${path}`, { cookie, body });

  async function customer(segment: string | null, company?: { segment: string }): Promise<string> {
    let companyId: string | null = null;
    if (company) [{ id: companyId }] = await db().insert(tables.companies).values({ name: `Co ${randomUUID()}`, attributes: { segment: company.segment } }).returning({ id: tables.companies.id });
    const [row] = await db().insert(tables.customers).values({ name: `Customer ${randomUUID().slice(0, 6)}`, segment, companyId }).returning({ id: tables.customers.id });
    return row!.id;
  }
  async function deal(values: { customerId: string; amountCents: number; stage?: string; ownerId?: string | null; createdAt?: Date }): Promise<string> {
    const [row] = await db()
      .insert(tables.deals)
      .values({ title: `Deal ${randomUUID().slice(0, 6)}`, customerId: values.customerId, amountCents: values.amountCents, stageId: stages[values.stage ?? "lead"], ownerId: values.ownerId ?? null, createdAt: values.createdAt })
      .returning({ id: tables.deals.id });
    return row!.id;
  }
  const ownersOf = async (ids: string[]) => new Map((await db().select().from(tables.deals).where(inArray(tables.deals.id, ids))).map((d) => [d.id, d.ownerId]));
  const setRep = (userId: string, body: unknown) => call<{ data: Rep }>("PUT", `/reps/${userId}`, body);

  beforeAll(async () => {
    t = await createTestApp({ database: await engine.open() });
    admin = await t.login();
    agent = await t.login("alex@switchboard.local", AGENT_PASSWORD);
    for (const u of await db().select().from(tables.users)) {
      if (u.email.startsWith("alex@")) users.alex = u.id;
      if (u.email.startsWith("sam@")) users.sam = u.id;
      if (u.email.startsWith("morgan@")) users.morgan = u.id;
    }
    for (const s of await db().select().from(tables.dealStages)) stages[s.key] = s.id;
    // These tests build their own sales history on the demo users: the demo's deals and rep settings go first.
    await db().delete(tables.deals);
    await db().delete(tables.salesReps);
  }, 180_000);
  afterAll(async () => {
    await t?.close();
    await engine.cleanup();
  });

  describe("sales reps", () => {
    it("lists every agent and manager (not admins) with defaults: no capacity limit, any segment, active, open deals counted", async () => {
      const res = await call<{ data: Rep[] }>("GET", "/reps");
      expect(res.status).toBe(200);
      const names = res.body.data.map((r) => r.user.name);
      expect(names).toEqual(["Alex Agent", "Morgan Manager", "Sam Support"]);
      expect(res.body.data[0]).toEqual({ user: { id: users.alex, name: "Alex Agent" }, capacity: null, segments: [], active: true, openDeals: 0 });
    });

    it("changes a rep's capacity, segments and active flag; fields left out keep their value", async () => {
      const first = await setRep(users.morgan, { capacity: 7, segments: ["retail", " smb ", "retail"] });
      expect(first.status).toBe(200);
      expect(first.body.data).toMatchObject({ capacity: 7, segments: ["retail", "smb"], active: true });
      const second = await setRep(users.morgan, { active: false });
      expect(second.body.data).toMatchObject({ capacity: 7, segments: ["retail", "smb"], active: false });
      const listed = (await call<{ data: Rep[] }>("GET", "/reps")).body.data.find((r) => r.user.id === users.morgan);
      expect(listed).toEqual(second.body.data);
      expect((await setRep(users.morgan, { capacity: null, segments: [], active: true })).body.data).toMatchObject({ capacity: null, segments: [], active: true });
    });

    it("refuses bad input (400 naming the field), an unknown user (404 USER_NOT_FOUND), an admin, and agents (403)", async () => {
      expect((await setRep(users.sam, { capacity: -1 })).body.error).toMatchObject({ code: "VALIDATION_FAILED", fields: { capacity: expect.any(String) } });
      expect((await setRep(users.sam, { segments: "retail" })).body.error?.fields).toHaveProperty("segments");
      expect((await setRep(users.sam, { colour: "red" })).status).toBe(400);
      expect((await setRep("not-a-uuid", {})).body.error?.fields).toHaveProperty("userId");
      expect((await setRep(randomUUID(), { capacity: 3 })).body.error?.code).toBe("USER_NOT_FOUND");
      const [adminRow] = await db().select().from(tables.users).where(eq(tables.users.role, "admin"));
      expect((await setRep(adminRow!.id, { capacity: 3 })).body.error?.fields).toHaveProperty("userId");
      expect((await call("PUT", `/reps/${users.sam}`, { capacity: 3 }, agent)).status).toBe(403);
      expect((await call("GET", "/reps", undefined, agent)).status).toBe(403);
      expect((await db().select().from(tables.salesReps).where(eq(tables.salesReps.userId, users.sam))).length).toBe(0);
    });
  });

  describe("lead assignment", () => {
    let open: { id: string; amount: number; segment: string }[] = [];

    beforeAll(async () => {
      // History: Alex wins retail deals (9 of 10), Sam rarely does (2 of 10); both win half their smb deals.
      const retail = await customer("retail");
      const smb = await customer(null, { segment: "smb" });
      const closed = (owner: string, customerId: string, won: number, lost: number) => [
        ...Array.from({ length: won }, () => deal({ customerId, amountCents: 1000, stage: "won", ownerId: owner })),
        ...Array.from({ length: lost }, () => deal({ customerId, amountCents: 1000, stage: "lost", ownerId: owner })),
      ];
      await Promise.all([...closed(users.alex, retail, 9, 1), ...closed(users.sam, retail, 2, 8), ...closed(users.alex, smb, 5, 5), ...closed(users.sam, smb, 5, 5)]);
      // Morgan is inactive: never planned for.
      await setRep(users.morgan, { active: false });
      // Four open deals without an owner, created in this order; Alex already holds one open deal.
      await deal({ customerId: retail, amountCents: 5_000, ownerId: users.alex });
      const base = Date.now() - 3_600_000;
      const specs = [
        { amount: 100_000, segment: "retail", customerId: retail },
        { amount: 80_000, segment: "retail", customerId: retail },
        { amount: 60_000, segment: "retail", customerId: retail },
        { amount: 50_000, segment: "smb", customerId: smb },
      ];
      open = [];
      for (const [i, s] of specs.entries()) open.push({ id: await deal({ customerId: s.customerId, amountCents: s.amount, createdAt: new Date(base + i * 1000) }), amount: s.amount, segment: s.segment });
      await setRep(users.alex, { capacity: 3, segments: ["retail", "smb"] });
      await setRep(users.sam, { capacity: 10, segments: [] });
    });

    it("proposes the optimum: the strong rep gets the biggest deals of its segment within its room, better than round-robin; nothing is written", async () => {
      const res = await call<{ data: LeadAssignmentPlanDTO }>("POST", "/lead-assignment", {});
      expect(res.status, JSON.stringify(res.body)).toBe(200);
      const plan = res.body.data;
      expect(plan.status).toBe("optimal");
      const owner = new Map(plan.assignments.map((a) => [a.dealId, a.ownerId]));
      expect(plan.assignments.map((a) => a.dealId).sort()).toEqual(open.map((o) => o.id).sort());
      // Alex: capacity 3 minus the one open deal held = room for 2: the two biggest retail deals.
      expect(owner.get(open[0].id)).toBe(users.alex);
      expect(owner.get(open[1].id)).toBe(users.alex);
      expect(owner.get(open[2].id)).toBe(users.sam);
      expect(owner.get(open[3].id)).toBe(users.sam);
      // P(win) as documented: team 21/42 → 0.5; Alex overall (14 + 5·0.5)/(20 + 5) = 0.66; Alex retail (9 + 5·0.66)/(10 + 5) = 0.82.
      const team = (21 + 1) / (40 + 2);
      const alex = (14 + PRIOR_DEALS * team) / (20 + PRIOR_DEALS);
      const alexRetail = (9 + PRIOR_DEALS * alex) / (10 + PRIOR_DEALS);
      expect(plan.assignments.find((a) => a.dealId === open[0].id)!.pWin).toBeCloseTo(alexRetail, 4);
      const total = plan.assignments.reduce((sum, a) => sum + a.pWin * open.find((o) => o.id === a.dealId)!.amount, 0);
      expect(Math.abs(plan.objectiveCents - total)).toBeLessThanOrEqual(plan.assignments.length);
      expect(plan.objectiveCents).toBeGreaterThan(plan.baselineObjectiveCents);
      expect(plan.solveMs).toBeGreaterThanOrEqual(0);
      expect([...(await ownersOf(open.map((o) => o.id))).values()]).toEqual([null, null, null, null]);
    });

    it("when the reps lack room or nobody covers a segment, answers 422 PLAN_INFEASIBLE saying which", async () => {
      const short = await call<object>("POST", "/lead-assignment", { capacity: 1 });
      expect(short.status).toBe(422);
      expect(short.body.error?.code).toBe("PLAN_INFEASIBLE");
      expect(short.body.error?.message).toMatch(/room for only/);
      await setRep(users.sam, { segments: ["retail"] });
      await setRep(users.alex, { segments: ["retail"] });
      const res = await call<object>("POST", "/lead-assignment", { dealIds: [open[3].id] });
      expect(res.status).toBe(422);
      expect(res.body.error?.message).toContain('covers the segment "smb"');
      await setRep(users.alex, { segments: ["retail", "smb"] });
      await setRep(users.sam, { segments: [] });
    });

    it("plans the named deals only, refusing unknown (404 DEAL_NOT_FOUND), closed (409 DEAL_NOT_OPEN) and malformed ids (400)", async () => {
      const two = await call<{ data: LeadAssignmentPlanDTO }>("POST", "/lead-assignment", { dealIds: [open[3].id, open[2].id] });
      expect(two.status).toBe(200);
      expect(two.body.data.assignments.map((a) => a.dealId)).toEqual([open[2].id, open[3].id]);
      const unknown = randomUUID();
      const missing = await call<object>("POST", "/lead-assignment", { dealIds: [open[0].id, unknown] });
      expect(missing.status).toBe(404);
      expect(missing.body.error).toMatchObject({ code: "DEAL_NOT_FOUND", fields: { dealIds: `unknown: ${unknown}` } });
      const [won] = await db().select().from(tables.deals).where(eq(tables.deals.stageId, stages.won)).limit(1);
      expect((await call<object>("POST", "/lead-assignment", { dealIds: [won!.id] })).body.error?.code).toBe("DEAL_NOT_OPEN");
      for (const body of [{ dealIds: ["x"] }, { dealIds: [] }, { dealIds: [open[0].id, open[0].id] }, { capacity: 1.5 }, { extra: 1 }]) {
        const res = await call<object>("POST", "/lead-assignment", body);
        expect(res.status, JSON.stringify(body)).toBe(400);
        expect(res.body.error?.code).toBe("VALIDATION_FAILED");
      }
    });

    it("applies a plan in one transaction: owners set, a deal.assigned event on each customer's timeline, stage history untouched", async () => {
      const plan = (await call<{ data: LeadAssignmentPlanDTO }>("POST", "/lead-assignment", {})).body.data;
      const historyBefore = (await db().select().from(tables.dealStageChanges)).length;
      const res = await call<{ data: { applied: number } }>("POST", "/lead-assignment/apply", { assignments: plan.assignments.map(({ dealId, ownerId }) => ({ dealId, ownerId })) });
      expect(res.status).toBe(200);
      expect(res.body.data).toEqual({ applied: 4 });
      const owners = await ownersOf(open.map((o) => o.id));
      for (const a of plan.assignments) expect(owners.get(a.dealId)).toBe(a.ownerId);
      const events = await db().select().from(tables.customerEvents).where(eq(tables.customerEvents.type, "deal.assigned"));
      expect(events.map((e) => (e.data as { dealId: string }).dealId).sort()).toEqual(open.map((o) => o.id).sort());
      expect(events[0]).toMatchObject({ actorType: "user", actorName: expect.any(String) });
      expect((await db().select().from(tables.dealStageChanges)).length).toBe(historyBefore);
      // Now every open deal has an owner: a plan of the unowned ones is empty; `reassign` plans them all again.
      expect((await call<{ data: LeadAssignmentPlanDTO }>("POST", "/lead-assignment", {})).body.data.assignments).toEqual([]);
      expect((await call<{ data: LeadAssignmentPlanDTO }>("POST", "/lead-assignment", { reassign: true })).body.data.assignments.length).toBe(5);
    });

    it("refuses to apply when any deal is closed or unknown, or an owner unknown, and changes nothing", async () => {
      const before = await ownersOf(open.map((o) => o.id));
      const [lost] = await db().select().from(tables.deals).where(eq(tables.deals.stageId, stages.lost)).limit(1);
      const swap = open.map((o) => ({ dealId: o.id, ownerId: before.get(o.id) === users.sam ? users.alex : users.sam }));
      const closed = await call<object>("POST", "/lead-assignment/apply", { assignments: [...swap, { dealId: lost!.id, ownerId: users.sam }] });
      expect(closed.status).toBe(409);
      expect(closed.body.error?.code).toBe("DEAL_NOT_OPEN");
      const unknownDeal = await call<object>("POST", "/lead-assignment/apply", { assignments: [...swap, { dealId: randomUUID(), ownerId: users.sam }] });
      expect(unknownDeal.body.error?.code).toBe("DEAL_NOT_FOUND");
      const unknownOwner = await call<object>("POST", "/lead-assignment/apply", { assignments: [{ dealId: open[0].id, ownerId: randomUUID() }] });
      expect(unknownOwner.body.error?.code).toBe("USER_NOT_FOUND");
      expect(await ownersOf(open.map((o) => o.id))).toEqual(before);
      expect((await call<object>("POST", "/lead-assignment/apply", { assignments: [] })).body.error?.fields).toHaveProperty("assignments");
      expect((await call<object>("POST", "/lead-assignment/apply", { assignments: open.map((o) => o.id) })).status).toBe(400);
      expect((await call<object>("POST", "/lead-assignment/apply", { assignments: [{ dealId: open[0].id, ownerId: users.sam }] }, agent)).status).toBe(403);
    });

    it("takes a plan of a thousand deals (a body over the API's usual 64 KB)", async () => {
      const assignments = Array.from({ length: 1000 }, () => ({ dealId: randomUUID(), ownerId: users.sam }));
      const res = await call<object>("POST", "/lead-assignment/apply", { assignments });
      expect(res.status).toBe(404);
      expect(res.body.error?.code).toBe("DEAL_NOT_FOUND");
    });
  });

  describe("effort allocation", () => {
    it("splits the hours across segments by their fitted response curves: all hours spent, revenue adding up, more hours where they return more", async () => {
      // 12 months of history: "growth" answers effort strongly (revenue rises steeply with agent time), "steady" barely.
      const now = new Date();
      const inbox = "demo";
      for (const [segment, ceiling, rate] of [
        ["growth", 5_000_000, 0.08],
        ["steady", 600_000, 0.08],
      ] as const) {
        const customerId = await customer(segment);
        const [conversation] = await db().insert(tables.conversations).values({ inboxId: inbox, customerId, channel: "web" }).returning({ id: tables.conversations.id });
        for (let m = 1; m <= 12; m++) {
          const at = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - m, 10));
          const hours = 3 * m;
          const messages = Math.round((hours * 60) / 4);
          await db()
            .insert(tables.messages)
            .values(Array.from({ length: messages }, () => ({ conversationId: conversation!.id, senderType: "agent" as const, text: "On it", createdAt: at })));
          await db()
            .insert(tables.orders)
            .values({ number: `ORD-${randomUUID().slice(0, 8)}`, customerId, status: "delivered", totalCents: Math.round(ceiling * (1 - Math.exp(-rate * hours))), placedAt: at });
        }
      }
      const res = await call<{ data: EffortPlanDTO }>("POST", "/effort", { budgetHours: 60, segments: ["growth", "steady", "brand-new"] });
      expect(res.status, JSON.stringify(res.body)).toBe(200);
      const plan = res.body.data;
      expect(plan.allocation.map((a) => a.segment)).toEqual(["growth", "steady", "brand-new"]);
      expect(plan.allocation.reduce((sum, a) => sum + a.hours, 0)).toBe(60);
      expect(plan.totalExpectedRevenueCents).toBe(plan.allocation.reduce((sum, a) => sum + a.expectedRevenueCents, 0));
      const [growth, steady] = plan.allocation;
      expect(growth.hours).toBeGreaterThan(steady.hours);
      // The fitted curve recovers the history: 36 hours in "growth" earned ≈ 5,000,000 × (1 − e^(−2.88)).
      const all = (await call<{ data: EffortPlanDTO }>("POST", "/effort", { budgetHours: 36, segments: ["growth"] })).body.data;
      expect(all.allocation[0].expectedRevenueCents / (5_000_000 * (1 - Math.exp(-0.08 * 36)))).toBeCloseTo(1, 1);
      // Without `segments`: every segment customers belong to.
      const every = (await call<{ data: EffortPlanDTO }>("POST", "/effort", { budgetHours: 10 })).body.data;
      expect(every.allocation.map((a) => a.segment)).toEqual(expect.arrayContaining(["growth", "steady", "retail", "smb"]));
    });

    it("refuses bad input with 400 naming the field, and agents with 403", async () => {
      for (const [body, field] of [
        [{}, "budgetHours"],
        [{ budgetHours: -1 }, "budgetHours"],
        [{ budgetHours: 1.5 }, "budgetHours"],
        [{ budgetHours: 10, segments: [] }, "segments"],
        [{ budgetHours: 10, segments: ["a", "a"] }, "segments"],
      ] as const) {
        const res = await call<object>("POST", "/effort", body);
        expect(res.status, JSON.stringify(body)).toBe(400);
        expect(res.body.error?.fields).toHaveProperty(field);
      }
      expect((await call<object>("POST", "/effort", { budgetHours: 10 }, agent)).status).toBe(403);
    });
  });
});
