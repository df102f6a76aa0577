/** Pure merge, sort and filter rules for the live conversation and ticket lists. */
import type { ConversationDTO, TicketDTO } from "../../../src/contracts/api.ts";
import type { ConversationFilter, ListState, TicketFilter } from "./types.ts";

/** An empty list that has not been fetched yet. */
export function emptyList<T>(): ListState<T> {
  return { items: [], nextCursor: null, loading: false, loaded: false };
}

function time(iso: string | undefined | null): number {
  if (!iso) return 0;
  const t = Date.parse(iso);
  return Number.isNaN(t) ? 0 : t;
}

/** The time of a conversation's latest activity: its last message or its last change, whichever is later. */
export function activityTime(conversation: ConversationDTO): number {
  return Math.max(time(conversation.updatedAt), time(conversation.lastMessage?.createdAt));
}

/** Orders conversations newest activity first; ties keep a stable order by id. */
export function sortConversations(items: ConversationDTO[]): ConversationDTO[] {
  return [...items].sort((a, b) => activityTime(b) - activityTime(a) || a.id.localeCompare(b.id));
}

/** Orders tickets most recently updated first; ties keep a stable order by number. */
export function sortTickets(items: TicketDTO[]): TicketDTO[] {
  return [...items].sort((a, b) => time(b.updatedAt) - time(a.updatedAt) || b.number - a.number);
}

/** Whether a conversation belongs in the list for a filter. */
export function conversationMatches(conversation: ConversationDTO, filter: ConversationFilter): boolean {
  if (filter === "all") return true;
  // A snoozed conversation is out of the active lists until its time, and alone in "snoozed" (the server applies the same rule).
  const snoozed = time(conversation.snoozedUntil) > Date.now();
  if (filter === "snoozed") return snoozed && conversation.status !== "resolved";
  if ((filter === "open" || filter === "handoff") && snoozed) return false;
  if (filter === "open") return conversation.status === "bot" || conversation.status === "handoff";
  return conversation.status === filter;
}

/** Whether a ticket belongs in the list for a filter, given the signed-in user's id. */
export function ticketMatches(ticket: TicketDTO, filter: TicketFilter, userId: string | null): boolean {
  if (ticket.status !== filter.status) return false;
  if (time(ticket.snoozedUntil) > Date.now()) return false;
  if (filter.assignee === "me") return ticket.assignee !== null && ticket.assignee.id === userId;
  if (filter.assignee === "unassigned") return ticket.assignee === null;
  return true;
}

/** Keeps the newer of two versions of one record, so a late, stale event never overwrites fresh data. */
export function newer<T extends { updatedAt: string }>(current: T | undefined, incoming: T): T {
  if (!current) return incoming;
  return time(incoming.updatedAt) >= time(current.updatedAt) ? incoming : current;
}

/** Merges records into a list by id (newer version wins), drops those `keep` rejects, and sorts. */
function mergeById<T extends { id: string; updatedAt: string }>(
  items: T[],
  incoming: T[],
  keep: (item: T) => boolean,
  sort: (items: T[]) => T[],
): T[] {
  const byId = new Map<string, T>();
  for (const item of items) byId.set(item.id, item);
  for (const item of incoming) byId.set(item.id, newer(byId.get(item.id), item));
  return sort([...byId.values()].filter(keep));
}

/** Adds or updates conversations in a list, removing those that no longer match the filter. */
export function mergeConversations(
  items: ConversationDTO[],
  incoming: ConversationDTO[],
  filter: ConversationFilter,
  channel: string | null = null,
): ConversationDTO[] {
  return mergeById(items, incoming, (c) => conversationMatches(c, filter) && channelMatches(c.channel, channel), sortConversations);
}

/** Whether a conversation's channel is the one the list shows ("botframework" takes every Bot Framework channel); null shows all. */
export function channelMatches(conversationChannel: string, channel: string | null): boolean {
  if (channel === null) return true;
  return channel === "botframework" ? conversationChannel.startsWith("botframework:") : conversationChannel === channel;
}

/** Adds or updates tickets in a list, removing those that no longer match the filter. */
export function mergeTickets(
  items: TicketDTO[],
  incoming: TicketDTO[],
  filter: TicketFilter,
  userId: string | null,
): TicketDTO[] {
  return mergeById(items, incoming, (t) => ticketMatches(t, filter, userId), sortTickets);
}
