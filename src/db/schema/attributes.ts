/** Definitions of the custom attributes customers and companies carry (validated on write). */
import { jsonb, pgTable, primaryKey, text, timestamp } from "drizzle-orm/pg-core";

/** The value types a custom attribute can have. */
export type AttributeType = "text" | "number" | "date" | "boolean" | "list";

/** One custom attribute: its key in `attributes`, the label the console shows, its type and, for lists, the options. */
export const attributeDefinitions = pgTable(
  "attribute_definitions",
  {
    entity: text("entity").$type<"customer" | "company">().notNull().default("customer"),
    key: text("key").notNull(),
    label: text("label").notNull(),
    type: text("type").$type<AttributeType>().notNull(),
    options: jsonb("options").$type<string[]>().notNull().default([]),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.entity, t.key] })],
);
