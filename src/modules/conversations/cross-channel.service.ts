/**
 * An agent's reply on another channel of the same customer: the reply stays in the conversation the agent is in, and is
 * delivered through the other inbox to the customer's conversation there (`metadata.via`).
 */
import type { ReplyChannelDTO } from "../../contracts/api.ts";
import { AppError } from "../../errors.ts";
import type { ServiceDeps } from "../deps.ts";
import { findInbox } from "../inboxes/index.ts";
import { getConversation } from "./conversations.service.ts";
import { customerInboxes, latestConversationInInbox } from "./delivery.repo.ts";
import { deliveredByJob } from "./delivery.service.ts";

/** Where a reply sent on another channel goes: the inbox, its channel, and the customer's conversation there. */
export type ReplyVia = { inboxId: string; channel: string; conversationId: string };

/**
 * The route of a reply to conversation `conversationId` sent through inbox `inboxId`: undefined for the conversation's own
 * inbox; 404 INBOX_NOT_FOUND for an unknown inbox; 400 VALIDATION_FAILED (field inboxId) when the customer never wrote
 * in that inbox (there is no address to send to) or it is the widget's (a widget conversation is answered in it).
 */
export async function replyVia(deps: Pick<ServiceDeps, "db">, conversationId: string, inboxId: string): Promise<ReplyVia | undefined> {
  const conversation = await getConversation(deps, conversationId);
  if (inboxId === conversation.inboxId) return undefined;
  const inbox = await findInbox(deps.db, inboxId);
  if (!inbox) throw new AppError("INBOX_NOT_FOUND", `Inbox "${inboxId}" does not exist.`);
  const target = await latestConversationInInbox(deps.db, conversation.customerId, inboxId);
  if (!target) throw new AppError("VALIDATION_FAILED", "The customer has no conversation in this inbox to reply to.", { inboxId: "the customer has not written in this inbox" });
  if (!deliveredByJob(target.channel, "agent")) {
    throw new AppError("VALIDATION_FAILED", "A widget conversation is answered in that conversation.", { inboxId: `replies on the ${target.channel} channel go in its own conversation` });
  }
  return { inboxId, channel: target.channel, conversationId: target.id };
}

/**
 * The channels an agent can answer this conversation's customer on: the conversation's own inbox first, then every
 * other inbox where the customer has a conversation whose replies a channel delivers (the widget's are answered in
 * their own conversation), most recently active first.
 */
export async function replyChannels(deps: Pick<ServiceDeps, "db">, conversationId: string): Promise<ReplyChannelDTO[]> {
  const conversation = await getConversation(deps, conversationId);
  const inboxes = await customerInboxes(deps.db, conversation.customerId);
  const own = inboxes.find((row) => row.inboxId === conversation.inboxId);
  const others = inboxes
    .filter((row) => row.inboxId !== conversation.inboxId && deliveredByJob(row.channel, "agent"))
    .sort((a, b) => b.lastMessageAt.getTime() - a.lastMessageAt.getTime());
  return [
    { inboxId: conversation.inboxId, inboxName: own?.inboxName ?? conversation.inboxId, channel: conversation.channel, current: true },
    ...others.map((row) => ({ inboxId: row.inboxId, inboxName: row.inboxName, channel: row.channel, current: false })),
  ];
}
