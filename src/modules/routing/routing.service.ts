/** Routing use cases: send a handed-off ticket to its team's best agent or queue, and let a freed or returning agent pick up the queue. */
import { addReply } from "../conversations/index.ts";
import type { ServiceDeps } from "../deps.ts";
import {
  assignTicket,
  conversationFacts,
  listTeamsForRouting,
  lockAvailableAgent,
  lockNextOnlineAgent,
  lockQueuedTickets,
  lockTeamAgents,
  markRouted,
  teamsOf,
  type RoutedTicket,
} from "./routing.repo.ts";
import { owningTeam, pickAgent, queuedReason, routedReason, topicalIntent, type RoutingNeed } from "./routing-rules.ts";
import { routingStrings } from "./routing.strings.ts";

/** What routing did with a ticket: the agent it went to (null: it waits in a queue) and the team (null: the general queue). */
export type RoutingOutcome = { assignee: { id: string; name: string } | null; teamId: string | null; ticket: RoutedTicket | undefined };

// An agent without a capacity takes at most this many queued tickets at once.
const UNLIMITED_PICKUP = 20;

/** What the conversation needs from its team and agent: its inbox, its topical intent and its language. */
export async function routingNeed(deps: Pick<ServiceDeps, "db">, conversationId: string): Promise<RoutingNeed | undefined> {
  const facts = await conversationFacts(deps.db, conversationId);
  return facts && { inboxId: facts.inboxId, intent: topicalIntent(facts.intents), language: facts.language };
}

/**
 * Routes an unassigned ticket: to the team that owns its inbox and intent, to that team's online agent with the skill who
 * has the fewest open conversations below capacity (round-robin among equals), else into the team's queue; with no
 * owning team, round-robin over every online agent (the general queue when none is). Each decision is a ticket event
 * with its reason. The team's agents stay locked while the choice is made, so nodes routing at once never overfill one.
 */
export async function routeTicket(deps: ServiceDeps, ticket: { id: string; conversationId: string }): Promise<RoutingOutcome> {
  const need = (await routingNeed(deps, ticket.conversationId)) ?? { inboxId: "", intent: null, language: null };
  const team = owningTeam(await listTeamsForRouting(deps.db), need);
  const now = deps.now();
  return deps.db.transaction(async (tx): Promise<RoutingOutcome> => {
    if (!team) {
      const agent = await lockNextOnlineAgent(tx);
      await markRouted(tx, ticket.id, null, need, agent ? null : { teamName: "general", reason: routingStrings.en.generalQueued });
      if (!agent) return { assignee: null, teamId: null, ticket: undefined };
      const reason = routingStrings.en.generalRouted(agent.name, need);
      const row = await assignTicket(tx, ticket.id, { assigneeId: agent.id, teamId: null, rule: "round_robin", reason }, now);
      return { assignee: row ? agent : null, teamId: null, ticket: row };
    }
    const chosen = pickAgent(await lockTeamAgents(tx, team.id), need);
    await markRouted(tx, ticket.id, team.id, need, chosen ? null : { teamName: team.name, reason: queuedReason(team, need) });
    if (!chosen) return { assignee: null, teamId: team.id, ticket: undefined };
    const reason = routedReason(chosen, team, need);
    const row = await assignTicket(tx, ticket.id, { assigneeId: chosen.id, teamId: team.id, rule: "skills_capacity", reason }, now);
    return { assignee: row ? { id: chosen.id, name: chosen.name } : null, teamId: team.id, ticket: row };
  });
}

/**
 * Routes an unassigned ticket within a team it was transferred to: to the team's online agent with the skill who has the
 * fewest open conversations below capacity, else into the team's queue (a "queued" event). Same locks as routeTicket.
 */
export async function routeToTeam(deps: ServiceDeps, ticket: { id: string; conversationId: string }, teamId: string): Promise<RoutingOutcome> {
  const need = (await routingNeed(deps, ticket.conversationId)) ?? { inboxId: "", intent: null, language: null };
  const team = (await listTeamsForRouting(deps.db)).find((t) => t.id === teamId);
  if (!team) return { assignee: null, teamId, ticket: undefined };
  const now = deps.now();
  return deps.db.transaction(async (tx): Promise<RoutingOutcome> => {
    const chosen = pickAgent(await lockTeamAgents(tx, team.id), need);
    await markRouted(tx, ticket.id, team.id, need, chosen ? null : { teamName: team.name, reason: queuedReason(team, need) });
    if (!chosen) return { assignee: null, teamId: team.id, ticket: undefined };
    const row = await assignTicket(tx, ticket.id, { assigneeId: chosen.id, teamId: team.id, rule: "skills_capacity", reason: routedReason(chosen, team, need) }, now);
    return { assignee: row ? { id: chosen.id, name: chosen.name } : null, teamId: team.id, ticket: row };
  });
}

/**
 * The agent has room again (came online, resolved or handed on a conversation): assigns them the tickets waiting in
 * their teams' queues that their skills cover, urgent first then oldest, up to their capacity, and tells each customer.
 * `excludeTicketId` keeps the ticket they just let go from coming straight back. Returns the tickets assigned.
 */
export async function pickUpQueue(deps: ServiceDeps, userId: string, options: { excludeTicketId?: string } = {}): Promise<RoutedTicket[]> {
  const now = deps.now();
  const { agent, picked } = await deps.db.transaction(async (tx) => {
    const agent = await lockAvailableAgent(tx, userId);
    if (!agent) return { agent: undefined, picked: [] as RoutedTicket[] };
    const teams = await teamsOf(tx, userId);
    const room = agent.capacity === null ? UNLIMITED_PICKUP : agent.capacity - agent.openCount;
    const queued = await lockQueuedTickets(tx, teams.map((t) => t.id), agent.skills, room, options.excludeTicketId ?? null);
    const teamNames = new Map(teams.map((t) => [t.id, t.name]));
    const picked: RoutedTicket[] = [];
    for (const ticket of queued) {
      const load = { ...agent, openCount: agent.openCount + picked.length };
      const reason = routingStrings.en.pickedUp(agent.name, teamNames.get(ticket.teamId ?? "") ?? "", load);
      const row = await assignTicket(tx, ticket.id, { assigneeId: agent.id, teamId: ticket.teamId, rule: "team_queue", reason }, now);
      if (row) picked.push(row);
    }
    return { agent, picked };
  });
  if (!agent) return [];
  for (const ticket of picked) {
    await addReply(deps, ticket.conversationId, { senderType: "system", text: routingStrings.en.joined(agent.name), clientMsgId: `pickup:${ticket.id}:${agent.id}` });
    deps.events.emit("ticket.updated", { ticketId: ticket.id });
  }
  return picked;
}
