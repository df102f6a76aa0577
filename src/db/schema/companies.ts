/** Companies (CRM accounts) that customers belong to. */
import { sql } from "drizzle-orm";
import { index, jsonb, pgTable, text, timestamp, uniqueIndex, uuid } from "drizzle-orm/pg-core";

/** A company; `domain` (lower-case, e.g. "acme.com") lets a new customer with an email there join it. */
export const companies = pgTable(
  "companies",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    name: text("name").notNull(),
    domain: text("domain"),
    attributes: jsonb("attributes").$type<Record<string, unknown>>().notNull().default({}),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex("companies_domain_uq").on(t.domain),
    // The list's order (name, then id): a keyset page reads its rows off the index instead of sorting every company.
    index("companies_name_idx").on(t.name, t.id),
    // Typo-tolerant search by company name (pg_trgm).
    index("companies_name_trgm_idx").using("gin", sql`lower(${t.name}) gin_trgm_ops`),
    // Search by the name's beginning or the whole name (lower-case).
    index("companies_name_prefix_idx").on(sql`lower(${t.name}) text_pattern_ops`),
  ],
);
