/**
 * Outbound delivery: a reply (the bot's, an agent's, a hand-off notice) to a chat-channel conversation is sent by the channel's sender in the
 * `message.deliver` job, retried with backoff (a provider's Retry-After wins) and, after the last attempt, marked
 * failed on the message, where an agent can retry it.
 */
import { randomUUID } from "node:crypto";
import type { DeliveryRow } from "../../db/schema/conversations.ts";
import { AppError } from "../../errors.ts";
import { childLogger } from "../../logger.ts";
import { RetryLaterError, type JobAttempt } from "../../queue/index.ts";
import type { ServiceDeps } from "../deps.ts";
import type { MessageRow } from "./conversations.repo.ts";
import { findOutbound, lastCustomerMetadata, resetFailedDelivery, setDelivery } from "./delivery.repo.ts";
import { forgetRecentMessage } from "./recent-messages.ts";

const log = childLogger("delivery");

/** Job that delivers a stored reply to a channel other than the widget. */
export const DELIVER_JOB = "message.deliver";

/**
 * A reply as a channel's sender gets it: where it goes (the inbox, the conversation of that inbox and its external id:
 * another conversation of the customer's when an agent replied on another channel), its text and who wrote it.
 */
export type OutboundMessage = {
  messageId: string;
  inboxId: string;
  /** The channel of the conversation it goes to ("telegram", "botframework:msteams" …). */
  channel: string;
  conversationId: string;
  externalId: string | null;
  text: string;
  sender: { type: string; name?: string };
  createdAt: Date;
};

/** Sends replies on one channel; fails with DeliveryError (retryable or not) when the provider refuses or cannot be reached. */
export type ChannelSender = { send(message: OutboundMessage): Promise<{ externalId?: string }> };

/** The sender of a channel, if one is registered. */
export type ChannelSenders = (channel: string) => ChannelSender | undefined;

/** A failed send: `retryable` for rate limits, provider errors (5xx) and network failures; `retryAfterMs` when the provider said when. */
export class DeliveryError extends Error {
  readonly retryable: boolean;
  readonly retryAfterMs?: number;

  constructor(message: string, options: { retryable: boolean; retryAfterMs?: number }) {
    super(message);
    this.retryable = options.retryable;
    this.retryAfterMs = options.retryAfterMs;
  }
}

/** Whether a reply (the bot's, an agent's, or a system notice such as the hand-off's) to a conversation of this channel is delivered by the job. */
export function deliveredByJob(channel: string, senderType: string): boolean {
  // The widget gets every reply over its socket.
  if (channel === "web") return false;
  // The Bot Framework adapter sends what the bot's turn says inside the turn; agents' replies and system notices (the
  // hand-off's, a resolution's) come from outside a turn and need the job. Its conversations are stored per channel
  // behind it ("botframework:msteams").
  if (channel === "botframework" || channel.startsWith("botframework:")) return senderType === "agent" || senderType === "system";
  return senderType !== "customer";
}

/** What a channel kept, on the conversation's latest customer message, of where to answer (`metadata.<channel>`). */
export async function customerChannelData(deps: Pick<ServiceDeps, "db">, conversationId: string, channel: string): Promise<Record<string, unknown> | undefined> {
  const metadata = await lastCustomerMetadata(deps.db, conversationId);
  const data = metadata?.[channel];
  return typeof data === "object" && data !== null ? (data as Record<string, unknown>) : undefined;
}

/** Stores where a reply's delivery stands and tells the consoles (message.updated). */
export async function recordDelivery(deps: Pick<ServiceDeps, "db" | "events">, message: { id: string; conversationId: string }, delivery: DeliveryRow): Promise<void> {
  await setDelivery(deps.db, message.id, delivery);
  forgetRecentMessage(deps.db, message.id);
  deps.events.emit("message.updated", { messageId: message.id, conversationId: message.conversationId });
}

/** Marks a new reply pending and queues its delivery (the job id is the message's: queued once); message.created tells the consoles. */
export async function queueDelivery(deps: Pick<ServiceDeps, "db" | "queue" | "now">, messageId: string): Promise<DeliveryRow> {
  const delivery: DeliveryRow = { status: "pending", attempts: 0, at: deps.now().toISOString() };
  await setDelivery(deps.db, messageId, delivery);
  await deps.queue.enqueue(DELIVER_JOB, { messageId }, { jobId: `deliver:${messageId}` });
  return delivery;
}

/**
 * One attempt to deliver a reply. Idempotent by message id: a message already sent is not sent again. A retryable
 * failure before the last attempt throws RetryLaterError (the queue runs it again); the last, or one not worth
 * retrying, marks the message failed with the provider's reason.
 */
export async function deliverMessage(deps: Pick<ServiceDeps, "db" | "now" | "events">, senders: ChannelSenders, messageId: string, attempt: JobAttempt): Promise<void> {
  const row = await findOutbound(deps.db, messageId);
  if (!row) return; // erased or deleted since it was queued
  const record = (delivery: DeliveryRow): Promise<void> => recordDelivery(deps, { id: messageId, conversationId: row.conversationId }, delivery);
  const status = row.delivery?.status;
  if (status === "sent" || status === "delivered" || status === "read") return;
  const attempts = (row.delivery?.attempts ?? 0) + 1;
  const at = () => deps.now().toISOString();
  const sender = senders(row.channel);
  if (!sender) {
    await record({ status: "failed", attempts, error: `no outbound adapter for the ${row.channel} channel`, at: at() });
    return;
  }
  let externalId: string | undefined;
  try {
    ({ externalId } = await sender.send({
      messageId,
      inboxId: row.inboxId,
      channel: row.channel,
      conversationId: row.targetConversationId,
      externalId: row.externalId,
      text: row.text,
      sender: { type: row.senderType, ...(row.senderName ? { name: row.senderName } : {}) },
      createdAt: row.createdAt,
    }));
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    const retryable = !(error instanceof DeliveryError) || error.retryable;
    if (retryable && !attempt.last) {
      await record({ status: "pending", attempts, error: reason, at: at() });
      throw new RetryLaterError(reason, error instanceof DeliveryError ? error.retryAfterMs : undefined);
    }
    log.warn({ messageId, channel: row.channel, attempts, err: error }, "delivery failed");
    await record({ status: "failed", attempts, error: reason, at: at() });
    return;
  }
  // Outside the try: the provider took the message, so a failure to record that is no reason to mark it failed.
  await record({ status: "sent", attempts, ...(externalId ? { externalId } : {}), at: at() });
}

/** Queues a failed reply again (its attempts start over); DELIVERY_NOT_FAILED unless it is a failed message of this conversation. */
export async function retryDelivery(deps: Pick<ServiceDeps, "db" | "queue" | "now" | "events">, conversationId: string, messageId: string): Promise<MessageRow> {
  const delivery: DeliveryRow = { status: "pending", attempts: 0, at: deps.now().toISOString() };
  const message = await resetFailedDelivery(deps.db, conversationId, messageId, delivery);
  if (!message) throw new AppError("DELIVERY_NOT_FAILED", "Only a reply in this conversation whose delivery failed can be retried.");
  forgetRecentMessage(deps.db, messageId);
  deps.events.emit("message.updated", { messageId, conversationId });
  // A new job id: the first job's id stays taken while bull keeps the failed job.
  await deps.queue.enqueue(DELIVER_JOB, { messageId }, { jobId: `deliver:${messageId}:${randomUUID()}` });
  return message;
}
