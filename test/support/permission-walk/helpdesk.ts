/** The permission walk's scenarios for the helpdesk's settings and agent tools: teams, labels, audit log, canned replies, notes (see types.ts). */
import { randomUUID } from "node:crypto";
import { eq } from "drizzle-orm";
import { expect } from "vitest";
import { tables } from "../../../src/db/index.ts";
import { api } from "../api-client.ts";
import type { Scenario, WalkContext } from "./types.ts";

/** The actions this file walks. */
export type HelpdeskAction = "settings.teams" | "settings.labels" | "settings.sla" | "settings.audit" | "settings.kb" | "canned.personal" | "canned.shared" | "conversation.note" | "conversation.label";

/** One scenario per action. */
export function helpdeskScenarios(ctx: WalkContext): Record<HelpdeskAction, Scenario> {
  const db = () => ctx.t.container.database.db;
  return {
    "settings.teams": async (_scope, actor) => {
      const name = `Walk team ${randomUUID()}`;
      const res = await api(ctx.t.url, "POST", "/api/v1/teams", { ...ctx.creds(actor), body: { name } });
      return { res, ok: 201, unchanged: async () => expect(await db().select().from(tables.teams).where(eq(tables.teams.name, name))).toHaveLength(0) };
    },
    "settings.labels": async (_scope, actor) => {
      const name = `walk-${randomUUID()}`;
      const res = await api(ctx.t.url, "POST", "/api/v1/labels", { ...ctx.creds(actor), body: { name, color: "#336699" } });
      return { res, ok: 201, unchanged: async () => expect(await db().select().from(tables.labels).where(eq(tables.labels.name, name))).toHaveLength(0) };
    },
    // A change to the demo's low-priority policy: a refused one leaves its warning point as it was.
    "settings.sla": async (_scope, actor) => {
      const [policy] = await db().select().from(tables.slaPolicies).where(eq(tables.slaPolicies.priority, "low"));
      const warnAtPercent = policy.warnAtPercent === 70 ? 75 : 70;
      const res = await api(ctx.t.url, "PATCH", `/api/v1/sla-policies/${policy.id}`, { ...ctx.creds(actor), body: { warnAtPercent } });
      return {
        res,
        ok: 200,
        unchanged: async () => expect((await db().select().from(tables.slaPolicies).where(eq(tables.slaPolicies.id, policy.id)))[0].warnAtPercent).toBe(policy.warnAtPercent),
      };
    },
    "settings.audit": async (_scope, actor) => ({ res: await api(ctx.t.url, "GET", "/api/v1/audit-log", ctx.creds(actor)), ok: 200 }),
    "settings.kb": async (_scope, actor) => {
      const title = `Walk answer ${randomUUID()}`;
      const res = await api(ctx.t.url, "POST", "/api/v1/kb-articles", { ...ctx.creds(actor), body: { title, body: "An answer.", intents: ["delivery_options"] } });
      return { res, ok: 201, unchanged: async () => expect(await db().select().from(tables.kbArticles).where(eq(tables.kbArticles.title, title))).toHaveLength(0) };
    },
    "canned.personal": async (_scope, actor) => {
      const shortcut = `walk${randomUUID().slice(0, 8)}`;
      const res = await api(ctx.t.url, "POST", "/api/v1/canned-replies", { ...ctx.creds(actor), body: { shortcut, text: "Hello!", shared: false } });
      const stored = () => db().select().from(tables.cannedReplies).where(eq(tables.cannedReplies.shortcut, shortcut));
      return { res, ok: 201, unchanged: async () => expect(await stored()).toHaveLength(0) };
    },
    "canned.shared": async (_scope, actor) => {
      const shortcut = `walk${randomUUID().slice(0, 8)}`;
      const res = await api(ctx.t.url, "POST", "/api/v1/canned-replies", { ...ctx.creds(actor), body: { shortcut, text: "Hello, all!", shared: true } });
      const stored = () => db().select().from(tables.cannedReplies).where(eq(tables.cannedReplies.shortcut, shortcut));
      return { res, ok: 201, unchanged: async () => expect(await stored()).toHaveLength(0) };
    },
    "conversation.note": async (_scope, actor) => {
      const { conversationId } = await ctx.conversationAssignedTo(null);
      const res = await api(ctx.t.url, "POST", `/api/v1/conversations/${conversationId}/notes`, { ...ctx.creds(actor), body: { text: "Internal" } });
      const stored = () => db().select().from(tables.conversationNotes).where(eq(tables.conversationNotes.conversationId, conversationId));
      return { res, ok: 201, unchanged: async () => expect(await stored()).toHaveLength(0) };
    },
    "conversation.label": async (_scope, actor) => {
      const { conversationId } = await ctx.conversationAssignedTo(null);
      const [label] = await db().insert(tables.labels).values({ name: `walk-${randomUUID()}`, color: "#aa0000" }).returning();
      const res = await api(ctx.t.url, "PUT", `/api/v1/conversations/${conversationId}/labels`, { ...ctx.creds(actor), body: { labels: [label!.id] } });
      const stored = () => db().select().from(tables.conversationLabels).where(eq(tables.conversationLabels.conversationId, conversationId));
      return { res, ok: 200, unchanged: async () => expect(await stored()).toHaveLength(0) };
    },
  };
}
