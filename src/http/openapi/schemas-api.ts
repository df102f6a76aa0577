/**
 * zod schemas of the REST responses declared in src/contracts/api.ts, for the OpenAPI document only (the server never
 * parses its own responses). Each `satisfies` its DTO type, so a DTO that gains or changes a field fails to compile
 * until its schema follows.
 */
import { z } from "zod";
import type {
  ConversationDTO,
  CustomerDTO,
  MessageDTO,
  ReplyChannelDTO,
  SessionDTO,
  TicketDTO,
  AgentDTO,
  AssignableTeamDTO,
  TicketEventDTO,
  TicketWithEventsDTO,
  TopicsReportDTO,
  UserDTO,
} from "../../contracts/api.ts";
import { SESSION_END_REASONS } from "../../contracts/api.ts";
import type { Annotation } from "../../contracts/nlp.ts";
import { ROLES } from "../../contracts/permissions.ts";

/** An ISO 8601 instant as every DTO writes it. */
export const instant = z.iso.datetime({ offset: true });

/** A free-form JSON object. */
export const jsonObject = z.record(z.string(), z.unknown());

/** A console user. */
export const userDTO = z.object({
  id: z.uuid(),
  email: z.string(),
  name: z.string(),
  role: z.enum(ROLES),
  status: z.enum(["online", "away", "offline"]),
}).meta({ id: "User" }) satisfies z.ZodType<UserDTO>;

/** One of the user's console sessions. */
export const sessionDTO = z.object({
  id: z.uuid(),
  createdAt: instant,
  lastUsedAt: instant,
  expiresAt: instant,
  userAgent: z.string().nullable(),
  ip: z.string().nullable(),
  current: z.boolean(),
}).meta({ id: "Session" }) satisfies z.ZodType<SessionDTO>;

/** Why a console session ended (listed for the console socket's `session:ended`). */
export const sessionEndReason = z.enum(SESSION_END_REASONS);

/** A customer as shown beside a conversation. */
export const customerDTO = z.object({
  id: z.uuid(),
  name: z.string().nullable(),
  email: z.string().nullable(),
  phone: z.string().nullable(),
  suggestions: z.object({ email: z.string().optional(), phone: z.string().optional() }),
  createdAt: instant,
}).meta({ id: "Customer" }) satisfies z.ZodType<CustomerDTO>;

const sender = z.object({ type: z.enum(["customer", "bot", "agent", "system"]), name: z.string().optional() });

const sentimentTrend = z.object({ start: z.number(), end: z.number(), min: z.number(), count: z.number().int() }).nullable();

/** A conversation in lists and the conversation view. */
export const conversationDTO = z.object({
  id: z.uuid(),
  inboxId: z.string(),
  channel: z.string(),
  status: z.enum(["bot", "handoff", "resolved"]),
  customer: customerDTO,
  subject: z.string().nullable(),
  lastMessage: z.object({ text: z.string(), sender, createdAt: instant }).nullable(),
  sentiment: sentimentTrend,
  ticketId: z.uuid().nullable(),
  labels: z.array(z.object({ id: z.uuid(), name: z.string(), color: z.string() })).meta({ description: "The conversation's labels, by name." }),
  assignee: z.object({ id: z.uuid(), name: z.string() }).nullable().meta({ description: "Who the unresolved ticket is assigned to; null for the bot, the queue, or resolved." }),
  visitor: z
    .object({
      pageUrl: z.string().nullable().meta({ description: "The page the visitor chats from (http or https, at most 2000 characters)." }),
      pageTitle: z.string().nullable(),
      browser: z.string().nullable().meta({ description: 'Browser and system read from the user agent, e.g. "Chrome 126 on Windows".' }),
      timeZone: z.string().nullable().meta({ description: 'IANA time zone of the visitor\'s browser, e.g. "Europe/Paris".' }),
      seenAt: instant,
    })
    .nullable()
    .meta({ description: "A web visitor's details as the widget last reported them; null for other channels." }),
  snoozedUntil: instant.nullable().optional().meta({ description: "Until when the unresolved ticket is snoozed; the open and handoff lists leave the conversation out until then." }),
  createdAt: instant,
  updatedAt: instant,
}).meta({ id: "Conversation" }) satisfies z.ZodType<ConversationDTO>;

const span = { text: z.string(), start: z.number().int(), end: z.number().int() };

/** The NLP annotation of a customer message. */
export const annotation = z.object({
  version: z.number().int(),
  language: z.literal("en"),
  tokens: z.array(z.object({ ...span, pos: z.string() })),
  entities: z.array(
    z.object({
      ...span,
      type: z.enum(["person", "organization", "place", "email", "phone", "url", "money", "date", "time", "number", "order_number", "invoice_number", "tracking_number", "product"]),
      value: z.union([z.string(), z.number(), z.object({ amount: z.number(), currency: z.string() })]).nullable(),
    }),
  ),
  sentiment: z.object({
    score: z.number(),
    comparative: z.number(),
    label: z.enum(["negative", "neutral", "positive"]),
    confidence: z.number(),
    drivers: z.array(z.object({ text: z.string(), weight: z.number() })),
  }),
  intent: z.object({ name: z.string(), confidence: z.number(), alternatives: z.array(z.object({ name: z.string(), confidence: z.number() })) }),
  keyPhrases: z.array(z.string()),
}).meta({ id: "Annotation" }) satisfies z.ZodType<Annotation>;

/** A channel an agent can answer a conversation's customer on. */
export const replyChannelDTO = z
  .object({
    inboxId: z.string(),
    inboxName: z.string(),
    channel: z.string().meta({ description: "The channel of the customer's latest conversation in that inbox (telegram, email, botframework:msteams …)." }),
    current: z.boolean().meta({ description: "True for the conversation's own inbox (the default)." }),
  })
  .meta({ id: "ReplyChannel" }) satisfies z.ZodType<ReplyChannelDTO>;

/** A message with its NLP annotation (customer messages only). */
export const messageDTO = z.object({
  id: z.uuid(),
  conversationId: z.uuid(),
  channel: z.string().meta({ description: "The channel the message came or went on: its conversation's, unless an agent replied through another inbox." }),
  viaInboxId: z.string().optional().meta({ description: "The inbox an agent's reply was sent through, when not the conversation's own." }),
  clientMsgId: z.string().nullable(),
  sender: sender.extend({ id: z.string().optional() }),
  text: z.string(),
  annotation: annotation.nullable(),
  channelDelivery: z
    .object({
      status: z.enum(["pending", "sent", "delivered", "read", "failed"]),
      attempts: z.number().int().min(0),
      error: z.string().optional().meta({ description: "The provider's or the network's reason for the last failed attempt." }),
      at: instant,
    })
    .nullable()
    .meta({ description: "Where a reply to a chat channel stands; null for customer messages and widget conversations." }),
  attachments: z
    .array(
      z.object({
        id: z.uuid().optional().meta({ description: "Set when the file is kept by Switchboard (email): GET /api/v1/conversations/{id}/attachments/{attachmentId} downloads it." }),
        kind: z.enum(["photo", "file"]),
        name: z.string().optional().meta({ description: "The sender's file name (never used as a path)." }),
        contentType: z.string().optional(),
        size: z.number().int().min(0).optional(),
      }),
    )
    .optional()
    .meta({ description: "Files the customer sent with the message; absent when none." }),
  subject: z.string().optional().meta({ description: "The Subject of a customer's email." }),
  createdAt: instant,
}).meta({ id: "Message" }) satisfies z.ZodType<MessageDTO>;

/** A ticket. */
export const ticketDTO = z.object({
  id: z.uuid(),
  number: z.number().int(),
  conversationId: z.uuid(),
  customerId: z.uuid(),
  subject: z.string(),
  status: z.enum(["open", "pending", "resolved"]),
  priority: z.enum(["low", "normal", "high", "urgent"]),
  reason: z.string(),
  assignee: z.object({ id: z.uuid(), name: z.string() }).nullable(),
  team: z.object({ id: z.uuid(), name: z.string() }).nullable(),
  snoozedUntil: instant.nullable().meta({ description: "While in the future, the ticket and its conversation are left out of the active lists." }),
  createdAt: instant,
  updatedAt: instant,
  resolvedAt: instant.nullable(),
  sla: z
    .object({
      metric: z.enum(["first_response", "next_response", "resolution"]),
      dueAt: instant,
      breached: z.boolean(),
      warned: z.boolean(),
    })
    .nullable()
    .meta({ description: "The most pressing running SLA target (earliest due; first response, next response or resolution), null when none runs." }),
}).meta({ id: "Ticket" }) satisfies z.ZodType<TicketDTO>;

/** An agent in the assignment picker. */
export const agentDTO = z
  .object({
    id: z.uuid(),
    name: z.string(),
    role: z.enum(["agent", "manager", "admin"]),
    status: z.enum(["online", "away", "offline"]),
    capacity: z.number().int().nullable(),
    openConversations: z.number().int().nullable().meta({ description: "Unresolved tickets assigned to the agent (with withLoad=1; null otherwise)." }),
  })
  .meta({ id: "Agent" }) satisfies z.ZodType<AgentDTO>;

/** A team in the assignment picker. */
export const assignableTeamDTO = z
  .object({ id: z.uuid(), name: z.string(), memberIds: z.array(z.uuid()), openConversations: z.number().int() })
  .meta({ id: "AssignableTeam" }) satisfies z.ZodType<AssignableTeamDTO>;

/** One change in a ticket's history. */
export const ticketEventDTO = z.object({
  id: z.number().int(),
  type: z.string(),
  actorType: z.enum(["system", "bot", "agent", "customer", "api_key"]),
  actorId: z.uuid().nullable(),
  actorName: z.string().nullable(),
  data: jsonObject,
  createdAt: instant,
}).meta({ id: "TicketEvent" }) satisfies z.ZodType<TicketEventDTO>;

/** A ticket with its history. */
export const ticketWithEventsDTO = ticketDTO.extend({ events: z.array(ticketEventDTO) }).meta({ id: "TicketWithEvents" }) satisfies z.ZodType<TicketWithEventsDTO>;

/** The "top topics" report. */
export const topicsReportDTO = z.object({
  from: instant,
  to: instant,
  channel: z.string().nullable(),
  messages: z.number().int(),
  topics: z.array(
    z.object({
      phrase: z.string(),
      messages: z.number().int(),
      conversations: z.number().int(),
      averageSentiment: z.number(),
      negativeShare: z.number(),
      topIntent: z.string(),
      previousMessages: z.number().int(),
      trend: z.enum(["new", "rising", "falling", "steady"]),
      group: z.string(),
    }),
  ),
  previousFrom: instant,
  withoutTopic: z.array(z.object({ intent: z.string(), messages: z.number().int(), averageSentiment: z.number(), negativeShare: z.number() })),
}).meta({ id: "TopicsReport" }) satisfies z.ZodType<TopicsReportDTO>;
