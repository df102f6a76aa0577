/** The permission walk's scenarios for the sales figures actions (see types.ts). */
import { and, eq } from "drizzle-orm";
import { expect } from "vitest";
import { tables } from "../../../src/db/index.ts";
import { api } from "../api-client.ts";
import type { Scenario, WalkContext } from "./types.ts";

/** The actions this file walks. */
export type FiguresAction = "sales.report" | "sales.target";

// Each target request uses a period of its own, so a refused one can be shown to have written nothing.
let periods = 0;
const freshPeriod = (): string => {
  periods += 1;
  return `${2100 + Math.floor(periods / 12)}-${String((periods % 12) + 1).padStart(2, "0")}`;
};

/** One scenario per action. */
export function figuresScenarios(ctx: WalkContext): Record<FiguresAction, Scenario> {
  return {
    "sales.report": async (_scope, actor) => ({ res: await api(ctx.t.url, "GET", "/api/v1/sales/summary?groupBy=week", ctx.creds(actor)), ok: 200 }),
    "sales.target": async (_scope, actor) => {
      const period = freshPeriod();
      const res = await api(ctx.t.url, "PUT", "/api/v1/sales/targets", { ...ctx.creds(actor), body: { ownerId: ctx.admin.id, period, amountCents: 100_000 } });
      const stored = () =>
        ctx.t.container.database.db
          .select()
          .from(tables.salesTargets)
          .where(and(eq(tables.salesTargets.ownerId, ctx.admin.id), eq(tables.salesTargets.period, period)));
      return { res, ok: 200, unchanged: async () => expect(await stored()).toHaveLength(0) };
    },
  };
}
