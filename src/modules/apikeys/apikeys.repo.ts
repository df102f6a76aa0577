/** Queries on API keys. */
import { and, desc, eq, isNull, lt, or, sql } from "drizzle-orm";
import { tables, type Database } from "../../db/index.ts";

/** An API key row. */
export type ApiKeyRow = typeof tables.apiKeys.$inferSelect;

/** Stores a new key (its hash, never the token). */
export async function insertApiKey(db: Database, key: Pick<ApiKeyRow, "name" | "tokenHash" | "prefix" | "scopes" | "createdBy">): Promise<ApiKeyRow> {
  const [row] = await db.insert(tables.apiKeys).values(key).returning();
  if (!row) throw new Error("api key insert returned nothing");
  return row;
}

/** The live (not revoked) key with this token hash. */
export async function findLiveKeyByHash(db: Database, tokenHash: string): Promise<ApiKeyRow | undefined> {
  const k = tables.apiKeys;
  const [row] = await db.select().from(k).where(and(eq(k.tokenHash, tokenHash), isNull(k.revokedAt))).limit(1);
  return row;
}

/** Every key, newest first (revoked ones too: the list shows when they were revoked). */
export async function listApiKeys(db: Database): Promise<ApiKeyRow[]> {
  return db.select().from(tables.apiKeys).orderBy(desc(tables.apiKeys.createdAt));
}

/** Marks a key revoked; undefined when there is no such key. Revoking twice keeps the first time. */
export async function revokeApiKey(db: Database, id: string, at: Date): Promise<ApiKeyRow | undefined> {
  const k = tables.apiKeys;
  const [row] = await db
    .update(k)
    .set({ revokedAt: sql`coalesce(${k.revokedAt}, ${at.toISOString()}::timestamptz)` })
    .where(eq(k.id, id))
    .returning();
  return row;
}

/** Records a use unless one was recorded less than `everyMs` ago (by this node or another). */
export async function touchApiKey(db: Database, id: string, at: Date, everyMs: number): Promise<void> {
  const k = tables.apiKeys;
  const staleBefore = new Date(at.getTime() - everyMs);
  await db
    .update(k)
    .set({ lastUsedAt: at })
    .where(and(eq(k.id, id), or(isNull(k.lastUsedAt), lt(k.lastUsedAt, staleBefore))));
}
