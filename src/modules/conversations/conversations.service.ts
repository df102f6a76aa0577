/** Conversation use cases: commit inbound customer messages (annotated), add bot, agent and system messages, read history. */
import { randomUUID } from "node:crypto";
import { MAX_MESSAGE_LENGTH } from "../../contracts/messages.ts";
import { SMALL_TALK_INTENTS, type Annotation } from "../../contracts/nlp.ts";
import { isUnsafeText, UNSAFE_TEXT_REASON, unsafeTextIssues } from "../../contracts/safe-text.ts";
import { isForeignKeyViolation } from "../../db/index.ts";
import { AppError, validationError } from "../../errors.ts";
import { captureCustomerDetails, resolveCustomerId, type CustomerProfile } from "../customers/index.ts";
import type { ServiceDeps } from "../deps.ts";
import { findInboxCached } from "../inboxes/index.ts";
import { productCatalogue } from "../sales/index.ts";
import {
  createConversation,
  findConversation,
  findConversationByExternalId,
  findConversationView,
  findMessage,
  findMessageByClientId,
  findOrOpenConversation,
  insertCustomerMessage,
  insertMessageOnce,
  listMessagesAfter,
  updateConversation,
  type ConversationRow,
  type ConversationView,
  type MessageRow,
} from "./conversations.repo.ts";
import { csatSettings } from "./csat-settings.ts";
import { ratingOf } from "./csat-rating.ts";
import { answerCsat, csatPendingSince } from "./csat.repo.ts";
import { csatStrings } from "./csat.strings.ts";
import { deliveredByJob, queueDelivery } from "./delivery.service.ts";
import { recentAddress, recentMessage, rememberAddress, rememberMessage, type ConversationAddress } from "./recent-messages.ts";

/** One customer message as every channel adapter normalises it. */
export type InboundMessage = {
  inboxId: string;
  channel: string;
  externalUserId: string;
  externalConversationId: string;
  clientMsgId?: string;
  text: string;
  profile?: CustomerProfile;
  raw?: unknown;
  /** Metadata of files the message carries (a Telegram photo's file id and size …); the files stay with the provider. */
  attachments?: InboundAttachment[];
  /** The conversation's id when the channel already knows it for this external id (the widget remembers it per socket): saves a look-up. */
  conversationId?: string;
  /** The customer when the channel already established who writes (a verified widget user): a new conversation is theirs. */
  customerId?: string;
  /** True when the channel runs the bot inside its own request (Bot Framework), or the message wants none (an email auto-reply), so no answer is owed. */
  answeredInTurn?: boolean;
  /** The conversation's subject when the channel has one (an email's Subject); else it comes from the first message that asks for something. */
  subject?: string;
  /** Channel-specific facts kept beside the raw payload under `metadata.<channel>` (an email's Message-ID, From, Subject …). */
  channelData?: Record<string, unknown>;
};

/**
 * What is stored about a file a customer sent: a provider's file id (Telegram), or, for a file kept on our disk
 * (email), its `id` (for the download), `sha256` (its file name there), the sender's file name and content type.
 */
export type InboundAttachment = {
  kind: "photo" | "file";
  id?: string;
  sha256?: string;
  providerFileId?: string;
  name?: string;
  contentType?: string;
  width?: number;
  height?: number;
  size?: number;
};

/** Rejects empty or over-long text with the catalogue's codes. */
export function assertMessageText(text: unknown): string {
  if (typeof text !== "string") throw new AppError("VALIDATION_FAILED", "text must be a string", { text: "must be a string" });
  if (isUnsafeText(text)) throw new AppError("VALIDATION_FAILED", `text ${UNSAFE_TEXT_REASON}`, { text: UNSAFE_TEXT_REASON });
  if (text.trim().length === 0) throw new AppError("MESSAGE_EMPTY", "The message text is empty.", { text: "is empty" });
  if (text.length > MAX_MESSAGE_LENGTH) {
    throw new AppError("MESSAGE_TOO_LONG", `The message text is longer than ${MAX_MESSAGE_LENGTH} characters.`, {
      text: `is longer than ${MAX_MESSAGE_LENGTH} characters`,
    });
  }
  return text;
}

/** Applies the hostile-text rule (contracts/safe-text.ts) to what a channel says about the sender, for channels that do not validate with zod. */
function assertSafeIdentifiers(inbound: InboundMessage): void {
  const { externalUserId, externalConversationId, clientMsgId, profile } = inbound;
  const issues = unsafeTextIssues({ externalUserId, externalConversationId, clientMsgId, name: profile?.name, email: profile?.email, phone: profile?.phone });
  if (issues.length > 0) throw validationError(issues);
}

/** The subject a message gives its conversation: the message on one line, cut at 80 characters; none for small talk. */
function subjectFrom(text: string, annotation: Annotation): string | null {
  // Small talk carries no request: the subject comes from the first message that asks for something.
  if (SMALL_TALK_INTENTS.includes(annotation.intent.name)) return null;
  const oneLine = text.replace(/\s+/g, " ").trim();
  return oneLine.length > 80 ? `${oneLine.slice(0, 77)}…` : oneLine;
}

/** The id of the conversation for a channel's external id, creating the customer and the conversation when new. */
async function conversationIdFor(deps: ServiceDeps, inboxId: string, inbound: InboundMessage): Promise<string> {
  if (inbound.customerId) {
    const known = await findConversationByExternalId(deps.db, inbound.channel, inbound.externalConversationId);
    if (known) return known.id;
    const opened = await createConversation(deps.db, { inboxId, customerId: inbound.customerId, channel: inbound.channel, externalId: inbound.externalConversationId });
    return opened.id;
  }
  // Without an email or phone to match customers by, a new visitor's customer and conversation are one statement.
  if (!inbound.profile?.email && !inbound.profile?.phone) {
    const id = await findOrOpenConversation(deps.db, {
      inboxId,
      channel: inbound.channel,
      externalId: inbound.externalConversationId,
      identityChannel: inbound.channel,
      identityExternalId: inbound.externalUserId,
      customerName: inbound.profile?.name ?? null,
    });
    if (id) return id;
  }
  const existing = await findConversationByExternalId(deps.db, inbound.channel, inbound.externalConversationId);
  if (existing) return existing.id;
  // The customer is looked up only when the conversation is new.
  const customerId = await resolveCustomerId(deps, { channel: inbound.channel, externalId: inbound.externalUserId }, inbound.profile);
  const created = await createConversation(deps.db, { inboxId, customerId, channel: inbound.channel, externalId: inbound.externalConversationId });
  return created.id;
}

/** The conversation of a known customer for a channel's external id: the existing one, or a new one without messages (a campaign's proactive message opens it). */
export async function openCustomerConversation(deps: Pick<ServiceDeps, "db">, values: { inboxId: string; customerId: string; channel: string; externalId: string }): Promise<string> {
  const known = await findConversationByExternalId(deps.db, values.channel, values.externalId);
  if (known) return known.id;
  return (await createConversation(deps.db, values)).id;
}

/** Commits a customer message before anything acknowledges it; a repeated clientMsgId returns the stored message (created=false). */
export async function receiveCustomerMessage(
  deps: ServiceDeps,
  inbound: InboundMessage,
): Promise<{ message: MessageRow; conversation: ConversationRow; created: boolean }> {
  const text = assertMessageText(inbound.text);
  assertSafeIdentifiers(inbound);
  const inbox = await findInboxCached(deps.db, inbound.inboxId);
  if (!inbox) throw new AppError("INBOX_NOT_FOUND", `Inbox "${inbound.inboxId}" does not exist.`, { inbox: "does not exist" });
  // A channel reply that is just a rating answers the pending survey instead of reopening the conversation.
  const rated = inbound.channel !== "web" && !inbound.answeredInTurn ? await ratingReply(deps, inbound, text) : undefined;
  if (rated) return rated;
  const now = deps.now();
  const annotation: Annotation = deps.analyzer.analyze(text, { now, products: await productCatalogue(deps) });
  const metadata = {
    ...(inbound.raw === undefined ? {} : { raw: inbound.raw }),
    ...(inbound.attachments ? { attachments: inbound.attachments } : {}),
    ...(inbound.channelData ? { [inbound.channel]: inbound.channelData } : {}),
  };
  const values = { clientMsgId: inbound.clientMsgId ?? null, text, annotation, metadata, createdAt: now };
  const patch = {
    lastMessage: { text: text.slice(0, 200), sender: { type: "customer" }, createdAt: now.toISOString() },
    score: annotation.sentiment.score,
    subject: inbound.subject?.trim() ? inbound.subject.replace(/\s+/g, " ").trim().slice(0, 200) : subjectFrom(text, annotation),
  };
  // The message, the conversation's change (trend, subject, reopening) and the answer owed are one statement, which
  // also takes the conversation's turn lease for this node when nobody holds it.
  const claim = { wantAnswer: !inbound.answeredInTurn, leaseToken: randomUUID(), leaseMs: deps.answers.leaseMs };
  const insert = (conversationId: string) => insertCustomerMessage(deps.db, { ...values, conversationId }, patch, claim);
  let conversationId = inbound.conversationId ?? (await conversationIdFor(deps, inbox.id, inbound));
  let stored = await insert(conversationId);
  if (!stored) {
    // This client message id is stored already: answer with that message and change nothing.
    const [message, conversation] = await Promise.all([
      inbound.clientMsgId ? findMessageByClientId(deps.db, conversationId, inbound.clientMsgId) : undefined,
      findConversation(deps.db, conversationId),
    ]);
    if (conversation && message) return repeated(deps, message, conversation);
    // A remembered conversation that no longer exists (its customer was deleted): look it up again.
    if (conversation || !inbound.conversationId) throw new Error("message insert conflicted but the stored message was not found");
    conversationId = await conversationIdFor(deps, inbox.id, inbound);
    stored = await insert(conversationId);
    if (!stored) throw new Error("a message to a conversation just found was not stored");
  }
  const message: MessageRow = {
    id: stored.id,
    seq: stored.seq,
    conversationId,
    senderType: "customer",
    senderId: null,
    senderName: null,
    delivery: null,
    ...values,
  };
  const { conversation } = stored;
  rememberMessage(deps.db, message);
  rememberAddress(deps.db, conversation.id, { channel: conversation.channel, externalId: conversation.externalId });
  await captureCustomerDetails(deps, { customerId: conversation.customerId, conversationId: conversation.id, messageId: message.id, text, annotation });
  deps.events.emit("message.created", { messageId: message.id, conversationId: conversation.id, senderType: "customer", senderId: null, handedOff: conversation.status === "handoff" });
  deps.events.emit("conversation.updated", { conversationId: conversation.id });
  // This node took the turn lease with the commit: it answers at once, after the acknowledgement. Otherwise the lease's
  // holder sees owed_seq rise and answers this message after the ones before it.
  if (conversation.turnLeaseOwner === claim.leaseToken) {
    deps.answers.committed({ token: claim.leaseToken, conversation, message: stored.earlierOwed ? undefined : message });
  }
  return { message, conversation, created: true };
}

/**
 * Stores a channel reply that is just a rating (see csat-rating.ts) as the answer to the conversation's pending survey
 * (asked within the reply window): the message is kept without reopening the conversation or owing a bot turn, and the
 * customer is thanked. Undefined when the reply is not a rating or no survey is pending.
 */
async function ratingReply(deps: ServiceDeps, inbound: InboundMessage, text: string): Promise<{ message: MessageRow; conversation: ConversationRow; created: boolean } | undefined> {
  const score = ratingOf(text);
  const settings = csatSettings(deps);
  if (score === undefined || !settings.enabled) return undefined;
  const conversation = await findConversationByExternalId(deps.db, inbound.channel, inbound.externalConversationId);
  if (!conversation || conversation.status !== "resolved") return undefined;
  const now = deps.now();
  if (!(await csatPendingSince(deps.db, conversation.id, new Date(now.getTime() - settings.replyWindowMs)))) return undefined;
  const metadata = { ...(inbound.raw === undefined ? {} : { raw: inbound.raw }), ...(inbound.channelData ? { [inbound.channel]: inbound.channelData } : {}), csat: { score } };
  const { row: message, created } = await insertMessageOnce(
    deps.db,
    { conversationId: conversation.id, clientMsgId: inbound.clientMsgId ?? null, senderType: "customer", text, metadata, createdAt: now },
    { lastMessageAt: now },
  );
  if (!created) return { message, conversation, created: false };
  await answerCsat(deps.db, conversation.id, { score, comment: null, via: "reply", at: now });
  rememberMessage(deps.db, message);
  deps.events.emit("message.created", { messageId: message.id, conversationId: conversation.id, senderType: "customer", senderId: null, handedOff: false });
  await addReply(deps, conversation.id, { senderType: "system", text: csatStrings.en.thanks, clientMsgId: `csat-thanks:${message.id}` });
  return { message, conversation, created: true };
}

/** The answer to a resent message: the stored one; when its answer is still owed (its node crashed, say), it is given now unless a node is on it. */
function repeated(deps: ServiceDeps, message: MessageRow, conversation: ConversationRow): { message: MessageRow; conversation: ConversationRow; created: false } {
  const owed = message.seq > conversation.answeredSeq && message.seq <= conversation.owedSeq;
  if (owed && !(conversation.turnLeaseUntil && conversation.turnLeaseUntil > deps.now())) deps.answers.kick(conversation.id);
  return { message, conversation, created: false };
}

/** Stores a reply from the bot, the system or an agent and announces it; `clientMsgId` makes retries idempotent. */
export async function addReply(
  deps: ServiceDeps,
  conversationId: string,
  reply: {
    senderType: "bot" | "agent" | "system";
    senderId?: string | null;
    senderName?: string | null;
    text: string;
    clientMsgId?: string;
    /** Another inbox of the customer's to deliver through (replyVia); the reply stays in this conversation. */
    via?: { inboxId: string; channel: string; conversationId: string };
  },
): Promise<MessageRow> {
  const text = assertMessageText(reply.text);
  const now = deps.now();
  // No read first: the foreign key says whether the conversation exists, and the same statement updates it.
  const { row: message, created, channel, status } = await insertMessageOnce(
    deps.db,
    {
      conversationId,
      clientMsgId: reply.clientMsgId ?? null,
      senderType: reply.senderType,
      senderId: reply.senderId ?? null,
      senderName: reply.senderName ?? null,
      text,
      ...(reply.via ? { metadata: { via: reply.via } } : {}),
      createdAt: now,
    },
    // A system notice (joined, queued, resolved) is activity, not a turn: the list keeps the last message people wrote
    // as its preview and for whose turn it is, as Chatwoot's list does.
    reply.senderType === "system"
      ? { lastMessageAt: now }
      : {
          lastMessage: { text: text.slice(0, 200), sender: { type: reply.senderType, ...(reply.senderName ? { name: reply.senderName } : {}) }, createdAt: now.toISOString() },
          lastMessageAt: now,
        },
  ).catch((error: unknown) => {
    throw isForeignKeyViolation(error, "conversation_id") ? new AppError("CONVERSATION_NOT_FOUND") : error;
  });
  if (!created) return message;
  // Pending before anyone hears of it: the console shows the reply with its delivery status from the start.
  const deliveredOn = reply.via?.channel ?? channel;
  if (deliveredOn && deliveredByJob(deliveredOn, reply.senderType)) message.delivery = await queueDelivery(deps, message.id);
  rememberMessage(deps.db, message);
  deps.events.emit("message.created", { messageId: message.id, conversationId, senderType: reply.senderType, senderId: reply.senderId ?? null, handedOff: status === "handoff" });
  deps.events.emit("conversation.updated", { conversationId });
  return message;
}

/** Reads the messages of a conversation after a message id (all when absent), in order, at most `limit`. */
export async function messagesAfter(deps: Pick<ServiceDeps, "db">, conversationId: string, afterId?: string, limit = 500): Promise<MessageRow[]> {
  return listMessagesAfter(deps.db, conversationId, afterId, limit);
}

/** Finds a conversation or fails with CONVERSATION_NOT_FOUND. */
export async function getConversation(deps: Pick<ServiceDeps, "db">, id: string): Promise<ConversationRow> {
  const row = await findConversation(deps.db, id);
  if (!row) throw new AppError("CONVERSATION_NOT_FOUND");
  rememberAddress(deps.db, id, { channel: row.channel, externalId: row.externalId });
  return row;
}

/** A conversation's channel and external id (where replies go), from memory when this process has seen it. */
export async function conversationAddress(deps: Pick<ServiceDeps, "db">, id: string): Promise<ConversationAddress> {
  const known = recentAddress(deps.db, id);
  if (known) return known;
  const { channel, externalId } = await getConversation(deps, id);
  return { channel, externalId };
}

/** Finds a conversation with its customer and latest ticket, or fails with CONVERSATION_NOT_FOUND. */
export async function getConversationView(deps: Pick<ServiceDeps, "db">, id: string): Promise<ConversationView> {
  const view = await findConversationView(deps.db, id);
  if (!view) throw new AppError("CONVERSATION_NOT_FOUND");
  return view;
}

/** Finds a message by id (from memory when this process stored it recently). */
export async function getMessage(deps: Pick<ServiceDeps, "db">, id: string): Promise<MessageRow | undefined> {
  return recentMessage(deps.db, id) ?? findMessage(deps.db, id);
}

/** Changes who owns the conversation (bot, the human queue, resolved) and announces it. */
export async function setConversationStatus(deps: ServiceDeps, id: string, status: ConversationRow["status"]): Promise<ConversationRow> {
  const row = await updateConversation(deps.db, id, { status });
  if (!row) throw new AppError("CONVERSATION_NOT_FOUND");
  deps.events.emit("conversation.updated", { conversationId: id });
  return row;
}

/** Saves what the bot remembers between turns. */
export async function saveBotState(deps: Pick<ServiceDeps, "db">, id: string, botState: ConversationRow["botState"]): Promise<void> {
  await updateConversation(deps.db, id, { botState });
}

/** Finds the conversation a channel knows by an external id, if any. */
export async function conversationByExternalId(deps: Pick<ServiceDeps, "db">, channel: string, externalId: string): Promise<ConversationRow | undefined> {
  return findConversationByExternalId(deps.db, channel, externalId);
}
