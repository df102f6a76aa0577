/**
 * Leads from chats: a customer message asking to buy opens a deal (source "chat") for the conversation's customer, at
 * most once per conversation, owned round-robin by the sales reps. It runs beside the bot's answer, never before it.
 */
import type { Annotation } from "../../contracts/nlp.ts";
import type { DomainEvents } from "../../events.ts";
import { getConversation, getMessage, type MessageRow } from "../conversations/index.ts";
import { findCustomer } from "../customers/index.ts";
import type { ServiceDeps } from "../deps.ts";
import { changeActorOf } from "./deals.access.ts";
import { insertDeal, insertStageChange, type DealRow } from "./deals.repo.ts";
import { firstOpenStage } from "./deals.refs.ts";
import { draftFromEntities } from "./draft.service.ts";
import { hasChatLead, lastLeadOwner, leadCandidates, type LeadCandidate } from "./leads.repo.ts";

/** Intents that are a wish to buy, whatever else the message says. */
export const BUYING_INTENTS: readonly string[] = ["place_order"];

/**
 * Intents that are a question before a purchase when the message names a product ("can I pay the tent with PayPal?",
 * "how fast can the stove get to me?"); without a product they are as often about an order already placed.
 */
export const PRE_PURCHASE_INTENTS: readonly string[] = ["check_payment_methods", "delivery_options", "delivery_period"];

/** Whether a customer message asks to buy: a buying intent, or a pre-purchase question about a product. */
export function asksToBuy(annotation: Annotation | null | undefined): boolean {
  if (!annotation) return false;
  const intent = annotation.intent.name;
  if (BUYING_INTENTS.includes(intent)) return true;
  return PRE_PURCHASE_INTENTS.includes(intent) && annotation.entities.some((e) => e.type === "product");
}

/** The next owner after `last` in id order, skipping anyone at capacity (when everyone is, anyone); null with nobody to ask. */
export function nextOwner(candidates: readonly LeadCandidate[], last: string | null): string | null {
  const free = candidates.filter((c) => c.capacity === null || c.openDeals < c.capacity);
  const pool = free.length > 0 ? free : candidates;
  if (pool.length === 0) return null;
  return (pool.find((c) => last !== null && c.id > last) ?? pool[0]!).id;
}

/**
 * Opens the conversation's lead for this customer message if it asks to buy and the conversation has none: in the first
 * open stage, amount from the money or products mentioned, its creation recorded as the system's. Two messages at once
 * open one lead: the unique index keeps the second out. Answers the lead opened, if any.
 */
export async function openChatLead(deps: Pick<ServiceDeps, "db" | "now" | "events">, message: MessageRow): Promise<DealRow | undefined> {
  if (message.senderType !== "customer" || !asksToBuy(message.annotation)) return undefined;
  if (await hasChatLead(deps.db, message.conversationId)) return undefined;
  const conversation = await getConversation(deps, message.conversationId);
  const customer = await findCustomer(deps.db, conversation.customerId);
  if (!customer || customer.erasedAt || customer.mergedIntoId) return undefined;
  const draft = await draftFromEntities(deps, message.annotation?.entities ?? [], customer.name);
  const ownerId = nextOwner(await leadCandidates(deps.db), await lastLeadOwner(deps.db));
  const stage = await firstOpenStage(deps);
  const at = deps.now();
  const lead = await deps.db.transaction(async (tx) => {
    const row = await insertDeal(tx, {
      title: draft.productIds.length > 0 ? draft.title : `Chat lead${customer.name ? ` for ${customer.name}` : ""}`,
      customerId: customer.id,
      companyId: customer.companyId,
      ownerId,
      amountCents: draft.amountCents ?? 0,
      currency: draft.currency,
      stageId: stage.id,
      conversationId: conversation.id,
      source: "chat",
      createdAt: at,
      updatedAt: at,
    });
    if (row) await insertStageChange(tx, { dealId: row.id, fromStageId: null, toStageId: stage.id, at, ...changeActorOf("system") });
    return row;
  });
  if (lead) deps.events.emit("deal.updated", { dealId: lead.id, conversationId: conversation.id });
  return lead;
}

/**
 * Reacts to a committed message with a lead, after the current turn of the event loop so the bot's answer starts first;
 * failures go to `onError` and never reach the message's sender.
 */
export function leadOnMessage(deps: ServiceDeps, event: DomainEvents["message.created"], onError: (error: unknown) => void): void {
  if (event.senderType !== "customer") return;
  setImmediate(() => {
    getMessage(deps, event.messageId)
      .then((message) => (message ? openChatLead(deps, message) : undefined))
      .catch(onError);
  });
}
