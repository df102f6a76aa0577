/** Customer satisfaction (CSAT) surveys asked when a conversation is resolved, and the negative-sentiment alerts of the reports. */
import { sql } from "drizzle-orm";
import { index, integer, pgTable, real, smallint, text, timestamp, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import { conversations } from "./conversations.ts";
import { users } from "./users.ts";

/**
 * One CSAT survey per conversation: asked (requestedAt) when the conversation was resolved, answered once (score 1–5,
 * an optional comment) from the widget or by a reply on the conversation's channel.
 */
export const csatResponses = pgTable(
  "csat_responses",
  {
    conversationId: uuid("conversation_id")
      .primaryKey()
      .references(() => conversations.id, { onDelete: "cascade" }),
    requestedAt: timestamp("requested_at", { withTimezone: true }).notNull(),
    score: smallint("score"),
    comment: text("comment"),
    // "widget" (csat:submit) or "reply" (a channel message read as a rating); null until answered.
    via: text("via").$type<"widget" | "reply">(),
    respondedAt: timestamp("responded_at", { withTimezone: true }),
  },
  (t) => [index("csat_responses_responded_idx").on(t.respondedAt)],
);

/**
 * A negative-sentiment spike in one inbox or topic (see README, Alerts): raised once per spike; `endedAt` is set when
 * the scope falls back below its threshold, and only then can the same scope raise another.
 */
export const reportAlerts = pgTable(
  "report_alerts",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    scope: text("scope").$type<"inbox" | "topic">().notNull(),
    key: text("key").notNull(),
    windowStart: timestamp("window_start", { withTimezone: true }).notNull(),
    windowEnd: timestamp("window_end", { withTimezone: true }).notNull(),
    share: real("share").notNull(),
    threshold: real("threshold").notNull(),
    negative: integer("negative").notNull(),
    volume: integer("volume").notNull(),
    raisedAt: timestamp("raised_at", { withTimezone: true }).notNull(),
    endedAt: timestamp("ended_at", { withTimezone: true }),
    acknowledgedAt: timestamp("acknowledged_at", { withTimezone: true }),
    acknowledgedBy: uuid("acknowledged_by").references(() => users.id, { onDelete: "set null" }),
  },
  (t) => [
    // At most one spike in progress per scope: a second scan of the same spike finds it and raises nothing.
    uniqueIndex("report_alerts_active_uq").on(t.scope, t.key).where(sql`ended_at is null`),
    index("report_alerts_raised_idx").on(t.raisedAt, t.id),
  ],
);
