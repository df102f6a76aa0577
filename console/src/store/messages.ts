/** Pure merge rules for the messages of the open conversation, including optimistic agent replies. */
import type { MessageDTO } from "../../../src/contracts/api.ts";
import type { ConsoleMessage } from "./types.ts";

function time(iso: string): number {
  const t = Date.parse(iso);
  return Number.isNaN(t) ? 0 : t;
}

/** Wraps a server message as a delivered console message. */
export function delivered(message: MessageDTO): ConsoleMessage {
  return { ...message, delivery: "sent" };
}

/**
 * Merges server messages into the view: deduplicates by id, lets a server copy replace the local
 * pending reply with the same clientMsgId, orders delivered messages by time, and keeps replies
 * still sending or failed at the end in the order they were written.
 */
export function mergeMessages(items: ConsoleMessage[], incoming: MessageDTO[]): ConsoleMessage[] {
  const confirmedClientIds = new Set(incoming.map((m) => m.clientMsgId).filter((id): id is string => id !== null));
  const incomingIds = new Set(incoming.map((m) => m.id));
  const kept = items.filter(
    (m) => !incomingIds.has(m.id) && !(m.delivery !== "sent" && m.clientMsgId !== null && confirmedClientIds.has(m.clientMsgId)),
  );
  const sent = [...kept.filter((m) => m.delivery === "sent"), ...dedupe(incoming).map(delivered)];
  sent.sort((a, b) => time(a.createdAt) - time(b.createdAt) || a.id.localeCompare(b.id));
  const pending = kept.filter((m) => m.delivery !== "sent");
  return [...sent, ...pending];
}

function dedupe(messages: MessageDTO[]): MessageDTO[] {
  const byId = new Map<string, MessageDTO>();
  for (const m of messages) byId.set(m.id, m);
  return [...byId.values()];
}

/** Adds a local reply that is being sent (its id is its clientMsgId until the server answers). */
export function addPending(items: ConsoleMessage[], pending: ConsoleMessage): ConsoleMessage[] {
  const rest = items.filter((m) => m.clientMsgId !== pending.clientMsgId || m.delivery === "sent");
  return [...rest, { ...pending, delivery: "sending" }];
}

/** Marks the local reply with this clientMsgId as failed, unless the server already delivered it. */
export function markFailed(items: ConsoleMessage[], clientMsgId: string): ConsoleMessage[] {
  return items.map((m) => (m.clientMsgId === clientMsgId && m.delivery === "sending" ? { ...m, delivery: "failed" } : m));
}

/** Removes a local reply that will not be retried. */
export function removePending(items: ConsoleMessage[], clientMsgId: string): ConsoleMessage[] {
  return items.filter((m) => m.clientMsgId !== clientMsgId || m.delivery === "sent");
}
