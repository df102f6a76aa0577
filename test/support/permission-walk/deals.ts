/** The permission walk's scenarios for the sales deals actions (see types.ts). */
import { randomUUID } from "node:crypto";
import { eq } from "drizzle-orm";
import { expect } from "vitest";
import type { Scope } from "../../../src/contracts/permissions.ts";
import { tables } from "../../../src/db/index.ts";
import { api } from "../api-client.ts";
import type { Person, Scenario, WalkContext } from "./types.ts";

/** The actions this file walks. */
export type DealsAction = "deal.read" | "deal.create" | "deal.edit" | "deal.delete" | "pipeline.configure";

/** One scenario per action. */
export function dealsScenarios(ctx: WalkContext): Record<DealsAction, Scenario> {
  const db = () => ctx.t.container.database.db;
  const newCustomer = async (): Promise<string> => {
    const [row] = await db().insert(tables.customers).values({ name: "Walk Customer" }).returning({ id: tables.customers.id });
    return row!.id;
  };
  /**
   * A deal owned by the actor ("own"), nobody ("unassigned") or the other agent ("others"; "conversation": linked to a
   * conversation whose ticket is the actor's), made by the admin.
   */
  const dealFor = async (scope: Scope, actor: Person, other: Person): Promise<string> => {
    const ownerId = scope === "own" ? actor.id : scope === "others" || scope === "conversation" ? other.id : null;
    const chat = scope === "conversation" ? await ctx.conversationAssignedTo(actor.id) : null;
    const res = await api<{ data: { id: string } }>(ctx.t.url, "POST", "/api/v1/deals", {
      ...ctx.creds(ctx.admin),
      body: { title: `Walk deal ${randomUUID()}`, customerId: chat?.customerId ?? (await newCustomer()), conversationId: chat?.conversationId, amountCents: 1_000, ownerId },
    });
    expect(res.status).toBe(201);
    return res.body.data.id;
  };
  const stored = async (id: string) => (await db().select().from(tables.deals).where(eq(tables.deals.id, id)))[0];
  const lead = async () => (await db().select().from(tables.dealStages).where(eq(tables.dealStages.key, "lead")))[0]!;

  return {
    "deal.read": async (scope, actor, other) => {
      const id = await dealFor(scope, actor, other);
      return { res: await api(ctx.t.url, "GET", `/api/v1/deals/${id}`, ctx.creds(actor)), ok: 200 };
    },
    "deal.create": async (_scope, actor) => {
      const title = `Walk new deal ${randomUUID()}`;
      const res = await api(ctx.t.url, "POST", "/api/v1/deals", { ...ctx.creds(actor), body: { title, customerId: await newCustomer(), amountCents: 500 } });
      const made = () => db().select().from(tables.deals).where(eq(tables.deals.title, title));
      return { res, ok: 201, unchanged: async () => expect(await made()).toHaveLength(0) };
    },
    "deal.edit": async (scope, actor, other) => {
      const id = await dealFor(scope, actor, other);
      const stageId = (await lead()).id;
      const res = await api(ctx.t.url, "PATCH", `/api/v1/deals/${id}`, { ...ctx.creds(actor), body: { stage: "qualified", amountCents: 2_000 } });
      return { res, ok: 200, unchanged: async () => expect(await stored(id)).toMatchObject({ stageId, amountCents: 1_000 }) };
    },
    "deal.delete": async (_scope, actor) => {
      // A deal the actor may see (their own, or nobody's for a key), so a refusal is about deleting.
      const id = await dealFor(actor.token ? "unassigned" : "own", actor, actor);
      const res = await api(ctx.t.url, "DELETE", `/api/v1/deals/${id}`, ctx.creds(actor));
      return { res, ok: 204, unchanged: async () => expect(await stored(id)).toBeDefined() };
    },
    "pipeline.configure": async (_scope, actor) => {
      const name = `Walk stage ${randomUUID().slice(0, 8)}`;
      const res = await api(ctx.t.url, "POST", "/api/v1/deals/stages", { ...ctx.creds(actor), body: { name, probability: 20 } });
      const made = () => db().select().from(tables.dealStages).where(eq(tables.dealStages.name, name));
      return { res, ok: 201, unchanged: async () => expect(await made()).toHaveLength(0) };
    },
  };
}
