/** Pure operations on the widget's message list: merging server messages, pending sends, acks and failures without gaps or duplicates. */
import type { Sender, WidgetMessage } from "../../src/contracts/messages.ts";

/** Delivery state of a message in the widget: confirmed by the server, waiting for its ack, or rejected. */
export type ItemStatus = "sent" | "pending" | "failed";

/** One message as the widget shows it. */
export type ChatItem = {
  key: string;
  id?: string;
  clientMsgId?: string;
  sender: Sender;
  text: string;
  createdAt: string;
  status: ItemStatus;
  error?: string;
  retryable?: boolean;
  seq: number;
};

/** A customer message written locally that the server has not acknowledged yet. */
export type PendingMessage = { clientMsgId: string; text: string; createdAt: string };

/** The committed message's identity as the "message:send" acknowledgement reports it. */
export type SendReceipt = { id: string; conversationId: string; createdAt: string };

const CUSTOMER: Sender = { type: "customer" };

function nextSeq(items: readonly ChatItem[]): number {
  let max = 0;
  for (const item of items) if (item.seq > max) max = item.seq;
  return max + 1;
}

function time(iso: string): number {
  const t = Date.parse(iso);
  return Number.isNaN(t) ? 0 : t;
}

/** Orders the list: confirmed messages by server time (then arrival); unconfirmed ones stay after what had arrived before them. */
export function orderItems(items: readonly ChatItem[]): ChatItem[] {
  const confirmed = items
    .filter((i) => i.status === "sent")
    .sort((a, b) => time(a.createdAt) - time(b.createdAt) || a.seq - b.seq);
  const unconfirmed = items.filter((i) => i.status !== "sent").sort((a, b) => a.seq - b.seq);
  if (unconfirmed.length === 0) return confirmed;
  const result: ChatItem[] = [];
  const anchors = unconfirmed.map((u) => {
    let anchor = -1;
    confirmed.forEach((c, index) => {
      if (c.seq < u.seq) anchor = index;
    });
    return anchor;
  });
  let u = 0;
  while (u < unconfirmed.length && anchors[u] === -1) result.push(unconfirmed[u++]);
  confirmed.forEach((c, index) => {
    result.push(c);
    while (u < unconfirmed.length && anchors[u] <= index) result.push(unconfirmed[u++]);
  });
  while (u < unconfirmed.length) result.push(unconfirmed[u++]);
  return result;
}

/** Merges messages from the server ("message:new" or a "history" page), deduplicating by id and by clientMsgId. */
export function mergeServerMessages(items: readonly ChatItem[], messages: readonly WidgetMessage[]): ChatItem[] {
  let list = items.slice();
  let seq = nextSeq(list);
  for (const msg of messages) {
    const index = list.findIndex(
      (i) => (i.id !== undefined && i.id === msg.id) || (msg.clientMsgId !== undefined && i.clientMsgId === msg.clientMsgId),
    );
    if (index === -1) {
      list.push({
        key: msg.clientMsgId ? `c:${msg.clientMsgId}` : `s:${msg.id}`,
        id: msg.id,
        clientMsgId: msg.clientMsgId,
        sender: msg.sender,
        text: msg.text,
        createdAt: msg.createdAt,
        status: "sent",
        seq: seq++,
      });
      continue;
    }
    const existing = list[index];
    list[index] = {
      ...existing,
      id: msg.id,
      clientMsgId: existing.clientMsgId ?? msg.clientMsgId,
      sender: msg.sender,
      text: msg.text,
      createdAt: msg.createdAt,
      status: "sent",
      error: undefined,
      retryable: undefined,
    };
    // A message known under both keys (by id and by clientMsgId) must collapse into one entry.
    list = list.filter((i, n) => n === index || !(i.id === msg.id || (msg.clientMsgId !== undefined && i.clientMsgId === msg.clientMsgId)));
  }
  return orderItems(list);
}

/** Adds locally written customer messages that wait for their acknowledgement (ignoring ones already listed). */
export function addPending(items: readonly ChatItem[], pending: readonly PendingMessage[]): ChatItem[] {
  const list = items.slice();
  let seq = nextSeq(list);
  for (const p of pending) {
    if (list.some((i) => i.clientMsgId === p.clientMsgId)) continue;
    list.push({
      key: `c:${p.clientMsgId}`,
      clientMsgId: p.clientMsgId,
      sender: CUSTOMER,
      text: p.text,
      createdAt: p.createdAt,
      status: "pending",
      seq: seq++,
    });
  }
  return orderItems(list);
}

/** Marks a pending message as committed with the id and time from its acknowledgement. */
export function confirmPending(items: readonly ChatItem[], clientMsgId: string, receipt: SendReceipt): ChatItem[] {
  const target = items.find((i) => i.clientMsgId === clientMsgId);
  if (!target) return items.slice();
  return mergeServerMessages(items, [
    { id: receipt.id, conversationId: receipt.conversationId, clientMsgId, sender: target.sender, text: target.text, createdAt: receipt.createdAt },
  ]);
}

/** Marks a pending message as rejected with a reason to show under it. */
export function failPending(items: readonly ChatItem[], clientMsgId: string, error: string, retryable = false): ChatItem[] {
  return orderItems(
    items.map((i) => (i.clientMsgId === clientMsgId && i.status === "pending" ? { ...i, status: "failed", error, retryable } : i)),
  );
}

/** Puts a failed message back into the pending state so it can be sent again. */
export function retryFailed(items: readonly ChatItem[], clientMsgId: string): ChatItem[] {
  return items.map((i) =>
    i.clientMsgId === clientMsgId && i.status === "failed" ? { ...i, status: "pending", error: undefined, retryable: undefined } : i,
  );
}

/** The id of the newest confirmed message, used as "history" {after} to fetch only what was missed. */
export function lastSeenId(items: readonly ChatItem[]): string | undefined {
  for (let n = items.length - 1; n >= 0; n--) {
    const item = items[n];
    if (item.status === "sent" && item.id) return item.id;
  }
  return undefined;
}

/** The customer messages still waiting for an acknowledgement, oldest first. */
export function pendingOf(items: readonly ChatItem[]): PendingMessage[] {
  return items
    .filter((i) => i.status === "pending" && i.clientMsgId !== undefined)
    .map((i) => ({ clientMsgId: i.clientMsgId as string, text: i.text, createdAt: i.createdAt }));
}
