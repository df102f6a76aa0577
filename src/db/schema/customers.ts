/** Customers and the channel identities they are known by. */
import { index, jsonb, pgTable, text, timestamp, unique, uuid } from "drizzle-orm/pg-core";

/** A customer record (CRM contact). */
export const customers = pgTable(
  "customers",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    name: text("name"),
    email: text("email"),
    phone: text("phone"),
    tier: text("tier").$type<"standard" | "vip">().notNull().default("standard"),
    attributes: jsonb("attributes").$type<Record<string, unknown>>().notNull().default({}),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("customers_email_idx").on(t.email), index("customers_phone_idx").on(t.phone)],
);

/** How a customer is known on a channel (a widget visitor id, a Teams user id …); unique per channel. */
export const customerIdentities = pgTable(
  "customer_identities",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    customerId: uuid("customer_id")
      .notNull()
      .references(() => customers.id, { onDelete: "cascade" }),
    channel: text("channel").notNull(),
    externalId: text("external_id").notNull(),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [unique("customer_identities_channel_external_uq").on(t.channel, t.externalId), index("customer_identities_customer_idx").on(t.customerId)],
);
