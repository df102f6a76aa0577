/** CSV imports of customers or companies, run as jobs with progress. */
import { customType, integer, jsonb, pgTable, text, timestamp, uuid } from "drizzle-orm/pg-core";

const bytea = customType<{ data: Buffer }>({ dataType: () => "bytea" });

/** A row the import skipped, and why. */
export type ImportRowError = { row: number; field: string; message: string };

/** One import: the uploaded file (kept until the job has read it), its progress and the rows it skipped. */
export const imports = pgTable("imports", {
  id: uuid("id").primaryKey().defaultRandom(),
  kind: text("kind").$type<"customers" | "companies">().notNull(),
  status: text("status").$type<"queued" | "running" | "completed" | "failed">().notNull().default("queued"),
  filename: text("filename"),
  file: bytea("file"),
  total: integer("total"),
  processed: integer("processed").notNull().default(0),
  created: integer("created").notNull().default(0),
  updated: integer("updated").notNull().default(0),
  failed: integer("failed").notNull().default(0),
  errors: jsonb("errors").$type<ImportRowError[]>().notNull().default([]),
  message: text("message"),
  createdBy: uuid("created_by"),
  createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  finishedAt: timestamp("finished_at", { withTimezone: true }),
});
