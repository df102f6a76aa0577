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
