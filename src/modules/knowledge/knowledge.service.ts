/** Knowledge use cases: admins write the bot's answers (audited); the bot reads the one for an intent, remembered briefly. */
import { LRUCache } from "lru-cache";
import { AppError } from "../../errors.ts";
import { recordAudit, type AuditActor } from "../audit/index.ts";
import type { ServiceDeps } from "../deps.ts";
import { deleteArticle, findArticle, findArticleByIntent, insertArticle, listArticleRows, updateArticle, type ArticleRow, type ArticleValues } from "./knowledge.repo.ts";

/** How long an answer is remembered: an article edited on another node reaches this node's bot within this time. */
const ARTICLE_TTL_MS = 30_000;
const caches = new WeakMap<object, LRUCache<string, { row: ArticleRow | undefined }>>();

/** The published article that answers an intent, if any, remembered for 30 s per database (a change on this node clears it). */
export async function articleForIntent(deps: Pick<ServiceDeps, "db">, intent: string): Promise<ArticleRow | undefined> {
  let cache = caches.get(deps.db);
  if (!cache) caches.set(deps.db, (cache = new LRUCache({ max: 1000, ttl: ARTICLE_TTL_MS })));
  const hit = cache.get(intent);
  if (hit) return hit.row;
  const row = await findArticleByIntent(deps.db, intent);
  cache.set(intent, { row });
  return row;
}

/** What an admin gives for an article. */
export type ArticleInput = { title: string; body: string; intents: string[]; examples?: string[]; published?: boolean };

const view = (row: ArticleRow): Record<string, unknown> => ({ title: row.title, body: row.body, intents: row.intents, examples: row.examples, published: row.published });

/** Every article by title. */
export async function listArticles(deps: Pick<ServiceDeps, "db">): Promise<ArticleRow[]> {
  return listArticleRows(deps.db);
}

/** One article, or KB_ARTICLE_NOT_FOUND. */
export async function getArticle(deps: Pick<ServiceDeps, "db">, id: string): Promise<ArticleRow> {
  const row = await findArticle(deps.db, id);
  if (!row) throw new AppError("KB_ARTICLE_NOT_FOUND");
  return row;
}

/** Adds an article (published unless said otherwise); the bot answers its intents with it at once on this node. */
export async function createArticle(deps: ServiceDeps, actor: AuditActor, input: ArticleInput): Promise<ArticleRow> {
  const values: ArticleValues = { title: input.title, body: input.body, intents: input.intents, examples: input.examples ?? [], published: input.published ?? true };
  const row = await deps.db.transaction(async (tx) => {
    const created = await insertArticle(tx, values, deps.now());
    await recordAudit(tx, actor, { action: "kb_article.created", targetType: "kb_article", targetId: created.id, after: view(created) }, deps.now());
    return created;
  });
  caches.get(deps.db)?.clear();
  return row;
}

/** Changes an article's title, body, intents, examples or publication. */
export async function changeArticle(deps: ServiceDeps, actor: AuditActor, id: string, patch: Partial<ArticleInput>): Promise<ArticleRow> {
  const before = await getArticle(deps, id);
  const row = await deps.db.transaction(async (tx) => {
    const after = await updateArticle(tx, id, patch, deps.now());
    if (!after) throw new AppError("KB_ARTICLE_NOT_FOUND");
    await recordAudit(tx, actor, { action: "kb_article.updated", targetType: "kb_article", targetId: id, before: view(before), after: view(after) }, deps.now());
    return after;
  });
  caches.get(deps.db)?.clear();
  return row;
}

/** Deletes an article; its intents are handed to a person from then on unless another article answers them. */
export async function removeArticle(deps: ServiceDeps, actor: AuditActor, id: string): Promise<void> {
  await deps.db.transaction(async (tx) => {
    const removed = await deleteArticle(tx, id);
    if (!removed) throw new AppError("KB_ARTICLE_NOT_FOUND");
    await recordAudit(tx, actor, { action: "kb_article.deleted", targetType: "kb_article", targetId: id, before: view(removed), after: null }, deps.now());
  });
  caches.get(deps.db)?.clear();
}
