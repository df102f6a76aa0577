/**
 * Email threading ids. An email conversation's external id is `<inboxId>:<token>`, the token drawn from the first
 * mail's Message-ID (so a redelivered first mail finds the same conversation); our replies' Message-IDs carry it:
 * `<conv-<token>.<message id>@<domain of the inbox's address>>`.
 */
import { createHash } from "node:crypto";

/** Longest Message-ID kept as it is; a longer one (or one with control characters) is kept as its hash. */
const MAX_MESSAGE_ID = 250;
const TOKEN = /^conv-([0-9a-f]{24})\.[^@\s]+@/;

/** A Message-ID as stored: without angle brackets and spaces; a hash when it is too long or holds control characters. */
export function normalMessageId(raw: string): string {
  const bare = raw.trim().replace(/^<|>$/g, "").trim();
  // eslint-disable-next-line no-control-regex
  if (bare.length <= MAX_MESSAGE_ID && !/[\u0000-\u001f\u007f\s]/.test(bare)) return bare;
  return `sha256-${createHash("sha256").update(bare).digest("hex")}@switchboard.invalid`;
}

/** The Message-IDs a header names (In-Reply-To, References), in their order, normalised; at most the last 50. */
export function messageIdsOf(value: string | string[] | undefined): string[] {
  const listed = (Array.isArray(value) ? value : value ? [value] : []).flatMap((entry) => entry.match(/<[^<>]*>/g) ?? [entry]);
  return listed.slice(-50).map(normalMessageId).filter((id) => id !== "");
}

/** The conversation token for a new conversation started by a mail with this Message-ID. */
export function conversationToken(inboxId: string, messageId: string): string {
  return createHash("sha256").update(`${inboxId}\n${messageId}`).digest("hex").slice(0, 24);
}

/** An email conversation's external id. */
export function emailThreadId(inboxId: string, token: string): string {
  return `${inboxId}:${token}`;
}

/** The external id of the conversation our Message-ID names, or undefined for any other Message-ID. */
export function threadIdOfMessageId(inboxId: string, messageId: string): string | undefined {
  const token = TOKEN.exec(messageId)?.[1];
  return token ? emailThreadId(inboxId, token) : undefined;
}

/** The Message-ID of our reply (without brackets): the conversation's token, the reply's id, the inbox address's domain. */
export function replyMessageId(inboxId: string, threadId: string | null, replyId: string, address: string): string {
  const token = threadId?.startsWith(`${inboxId}:`) ? threadId.slice(inboxId.length + 1) : undefined;
  if (!token || !/^[0-9a-f]{24}$/.test(token)) throw new Error("the conversation is not a thread of this email inbox");
  return `conv-${token}.${replyId}@${address.slice(address.lastIndexOf("@") + 1)}`;
}
