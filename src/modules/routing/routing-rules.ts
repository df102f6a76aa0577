/** Routing rules as pure functions: which team owns a conversation, which agents qualify, and who among them is next. */
import type { UserSkills } from "../../db/schema/users.ts";
import { HUMAN_INTENTS } from "./handoff-rules.ts";

/** What a conversation needs from its team and agent: its inbox, its intent and its language (when known). */
export type RoutingNeed = { inboxId: string; intent: string | null; language: string | null };

/** A team as routing sees it. */
export type TeamForRouting = { id: string; name: string; inboxIds: string[]; intents: string[] };

/** An online agent of the team with the number of unresolved tickets assigned to them. */
export type AgentForRouting = {
  id: string;
  name: string;
  skills: UserSkills;
  capacity: number | null;
  openCount: number;
  lastAssignedAt: Date | null;
  createdAt: Date;
};

// Intents that say nothing about the topic (asking for a person, small talk): routing looks past them to an earlier one.
const TOPICLESS_INTENTS: ReadonlySet<string> = new Set([...HUMAN_INTENTS, "greeting", "thanks", "goodbye", "unknown", "none", "fallback"]);

/** The intent routing uses: the newest of the customer's intents (newest first) that names a topic. */
export function topicalIntent(intentsNewestFirst: (string | null | undefined)[]): string | null {
  for (const intent of intentsNewestFirst) if (intent && !TOPICLESS_INTENTS.has(intent)) return intent;
  return null;
}

/**
 * The team that owns the conversation: a team matches when its inboxes include the conversation's (or it lists none) and
 * its intents include the conversation's intent (or it lists none); a team listing neither matches nothing. Among
 * matches the most specific wins (inbox and intent, then intent only, then inbox only), then the name.
 */
export function owningTeam<T extends TeamForRouting>(teams: T[], need: RoutingNeed): T | undefined {
  const score = (team: T): number => {
    if (team.inboxIds.length === 0 && team.intents.length === 0) return 0;
    const inbox = team.inboxIds.length === 0 ? 1 : team.inboxIds.includes(need.inboxId) ? 2 : 0;
    const intent = team.intents.length === 0 ? 1 : need.intent && team.intents.includes(need.intent) ? 3 : 0;
    return inbox === 0 || intent === 0 ? 0 : inbox + intent;
  };
  return teams
    .map((team) => ({ team, score: score(team) }))
    .filter((t) => t.score > 0)
    .sort((a, b) => b.score - a.score || a.team.name.localeCompare(b.team.name))[0]?.team;
}

/** True when the agent's skills cover the need: an empty skill list means "any". */
export function hasSkills(skills: UserSkills, need: Pick<RoutingNeed, "intent" | "language">): boolean {
  const intentOk = skills.intents.length === 0 || (need.intent !== null && skills.intents.includes(need.intent));
  const languageOk = skills.languages.length === 0 || need.language === null || skills.languages.includes(need.language);
  return intentOk && languageOk;
}

/** True while the agent has room for one more conversation (no capacity: always). */
export function belowCapacity(agent: Pick<AgentForRouting, "capacity" | "openCount">): boolean {
  return agent.capacity === null || agent.openCount < agent.capacity;
}

/**
 * The agent to route to: qualified by skill, below capacity, fewest open conversations; among equals the one assigned
 * least recently (never assigned first), then the longest-standing account: a round-robin whose pointer is each agent's
 * stored `lastAssignedAt`.
 */
export function pickAgent<A extends AgentForRouting>(agents: A[], need: Pick<RoutingNeed, "intent" | "language">): A | undefined {
  const time = (d: Date | null): number => (d ? d.getTime() : -Infinity);
  return agents
    .filter((a) => hasSkills(a.skills, need) && belowCapacity(a))
    .sort(
      (a, b) =>
        a.openCount - b.openCount ||
        time(a.lastAssignedAt) - time(b.lastAssignedAt) ||
        a.createdAt.getTime() - b.createdAt.getTime() ||
        a.id.localeCompare(b.id),
    )[0];
}

/** The sentence recorded with a routing decision, e.g. "routed to Sam Support: team Billing, skill get_refund, 2 of 5 open". */
export function routedReason(agent: Pick<AgentForRouting, "name" | "capacity" | "openCount" | "skills">, team: { name: string }, need: Pick<RoutingNeed, "intent">): string {
  const skill = need.intent && agent.skills.intents.includes(need.intent) ? `skill ${need.intent}` : "any skill";
  const load = `${agent.openCount + 1} of ${agent.capacity ?? "unlimited"} open`;
  return `routed to ${agent.name}: team ${team.name}, ${skill}, ${load}`;
}

/** The sentence recorded when a ticket waits in its team's queue. */
export function queuedReason(team: { name: string }, need: Pick<RoutingNeed, "intent">): string {
  return `queued for team ${team.name}: no online agent${need.intent ? ` with skill ${need.intent}` : ""} below capacity`;
}
