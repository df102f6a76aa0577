/** Knowledge-base articles the bot answers FAQ intents from, and the runs that retrain the intent model. */
import { boolean, integer, jsonb, pgTable, real, text, timestamp, uuid } from "drizzle-orm/pg-core";

/** An FAQ answer: the intents it answers and the example questions that teach the intent model to recognise them. */
export const kbArticles = pgTable("kb_articles", {
  id: uuid("id").primaryKey().defaultRandom(),
  title: text("title").notNull(),
  body: text("body").notNull(),
  intents: jsonb("intents").$type<string[]>().notNull().default([]),
  examples: jsonb("examples").$type<string[]>().notNull().default([]),
  published: boolean("published").notNull().default(true),
  createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
});

/** One retraining of the intent model: queued, running with progress, then accepted (hot-swapped) or refused with both accuracies. */
export const intentTrainings = pgTable("intent_trainings", {
  id: uuid("id").primaryKey().defaultRandom(),
  status: text("status").$type<"queued" | "running" | "succeeded" | "failed">().notNull().default("queued"),
  progress: real("progress").notNull().default(0),
  examples: integer("examples"),
  addedExamples: integer("added_examples"),
  accuracyBefore: real("accuracy_before"),
  accuracyAfter: real("accuracy_after"),
  accepted: boolean("accepted"),
  reason: text("reason"),
  seconds: real("seconds"),
  modelVersion: text("model_version"),
  requestedBy: uuid("requested_by"),
  createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  finishedAt: timestamp("finished_at", { withTimezone: true }),
});
