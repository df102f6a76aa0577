/** The permission walk's scenarios for the campaigns actions (see types.ts). */
import { randomUUID } from "node:crypto";
import { eq } from "drizzle-orm";
import { expect } from "vitest";
import { tables } from "../../../src/db/index.ts";
import { api } from "../api-client.ts";
import type { Scenario, WalkContext } from "./types.ts";

/** The actions this file walks. */
export type CampaignsAction = "campaign.read" | "campaign.write";

/** One scenario per action. */
export function campaignsScenarios(ctx: WalkContext): Record<CampaignsAction, Scenario> {
  return {
    "campaign.read": async (_scope, actor) => ({ res: await api(ctx.t.url, "GET", "/api/v1/campaigns", ctx.creds(actor)), ok: 200 }),
    // Creating a draft is the write; refused, no campaign of that name exists.
    "campaign.write": async (_scope, actor) => {
      const name = `Matrix campaign ${randomUUID()}`;
      const res = await api(ctx.t.url, "POST", "/api/v1/campaigns", {
        ...ctx.creds(actor),
        body: { name, audience: { segment: "matrix" }, channel: "widget", message: "Hi {{name}}" },
      });
      const stored = () => ctx.t.container.database.db.select().from(tables.campaigns).where(eq(tables.campaigns.name, name));
      return { res, ok: 201, unchanged: async () => expect(await stored()).toHaveLength(0) };
    },
  };
}
