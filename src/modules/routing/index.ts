/** Routing module: when the bot hands off, how urgent the ticket is, which team and agent get it, and agents' presence. */
export { asksForHuman, handoffReasonFor, ticketPriority, HUMAN_INTENTS, MAX_FAILED_TURNS, NEGATIVE_HANDOFF_SCORE, type HandoffReason } from "./handoff-rules.ts";
export { routeTicket, routeToTeam, pickUpQueue, routingNeed, type RoutingOutcome } from "./routing.service.ts";
export { consoleActivity, consoleGone, choosePresence, markIdleAgentsAway } from "./presence.service.ts";
export { owningTeam, pickAgent, hasSkills, topicalIntent, type RoutingNeed } from "./routing-rules.ts";
