import { describe, expect, it } from "vitest";
import { owningTeam, pickAgent, topicalIntent, type AgentForRouting } from "../../../src/modules/routing/routing-rules.ts";

const team = (name: string, inboxIds: string[], intents: string[]) => ({ id: name, name, inboxIds, intents });
const agent = (id: string, over: Partial<AgentForRouting> = {}): AgentForRouting => ({
  id,
  name: id,
  skills: { intents: [], languages: [] },
  capacity: null,
  openCount: 0,
  lastAssignedAt: null,
  createdAt: new Date("2026-01-01T00:00:00Z"),
  ...over,
});

describe("routing rules", () => {
  it("routes on the newest intent that names a topic, looking past requests for a person and small talk", () => {
    expect(topicalIntent(["contact_human_agent", "thanks", "get_refund", "track_order"])).toBe("get_refund");
    expect(topicalIntent(["greeting", "unknown", null])).toBeNull();
  });

  it("the most specific team owns a conversation: inbox and intent, then intent only, then inbox only; a team listing neither owns nothing", () => {
    const teams = [team("Anything", [], []), team("Web", ["web"], []), team("Refunds", [], ["get_refund"]), team("Web refunds", ["web"], ["get_refund"])];
    expect(owningTeam(teams, { inboxId: "web", intent: "get_refund", language: null })?.name).toBe("Web refunds");
    expect(owningTeam(teams, { inboxId: "mail", intent: "get_refund", language: null })?.name).toBe("Refunds");
    expect(owningTeam(teams, { inboxId: "web", intent: "track_order", language: null })?.name).toBe("Web");
    expect(owningTeam(teams, { inboxId: "mail", intent: "track_order", language: null })).toBeUndefined();
  });

  it("picks the qualified agent below capacity with the fewest open conversations, then the one assigned least recently", () => {
    const need = { intent: "get_refund", language: "en" };
    const full = agent("full", { capacity: 2, openCount: 2 });
    const french = agent("french", { skills: { intents: [], languages: ["fr"] } });
    const shipping = agent("shipping", { skills: { intents: ["track_order"], languages: [] } });
    const busy = agent("busy", { openCount: 3 });
    const recent = agent("recent", { openCount: 1, lastAssignedAt: new Date("2026-02-02T00:00:00Z") });
    const earlier = agent("earlier", { openCount: 1, lastAssignedAt: new Date("2026-02-01T00:00:00Z") });
    expect(pickAgent([full, french, shipping, busy, recent, earlier], need)?.id).toBe("earlier");
    expect(pickAgent([full, french, shipping, busy], need)?.id).toBe("busy");
    expect(pickAgent([full, french, shipping], need)).toBeUndefined();
  });
});
