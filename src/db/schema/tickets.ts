/** Tickets opened by hand-off, and the audit trail of every change to them. */
import { sql } from "drizzle-orm";
import { bigserial, index, jsonb, pgTable, serial, text, timestamp, uuid } from "drizzle-orm/pg-core";
import { conversations } from "./conversations.ts";
import { customers } from "./customers.ts";
import { teams } from "./helpdesk.ts";
import { users } from "./users.ts";

/** A support ticket: one per hand-off of a conversation to humans. */
export const tickets = pgTable(
  "tickets",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    number: serial("number").notNull().unique(),
    conversationId: uuid("conversation_id")
      .notNull()
      .references(() => conversations.id, { onDelete: "cascade" }),
    customerId: uuid("customer_id")
      .notNull()
      .references(() => customers.id, { onDelete: "cascade" }),
    subject: text("subject").notNull(),
    status: text("status").$type<"open" | "pending" | "resolved">().notNull().default("open"),
    priority: text("priority").$type<"low" | "normal" | "high" | "urgent">().notNull().default("normal"),
    reason: text("reason").notNull(),
    assigneeId: uuid("assignee_id").references(() => users.id, { onDelete: "set null" }),
    /** The team routing chose or an agent assigned (its queue holds the ticket while unassigned); null: the general queue. */
    teamId: uuid("team_id").references(() => teams.id, { onDelete: "set null" }),
    /** What routing matched skills on: the conversation's intent and language at hand-off. */
    routingIntent: text("routing_intent"),
    routingLanguage: text("routing_language"),
    /** Until then the ticket and its conversation leave the active lists (a query-time rule: no job wakes them). */
    snoozedUntil: timestamp("snoozed_until", { withTimezone: true }),
    firstResponseAt: timestamp("first_response_at", { withTimezone: true }),
    resolvedAt: timestamp("resolved_at", { withTimezone: true }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index("tickets_status_updated_idx").on(t.status, t.updatedAt),
    index("tickets_assignee_idx").on(t.assigneeId, t.status),
    index("tickets_conversation_idx").on(t.conversationId),
    // A customer's tickets (the timeline's ticket events, the profile's figures) without scanning every ticket.
    index("tickets_customer_idx").on(t.customerId),
    // The service report: tickets opened, and tickets resolved, in a period.
    index("tickets_created_idx").on(t.createdAt),
    index("tickets_resolved_idx").on(t.resolvedAt),
    // Search by subject (English-stemmed, as messages are).
    index("tickets_subject_search_idx").using("gin", sql`to_tsvector('english'::regconfig, ${t.subject})`),
    // A team's queue: its unassigned, unresolved tickets.
    index("tickets_team_queue_idx").on(t.teamId, t.status).where(sql`${t.assigneeId} is null`),
  ],
);

/** Every change to a ticket: created, assigned, status or priority changed, with who did it. */
export const ticketEvents = pgTable(
  "ticket_events",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    ticketId: uuid("ticket_id")
      .notNull()
      .references(() => tickets.id, { onDelete: "cascade" }),
    type: text("type").notNull(),
    actorType: text("actor_type").$type<"system" | "bot" | "agent" | "customer" | "api_key">().notNull(),
    /** The user (agent) or API key (api_key) that made the change; null for the system, the bot and the customer. */
    actorId: uuid("actor_id"),
    data: jsonb("data").$type<Record<string, unknown>>().notNull().default({}),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index("ticket_events_ticket_idx").on(t.ticketId, t.id),
    // The service report: the assignments and status changes of a period.
    index("ticket_events_type_created_idx").on(t.type, t.createdAt),
  ],
);
