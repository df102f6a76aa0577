/** The helpdesk's settings and agent tools: the audit log, teams, canned replies, private notes, notifications and labels. */
import { sql } from "drizzle-orm";
import { bigserial, boolean, index, jsonb, pgTable, primaryKey, text, timestamp, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import { conversations } from "./conversations.ts";
import { users } from "./users.ts";

/** Every change an admin (or manager) makes to settings: who, what, on what, before and after. Never updated or deleted. */
export const auditLog = pgTable(
  "audit_log",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    actorId: uuid("actor_id"),
    /** The actor's name at the time (a user deleted later keeps their entries readable). */
    actorName: text("actor_name").notNull(),
    action: text("action").notNull(),
    targetType: text("target_type").notNull(),
    targetId: text("target_id"),
    /** Only the fields that changed, never a password or secret. */
    before: jsonb("before").$type<Record<string, unknown> | null>(),
    after: jsonb("after").$type<Record<string, unknown> | null>(),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("audit_log_actor_idx").on(t.actorId, t.id), index("audit_log_action_idx").on(t.action, t.id), index("audit_log_created_idx").on(t.createdAt)],
);

/** A team of agents: the inboxes and intents it handles. */
export const teams = pgTable("teams", {
  id: uuid("id").primaryKey().defaultRandom(),
  name: text("name").notNull().unique(),
  inboxIds: jsonb("inbox_ids").$type<string[]>().notNull().default([]),
  intents: jsonb("intents").$type<string[]>().notNull().default([]),
  createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
});

/** Who belongs to which team. */
export const teamMembers = pgTable(
  "team_members",
  {
    teamId: uuid("team_id")
      .notNull()
      .references(() => teams.id, { onDelete: "cascade" }),
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
  },
  (t) => [primaryKey({ columns: [t.teamId, t.userId] }), index("team_members_user_idx").on(t.userId)],
);

/** A canned reply: shared with everyone, or personal to its owner; `intents` make the console suggest it. */
export const cannedReplies = pgTable(
  "canned_replies",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    shortcut: text("shortcut").notNull(),
    text: text("text").notNull(),
    shared: boolean("shared").notNull(),
    /** Who wrote it; a personal reply is visible to this user only. */
    ownerId: uuid("owner_id").references(() => users.id, { onDelete: "cascade" }),
    intents: jsonb("intents").$type<string[]>().notNull().default([]),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex("canned_replies_shared_shortcut_uq").on(t.shortcut).where(sql`${t.shared}`),
    uniqueIndex("canned_replies_personal_shortcut_uq").on(t.ownerId, t.shortcut).where(sql`not ${t.shared}`),
  ],
);

/** A private note agents leave in a conversation: never a message, so no channel ever sends it. */
export const conversationNotes = pgTable(
  "conversation_notes",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    conversationId: uuid("conversation_id")
      .notNull()
      .references(() => conversations.id, { onDelete: "cascade" }),
    authorId: uuid("author_id").references(() => users.id, { onDelete: "set null" }),
    authorName: text("author_name").notNull(),
    text: text("text").notNull(),
    /** Users @mentioned in the note. */
    mentions: jsonb("mentions").$type<string[]>().notNull().default([]),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("conversation_notes_conversation_idx").on(t.conversationId, t.createdAt)],
);

/** Something a console user should look at (a mention in a note, a conversation assigned to them). */
export const notifications = pgTable(
  "notifications",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    type: text("type").$type<"mention" | "assigned" | "sla_breach" | "team_queued" | "negative_spike">().notNull(),
    data: jsonb("data").$type<Record<string, unknown>>().notNull().default({}),
    readAt: timestamp("read_at", { withTimezone: true }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("notifications_user_idx").on(t.userId, t.createdAt)],
);

/** An admin-defined, coloured label; a customer message with one of `intents` labels its conversation. */
export const labels = pgTable("labels", {
  id: uuid("id").primaryKey().defaultRandom(),
  name: text("name").notNull().unique(),
  color: text("color").notNull(),
  intents: jsonb("intents").$type<string[]>().notNull().default([]),
  createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
});

/** The labels on a conversation. */
export const conversationLabels = pgTable(
  "conversation_labels",
  {
    conversationId: uuid("conversation_id")
      .notNull()
      .references(() => conversations.id, { onDelete: "cascade" }),
    labelId: uuid("label_id")
      .notNull()
      .references(() => labels.id, { onDelete: "cascade" }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.conversationId, t.labelId] }), index("conversation_labels_label_idx").on(t.labelId, t.conversationId)],
);
