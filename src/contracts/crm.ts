/** The CRM's REST shapes (customers, companies, timeline, notes, attributes, imports, API keys), shared with the console. */
import type { ApiScope } from "./permissions.ts";

/** Who did something on a record: a console user, an API key, the system (an import, the NLP) or the customer. */
export type ActorRefDTO = { type: "user" | "api_key" | "system" | "customer"; id: string | null; name: string | null };

/** A company as other records show it. */
export type CompanyRefDTO = { id: string; name: string; domain: string | null };

/** A company. */
export type CompanyDTO = CompanyRefDTO & { attributes: Record<string, unknown>; customerCount: number; createdAt: string; updatedAt: string };

/** A customer as lists show it. */
export type CustomerSummaryDTO = {
  id: string;
  name: string | null;
  email: string | null;
  phone: string | null;
  tier: "standard" | "vip";
  company: CompanyRefDTO | null;
  tags: string[];
  segment: string | null;
  attributes: Record<string, unknown>;
  createdAt: string;
  updatedAt: string;
};

/** A detail the NLP found in the customer's own words that the profile lacks, with the message it came from. */
export type SuggestionDTO = {
  id: string;
  field: "email" | "phone" | "name" | "order";
  value: string;
  messageId: string | null;
  conversationId: string | null;
  /** The customer's words around the value (the message, shortened). */
  excerpt: string | null;
  /** Another live customer who already has this email or phone (accepting is then 409 CUSTOMER_EXISTS: merge instead). */
  existingCustomer?: { id: string; name: string | null };
  createdAt: string;
};

/** Another record that is likely the same person, and why. */
export type DuplicateDTO = { id: string; name: string | null; email: string | null; phone: string | null; reason: "email" | "phone" | "name" };

/** A customer's lifetime figures. */
export type CustomerFiguresDTO = {
  conversations: number;
  tickets: number;
  openTickets: number;
  orders: number;
  totalSpentCents: number;
  averageOrderCents: number | null;
  currency: string | null;
  firstSeenAt: string | null;
  lastSeenAt: string | null;
};

/** One point of a customer's sentiment trend: a conversation's mean customer sentiment (-1..1 scale of the analyzer). */
export type SentimentPointDTO = { conversationId: string; at: string; start: number; end: number; min: number; messages: number };

/** The whole profile (GET /api/v1/customers/:id). */
export type CustomerProfileDTO = CustomerSummaryDTO & {
  /** The probability (0–1) the latest insights refresh gave this active customer of ordering nothing in the churn window; null when not scored (docs/insights.md). */
  churnRisk: number | null;
  /** The chosen response model's score (0–1): how likely the customer replies to or converts from a campaign; null until trained (docs/insights.md). */
  responseScore: number | null;
  identities: { channel: string; externalId: string; createdAt: string }[];
  figures: CustomerFiguresDTO;
  sentimentTrend: SentimentPointDTO[];
  suggestions: SuggestionDTO[];
  duplicates: DuplicateDTO[];
  /** The latest few, for the conversation sidebar (the timeline has them all). */
  recentOrders: { id: string; number: string; status: string; totalCents: number; currency: string; createdAt: string }[];
  recentConversations: { id: string; channel: string; status: string; firstLine: string | null; lastMessageAt: string; sentiment: number | null }[];
};

/** A note on a customer. */
export type NoteDTO = { id: string; customerId: string; text: string; author: ActorRefDTO; createdAt: string; updatedAt: string };

/** What a timeline entry is about. */
export type TimelineKind = "conversation" | "ticket" | "order" | "note" | "event" | "deal";

/**
 * One entry of a customer's timeline (GET /api/v1/customers/:id/timeline), newest first: `type` says what happened
 * ("conversation.started", "ticket.status_changed", "order.placed", "note.added", "customer.updated",
 * "customer.merged", "deal.created", "deal.stage_changed" …), `summary` says it in a line, `link` points at the record to open.
 */
export type TimelineItemDTO = {
  id: string;
  kind: TimelineKind;
  type: string;
  at: string;
  actor: ActorRefDTO | null;
  summary: string;
  data: Record<string, unknown>;
  link: { conversationId?: string; ticketId?: string; orderId?: string; noteId?: string; dealId?: string };
};

/** The value types of custom attributes. */
export type AttributeTypeDTO = "text" | "number" | "date" | "boolean" | "list";

/** A custom attribute's definition. */
export type AttributeDefinitionDTO = { entity: "customer" | "company"; key: string; label: string; type: AttributeTypeDTO; options: string[]; createdAt: string };

/** A CSV import's progress and the rows it skipped (GET /api/v1/imports/:id). */
export type ImportDTO = {
  id: string;
  kind: "customers" | "companies";
  status: "queued" | "running" | "completed" | "failed";
  filename: string | null;
  total: number | null;
  processed: number;
  created: number;
  updated: number;
  failed: number;
  errors: { row: number; field: string; message: string }[];
  /** Why the whole file was refused, when status is failed. */
  message: string | null;
  createdAt: string;
  finishedAt: string | null;
};

/** An API key as admins list it (the token itself is shown once, at creation, as `token`). */
export type ApiKeyDTO = {
  id: string;
  name: string;
  prefix: string;
  scopes: ApiScope[];
  createdAt: string;
  lastUsedAt: string | null;
  revokedAt: string | null;
};

/** A message as the GDPR export carries it: who sent it, the text, the NLP annotation and the channel's metadata. */
export type ExportedMessageDTO = {
  id: string;
  sender: { type: "customer" | "bot" | "agent" | "system"; id: string | null; name: string | null };
  text: string;
  annotation: unknown;
  metadata: Record<string, unknown>;
  createdAt: string;
};

/** A timeline event as the GDPR export carries it. */
export type ExportedEventDTO = { type: string; actor: ActorRefDTO; data: Record<string, unknown>; createdAt: string };

/**
 * Everything stored about one customer (GET /api/v1/customers/:id/export, downloaded as customer-<id>.json): the
 * profile, identities, company, tags, attributes, conversations with every message, tickets with their events, orders,
 * deals, notes, suggestions, timeline events, widget visitors, and the records merged into this one.
 */
export type CustomerExportDTO = {
  exportedAt: string;
  profile: CustomerProfileDTO;
  identities: CustomerProfileDTO["identities"];
  company: (CompanyRefDTO & { attributes: Record<string, unknown> }) | null;
  tags: string[];
  attributes: Record<string, unknown>;
  conversations: {
    id: string;
    inboxId: string;
    channel: string;
    status: string;
    subject: string | null;
    createdAt: string;
    lastMessageAt: string;
    orderIds: string[];
    messages: ExportedMessageDTO[];
  }[];
  tickets: {
    id: string;
    number: number;
    conversationId: string;
    subject: string;
    status: string;
    priority: string;
    reason: string;
    createdAt: string;
    resolvedAt: string | null;
    events: { type: string; actorType: string; actorId: string | null; data: Record<string, unknown>; createdAt: string }[];
  }[];
  orders: {
    id: string;
    number: string;
    status: string;
    items: unknown[];
    totalCents: number;
    currency: string;
    carrier: string | null;
    trackingNumber: string | null;
    estimatedDelivery: string | null;
    createdAt: string;
  }[];
  deals: { id: string; title: string; stage: string; amountCents: number; currency: string; expectedCloseDate: string | null; closedAt: string | null; createdAt: string }[];
  notes: NoteDTO[];
  suggestions: (Omit<SuggestionDTO, "excerpt"> & { status: "open" | "accepted" | "dismissed" })[];
  events: ExportedEventDTO[];
  visitors: { id: string; inboxId: string; createdAt: string; lastSeenAt: string }[];
  mergedRecords: { id: string; name: string | null; createdAt: string; events: ExportedEventDTO[] }[];
};
