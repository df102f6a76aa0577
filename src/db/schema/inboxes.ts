/** Inboxes: one per channel entry point (a website's widget, a Bot Framework bot …). */
import { sql } from "drizzle-orm";
import { boolean, jsonb, pgTable, text, timestamp } from "drizzle-orm/pg-core";
import type { WidgetLook } from "../../contracts/widget-look.ts";
import type { BusinessHours } from "../../contracts/sla.ts";

/** An inbox receives the conversations of one channel entry point. */
export const inboxes = pgTable("inboxes", {
  id: text("id").primaryKey(),
  name: text("name").notNull(),
  channel: text("channel").notNull(),
  settings: jsonb("settings").$type<Record<string, unknown>>().notNull().default({}),
  // The channel's settings and credentials as one AES-256-GCM box (modules/inboxes/secret-box.ts), bound to the inbox id.
  sealedSettings: text("sealed_settings"),
  // Signs widget identities (HMAC and JWT); the database draws it for every new inbox: two v4 UUIDs, 244 random bits.
  secret: text("secret")
    .notNull()
    .default(sql`replace(gen_random_uuid()::text || gen_random_uuid()::text, '-', '')`),
  // A disabled inbox (the demo's channel inboxes, until an admin configures them) takes no webhook and sends nothing.
  enabled: boolean("enabled").notNull().default(true),
  // API channel: the SHA-256 of the token the integrator posts messages with (the token itself is shown once).
  tokenHash: text("token_hash"),
  // A web inbox's widget look (contracts/widget-look.ts); null until an admin sets it (the defaults apply).
  widgetLook: jsonb("widget_look").$type<WidgetLook>(),
  // Weekly hours, holidays, IANA zone and offline message (SLA times count in them); null: always open.
  businessHours: jsonb("business_hours").$type<BusinessHours>(),
  createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
});
