/** Knowledge-base articles the bot answers FAQ intents from. */
import { boolean, pgTable, text, timestamp, uuid } from "drizzle-orm/pg-core";

/** An FAQ answer, keyed by the intent it answers. */
export const kbArticles = pgTable("kb_articles", {
  id: uuid("id").primaryKey().defaultRandom(),
  intent: text("intent").notNull().unique(),
  title: text("title").notNull(),
  body: text("body").notNull(),
  published: boolean("published").notNull().default(true),
  createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
});
