/** The REST calls the console makes, one function per endpoint of /api/v1. */
import type {
  ConversationDTO,
  CustomerDTO,
  MessageDTO,
  Page,
  ReplyChannelDTO,
  SessionDTO,
  TicketDTO,
  TicketEventDTO,
  TicketWithEventsDTO,
  TicketPriority,
  TicketStatus,
  TopicsReportDTO,
  UserDTO,
} from "../../../src/contracts/api.ts";
import type { ConversationFilter, TicketFilter } from "../store/types.ts";
import { query, request } from "./http.ts";

type Data<T> = { data: T };

/** How many records one list page asks for. */
export const PAGE_SIZE = 50;

/** Signs in with email and password; the server sets the session cookie. */
export async function login(email: string, password: string): Promise<UserDTO> {
  return (await request<Data<UserDTO>>("POST", "/auth/login", { email, password })).data;
}

/** Sets the password of an invited user from their emailed link's token and signs them in (the session cookie). */
export async function acceptInvite(token: string, password: string): Promise<UserDTO> {
  return (await request<Data<UserDTO>>("POST", "/auth/invite", { token, password })).data;
}

/** Ends the session. */
export async function logout(): Promise<void> {
  await request<null>("POST", "/auth/logout");
}

/** The signed-in user, or an ApiRequestError with status 401 when there is no session. */
export async function me(): Promise<UserDTO> {
  return (await request<Data<UserDTO>>("GET", "/auth/me")).data;
}

/** The user's live sessions, most recently used first (the current one marked). */
export async function listSessions(): Promise<SessionDTO[]> {
  return (await request<Data<SessionDTO[]>>("GET", "/auth/sessions")).data;
}

/** Ends one of the user's sessions; its consoles are disconnected at once. */
export async function endSession(id: string): Promise<void> {
  await request<null>("DELETE", `/auth/sessions/${encodeURIComponent(id)}`);
}

/** Ends every session of the user, this one included. */
export async function logoutEverywhere(): Promise<void> {
  await request<null>("POST", "/auth/logout-everywhere");
}

/** Changes the password; the server ends every other session of the user. */
export async function changePassword(currentPassword: string, newPassword: string): Promise<void> {
  await request<null>("POST", "/auth/password", { currentPassword, newPassword });
}

/** Sets the signed-in agent's availability. */
export async function setPresence(status: "online" | "away"): Promise<UserDTO> {
  return (await request<Data<UserDTO>>("PATCH", "/agents/me", { status })).data;
}

/** One page of conversations for a filter (narrowed to a channel and a label when given), newest activity first. */
export async function listConversations(filter: ConversationFilter, cursor: string | null, narrow: { channel?: string | null; label?: string | null } = {}): Promise<Page<ConversationDTO>> {
  return request<Page<ConversationDTO>>("GET", `/conversations${query({ status: filter, channel: narrow.channel ?? null, label: narrow.label ?? null, limit: PAGE_SIZE, cursor })}`);
}

/** One conversation. */
export async function getConversation(id: string): Promise<ConversationDTO> {
  return (await request<Data<ConversationDTO>>("GET", `/conversations/${encodeURIComponent(id)}`)).data;
}

/** The latest messages of a conversation (oldest first), or the page before `cursor`. */
export async function listMessages(conversationId: string, cursor: string | null): Promise<Page<MessageDTO>> {
  const path = `/conversations/${encodeURIComponent(conversationId)}/messages${query({ limit: PAGE_SIZE, cursor })}`;
  return request<Page<MessageDTO>>("GET", path);
}

/**
 * Sends an agent reply; `clientMsgId` makes a retry idempotent; `inboxId` sends it on another inbox of the customer's.
 * With `lastSeenMessageId` (the newest message shown) the server refuses it with REPLY_CONFLICT when a colleague
 * replied since, unless `force`.
 */
export async function sendMessage(
  conversationId: string,
  text: string,
  clientMsgId: string,
  options: { inboxId?: string; lastSeenMessageId?: string; force?: boolean } = {},
): Promise<MessageDTO> {
  const path = `/conversations/${encodeURIComponent(conversationId)}/messages`;
  const { inboxId, ...collision } = options;
  return (await request<Data<MessageDTO>>("POST", path, { text, clientMsgId, ...(inboxId ? { inboxId } : {}), ...collision })).data;
}

/** The channels an agent can answer the conversation's customer on, the conversation's own first. */
export async function listReplyChannels(conversationId: string): Promise<ReplyChannelDTO[]> {
  return (await request<Data<ReplyChannelDTO[]>>("GET", `/conversations/${encodeURIComponent(conversationId)}/reply-channels`)).data;
}

/** Sends a reply whose delivery to its chat channel failed again (202 with the message, now pending). */
export async function retryChannelDelivery(conversationId: string, messageId: string): Promise<MessageDTO> {
  const path = `/conversations/${encodeURIComponent(conversationId)}/messages/${encodeURIComponent(messageId)}/retry`;
  return (await request<Data<MessageDTO>>("POST", path)).data;
}

/** One page of tickets for a filter. */
export async function listTickets(filter: TicketFilter, cursor: string | null): Promise<Page<TicketDTO>> {
  const assignee = filter.assignee === "any" ? undefined : filter.assignee;
  return request<Page<TicketDTO>>("GET", `/tickets${query({ status: filter.status, assignee, limit: PAGE_SIZE, cursor })}`);
}

/** One ticket. */
export async function getTicket(id: string): Promise<TicketDTO> {
  return (await request<Data<TicketDTO>>("GET", `/tickets/${encodeURIComponent(id)}`)).data;
}

/** Changes of a ticket the console can make. */
export type TicketPatch = { status?: TicketStatus; priority?: TicketPriority; assigneeId?: string | null; teamId?: string | null; snoozedUntil?: string | null };

/** Updates a ticket's status, priority or assignee. */
export async function updateTicket(id: string, patch: TicketPatch): Promise<TicketDTO> {
  return (await request<Data<TicketDTO>>("PATCH", `/tickets/${encodeURIComponent(id)}`, patch)).data;
}

/** Changes of a customer profile the console can make. */
export type CustomerPatch = { name?: string | null; email?: string | null; phone?: string | null };

/** Updates a customer's profile (e.g. accepts an email or phone the customer wrote). */
export async function updateCustomer(id: string, patch: CustomerPatch): Promise<CustomerDTO> {
  return (await request<Data<CustomerDTO>>("PATCH", `/customers/${encodeURIComponent(id)}`, patch)).data;
}

/** How many topics the reports page shows. */
export const REPORT_TOPICS = 20;

/** The "top topics" report over [from, to) (ISO times), of one channel or all, most frequent first; managers and admins only. */
export async function topicsReport(range: { from: string; to: string }, channel: string | null = null): Promise<TopicsReportDTO> {
  const path = `/reports/topics${query({ from: range.from, to: range.to, channel, limit: REPORT_TOPICS })}`;
  return (await request<Data<TopicsReportDTO>>("GET", path)).data;
}

/** A ticket's history, oldest first, each change naming the user or API key that made it. */
export async function getTicketHistory(id: string): Promise<TicketEventDTO[]> {
  return (await request<Data<TicketWithEventsDTO>>("GET", `/tickets/${encodeURIComponent(id)}`)).data.events;
}
