/** Queries on knowledge-base articles. */
import { and, eq, sql } from "drizzle-orm";
import { tables, type Database } from "../../db/index.ts";
import { preparedOnce } from "../../db/prepared.ts";

/** A knowledge-base article row. */
export type ArticleRow = typeof tables.kbArticles.$inferSelect;

/** Finds the published article that answers an intent. */
export async function findArticleByIntent(db: Database, intent: string): Promise<ArticleRow | undefined> {
  const a = tables.kbArticles;
  const query = preparedOnce(db, "published_article_by_intent", (name) =>
    db
      .select()
      .from(a)
      .where(and(eq(a.intent, sql.placeholder("intent")), eq(a.published, true)))
      .limit(1)
      .prepare(name),
  );
  const [row] = await query.execute({ intent });
  return row;
}
