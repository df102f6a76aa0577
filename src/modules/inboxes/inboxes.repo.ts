/** Queries on inboxes. */
import { eq } from "drizzle-orm";
import { tables, type Database } from "../../db/index.ts";

/** An inbox row. */
export type InboxRow = typeof tables.inboxes.$inferSelect;

/** Finds an inbox by id. */
export async function findInbox(db: Database, id: string): Promise<InboxRow | undefined> {
  const [row] = await db.select().from(tables.inboxes).where(eq(tables.inboxes.id, id)).limit(1);
  return row;
}

/** Lists every inbox, oldest first. */
export async function listInboxes(db: Database): Promise<InboxRow[]> {
  return db.select().from(tables.inboxes).orderBy(tables.inboxes.createdAt);
}

const INBOX_TTL_MS = 30_000;
const inboxCache = new WeakMap<object, Map<string, { at: number; row: InboxRow | undefined }>>();

/** Finds an inbox, remembering the answer for 30 s (inboxes change rarely; every inbound message asks). */
export async function findInboxCached(db: Database, id: string): Promise<InboxRow | undefined> {
  let cache = inboxCache.get(db);
  if (!cache) inboxCache.set(db, (cache = new Map()));
  const hit = cache.get(id);
  if (hit && Date.now() - hit.at < INBOX_TTL_MS) return hit.row;
  const row = await findInbox(db, id);
  if (cache.size > 10_000) cache.clear();
  cache.set(id, { at: Date.now(), row });
  return row;
}

/** Adds an inbox. */
export async function insertInbox(
  db: Database,
  values: { id: string; name: string; channel: string; sealedSettings: string | null; enabled?: boolean; tokenHash?: string | null },
): Promise<InboxRow> {
  const [row] = await db.insert(tables.inboxes).values(values).returning();
  return row!;
}

/** Changes an inbox's name, sealed settings, enabled flag, token hash or widget look; undefined when it does not exist. */
export async function updateInboxRow(
  db: Database,
  id: string,
  patch: { name?: string; sealedSettings?: string | null; enabled?: boolean; tokenHash?: string; widgetLook?: InboxRow["widgetLook"]; settings?: InboxRow["settings"] },
): Promise<InboxRow | undefined> {
  const [row] = await db.update(tables.inboxes).set(patch).where(eq(tables.inboxes.id, id)).returning();
  inboxCache.get(db)?.delete(id);
  return row;
}

/** Deletes an inbox; false when it did not exist. Fails with PostgreSQL's foreign-key violation while conversations use it. */
export async function deleteInboxRow(db: Database, id: string): Promise<boolean> {
  const rows = await db.delete(tables.inboxes).where(eq(tables.inboxes.id, id)).returning({ id: tables.inboxes.id });
  inboxCache.get(db)?.delete(id);
  return rows.length > 0;
}

/** Replaces an inbox's identity secret and returns the new one (undefined when the inbox does not exist). */
export async function replaceInboxSecret(db: Database, id: string, secret: string): Promise<string | undefined> {
  const [row] = await db.update(tables.inboxes).set({ secret }).where(eq(tables.inboxes.id, id)).returning({ secret: tables.inboxes.secret });
  inboxCache.get(db)?.delete(id);
  return row?.secret;
}

/** Id of the web inbox a production install starts with (the widget's `data-inbox`). */
export const DEFAULT_WEB_INBOX_ID = "website";
/** Id of the inbox that conversations from the Bot Framework channel arrive in. */
export const BOT_FRAMEWORK_INBOX_ID = "botframework";

/**
 * Creates what every install needs to take conversations: a web inbox for the widget when there is none, and the Bot
 * Framework inbox. No credential is preset: each inbox's identity secret is drawn at random; returns the ids it created.
 */
export async function ensureDefaultInboxes(db: Database): Promise<string[]> {
  const created: string[] = [];
  const [web] = await db.select({ id: tables.inboxes.id }).from(tables.inboxes).where(eq(tables.inboxes.channel, "web")).limit(1);
  const wanted = [
    ...(web ? [] : [{ id: DEFAULT_WEB_INBOX_ID, name: "Website", channel: "web" }]),
    { id: BOT_FRAMEWORK_INBOX_ID, name: "Chat apps (Bot Framework)", channel: "botframework" },
  ];
  const rows = await db.insert(tables.inboxes).values(wanted).onConflictDoNothing().returning({ id: tables.inboxes.id });
  for (const row of rows) created.push(row.id);
  return created;
}
