/**
 * Sales: products, orders, the daily sales rollups the figures read, the deals pipeline (stages, deals, stage history),
 * targets, and the sales reps the lead-assignment plan assigns to.
 */
import { sql } from "drizzle-orm";
import { bigint, boolean, date, index, integer, jsonb, pgTable, primaryKey, text, timestamp, uniqueIndex, uuid, type AnyPgColumn } from "drizzle-orm/pg-core";
import { companies } from "./companies.ts";
import { conversations } from "./conversations.ts";
import { customers } from "./customers.ts";
import { users } from "./users.ts";

/** A product in the catalogue. */
export const products = pgTable("products", {
  id: uuid("id").primaryKey().defaultRandom(),
  sku: text("sku").notNull().unique(),
  name: text("name").notNull(),
  description: text("description"),
  priceCents: integer("price_cents").notNull(),
  currency: text("currency").notNull().default("USD"),
  // An archived product (DELETE) leaves the catalogue and the bot's entity list, and stays on the orders that have it.
  active: boolean("active").notNull().default(true),
  createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
});

/** Where an order or a deal came from. */
export type SalesChannel = "web" | "email" | "telegram" | "whatsapp" | "slack" | "sms" | "phone" | "manual" | "import";

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
    // Σ quantity over the items.
    units: integer("units").notNull().default(0),
    currency: text("currency").notNull().default("USD"),
    // When the sale happened (may be in the past, for imported history); the sales figures count orders by it.
    placedAt: timestamp("placed_at", { withTimezone: true }).notNull().defaultNow(),
    // The sales rep credited with the sale, the channel it came through, and the deal or chat it closed.
    ownerId: uuid("owner_id").references(() => users.id, { onDelete: "set null" }),
    channel: text("channel").$type<SalesChannel>(),
    dealId: uuid("deal_id").references((): AnyPgColumn => deals.id, { onDelete: "set null" }),
    conversationId: uuid("conversation_id").references(() => conversations.id, { onDelete: "set null" }),
    carrier: text("carrier"),
    trackingNumber: text("tracking_number"),
    estimatedDelivery: date("estimated_delivery"),
    // Wrong emails given in chats for this order since `ownership_failures_since`: the bot stops checking past a limit.
    ownershipFailures: integer("ownership_failures").notNull().default(0),
    ownershipFailuresSince: timestamp("ownership_failures_since", { withTimezone: true }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index("orders_customer_idx").on(t.customerId),
    index("orders_placed_idx").on(t.placedAt, t.id),
    index("orders_customer_placed_idx").on(t.customerId, t.placedAt),
    index("orders_status_placed_idx").on(t.status, t.placedAt),
  ],
);

/**
 * Sales per UTC day and currency, cancelled orders left out: kept by the same transaction that writes an order (see
 * the orders module), so that a year of figures by day, week or month reads a few hundred rows, not every order.
 */
export const salesDaily = pgTable(
  "sales_daily",
  {
    day: date("day").notNull(),
    currency: text("currency").notNull(),
    amountCents: bigint("amount_cents", { mode: "number" }).notNull().default(0),
    orderCount: integer("order_count").notNull().default(0),
    units: integer("units").notNull().default(0),
  },
  (t) => [primaryKey({ columns: [t.day, t.currency] })],
);

/** The same per product: `orderCount` counts the orders with at least one line of the product. */
export const salesDailyProducts = pgTable(
  "sales_daily_products",
  {
    day: date("day").notNull(),
    currency: text("currency").notNull(),
    productId: uuid("product_id")
      .notNull()
      .references(() => products.id, { onDelete: "cascade" }),
    amountCents: bigint("amount_cents", { mode: "number" }).notNull().default(0),
    orderCount: integer("order_count").notNull().default(0),
    units: integer("units").notNull().default(0),
  },
  (t) => [primaryKey({ columns: [t.day, t.currency, t.productId] }), index("sales_daily_products_product_idx").on(t.productId, t.day)],
);

/** A stage's place in the sales process: still open, or closed as won or lost. */
export type DealOutcome = "open" | "won" | "lost";

/** A stage of the deals pipeline, in `position` order, with the chance a deal in it is won (0–100). */
export const dealStages = pgTable("deal_stages", {
  id: uuid("id").primaryKey().defaultRandom(),
  key: text("key").notNull().unique(),
  name: text("name").notNull(),
  position: integer("position").notNull(),
  probability: integer("probability").notNull(),
  outcome: text("outcome").$type<DealOutcome>().notNull().default("open"),
  createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
});

/** Where a deal came from: an agent or the API, a customer's chat (a lead the NLP opened), or an import. */
export type DealSource = "manual" | "chat" | "import";

/** A deal: a sale in progress, owned by a rep, moving through the stages. */
export const deals = pgTable(
  "deals",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    title: text("title").notNull(),
    customerId: uuid("customer_id").references(() => customers.id, { onDelete: "set null" }),
    companyId: uuid("company_id").references(() => companies.id, { onDelete: "set null" }),
    ownerId: uuid("owner_id").references(() => users.id, { onDelete: "set null" }),
    amountCents: bigint("amount_cents", { mode: "number" }).notNull(),
    currency: text("currency").notNull().default("USD"),
    stageId: uuid("stage_id")
      .notNull()
      .references(() => dealStages.id),
    // Overrides the stage's probability when set (0–100).
    probability: integer("probability"),
    expectedCloseDate: date("expected_close_date"),
    conversationId: uuid("conversation_id").references(() => conversations.id, { onDelete: "set null" }),
    source: text("source").$type<DealSource>().notNull().default("manual"),
    // Set when the deal enters a won or lost stage, cleared when it leaves one.
    closedAt: timestamp("closed_at", { withTimezone: true }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index("deals_stage_idx").on(t.stageId),
    index("deals_owner_stage_idx").on(t.ownerId, t.stageId),
    index("deals_customer_idx").on(t.customerId),
    index("deals_closed_idx").on(t.closedAt),
    // The pipeline's open deals by currency and stage, without reading the closed ones kept for history.
    index("deals_open_idx").on(t.currency, t.stageId).where(sql`${t.closedAt} is null`),
    // A chat opens at most one lead.
    uniqueIndex("deals_chat_lead_uq").on(t.conversationId).where(sql`${t.source} = 'chat'`),
  ],
);

/** Every stage a deal entered: who moved it, when, from where (null for the first). */
export const dealStageChanges = pgTable(
  "deal_stage_changes",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    dealId: uuid("deal_id")
      .notNull()
      .references(() => deals.id, { onDelete: "cascade" }),
    fromStageId: uuid("from_stage_id").references(() => dealStages.id),
    toStageId: uuid("to_stage_id")
      .notNull()
      .references(() => dealStages.id),
    actorType: text("actor_type").$type<"user" | "api_key" | "system">().notNull(),
    actorId: uuid("actor_id"),
    actorName: text("actor_name"),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("deal_stage_changes_deal_idx").on(t.dealId, t.createdAt)],
);

/**
 * A sales target for one period ("2026-12" or "2026-Q4"): of one rep (`ownerId`), or of a team (`team`, "all" for
 * everyone); one per owner or team and period.
 */
export const salesTargets = pgTable(
  "sales_targets",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    ownerId: uuid("owner_id").references(() => users.id, { onDelete: "cascade" }),
    team: text("team"),
    period: text("period").notNull(),
    amountCents: bigint("amount_cents", { mode: "number" }).notNull(),
    currency: text("currency").notNull().default("USD"),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex("sales_targets_who_period_uq").on(sql`coalesce(${t.ownerId}::text, 'team:' || ${t.team})`, t.period)],
);

/**
 * A console user who sells: how many open deals they can hold (null: no limit) and the segments or regions they
 * cover (empty: any). The lead-assignment plan assigns within these.
 */
export const salesReps = pgTable("sales_reps", {
  userId: uuid("user_id")
    .primaryKey()
    .references(() => users.id, { onDelete: "cascade" }),
  capacity: integer("capacity"),
  segments: text("segments").array().notNull().default(sql`'{}'::text[]`),
  active: boolean("active").notNull().default(true),
  updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
});

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
