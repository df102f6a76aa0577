/**
 * What campaigns do in the chat: a widget campaign's message becomes a bot message in the customer's conversation the
 * next time their widget connects; the widget reports it seen; a customer message after a campaign counts as a reply,
 * and "stop" or "unsubscribe" opts the customer out.
 */
import type { DomainEvents } from "../../events.ts";
import { childLogger } from "../../logger.ts";
import { addReply, getMessage } from "../conversations/index.ts";
import type { ServiceDeps } from "../deps.ts";
import { isOptOutRequest } from "./campaigns.render.ts";
import { claimWidgetDelivery, linkSendMessage, markReplied, markSeen, optOut, pendingWidgetSends } from "./campaigns.repo.ts";

const log = childLogger("campaigns");

/**
 * Shows a customer the widget campaign messages waiting for them: each becomes a bot message in their widget
 * conversation (`conversationId`, or the one `open` opens when they have none yet), delivered once even when two
 * tabs connect at once. Returns the messages' ids.
 */
export async function deliverProactiveMessages(
  deps: ServiceDeps,
  visit: { customerId: string; conversationId?: string; open: () => Promise<string> },
): Promise<string[]> {
  const pending = await pendingWidgetSends(deps.db, visit.customerId);
  if (pending.length === 0) return [];
  const conversationId = visit.conversationId ?? (await visit.open());
  const delivered: string[] = [];
  for (const send of pending) {
    if (!(await claimWidgetDelivery(deps.db, send.id, conversationId, deps.now()))) continue;
    const message = await addReply(deps, conversationId, { senderType: "bot", text: send.text, clientMsgId: `campaign:${send.id}` });
    await linkSendMessage(deps.db, send.id, message.id);
    delivered.push(message.id);
  }
  return delivered;
}

/** The widget showed a message: when it was a campaign's, the send counts as seen (once). */
export async function campaignMessageSeen(deps: Pick<ServiceDeps, "db" | "now">, conversationId: string, messageId: string): Promise<boolean> {
  return markSeen(deps.db, messageId, conversationId, deps.now());
}

/**
 * A customer wrote: campaign sends that reached them within their conversion window count as replied; a message that is
 * only "stop" or "unsubscribe" (a regular expression on the text; see campaigns.render.ts) opts them out for good.
 */
export async function campaignsOnMessage(deps: ServiceDeps, event: DomainEvents["message.created"]): Promise<void> {
  if (event.senderType !== "customer") return;
  const at = deps.now();
  await markReplied(deps.db, event.conversationId, at);
  const message = await getMessage(deps, event.messageId);
  if (!message || !isOptOutRequest(message.text)) return;
  const customerId = await optOut(deps.db, { conversationId: event.conversationId }, "message", event.messageId);
  if (customerId) log.info({ customerId, messageId: event.messageId }, "customer opted out of campaigns");
}
