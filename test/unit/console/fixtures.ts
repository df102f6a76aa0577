/** Builders of console DTOs for the console's unit tests. */
import type { ConversationDTO, MessageDTO, TicketDTO } from "../../../src/contracts/api.ts";
import type { CustomerSummaryDTO } from "../../../src/contracts/crm.ts";

/** A conversation with sensible defaults, overridable field by field. */
export function buildConversation(overrides: Partial<ConversationDTO> = {}): ConversationDTO {
  return {
    id: "c1",
    inboxId: "web",
    channel: "web",
    status: "bot",
    customer: { id: "cu1", name: "Ada Lovelace", email: "ada@example.com", phone: null, suggestions: {}, createdAt: "2026-01-01T00:00:00.000Z" },
    subject: null,
    lastMessage: null,
    sentiment: null,
    ticketId: null,
    labels: [],
    assignee: null,
    visitor: null,
    createdAt: "2026-03-01T10:00:00.000Z",
    updatedAt: "2026-03-01T10:00:00.000Z",
    ...overrides,
  };
}

/** A message with sensible defaults, overridable field by field. */
export function buildMessage(overrides: Partial<MessageDTO> = {}): MessageDTO {
  return {
    id: "m1",
    conversationId: "c1",
    channel: "web",
    clientMsgId: null,
    sender: { type: "customer" },
    text: "hello",
    channelDelivery: null,
    annotation: null,
    createdAt: "2026-03-01T10:00:00.000Z",
    ...overrides,
  };
}

/** A ticket with sensible defaults, overridable field by field. */
export function buildTicket(overrides: Partial<TicketDTO> = {}): TicketDTO {
  return {
    id: "t1",
    number: 1001,
    conversationId: "c1",
    customerId: "cu1",
    subject: "Late delivery",
    status: "open",
    priority: "normal",
    reason: "customer asked for a human",
    assignee: null,
    team: null,
    snoozedUntil: null,
    createdAt: "2026-03-01T10:00:00.000Z",
    updatedAt: "2026-03-01T10:00:00.000Z",
    resolvedAt: null,
    sla: null,
    ...overrides,
  };
}

/** A CRM customer summary with sensible defaults, overridable field by field. */
export function buildCustomerSummary(overrides: Partial<CustomerSummaryDTO> = {}): CustomerSummaryDTO {
  return {
    id: "cu1",
    name: "Ada Lovelace",
    email: "ada@example.com",
    phone: null,
    tier: "standard",
    company: null,
    tags: [],
    segment: null,
    attributes: {},
    createdAt: "2026-01-01T00:00:00.000Z",
    updatedAt: "2026-01-01T00:00:00.000Z",
    ...overrides,
  };
}
