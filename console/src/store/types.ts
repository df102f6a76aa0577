/** Shapes of the console's client state. */
import type { ConversationChannel } from "../../../src/contracts/channels.ts";
import type { ConversationDTO, MessageDTO, TicketDTO, TicketStatus, TopicsReportDTO, UserDTO } from "../../../src/contracts/api.ts";

/** Conversation list filter: "open" is bot + waiting for human and "all" includes resolved, as the API defines them. */
export type ConversationFilter = "open" | "handoff" | "bot" | "resolved" | "all" | "snoozed";

/** Ticket list filter: a status and whose tickets. */
export type TicketFilter = { status: TicketStatus; assignee: "any" | "me" | "unassigned" };

/** Delivery state of a message in the conversation view: agent replies start as "sending". */
export type Delivery = "sent" | "sending" | "failed";

/** A message as the conversation view holds it: the server's DTO plus its local delivery state. */
export type ConsoleMessage = MessageDTO & { delivery: Delivery };

/** A paginated list being shown: its items, the cursor of the next page and whether a request is running. */
export type ListState<T> = { items: T[]; nextCursor: string | null; loading: boolean; loaded: boolean };

/** Whether the user is known to be signed in. */
export type AuthState = "checking" | "anonymous" | "authenticated";

/** State of the live connection to the /console socket namespace. */
export type ConnectionState = "connecting" | "connected" | "reconnecting";

/** Which list the inbox pane shows. */
export type InboxView = "conversations" | "tickets";

/**
 * Which page the console shows: the inbox workspace, the reports (managers and admins only), the user's sessions and
 * password, the customers list, one customer's profile, the companies, or the API keys (admins).
 */
export type ConsolePage = "inbox" | "reports" | "insights" | "security" | "customers" | "customer" | "companies" | "apikeys" | "settings" | "inboxes" | SalesPage;

/** The Sales area's pages: the pipeline board, a deal, the orders, an order, the catalogue, the dashboard, the plans. */
export type SalesPage = "pipeline" | "deal" | "orders" | "order" | "products" | "salesDashboard" | "plans" | "stages" | "campaigns";

/** Periods the reports offer: this many calendar days, today included. */
export type ReportPeriod = 7 | 30 | 90;

/** The topics report on screen: its period and channel (null: every channel), the last report received (kept while the next loads) and a failure's message. */
export type ReportState = { period: ReportPeriod; channel: string | null; report: TopicsReportDTO | null; loading: boolean; error: string | null };

/** The whole client state of the console. */
export type ConsoleState = {
  auth: AuthState;
  user: UserDTO | null;
  connection: ConnectionState;
  page: ConsolePage;
  /** The customer whose profile is open (page "customer"). */
  customerId: string | null;
  /** The deal or order whose page is open (pages "deal" and "order"). */
  salesId: string | null;
  /** Counts the socket's "deal:updated" events, so views showing deals load them again. */
  dealsVersion: number;
  /** The customers list's query as the address bar shows it ("?q=ada&tag=vip"). */
  customersSearch: string;
  /** The reports area's query as the address bar shows it ("?tab=sentiment&period=30&groupBy=agent&bucket=…"). */
  reportsSearch: string;
  /** Counts page openings, so a page opened again (a link, Back) starts afresh. */
  visit: number;
  /** A short confirmation shown for a few seconds ("Customer erased."). */
  toast: string | null;
  report: ReportState;
  view: InboxView;
  conversationFilter: ConversationFilter;
  /** The channel the conversation list shows (null: every channel). */
  conversationChannel: ConversationChannel | null;
  /** The label the conversation list is narrowed to (its id), or null. */
  conversationLabel: string | null;
  conversations: ListState<ConversationDTO>;
  ticketFilter: TicketFilter;
  tickets: ListState<TicketDTO>;
  selectedId: string | null;
  selected: ConversationDTO | null;
  ticket: TicketDTO | null;
  messages: ListState<ConsoleMessage>;
  typing: Record<string, boolean>;
  unread: Record<string, number>;
  /** Conversations assigned to the user (by a colleague or routing) not opened since: the Tickets tab's unread badge. */
  unreadAssigned: string[];
  /** A reply the server refused because a colleague replied first (REPLY_CONFLICT): asks "send anyway?". */
  replyConflict: ReplyConflict | null;
  error: string | null;
};

/** A reply held back by REPLY_CONFLICT: its text and id (kept as a failed message) and the colleague who replied. */
export type ReplyConflict = { conversationId: string; clientMsgId: string; text: string; by: string };
