/** Console users (agents, managers, admins) and their login sessions. */
import { boolean, index, integer, jsonb, pgTable, text, timestamp, uuid } from "drizzle-orm/pg-core";

/** What an agent can handle: intents (e.g. "get_refund") and languages (ISO 639-1 codes). */
export type UserSkills = { intents: string[]; languages: string[] };

/** Agents, managers and admins who log into the console. */
export const users = pgTable("users", {
  id: uuid("id").primaryKey().defaultRandom(),
  email: text("email").notNull().unique(),
  name: text("name").notNull(),
  role: text("role").$type<"agent" | "manager" | "admin">().notNull().default("agent"),
  passwordHash: text("password_hash").notNull(),
  status: text("status").$type<"online" | "away" | "offline">().notNull().default("offline"),
  lastAssignedAt: timestamp("last_assigned_at", { withTimezone: true }),
  // A deactivated user cannot log in and is never assigned; the row stays so history keeps its name.
  active: boolean("active").notNull().default(true),
  skills: jsonb("skills").$type<UserSkills>().notNull().default({ intents: [], languages: [] }),
  /** The most conversations the user handles at once; null: no limit. */
  capacity: integer("capacity"),
  /** The last time the user's console reported input (presence turns "away" after AGENT_IDLE_MINUTES without it). */
  lastActiveAt: timestamp("last_active_at", { withTimezone: true }),
  /** True while the user is away because they were idle (input brings them back online; a chosen "away" stays). */
  idleAway: boolean("idle_away").notNull().default(false),
  // The user's own profile: an avatar image URL, or the colour behind their initials; notification preferences.
  avatarUrl: text("avatar_url"),
  avatarColor: text("avatar_color"),
  notificationPrefs: jsonb("notification_prefs").$type<{ assigned: boolean; mentions: boolean; sound: boolean }>().notNull().default({ assigned: true, mentions: true, sound: false }),
  createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
});

/**
 * Console sessions: the cookie holds the token; only its SHA-256 is stored. `id` names a session in the user's session
 * list without revealing anything that would let one use it; `last_seen_at` is refreshed at most once a minute.
 */
export const sessions = pgTable(
  "sessions",
  {
    tokenHash: text("token_hash").primaryKey(),
    id: uuid("id").notNull().unique().defaultRandom(),
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    expiresAt: timestamp("expires_at", { withTimezone: true }).notNull(),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    lastSeenAt: timestamp("last_seen_at", { withTimezone: true }).notNull().defaultNow(),
    userAgent: text("user_agent"),
    ip: text("ip"),
  },
  (t) => [index("sessions_user_idx").on(t.userId)],
);

/**
 * One-time sign-in links an admin emailed to a new user (`invite: "email"`): only the token's SHA-256 is stored; a link
 * works once (`used_at`), until `expires_at` (72 hours after it was sent).
 */
export const userInvites = pgTable(
  "user_invites",
  {
    tokenHash: text("token_hash").primaryKey(),
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    expiresAt: timestamp("expires_at", { withTimezone: true }).notNull(),
    usedAt: timestamp("used_at", { withTimezone: true }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("user_invites_user_idx").on(t.userId)],
);
