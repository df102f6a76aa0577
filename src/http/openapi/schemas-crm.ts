/**
 * zod schemas of the CRM responses declared in src/contracts/crm.ts, for the OpenAPI document only; each `satisfies`
 * its DTO type, so the document cannot drift from what the routes return.
 */
import { z } from "zod";
import type {
  ActorRefDTO,
  ApiKeyDTO,
  AttributeDefinitionDTO,
  CustomerExportDTO,
  CompanyDTO,
  CustomerProfileDTO,
  CustomerSummaryDTO,
  ImportDTO,
  NoteDTO,
  SuggestionDTO,
  TimelineItemDTO,
} from "../../contracts/crm.ts";
import { API_SCOPES } from "../../contracts/permissions.ts";
import { instant, jsonObject } from "./schemas-api.ts";

/** Who did something on a record. */
export const actorRefDTO = z.object({
  type: z.enum(["user", "api_key", "system", "customer"]),
  id: z.string().nullable(),
  name: z.string().nullable(),
}).meta({ id: "ActorRef" }) satisfies z.ZodType<ActorRefDTO>;

const companyRef = z.object({ id: z.uuid(), name: z.string(), domain: z.string().nullable() });

/** A company. */
export const companyDTO = companyRef.extend({
  attributes: jsonObject,
  customerCount: z.number().int(),
  createdAt: instant,
  updatedAt: instant,
}).meta({ id: "Company" }) satisfies z.ZodType<CompanyDTO>;

/** A customer as lists show it. */
export const customerSummaryDTO = z.object({
  id: z.uuid(),
  name: z.string().nullable(),
  email: z.string().nullable(),
  phone: z.string().nullable(),
  tier: z.enum(["standard", "vip"]),
  company: companyRef.nullable(),
  tags: z.array(z.string()),
  segment: z.string().nullable(),
  attributes: jsonObject,
  createdAt: instant,
  updatedAt: instant,
}).meta({ id: "CustomerSummary" }) satisfies z.ZodType<CustomerSummaryDTO>;

/** A detail the NLP found in the customer's words that the profile lacks. */
export const suggestionDTO = z.object({
  id: z.uuid(),
  field: z.enum(["email", "phone", "name", "order"]),
  value: z.string(),
  messageId: z.uuid().nullable(),
  conversationId: z.uuid().nullable(),
  excerpt: z.string().nullable(),
  existingCustomer: z
    .object({ id: z.uuid(), name: z.string().nullable() })
    .optional()
    .meta({ description: "Another live customer who already has this email or phone: accepting answers 409 CUSTOMER_EXISTS, so the console offers a merge." }),
  createdAt: instant,
}).meta({ id: "Suggestion" }) satisfies z.ZodType<SuggestionDTO>;

/** The whole customer profile. */
export const customerProfileDTO = customerSummaryDTO.extend({
  churnRisk: z.number().min(0).max(1).nullable(),
  responseScore: z.number().min(0).max(1).nullable(),
  identities: z.array(z.object({ channel: z.string(), externalId: z.string(), createdAt: instant })),
  figures: z.object({
    conversations: z.number().int(),
    tickets: z.number().int(),
    openTickets: z.number().int(),
    orders: z.number().int(),
    totalSpentCents: z.number().int(),
    averageOrderCents: z.number().nullable(),
    currency: z.string().nullable(),
    firstSeenAt: instant.nullable(),
    lastSeenAt: instant.nullable(),
  }),
  sentimentTrend: z.array(z.object({ conversationId: z.uuid(), at: instant, start: z.number(), end: z.number(), min: z.number(), messages: z.number().int() })),
  suggestions: z.array(suggestionDTO),
  duplicates: z.array(
    z.object({ id: z.uuid(), name: z.string().nullable(), email: z.string().nullable(), phone: z.string().nullable(), reason: z.enum(["email", "phone", "name"]) }),
  ),
  recentOrders: z.array(z.object({ id: z.uuid(), number: z.string(), status: z.string(), totalCents: z.number().int(), currency: z.string(), createdAt: instant })),
  recentConversations: z.array(
    z.object({ id: z.uuid(), channel: z.string(), status: z.string(), firstLine: z.string().nullable(), lastMessageAt: instant, sentiment: z.number().nullable() }),
  ),
}).meta({ id: "CustomerProfile" }) satisfies z.ZodType<CustomerProfileDTO>;

/** A note on a customer. */
export const noteDTO = z.object({
  id: z.uuid(),
  customerId: z.uuid(),
  text: z.string(),
  author: actorRefDTO,
  createdAt: instant,
  updatedAt: instant,
}).meta({ id: "Note" }) satisfies z.ZodType<NoteDTO>;

/** One entry of a customer's timeline, newest first. */
export const timelineItemDTO = z.object({
  id: z.string(),
  kind: z.enum(["conversation", "ticket", "order", "note", "event", "deal"]),
  type: z.string(),
  at: instant,
  actor: actorRefDTO.nullable(),
  summary: z.string(),
  data: jsonObject,
  link: z.object({ conversationId: z.uuid().optional(), ticketId: z.uuid().optional(), orderId: z.uuid().optional(), noteId: z.uuid().optional(), dealId: z.uuid().optional() }),
}).meta({ id: "TimelineItem" }) satisfies z.ZodType<TimelineItemDTO>;

/** A custom attribute's definition. */
export const attributeDefinitionDTO = z.object({
  entity: z.enum(["customer", "company"]),
  key: z.string(),
  label: z.string(),
  type: z.enum(["text", "number", "date", "boolean", "list"]),
  options: z.array(z.string()),
  createdAt: instant,
}).meta({ id: "AttributeDefinition" }) satisfies z.ZodType<AttributeDefinitionDTO>;

/** A CSV import's progress and skipped rows. */
export const importDTO = z.object({
  id: z.uuid(),
  kind: z.enum(["customers", "companies"]),
  status: z.enum(["queued", "running", "completed", "failed"]),
  filename: z.string().nullable(),
  total: z.number().int().nullable(),
  processed: z.number().int(),
  created: z.number().int(),
  updated: z.number().int(),
  failed: z.number().int(),
  errors: z.array(z.object({ row: z.number().int(), field: z.string(), message: z.string() })),
  message: z.string().nullable(),
  createdAt: instant,
  finishedAt: instant.nullable(),
}).meta({ id: "Import" }) satisfies z.ZodType<ImportDTO>;

/** An API key as admins list it. */
export const apiKeyDTO = z.object({
  id: z.uuid(),
  name: z.string(),
  prefix: z.string(),
  scopes: z.array(z.enum(API_SCOPES)),
  createdAt: instant,
  lastUsedAt: instant.nullable(),
  revokedAt: instant.nullable(),
}).meta({ id: "ApiKey" }) satisfies z.ZodType<ApiKeyDTO>;

/** A new API key, with its token: shown this once, never again. */
export const createdApiKeyDTO = apiKeyDTO.extend({
  token: z.string().startsWith("sbk_").meta({ description: "The secret to send as `Authorization: Bearer <token>`; shown only in this response." }),
}).meta({ id: "CreatedApiKey" });

const exportedEvent = z.object({ type: z.string(), actor: actorRefDTO, data: jsonObject, createdAt: instant });

/** Everything stored about one customer (the GDPR export). */
export const customerExportDTO = z.object({
  exportedAt: instant,
  profile: customerProfileDTO,
  identities: z.array(z.object({ channel: z.string(), externalId: z.string(), createdAt: instant })),
  company: companyRef.extend({ attributes: jsonObject }).nullable(),
  tags: z.array(z.string()),
  attributes: jsonObject,
  conversations: z.array(
    z.object({
      id: z.uuid(),
      inboxId: z.string(),
      channel: z.string(),
      status: z.string(),
      subject: z.string().nullable(),
      createdAt: instant,
      lastMessageAt: instant,
      orderIds: z.array(z.uuid()),
      messages: z.array(
        z.object({
          id: z.uuid(),
          sender: z.object({ type: z.enum(["customer", "bot", "agent", "system"]), id: z.string().nullable(), name: z.string().nullable() }),
          text: z.string(),
          annotation: z.unknown(),
          metadata: jsonObject,
          createdAt: instant,
        }),
      ),
    }),
  ),
  tickets: z.array(
    z.object({
      id: z.uuid(),
      number: z.number().int(),
      conversationId: z.uuid(),
      subject: z.string(),
      status: z.string(),
      priority: z.string(),
      reason: z.string(),
      createdAt: instant,
      resolvedAt: instant.nullable(),
      events: z.array(z.object({ type: z.string(), actorType: z.string(), actorId: z.string().nullable(), data: jsonObject, createdAt: instant })),
    }),
  ),
  orders: z.array(
    z.object({
      id: z.uuid(),
      number: z.string(),
      status: z.string(),
      items: z.array(z.unknown()),
      totalCents: z.number().int(),
      currency: z.string(),
      carrier: z.string().nullable(),
      trackingNumber: z.string().nullable(),
      estimatedDelivery: z.string().nullable(),
      createdAt: instant,
    }),
  ),
  deals: z.array(
    z.object({
      id: z.uuid(),
      title: z.string(),
      stage: z.string(),
      amountCents: z.number().int(),
      currency: z.string(),
      expectedCloseDate: z.string().nullable(),
      closedAt: instant.nullable(),
      createdAt: instant,
    }),
  ),
  notes: z.array(noteDTO),
  suggestions: z.array(suggestionDTO.omit({ excerpt: true }).extend({ status: z.enum(["open", "accepted", "dismissed"]) })),
  events: z.array(exportedEvent),
  visitors: z.array(z.object({ id: z.string(), inboxId: z.string(), createdAt: instant, lastSeenAt: instant })),
  mergedRecords: z.array(z.object({ id: z.uuid(), name: z.string().nullable(), createdAt: instant, events: z.array(exportedEvent) })),
}).meta({ id: "CustomerExport" }) satisfies z.ZodType<CustomerExportDTO>;
