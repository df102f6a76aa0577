/** Hand-off and priority rules: pure functions of the message's annotation and the conversation's bot state. */
import type { TicketPriority } from "../../contracts/api.ts";
import type { Annotation } from "../../contracts/nlp.ts";

/** Why a conversation went to humans. */
export type HandoffReason = "customer_request" | "negative_sentiment" | "bot_failed" | "needs_agent";

/** Intents that mean "let me talk to a person". */
export const HUMAN_INTENTS: ReadonlySet<string> = new Set(["contact_human_agent", "contact_customer_service"]);

/** How many turns in a row the bot may fail to handle before it hands off. */
export const MAX_FAILED_TURNS = 2;

/** A negative message hands off when its score is at or below this (mild negatives such as "I forgot my password" stay with the bot). */
export const NEGATIVE_HANDOFF_SCORE = -2;

// A request names the person wanted ("an agent", "a human", "your manager") or asks to be put through; a mention of
// someone already met ("the agent sorted it out", "a person called me") is not one.
const humanRequest =
  /\b(human|real person|live (agent|person|chat)|an? (agent|representative|rep|operator|manager|supervisor)|your (manager|supervisor)|(speak|talk|chat) (to|with) (an? |the |your |some )?(agent|representative|rep|operator|someone|somebody|person|manager|supervisor|human))\b/i;

/** True when the customer asks for a person in words or by intent. */
export function asksForHuman(text: string, annotation: Pick<Annotation, "intent">): boolean {
  return HUMAN_INTENTS.has(annotation.intent.name) || humanRequest.test(text);
}

/** Decides whether this customer message hands the conversation to humans before the bot answers, and why. */
export function handoffReasonFor(text: string, annotation: Pick<Annotation, "intent" | "sentiment">): HandoffReason | null {
  if (asksForHuman(text, annotation)) return "customer_request";
  if (annotation.sentiment.label === "negative" && annotation.sentiment.score <= NEGATIVE_HANDOFF_SCORE) return "negative_sentiment";
  return null;
}

const highPriorityIntents = new Set(["payment_issue", "complaint", "delete_account", "recover_password", "registration_problems", "get_refund", "track_refund"]);
const lowPriorityIntents = new Set(["newsletter_subscription", "review", "greeting", "thanks", "goodbye", "check_payment_methods", "delivery_options"]);

/** Ticket priority from the triggering message's intent and sentiment and the customer's tier. */
export function ticketPriority(
  annotation: Pick<Annotation, "intent" | "sentiment"> | null,
  tier: "standard" | "vip" = "standard",
): TicketPriority {
  const intent = annotation?.intent.name ?? "unknown";
  const negative = annotation?.sentiment.label === "negative";
  const veryNegative = negative && (annotation?.sentiment.score ?? 0) <= -4;
  const important = highPriorityIntents.has(intent) || tier === "vip";
  if (veryNegative) return important ? "urgent" : "high";
  if (negative || important) return "high";
  if (lowPriorityIntents.has(intent)) return "low";
  return "normal";
}
