/** Pure merge rules for the messages of the open conversation, including optimistic agent replies. */
import type { MessageDelivery, MessageDTO } from "../../../src/contracts/api.ts";
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
  const shown = new Map(items.map((m) => [m.id, m]));
  const arrived = dedupe(incoming).map((m) => {
    // Two copies race on a retry (the HTTP answer says pending, the socket already says sent): the later delivery wins.
    const current = shown.get(m.id)?.channelDelivery ?? null;
    return current && laterDelivery(current, m.channelDelivery) ? { ...m, channelDelivery: current } : m;
  });
  const sent = [...kept.filter((m) => m.delivery === "sent"), ...arrived.map(delivered)];
  sent.sort((a, b) => time(a.createdAt) - time(b.createdAt) || a.id.localeCompare(b.id));
  const pending = kept.filter((m) => m.delivery !== "sent");
  return [...sent, ...pending];
}

/** Whether delivery `a` is newer than `b`: by its time, then pending before an outcome at the same instant. */
function laterDelivery(a: MessageDelivery, b: MessageDelivery | null): boolean {
  if (!b) return false;
  const dt = time(a.at) - time(b.at);
  return dt > 0 || (dt === 0 && a.status !== "pending" && b.status === "pending");
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
