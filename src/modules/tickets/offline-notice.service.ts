/** Tells a customer who reaches humans outside their inbox's business hours the inbox's offline message, once per conversation. */
import type { DomainEvents } from "../../events.ts";
import { addReply, getConversation } from "../conversations/index.ts";
import type { ServiceDeps } from "../deps.ts";
import { businessHoursOf, isOpenAt } from "../sla/index.ts";

/** The client message id of a conversation's offline notice: the unique key that sends it once. */
export const offlineNoticeKey = (conversationId: string): string => `offline:${conversationId}`;

/**
 * Sends the inbox's offline message as a system message when the inbox is closed now (business hours set, outside them)
 * and has one; keyed by the conversation, so it is stored and delivered at most once however often it is asked for.
 * Returns whether the conversation has it now.
 */
export async function tellOfflineOnce(deps: ServiceDeps, conversationId: string, inboxId: string): Promise<boolean> {
  const hours = await businessHoursOf(deps, inboxId).catch(() => null);
  if (!hours?.offlineMessage.trim() || isOpenAt(hours, deps.now())) return false;
  await addReply(deps, conversationId, { senderType: "system", text: hours.offlineMessage, clientMsgId: offlineNoticeKey(conversationId) });
  return true;
}

/**
 * Runs on every `message.created`: a customer writing in a conversation humans own (handed off) while its inbox is
 * closed gets the offline message, once per conversation. While the bot owns the conversation it answers at any hour;
 * the hand-off itself sends the notice (openHandoffTicket).
 */
export async function offlineOnMessage(deps: ServiceDeps, event: DomainEvents["message.created"]): Promise<void> {
  if (event.senderType !== "customer" || !event.handedOff) return;
  const conversation = await getConversation(deps, event.conversationId);
  if (conversation.status !== "handoff") return;
  await tellOfflineOnce(deps, conversation.id, conversation.inboxId);
}
