/** Products and orders: the sales data the bot and the back office read. */
import { date, index, integer, jsonb, pgTable, primaryKey, text, timestamp, uuid } from "drizzle-orm/pg-core";
import { conversations } from "./conversations.ts";
import { customers } from "./customers.ts";

/** A product in the catalogue. */
export const products = pgTable("products", {
  id: uuid("id").primaryKey().defaultRandom(),
  sku: text("sku").notNull().unique(),
  name: text("name").notNull(),
  priceCents: integer("price_cents").notNull(),
  currency: text("currency").notNull().default("USD"),
  createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
});

/** One line of an order. */
export type OrderItem = { productId: string; sku: string; name: string; quantity: number; priceCents: number };

/** A customer's order; `number` is what customers quote ("ORD-10042"). */
export const orders = pgTable(
  "orders",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    number: text("number").notNull().unique(),
    customerId: uuid("customer_id").references(() => customers.id, { onDelete: "set null" }),
    status: text("status").$type<"processing" | "shipped" | "delivered" | "cancelled">().notNull().default("processing"),
    items: jsonb("items").$type<OrderItem[]>().notNull().default([]),
    totalCents: integer("total_cents").notNull(),
    currency: text("currency").notNull().default("USD"),
    carrier: text("carrier"),
    trackingNumber: text("tracking_number"),
    estimatedDelivery: date("estimated_delivery"),
    // Wrong emails given in chats for this order since `ownership_failures_since`: the bot stops checking past a limit.
    ownershipFailures: integer("ownership_failures").notNull().default(0),
    ownershipFailuresSince: timestamp("ownership_failures_since", { withTimezone: true }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("orders_customer_idx").on(t.customerId)],
);

/** An order a conversation is about: linked when the customer mentions its number (or an agent links it). */
export const conversationOrders = pgTable(
  "conversation_orders",
  {
    conversationId: uuid("conversation_id")
      .notNull()
      .references(() => conversations.id, { onDelete: "cascade" }),
    orderId: uuid("order_id")
      .notNull()
      .references(() => orders.id, { onDelete: "cascade" }),
    messageId: uuid("message_id"),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.conversationId, t.orderId] }), index("conversation_orders_order_idx").on(t.orderId)],
);
