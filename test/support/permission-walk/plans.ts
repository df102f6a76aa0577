/** The permission walk's scenarios for the sales plans actions (see types.ts). */
import { eq } from "drizzle-orm";
import { expect } from "vitest";
import { tables } from "../../../src/db/index.ts";
import { api } from "../api-client.ts";
import type { Scenario, WalkContext } from "./types.ts";

/** The actions this file walks. */
export type PlansAction = "sales.plan";

/** One scenario per action. */
export function plansScenarios(ctx: WalkContext): Record<PlansAction, Scenario> {
  return {
    // Applying a plan is the action's write: an unowned open deal given to the admin; refused, it keeps no owner.
    "sales.plan": async (_scope, actor) => {
      const db = ctx.t.container.database.db;
      const [stage] = await db.select().from(tables.dealStages).where(eq(tables.dealStages.key, "lead"));
      const [deal] = await db.insert(tables.deals).values({ title: "Matrix lead", amountCents: 1000, stageId: stage!.id }).returning({ id: tables.deals.id });
      const res = await api(ctx.t.url, "POST", "/api/v1/sales/plans/lead-assignment/apply", {
        ...ctx.creds(actor),
        body: { assignments: [{ dealId: deal!.id, ownerId: ctx.admin.id }] },
      });
      const owner = async () => (await db.select().from(tables.deals).where(eq(tables.deals.id, deal!.id)))[0]!.ownerId;
      return { res, ok: 200, unchanged: async () => expect(await owner()).toBeNull() };
    },
  };
}
