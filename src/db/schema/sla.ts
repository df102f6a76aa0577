/** SLA policies per priority, each ticket's running SLA targets, and the breaches the reports count. */
import { bigserial, boolean, index, integer, pgTable, primaryKey, text, timestamp, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import { tickets } from "./tickets.ts";

/** The SLA targets of one ticket priority (minutes; counted in the inbox's business hours when `businessHours`). */
export const slaPolicies = pgTable("sla_policies", {
  id: uuid("id").primaryKey().defaultRandom(),
  priority: text("priority").$type<"low" | "normal" | "high" | "urgent">().notNull().unique(),
  firstResponseMinutes: integer("first_response_minutes").notNull(),
  nextResponseMinutes: integer("next_response_minutes").notNull(),
  resolutionMinutes: integer("resolution_minutes").notNull(),
  businessHours: boolean("business_hours").notNull().default(true),
  warnAtPercent: integer("warn_at_percent").notNull().default(80),
  createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
});

/** A running (or finished) SLA target of a ticket: one row per metric, its warning and due instants, and what became of it. */
export const ticketSlaTargets = pgTable(
  "ticket_sla_targets",
  {
    ticketId: uuid("ticket_id")
      .notNull()
      .references(() => tickets.id, { onDelete: "cascade" }),
    metric: text("metric").$type<"first_response" | "next_response" | "resolution">().notNull(),
    /** The priority whose policy timed it (a priority change re-times a target still running). */
    priority: text("priority").$type<"low" | "normal" | "high" | "urgent">().notNull(),
    startedAt: timestamp("started_at", { withTimezone: true }).notNull(),
    warnAt: timestamp("warn_at", { withTimezone: true }).notNull(),
    dueAt: timestamp("due_at", { withTimezone: true }).notNull(),
    satisfiedAt: timestamp("satisfied_at", { withTimezone: true }),
    warnedAt: timestamp("warned_at", { withTimezone: true }),
    breachedAt: timestamp("breached_at", { withTimezone: true }),
  },
  (t) => [
    primaryKey({ columns: [t.ticketId, t.metric] }),
    // The timer job's scan: running targets by their next instant.
    index("ticket_sla_targets_warn_idx").on(t.warnAt),
    index("ticket_sla_targets_due_idx").on(t.dueAt),
  ],
);

/** One breached SLA target, recorded once (the reports count these). */
export const slaBreaches = pgTable(
  "sla_breaches",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    ticketId: uuid("ticket_id")
      .notNull()
      .references(() => tickets.id, { onDelete: "cascade" }),
    metric: text("metric").$type<"first_response" | "next_response" | "resolution">().notNull(),
    priority: text("priority").$type<"low" | "normal" | "high" | "urgent">().notNull(),
    dueAt: timestamp("due_at", { withTimezone: true }).notNull(),
    breachedAt: timestamp("breached_at", { withTimezone: true }).notNull(),
  },
  (t) => [uniqueIndex("sla_breaches_target_uq").on(t.ticketId, t.metric, t.dueAt), index("sla_breaches_breached_idx").on(t.breachedAt)],
);
