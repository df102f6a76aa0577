/** Routing module: when the bot hands off, and how urgent the resulting ticket is. */
export { asksForHuman, handoffReasonFor, ticketPriority, HUMAN_INTENTS, MAX_FAILED_TURNS, NEGATIVE_HANDOFF_SCORE, type HandoffReason } from "./handoff-rules.ts";
