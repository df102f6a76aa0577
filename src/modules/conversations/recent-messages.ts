/**
 * Messages this process committed recently, so announcing and answering them does not read them back (messages never
 * change once stored, except when a customer is erased: then the container calls forgetRecentMessages).
 */
import { LRUCache } from "lru-cache";
import type { Database } from "../../db/index.ts";
import type { MessageRow } from "./conversations.repo.ts";

// One cache per database handle, so two servers in one process (tests) never share rows.
const caches = new WeakMap<Database, LRUCache<string, MessageRow>>();

/** Remembers a message this process has just committed. */
export function rememberMessage(db: Database, row: MessageRow): void {
  let cache = caches.get(db);
  if (!cache) caches.set(db, (cache = new LRUCache<string, MessageRow>({ max: 5_000 })));
  cache.set(row.id, row);
}

/** Forgets one remembered message (its stored row changed: a reply's delivery status). */
export function forgetRecentMessage(db: Database, id: string): void {
  caches.get(db)?.delete(id);
}

/** A message this process committed recently, if it still remembers it. */
export function recentMessage(db: Database, id: string): MessageRow | undefined {
  return caches.get(db)?.get(id);
}

/** Where a conversation lives: its channel and the channel's id for it. Neither changes, until an erasure drops the id. */
export type ConversationAddress = { channel: string; externalId: string | null };

const addressCaches = new WeakMap<Database, LRUCache<string, ConversationAddress>>();

/** Remembers a conversation's channel and external id (safe to keep: only an erasure changes them, and forgets them all). */
export function rememberAddress(db: Database, id: string, address: ConversationAddress): void {
  let cache = addressCaches.get(db);
  if (!cache) addressCaches.set(db, (cache = new LRUCache<string, ConversationAddress>({ max: 50_000 })));
  cache.set(id, address);
}

/** A conversation's channel and external id, if this process has seen the conversation recently. */
export function recentAddress(db: Database, id: string): ConversationAddress | undefined {
  return addressCaches.get(db)?.get(id);
}

/** Forgets every remembered message and address (a customer's erasure rewrote some; it is rare enough to drop them all). */
export function forgetRecentMessages(db: Database): void {
  caches.get(db)?.clear();
  addressCaches.get(db)?.clear();
}
