/** Messages this process committed recently, so announcing and answering them does not read them back (messages never change once stored). */
import type { Database } from "../../db/index.ts";
import type { MessageRow } from "./conversations.repo.ts";

/** How many recently committed messages each database handle remembers. */
const CAPACITY = 5_000;

// One cache per database handle, so two servers in one process (tests) never share rows.
const caches = new WeakMap<Database, Map<string, MessageRow>>();

/** Remembers a message this process has just committed. */
export function rememberMessage(db: Database, row: MessageRow): void {
  let cache = caches.get(db);
  if (!cache) caches.set(db, (cache = new Map()));
  cache.set(row.id, row);
  // Maps iterate in insertion order: the first key is the oldest.
  if (cache.size > CAPACITY) cache.delete(cache.keys().next().value as string);
}

/** A message this process committed recently, if it still remembers it. */
export function recentMessage(db: Database, id: string): MessageRow | undefined {
  return caches.get(db)?.get(id);
}
