/** Knowledge use cases: the article that answers an intent, remembered briefly (the bot asks on every FAQ turn). */
import { LRUCache } from "lru-cache";
import type { ServiceDeps } from "../deps.ts";
import { findArticleByIntent, type ArticleRow } from "./knowledge.repo.ts";

/** How long an answer is remembered: an edited article reaches the bot within this time. */
const ARTICLE_TTL_MS = 30_000;
const caches = new WeakMap<object, LRUCache<string, { row: ArticleRow | undefined }>>();

/** The published article that answers an intent, if any, remembered for 30 s per database. */
export async function articleForIntent(deps: Pick<ServiceDeps, "db">, intent: string): Promise<ArticleRow | undefined> {
  let cache = caches.get(deps.db);
  if (!cache) caches.set(deps.db, (cache = new LRUCache({ max: 1000, ttl: ARTICLE_TTL_MS })));
  const hit = cache.get(intent);
  if (hit) return hit.row;
  const row = await findArticleByIntent(deps.db, intent);
  cache.set(intent, { row });
  return row;
}
