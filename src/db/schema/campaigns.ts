/** Marketing campaigns: what is sent to whom, one send per customer per campaign, and the customers who opted out. */
import { index, integer, jsonb, pgTable, text, timestamp, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import { conversations, messages } from "./conversations.ts";
import { customers } from "./customers.ts";
import { inboxes } from "./inboxes.ts";
import { users } from "./users.ts";

/** Who a campaign goes to: the members of a segment, a saved CRM customer-list filter, or the top N by response score. */
export type CampaignAudience =
  | { segment: string }
  | { filter: { q?: string; tag?: string[]; companyId?: string; segment?: string } }
  | { topResponse: { limit: number } };

/** One arm of an A/B split: its name and message (with {{name}} and {{lastOrderNumber}}). */
export type CampaignVariant = { name: string; message: string };

/** Where a campaign is in its life: a draft waits to be started; a scheduled one starts by itself. */
export type CampaignStatus = "draft" | "scheduled" | "running" | "paused" | "completed";

/** A campaign: its audience, channel, message variants, schedule and throttle. */
export const campaigns = pgTable("campaigns", {
  id: uuid("id").primaryKey().defaultRandom(),
  name: text("name").notNull(),
  channel: text("channel").$type<"widget" | "email">().notNull(),
  audience: jsonb("audience").$type<CampaignAudience>().notNull(),
  // The message as written (variant "A" when no split is given) and every variant, the first one included.
  message: text("message").notNull(),
  variants: jsonb("variants").$type<CampaignVariant[]>().notNull(),
  subject: text("subject"),
  // The email inbox whose relay sends an email campaign.
  inboxId: text("inbox_id").references(() => inboxes.id, { onDelete: "set null" }),
  status: text("status").$type<CampaignStatus>().notNull().default("draft"),
  scheduleAt: timestamp("schedule_at", { withTimezone: true }),
  throttlePerMinute: integer("throttle_per_minute"),
  conversionDays: integer("conversion_days").notNull().default(7),
  // How many customers the audience held when the campaign first ran (null until then).
  audienceSize: integer("audience_size"),
  createdById: uuid("created_by_id").references(() => users.id, { onDelete: "set null" }),
  startedAt: timestamp("started_at", { withTimezone: true }),
  completedAt: timestamp("completed_at", { withTimezone: true }),
  createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
});

/** Where one send is: queued, being sent, sent (widget: waiting for the customer's next visit), failed, or skipped (opted out). */
export type CampaignSendStatus = "queued" | "sending" | "sent" | "delivered" | "failed" | "skipped";

/** One customer's send of one campaign: the unique index makes it once per customer per campaign. */
export const campaignSends = pgTable(
  "campaign_sends",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    campaignId: uuid("campaign_id")
      .notNull()
      .references(() => campaigns.id, { onDelete: "cascade" }),
    customerId: uuid("customer_id")
      .notNull()
      .references(() => customers.id, { onDelete: "cascade" }),
    variant: text("variant").notNull(),
    // The message with its variables filled for this customer.
    text: text("text").notNull(),
    status: text("status").$type<CampaignSendStatus>().notNull().default("queued"),
    error: text("error"),
    // Widget: the bot message it became in the customer's conversation once their widget connected.
    conversationId: uuid("conversation_id").references(() => conversations.id, { onDelete: "set null" }),
    messageId: uuid("message_id").references(() => messages.id, { onDelete: "set null" }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    sentAt: timestamp("sent_at", { withTimezone: true }),
    deliveredAt: timestamp("delivered_at", { withTimezone: true }),
    seenAt: timestamp("seen_at", { withTimezone: true }),
    repliedAt: timestamp("replied_at", { withTimezone: true }),
  },
  (t) => [
    uniqueIndex("campaign_sends_campaign_customer_uq").on(t.campaignId, t.customerId),
    index("campaign_sends_campaign_status_idx").on(t.campaignId, t.status),
    index("campaign_sends_customer_idx").on(t.customerId, t.status),
    index("campaign_sends_message_idx").on(t.messageId),
  ],
);

/** A customer who asked not to be contacted by campaigns again ("stop", "unsubscribe", or the API). */
export const campaignOptOuts = pgTable("campaign_opt_outs", {
  customerId: uuid("customer_id")
    .primaryKey()
    .references(() => customers.id, { onDelete: "cascade" }),
  source: text("source").$type<"message" | "api">().notNull(),
  messageId: uuid("message_id").references(() => messages.id, { onDelete: "set null" }),
  createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
});
