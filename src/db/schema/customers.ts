/** Customers, the channel identities they are known by, and what the CRM keeps about them (notes, timeline events, suggestions). */
import { sql } from "drizzle-orm";
import { bigserial, index, integer, jsonb, pgTable, text, timestamp, unique, uuid, type AnyPgColumn } from "drizzle-orm/pg-core";
import { companies } from "./companies.ts";

/**
 * A customer record (CRM contact). A merged record stays as a tombstone pointing at the record it was merged into; an
 * erased one stays with every personal field emptied (`erased_at` set). Lists and search see neither.
 */
export const customers = pgTable(
  "customers",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    name: text("name"),
    email: text("email"),
    phone: text("phone"),
    // The phone's digits alone, so "+1 (415) 555-0100" and "14155550100" find the same customer.
    phoneDigits: text("phone_digits").generatedAlwaysAs(sql`nullif(regexp_replace(coalesce(phone, ''), '[^0-9]', '', 'g'), '')`),
    tier: text("tier").$type<"standard" | "vip">().notNull().default("standard"),
    companyId: uuid("company_id").references(() => companies.id, { onDelete: "set null" }),
    tags: text("tags").array().notNull().default(sql`'{}'::text[]`),
    // The customer's segment (written by the insights module's clustering); filterable in lists.
    segment: text("segment"),
    attributes: jsonb("attributes").$type<Record<string, unknown>>().notNull().default({}),
    mergedIntoId: uuid("merged_into_id").references((): AnyPgColumn => customers.id, { onDelete: "set null" }),
    erasedAt: timestamp("erased_at", { withTimezone: true }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index("customers_email_idx").on(t.email),
    index("customers_phone_idx").on(t.phone),
    index("customers_company_idx").on(t.companyId),
    index("customers_phone_digits_idx").on(t.phoneDigits),
    index("customers_tags_idx").using("gin", t.tags),
    // Typo-tolerant search (pg_trgm) over live records only.
    index("customers_name_trgm_idx")
      .using("gin", sql`lower(${t.name}) gin_trgm_ops`)
      .where(sql`${t.mergedIntoId} is null and ${t.erasedAt} is null`),
    index("customers_email_trgm_idx")
      .using("gin", sql`${t.email} gin_trgm_ops`)
      .where(sql`${t.mergedIntoId} is null and ${t.erasedAt} is null`),
    // A search's beginning (name, email) walks these in order: a common prefix ("anna") costs the same as a rare one.
    index("customers_name_prefix_idx")
      .on(sql`lower(${t.name}) text_pattern_ops`)
      .where(sql`${t.mergedIntoId} is null and ${t.erasedAt} is null`),
    index("customers_email_prefix_idx")
      .on(sql`${t.email} text_pattern_ops`)
      .where(sql`${t.mergedIntoId} is null and ${t.erasedAt} is null`),
    // The words of a name, so that a search can ask for the customers whose name has one of a few words (see
    // customerNameWords).
    index("customers_name_words_idx")
      .using("gin", sql`regexp_split_to_array(lower(${t.name}), '\\s+')`)
      .where(sql`${t.mergedIntoId} is null and ${t.erasedAt} is null`),
    index("customers_phone_digits_trgm_idx")
      .using("gin", sql`${t.phoneDigits} gin_trgm_ops`)
      .where(sql`${t.mergedIntoId} is null and ${t.erasedAt} is null`),
    // A phone number typed without its country code is the end of the stored digits: a prefix of the reversed digits.
    index("customers_phone_digits_reverse_idx")
      .on(sql`reverse(${t.phoneDigits}) text_pattern_ops`)
      .where(sql`${t.mergedIntoId} is null and ${t.erasedAt} is null`),
    // The default list: newest first, keyset-paginated.
    index("customers_live_created_idx").on(t.createdAt, t.id).where(sql`${t.mergedIntoId} is null and ${t.erasedAt} is null`),
  ],
);

/**
 * Every word that occurs in a customer's name, with how many times (kept by triggers on customers, migration 0010: a
 * word no name holds any more is deleted, so an erased name leaves no trace here). A misspelt name is corrected word by
 * word against this short list (a trigram lookup over thousands of words rather than over every customer), and the
 * customers are then found by their names' words (customers_name_words_idx).
 */
export const customerNameWords = pgTable(
  "customer_name_words",
  {
    word: text("word").primaryKey(),
    occurrences: integer("occurrences").notNull(),
  },
  (t) => [
    index("customer_name_words_trgm_idx").using("gin", sql`${t.word} gin_trgm_ops`),
    // Words whose count fell to zero, deleted at the end of the statement that emptied them.
    index("customer_name_words_unused_idx").on(t.word).where(sql`${t.occurrences} <= 0`),
  ],
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

/** Who did something on a customer's record: a console user, an API key, the system (an import, the NLP) or the customer. */
export type CrmActorType = "user" | "api_key" | "system" | "customer";

/** A note an agent wrote on a customer (shown on the timeline; editable by its author). */
export const customerNotes = pgTable(
  "customer_notes",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    customerId: uuid("customer_id")
      .notNull()
      .references(() => customers.id, { onDelete: "cascade" }),
    authorType: text("author_type").$type<CrmActorType>().notNull(),
    authorId: uuid("author_id"),
    authorName: text("author_name"),
    text: text("text").notNull(),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("customer_notes_customer_idx").on(t.customerId, t.createdAt)],
);

/**
 * What happened to a customer's record that no other table keeps: profile changes (field, before, after), tags and
 * company changes, merges, suggestions accepted, erasure (who and when, not what). The timeline reads these beside
 * conversations, ticket events, orders and notes.
 */
export const customerEvents = pgTable(
  "customer_events",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    customerId: uuid("customer_id")
      .notNull()
      .references(() => customers.id, { onDelete: "cascade" }),
    type: text("type").notNull(),
    actorType: text("actor_type").$type<CrmActorType>().notNull(),
    actorId: uuid("actor_id"),
    actorName: text("actor_name"),
    data: jsonb("data").$type<Record<string, unknown>>().notNull().default({}),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("customer_events_customer_idx").on(t.customerId, t.createdAt)],
);

/**
 * A contact detail the NLP found in a customer's message that the profile lacks (an email, a phone, a name, an order
 * number), with the message it came from; open until an agent accepts or dismisses it.
 */
export const customerSuggestions = pgTable(
  "customer_suggestions",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    customerId: uuid("customer_id")
      .notNull()
      .references(() => customers.id, { onDelete: "cascade" }),
    field: text("field").$type<"email" | "phone" | "name" | "order">().notNull(),
    value: text("value").notNull(),
    messageId: uuid("message_id"),
    conversationId: uuid("conversation_id"),
    status: text("status").$type<"open" | "accepted" | "dismissed">().notNull().default("open"),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [unique("customer_suggestions_value_uq").on(t.customerId, t.field, t.value), index("customer_suggestions_customer_idx").on(t.customerId, t.status)],
);
