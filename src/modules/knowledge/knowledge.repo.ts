/** Queries on knowledge-base articles. */
import { and, asc, desc, eq, sql } from "drizzle-orm";
import { tables, type Database } from "../../db/index.ts";
import { preparedOnce } from "../../db/prepared.ts";

/** A knowledge-base article row. */
export type ArticleRow = typeof tables.kbArticles.$inferSelect;
/** What an article is made of. */
export type ArticleValues = Pick<ArticleRow, "title" | "body" | "intents" | "examples" | "published">;

/** Finds the published article that answers an intent (the most recently changed one when several do). */
export async function findArticleByIntent(db: Database, intent: string): Promise<ArticleRow | undefined> {
  const a = tables.kbArticles;
  const query = preparedOnce(db, "published_article_by_intents", (name) =>
    db
      .select()
      .from(a)
      .where(and(sql`${a.intents} @> jsonb_build_array(${sql.placeholder("intent")}::text)`, eq(a.published, true)))
      .orderBy(desc(a.updatedAt))
      .limit(1)
      .prepare(name),
  );
  const [row] = await query.execute({ intent });
  return row;
}

/** Every article by title. */
export async function listArticleRows(db: Database): Promise<ArticleRow[]> {
  return db.select().from(tables.kbArticles).orderBy(asc(tables.kbArticles.title), asc(tables.kbArticles.id));
}

/** One article. */
export async function findArticle(db: Database, id: string): Promise<ArticleRow | undefined> {
  const [row] = await db.select().from(tables.kbArticles).where(eq(tables.kbArticles.id, id)).limit(1);
  return row;
}

/** Inserts an article. */
export async function insertArticle(db: Database, values: ArticleValues, at: Date): Promise<ArticleRow> {
  const [row] = await db.insert(tables.kbArticles).values({ ...values, createdAt: at, updatedAt: at }).returning();
  return row;
}

/** Changes an article. */
export async function updateArticle(db: Database, id: string, changes: Partial<ArticleValues>, at: Date): Promise<ArticleRow | undefined> {
  const [row] = await db.update(tables.kbArticles).set({ ...changes, updatedAt: at }).where(eq(tables.kbArticles.id, id)).returning();
  return row;
}

/** Deletes an article. */
export async function deleteArticle(db: Database, id: string): Promise<ArticleRow | undefined> {
  const [row] = await db.delete(tables.kbArticles).where(eq(tables.kbArticles.id, id)).returning();
  return row;
}

/** Every article's example questions labelled with the article's first intent (what retraining adds to the shipped examples). */
export async function articleExamples(db: Database): Promise<{ text: string; label: string }[]> {
  const rows = await db.select({ intents: tables.kbArticles.intents, examples: tables.kbArticles.examples }).from(tables.kbArticles);
  return rows.flatMap((row) => (row.intents[0] ? row.examples.map((text) => ({ text, label: row.intents[0] })) : []));
}
