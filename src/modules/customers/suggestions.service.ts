/** NLP into the record: details a customer writes become suggestions on their profile, accepted or dismissed by an agent. */
import type { CustomerProfileDTO } from "../../contracts/crm.ts";
import type { Annotation } from "../../contracts/nlp.ts";
import { AppError } from "../../errors.ts";
import { childLogger } from "../../logger.ts";
import type { ServiceDeps } from "../deps.ts";
import type { Actor } from "../policy/index.ts";
import { loadLiveCustomer, recordCustomerEvent } from "./customers.actors.ts";
import { conversationIdsOf } from "./customers.repo.ts";
import { getCustomerProfile } from "./profile.service.ts";
import { detailsInMessage } from "./suggestions.extract.ts";
import {
  claimOrder,
  findLiveHolder,
  findSuggestion,
  insertDetailSuggestions,
  linkQuotedOrders,
  setCustomerField,
  setSuggestionStatus,
} from "./suggestions.repo.ts";

const log = childLogger("customers");

/** A committed customer message, as the record learns from it. */
export type CustomerMessage = { customerId: string; conversationId: string; messageId: string; text: string; annotation: Pick<Annotation, "entities"> };

/**
 * Turns what a customer wrote about themselves into suggestions on their record (an email, a phone, their name, an
 * order that belongs to nobody) and links the conversation to the orders they quote. No database round trip when the
 * message names none; a failure here is logged and never fails the message, which is committed already.
 */
export async function captureCustomerDetails(deps: Pick<ServiceDeps, "db">, message: CustomerMessage): Promise<void> {
  const { details, orderNumbers } = detailsInMessage(message.text, message.annotation);
  if (details.length === 0 && orderNumbers.length === 0) return;
  const source = { customerId: message.customerId, conversationId: message.conversationId, messageId: message.messageId };
  try {
    await insertDetailSuggestions(deps.db, source, details);
    await linkQuotedOrders(deps.db, source, orderNumbers);
  } catch (error) {
    log.warn({ err: error, messageId: message.messageId }, "could not record the details a customer message offers");
  }
}

/**
 * Puts a suggestion on the profile (the field set, or the order given to the customer), marks it accepted and records
 * `suggestion.accepted`, in one transaction. An email or phone another live customer has is 409 CUSTOMER_EXISTS with
 * `existingId` (the console offers a merge), as is an order someone else has claimed meanwhile.
 */
export async function acceptSuggestion(deps: ServiceDeps, actor: Actor, customerId: string, suggestionId: string): Promise<CustomerProfileDTO> {
  const customer = await loadLiveCustomer(deps, customerId);
  const suggestion = await findSuggestion(deps.db, customerId, suggestionId);
  if (!suggestion) throw new AppError("SUGGESTION_NOT_FOUND");
  // Accepting twice (a double click, a retried request) changes nothing the second time.
  if (suggestion.status === "accepted") return getCustomerProfile(deps, customerId);
  const { field, value } = suggestion;
  await deps.db.transaction(async (tx) => {
    let from: string | null = null;
    if (field === "order") {
      const order = await claimOrder(tx, customerId, value);
      if (!order) throw new AppError("SUGGESTION_NOT_FOUND", "The order of this suggestion no longer exists.");
      if (order.ownerId !== customerId) throw new AppError("CUSTOMER_EXISTS", "Another customer owns this order.", undefined, { existingId: order.ownerId ?? undefined });
    } else {
      if (field !== "name") {
        const holder = await findLiveHolder(tx, customerId, field, value);
        if (holder) throw new AppError("CUSTOMER_EXISTS", `Another customer has this ${field}.`, undefined, { existingId: holder });
      }
      from = customer[field];
      await setCustomerField(tx, customerId, field, value);
    }
    await setSuggestionStatus(tx, customerId, suggestionId, "accepted");
    await recordCustomerEvent({ db: tx }, customerId, "suggestion.accepted", actor, {
      suggestionId,
      field,
      value,
      from,
      messageId: suggestion.messageId,
      conversationId: suggestion.conversationId,
    });
  });
  for (const conversationId of await conversationIdsOf(deps.db, customerId)) deps.events.emit("conversation.updated", { conversationId });
  return getCustomerProfile(deps, customerId);
}

/** Dismisses an open suggestion: it leaves the profile, and the same value is never suggested again (an accepted one stays accepted). */
export async function dismissSuggestion(deps: ServiceDeps, customerId: string, suggestionId: string): Promise<void> {
  await loadLiveCustomer(deps, customerId);
  const suggestion = await findSuggestion(deps.db, customerId, suggestionId);
  if (!suggestion) throw new AppError("SUGGESTION_NOT_FOUND");
  if (suggestion.status !== "open") return;
  await setSuggestionStatus(deps.db, customerId, suggestionId, "dismissed");
  for (const conversationId of await conversationIdsOf(deps.db, customerId)) deps.events.emit("conversation.updated", { conversationId });
}
