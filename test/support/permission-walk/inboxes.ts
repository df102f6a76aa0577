/** The permission walk's scenario for inbox administration (see types.ts). */
import { expect } from "vitest";
import { findInbox } from "../../../src/modules/inboxes/index.ts";
import { api } from "../api-client.ts";
import type { Scenario, WalkContext } from "./types.ts";

/** The actions this file walks. */
export type InboxesAction = "settings.inboxes";

/** One scenario per action. */
export function inboxesScenarios(ctx: WalkContext): Record<InboxesAction, Scenario> {
  return {
    // Renaming an inbox is the action's write; refused, the inbox keeps its name.
    "settings.inboxes": async (_scope, actor) => {
      const created = await api<{ data: { id: string } }>(ctx.t.url, "POST", "/api/v1/inboxes", { ...ctx.creds(ctx.admin), body: { name: "Matrix inbox", channel: "web" } });
      expect(created.status).toBe(201);
      const id = created.body.data.id;
      const res = await api(ctx.t.url, "PATCH", `/api/v1/inboxes/${id}`, { ...ctx.creds(actor), body: { name: "Renamed" } });
      return { res, ok: 200, unchanged: async () => expect((await findInbox(ctx.t.container.database.db, id))?.name).toBe("Matrix inbox") };
    },
  };
}
