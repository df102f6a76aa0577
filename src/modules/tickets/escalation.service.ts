/** Raises a handed-off ticket's priority when the customer's mood falls to clearly negative after the hand-off. */
import type { TicketPriority } from "../../contracts/api.ts";
import type { DomainEvents } from "../../events.ts";
import { getMessage } from "../conversations/index.ts";
import type { ServiceDeps } from "../deps.ts";
import { NEGATIVE_HANDOFF_SCORE } from "../routing/index.ts";
import { findActiveTicketForConversation, updateTicketWithEvents } from "./tickets.repo.ts";

/** At or below this score a message after hand-off makes its ticket urgent (at or below NEGATIVE_HANDOFF_SCORE: high). */
export const URGENT_SENTIMENT_SCORE = -4;

const RANK: Record<TicketPriority, number> = { low: 0, normal: 1, high: 2, urgent: 3 };

/** The priority a negative message asks for, or null when it is not clearly negative. */
export function priorityForSentiment(score: number, label: string): TicketPriority | null {
  if (label !== "negative" || score > NEGATIVE_HANDOFF_SCORE) return null;
  return score <= URGENT_SENTIMENT_SCORE ? "urgent" : "high";
}

/**
 * Runs on every `message.created`: a customer message written after its conversation's ticket opened, clearly
 * negative, raises the ticket to high (urgent at URGENT_SENTIMENT_SCORE) and records why in ticket_events. Never lowers
 * a priority; the message that caused the hand-off already set the ticket's first priority.
 */
export async function escalateOnSentiment(deps: ServiceDeps, event: DomainEvents["message.created"]): Promise<void> {
  if (event.senderType !== "customer" || !event.handedOff) return;
  const message = await getMessage(deps, event.messageId);
  const sentiment = message?.annotation?.sentiment;
  if (!message || !sentiment) return;
  const wanted = priorityForSentiment(sentiment.score, sentiment.label);
  if (!wanted) return;
  const ticket = await findActiveTicketForConversation(deps.db, event.conversationId);
  if (!ticket || message.createdAt < ticket.createdAt || RANK[ticket.priority] >= RANK[wanted]) return;
  const updated = await updateTicketWithEvents(
    deps.db,
    ticket.id,
    { priority: wanted },
    [{ type: "priority_changed", actorType: "system", actorId: null, data: { from: ticket.priority, to: wanted, reason: "negative_sentiment", messageId: message.id, score: sentiment.score } }],
    ticket,
  );
  if (updated) deps.events.emit("ticket.updated", { ticketId: ticket.id });
}
