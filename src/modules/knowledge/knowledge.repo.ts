/** Queries on knowledge-base articles. */
import { and, eq } from "drizzle-orm";
import { tables, type Database } from "../../db/index.ts";

/** A knowledge-base article row. */
export type ArticleRow = typeof tables.kbArticles.$inferSelect;

/** Finds the published article that answers an intent. */
export async function findArticleByIntent(db: Database, intent: string): Promise<ArticleRow | undefined> {
  const [row] = await db
    .select()
    .from(tables.kbArticles)
    .where(and(eq(tables.kbArticles.intent, intent), eq(tables.kbArticles.published, true)))
    .limit(1);
  return row;
}
