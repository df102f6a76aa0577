/** The console's state transitions: one pure reducer over the actions the controller dispatches. */
import type { ConversationChannel } from "../../../src/contracts/channels.ts";
import type { ConversationDTO, MessageDTO, Page, TicketDTO, UserDTO } from "../../../src/contracts/api.ts";
import { emptyList, mergeConversations, mergeTickets, newer } from "./lists.ts";
import { addPending, markFailed, mergeMessages, removePending } from "./messages.ts";
import { initialReport, reportReducer, type ReportAction } from "./reports.ts";
import type { ConnectionState, ConsoleMessage, ConsolePage, ConsoleState, ConversationFilter, InboxView, ReplyConflict, TicketFilter } from "./types.ts";

/** Everything that can happen to the console's state. */
export type ConsoleAction =
  | { type: "auth/signedIn"; user: UserDTO }
  | { type: "auth/signedOut"; reason?: string }
  | { type: "user/updated"; user: UserDTO }
  | { type: "connection"; state: ConnectionState }
  | { type: "page"; page: ConsolePage; customerId?: string | null; salesId?: string | null; search?: string }
  | { type: "deals/changed" }
  | { type: "customers/search"; search: string }
  | { type: "reports/search"; search: string }
  | { type: "toast"; message: string | null }
  | ReportAction
  | { type: "view"; view: InboxView }
  | { type: "conversations/filter"; filter: ConversationFilter }
  | { type: "conversations/channel"; channel: ConversationChannel | null }
  | { type: "conversations/loading" }
  | { type: "conversations/label"; labelId: string | null }
  | { type: "conversations/loaded"; filter: ConversationFilter; channel: ConversationChannel | null; label?: string | null; page: Page<ConversationDTO>; append: boolean }
  | { type: "conversations/failed" }
  | { type: "conversation/upserted"; conversation: ConversationDTO }
  | { type: "conversation/selected"; id: string | null }
  | { type: "messages/loading" }
  | { type: "messages/loaded"; conversationId: string; page: Page<MessageDTO>; older: boolean }
  | { type: "messages/failed" }
  | { type: "message/received"; message: MessageDTO }
  | { type: "message/updated"; message: MessageDTO }
  | { type: "message/sending"; message: ConsoleMessage }
  | { type: "message/sent"; clientMsgId: string; message: MessageDTO }
  | { type: "message/failed"; clientMsgId: string }
  | { type: "message/discarded"; clientMsgId: string }
  | { type: "tickets/filter"; filter: TicketFilter }
  | { type: "tickets/loading" }
  | { type: "tickets/loaded"; filter: TicketFilter; page: Page<TicketDTO>; append: boolean }
  | { type: "tickets/failed" }
  | { type: "ticket/upserted"; ticket: TicketDTO }
  | { type: "ticket/cleared" }
  | { type: "typing"; conversationId: string; typing: boolean }
  | { type: "assigned/unread"; conversationId: string }
  | { type: "reply/conflict"; conflict: ReplyConflict | null }
  | { type: "error"; message: string | null };

/** The state before anything is known: checking the session, nothing loaded. */
export function initialState(): ConsoleState {
  return {
    auth: "checking",
    user: null,
    connection: "connecting",
    page: "inbox",
    customerId: null,
    salesId: null,
    dealsVersion: 0,
    customersSearch: "",
    reportsSearch: "",
    visit: 0,
    toast: null,
    report: initialReport(),
    view: "conversations",
    conversationFilter: "open",
    conversationChannel: null,
    conversationLabel: null,
    conversations: emptyList(),
    ticketFilter: { status: "open", assignee: "any" },
    tickets: emptyList(),
    selectedId: null,
    selected: null,
    ticket: null,
    messages: emptyList(),
    typing: {},
    unread: {},
    unreadAssigned: [],
    replyConflict: null,
    error: null,
  };
}

function sameFilter(a: TicketFilter, b: TicketFilter): boolean {
  return a.status === b.status && a.assignee === b.assignee;
}

/** Applies one action to the state and returns the next state (never mutates). */
export function consoleReducer(state: ConsoleState, action: ConsoleAction): ConsoleState {
  switch (action.type) {
    case "auth/signedIn":
      return { ...state, auth: "authenticated", user: action.user, error: null };
    case "auth/signedOut":
      return { ...initialState(), auth: "anonymous", error: action.reason ?? null };
    case "user/updated":
      return state.user && state.user.id === action.user.id ? { ...state, user: action.user } : state;
    case "connection":
      return { ...state, connection: action.state };
    case "page":
      return {
        ...state,
        page: action.page,
        visit: state.visit + 1,
        customerId: action.page === "customer" ? (action.customerId ?? null) : null,
        salesId: action.page === "deal" || action.page === "order" ? (action.salesId ?? null) : null,
        customersSearch: action.page === "customers" && action.search !== undefined ? action.search : state.customersSearch,
        reportsSearch: action.page === "reports" && action.search !== undefined ? action.search : state.reportsSearch,
      };
    case "deals/changed":
      return { ...state, dealsVersion: state.dealsVersion + 1 };
    case "customers/search":
      return { ...state, customersSearch: action.search };
    case "reports/search":
      return { ...state, reportsSearch: action.search };
    case "toast":
      return { ...state, toast: action.message };
    case "report/loading":
    case "report/loaded":
    case "report/failed":
      return { ...state, report: reportReducer(state.report, action) };
    case "view":
      return { ...state, view: action.view };
    case "conversations/filter":
      return { ...state, conversationFilter: action.filter, conversations: { ...emptyList(), loading: true } };
    case "conversations/channel":
      return { ...state, conversationChannel: action.channel, conversations: { ...emptyList(), loading: true } };
    case "conversations/loading":
      return { ...state, conversations: { ...state.conversations, loading: true } };
    case "conversations/label":
      return { ...state, conversationLabel: action.labelId, conversations: { ...emptyList(), loading: true } };
    case "conversations/loaded": {
      if (action.filter !== state.conversationFilter || action.channel !== state.conversationChannel || (action.label ?? null) !== state.conversationLabel) return state;
      const base = action.append ? state.conversations.items : [];
      // A live update that arrived while the page was on its way is newer than the page's copy: keep it.
      const held = new Map(state.conversations.items.map((c) => [c.id, c]));
      const page = action.page.data.map((c) => newer(held.get(c.id), c));
      const items = withLabel(mergeConversations(base, page, state.conversationFilter, state.conversationChannel), state.conversationLabel);
      return { ...state, conversations: { items, nextCursor: action.page.nextCursor, loading: false, loaded: true } };
    }
    case "conversations/failed":
      return { ...state, conversations: { ...state.conversations, loading: false, loaded: true } };
    case "conversation/upserted":
      return upsertConversation(state, action.conversation);
    case "conversation/selected": {
      if (action.id === state.selectedId) return state;
      const selected = state.conversations.items.find((c) => c.id === action.id) ?? null;
      const unread = { ...state.unread };
      if (action.id) delete unread[action.id];
      const unreadAssigned = state.unreadAssigned.filter((id) => id !== action.id);
      return { ...state, selectedId: action.id, selected, ticket: null, messages: emptyList(), unread, unreadAssigned, replyConflict: null };
    }
    case "messages/loading":
      return { ...state, messages: { ...state.messages, loading: true } };
    case "messages/loaded": {
      if (action.conversationId !== state.selectedId) return state;
      const items = mergeMessages(state.messages.items, action.page.data);
      const nextCursor = action.older || !state.messages.loaded ? action.page.nextCursor : state.messages.nextCursor;
      return { ...state, messages: { items, nextCursor, loading: false, loaded: true } };
    }
    case "messages/failed":
      return { ...state, messages: { ...state.messages, loading: false, loaded: true } };
    case "message/received":
      return receiveMessage(state, action.message);
    case "message/updated": {
      // Only a message on screen changes; one not loaded yet arrives with its page.
      if (!state.messages.items.some((m) => m.id === action.message.id)) return state;
      return { ...state, messages: { ...state.messages, items: mergeMessages(state.messages.items, [action.message]) } };
    }
    case "message/sending":
      if (action.message.conversationId !== state.selectedId) return state;
      return { ...state, messages: { ...state.messages, items: addPending(state.messages.items, action.message) } };
    case "message/sent": {
      if (action.message.conversationId !== state.selectedId) return state;
      const items = mergeMessages(removePending(state.messages.items, action.clientMsgId), [action.message]);
      return { ...state, messages: { ...state.messages, items } };
    }
    case "message/failed":
      return { ...state, messages: { ...state.messages, items: markFailed(state.messages.items, action.clientMsgId) } };
    case "message/discarded":
      return { ...state, messages: { ...state.messages, items: removePending(state.messages.items, action.clientMsgId) } };
    case "tickets/filter":
      return { ...state, ticketFilter: action.filter, tickets: { ...emptyList(), loading: true } };
    case "tickets/loading":
      return { ...state, tickets: { ...state.tickets, loading: true } };
    case "tickets/loaded": {
      if (!sameFilter(action.filter, state.ticketFilter)) return state;
      const base = action.append ? state.tickets.items : [];
      const items = mergeTickets(base, action.page.data, state.ticketFilter, state.user?.id ?? null);
      return { ...state, tickets: { items, nextCursor: action.page.nextCursor, loading: false, loaded: true } };
    }
    case "tickets/failed":
      return { ...state, tickets: { ...state.tickets, loading: false, loaded: true } };
    case "ticket/upserted":
      return upsertTicket(state, action.ticket);
    case "ticket/cleared":
      return { ...state, ticket: null };
    case "typing":
      return { ...state, typing: { ...state.typing, [action.conversationId]: action.typing } };
    case "assigned/unread":
      if (action.conversationId === state.selectedId || state.unreadAssigned.includes(action.conversationId)) return state;
      return { ...state, unreadAssigned: [...state.unreadAssigned, action.conversationId] };
    case "reply/conflict":
      return { ...state, replyConflict: action.conflict };
    case "error":
      return { ...state, error: action.message };
  }
}

/** The conversations that carry the label the list is narrowed to (all when none is chosen). */
function withLabel(items: ConversationDTO[], labelId: string | null): ConversationDTO[] {
  return labelId === null ? items : items.filter((c) => (c.labels ?? []).some((l) => l.id === labelId));
}

function upsertConversation(state: ConsoleState, conversation: ConversationDTO): ConsoleState {
  const items = withLabel(mergeConversations(state.conversations.items, [conversation], state.conversationFilter, state.conversationChannel), state.conversationLabel);
  const selected =
    state.selectedId === conversation.id ? newer(state.selected ?? undefined, conversation) : state.selected;
  return { ...state, conversations: { ...state.conversations, items }, selected };
}

function receiveMessage(state: ConsoleState, message: MessageDTO): ConsoleState {
  const typing = message.sender.type === "customer" ? { ...state.typing, [message.conversationId]: false } : state.typing;
  if (message.conversationId === state.selectedId) {
    const items = mergeMessages(state.messages.items, [message]);
    return { ...state, typing, messages: { ...state.messages, items } };
  }
  if (message.sender.type !== "customer") return { ...state, typing };
  const unread = { ...state.unread, [message.conversationId]: (state.unread[message.conversationId] ?? 0) + 1 };
  return { ...state, typing, unread };
}

function upsertTicket(state: ConsoleState, ticket: TicketDTO): ConsoleState {
  const items = mergeTickets(state.tickets.items, [ticket], state.ticketFilter, state.user?.id ?? null);
  const isCurrent = state.ticket?.id === ticket.id || (state.selectedId !== null && ticket.conversationId === state.selectedId);
  const current = isCurrent ? newer(state.ticket ?? undefined, ticket) : state.ticket;
  return { ...state, tickets: { ...state.tickets, items }, ticket: current };
}
