/** DTOs of the REST API (/api/v1) and the /console socket namespace, shared by server and console. */
import type { Annotation } from "./nlp.ts";
import type { Sender } from "./messages.ts";
import type { VisitorContextDTO } from "./widget-look.ts";
import type { TicketSlaDTO } from "./sla.ts";
import { can, ROLES } from "./permissions.ts";

/** A user of the console. */
export type UserDTO = {
  id: string;
  email: string;
  name: string;
  role: "agent" | "manager" | "admin";
  status: "online" | "away" | "offline";
};

/** An agent in the assignment picker (GET /api/v1/agents): presence and current load. */
export type AgentDTO = {
  id: string;
  name: string;
  role: "agent" | "manager" | "admin";
  status: "online" | "away" | "offline";
  /** The most open conversations they take at once (null: no limit). */
  capacity: number | null;
  /** Unresolved tickets assigned to them now (with `withLoad=1`; otherwise null). */
  openConversations: number | null;
};

/** A team in the assignment picker (GET /api/v1/agents/teams). */
export type AssignableTeamDTO = { id: string; name: string; memberIds: string[]; openConversations: number };

/** The console event `conversation:viewers`: the agents showing a conversation now, and whether each is typing a reply. */
export type ConversationViewersEvent = { conversationId: string; viewers: { userId: string; name: string; typing: boolean }[] };

/** Who owns a conversation right now: the bot, the human queue, or it is closed. */
export type ConversationStatus = "bot" | "handoff" | "resolved";

/** A customer as shown beside a conversation. */
export type CustomerDTO = {
  id: string;
  name: string | null;
  email: string | null;
  phone: string | null;
  /** Contact details the customer wrote in a message (NLP entities) that the profile lacks; an agent may accept them. */
  suggestions: { email?: string; phone?: string };
  createdAt: string;
};

/** Per-conversation sentiment trend, updated with each customer message. */
export type SentimentTrend = { start: number; end: number; min: number; count: number } | null;

/** A conversation in lists and the conversation view. */
export type ConversationDTO = {
  id: string;
  inboxId: string;
  channel: string;
  status: ConversationStatus;
  customer: CustomerDTO;
  subject: string | null;
  lastMessage: { text: string; sender: Sender; createdAt: string } | null;
  sentiment: SentimentTrend;
  ticketId: string | null;
  /** The conversation's labels, by name. */
  labels: { id: string; name: string; color: string }[];
  /** Who the conversation's unresolved ticket is assigned to (null: the bot, the queue, or resolved). */
  assignee: { id: string; name: string } | null;
  /** A web visitor's page, browser and time zone (null for other channels, or before the widget reports them). */
  visitor: VisitorContextDTO | null;
  /** Until when the conversation's unresolved ticket is snoozed (null: not snoozed). */
  snoozedUntil?: string | null;
  createdAt: string;
  updatedAt: string;
};

/**
 * A channel an agent can answer a conversation's customer on (`GET /api/v1/conversations/:id/reply-channels`): the
 * conversation's own inbox (`current`), then each other inbox where the customer wrote and replies are sent by a channel.
 */
export type ReplyChannelDTO = { inboxId: string; inboxName: string; channel: string; current: boolean };

/** A message in the console, with its NLP annotation (customer messages only; null otherwise). */
export type MessageDTO = {
  id: string;
  conversationId: string;
  /** The channel the message came or went on: its conversation's, unless an agent replied through another inbox. */
  channel: string;
  /** The inbox an agent's reply was sent through, when not the conversation's own. */
  viaInboxId?: string;
  clientMsgId: string | null;
  sender: Sender & { id?: string };
  text: string;
  annotation: Annotation | null;
  /** Where a reply to a chat channel (Telegram …) stands; null for customer messages and the widget. */
  channelDelivery: MessageDelivery | null;
  /** Files the customer sent with it (absent when none); those with an `id` download from GET /api/v1/conversations/:id/attachments/:attachmentId. */
  attachments?: MessageAttachment[];
  /** The email's Subject, on a customer's email. */
  subject?: string;
  createdAt: string;
};

/** A file a customer sent: kept by us (`id` set: downloadable) or by the provider (a Telegram photo). */
export type MessageAttachment = { id?: string; kind: "photo" | "file"; name?: string; contentType?: string; size?: number };

/** A reply's delivery to its channel: pending (queued or between retries), sent, delivered, read, or failed with the reason. */
export type MessageDelivery = {
  status: "pending" | "sent" | "delivered" | "read" | "failed";
  attempts: number;
  error?: string;
  at: string;
};

/** Ticket lifecycle. */
export type TicketStatus = "open" | "pending" | "resolved";
/** Ticket urgency. */
export type TicketPriority = "low" | "normal" | "high" | "urgent";

/** A ticket in lists and the conversation view. */
export type TicketDTO = {
  id: string;
  number: number;
  conversationId: string;
  customerId: string;
  subject: string;
  status: TicketStatus;
  priority: TicketPriority;
  reason: string;
  assignee: { id: string; name: string } | null;
  /** The team the ticket is assigned to (its queue while no agent has it). */
  team: { id: string; name: string } | null;
  /** While in the future, the ticket and its conversation are left out of the active lists. */
  snoozedUntil: string | null;
  createdAt: string;
  updatedAt: string;
  resolvedAt: string | null;
  /** The most pressing running SLA target (earliest due), null when none runs. */
  sla: TicketSlaDTO | null;
};

/** One change in a ticket's history (GET /api/v1/tickets/:id `events`, oldest first). */
export type TicketEventDTO = {
  id: number;
  /** created, assigned, unassigned, status_changed, priority_changed. */
  type: string;
  actorType: "system" | "bot" | "agent" | "customer" | "api_key";
  /** The user (agent) or API key (api_key) that made the change. */
  actorId: string | null;
  /** That user's or key's name, for the history ("Alex Kim", "Shop backend"). */
  actorName: string | null;
  data: Record<string, unknown>;
  createdAt: string;
};

/** A ticket with its history (GET /api/v1/tickets/:id). */
export type TicketWithEventsDTO = TicketDTO & { events: TicketEventDTO[] };

/** A page of a list endpoint: `nextCursor` is passed back as `?cursor=` for the next page, null on the last. */
export type Page<T> = { data: T[]; nextCursor: string | null };

/** REST error body. */
export type ApiError = { error: { code: string; message: string; fields?: Record<string, string> } };

/** Roles that may read reports (from the permission matrix; the console shows Reports to them only). */
export const REPORT_ROLES: readonly UserDTO["role"][] = ROLES.filter((role) => can(role, "report.read"));

/** One topic of the "top topics" report: a key phrase customers wrote, with how often and in what mood. */
export type TopicDTO = {
  /** The key phrase, lower-cased ("late delivery", "refund"). */
  phrase: string;
  /** Customer messages that contain it. */
  messages: number;
  /** Conversations those messages belong to. */
  conversations: number;
  /** Mean sentiment score of those messages (negative below zero). */
  averageSentiment: number;
  /** Share (0..1) of those messages labelled negative. */
  negativeShare: number;
  /** The intent most of those messages had ("unknown" when the bot did not understand). */
  topIntent: string;
  /** Customer messages with the phrase in the previous period of the same length (just before `from`). */
  previousMessages: number;
  /** Against the previous period: "new" (none then), "rising" or "falling" (by a quarter or more, and at least 2 messages), else "steady". */
  trend: "new" | "rising" | "falling" | "steady";
  /** The topic it is seen with: the most frequent listed topic whose words it contains ("refund policy" → "refund"), else itself. */
  group: string;
};

/** Customer messages without a key phrase, counted under their intent (the top topics report's `withoutTopic`). */
export type UntopicalDTO = { intent: string; messages: number; averageSentiment: number; negativeShare: number };

/** The "top topics" report over a period: the key phrases of customer messages, most frequent first. */
export type TopicsReportDTO = {
  from: string;
  to: string;
  channel: string | null;
  /** Customer messages in the period (and channel), with or without a topic. */
  messages: number;
  topics: TopicDTO[];
  /** The previous period the trends compare with: [previousFrom, from). */
  previousFrom: string;
  /** Messages with no key phrase, by intent, most frequent first (at most 10), so they do not vanish from the report. */
  withoutTopic: UntopicalDTO[];
};

/** One of the user's console sessions, as listed by GET /api/v1/auth/sessions. */
export type SessionDTO = {
  id: string;
  createdAt: string;
  /** When the session last made a request (refreshed at most once a minute). */
  lastUsedAt: string;
  expiresAt: string;
  userAgent: string | null;
  ip: string | null;
  /** True for the session that made this request. */
  current: boolean;
};

/** Every reason a console session ends. */
export const SESSION_END_REASONS = ["logout", "logout_everywhere", "revoked", "password_changed", "expired", "deactivated"] as const;

/** Why a console session ended (the `session:ended` console socket event, just before the server disconnects it). */
export type SessionEndReason = (typeof SESSION_END_REASONS)[number];

/** The shortest password POST /api/v1/auth/password accepts. */
export const MIN_PASSWORD_LENGTH = 12;
