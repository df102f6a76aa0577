/** Queries on private conversation notes and notifications. */
import { and, asc, desc, eq, isNull, lt, or, type SQL } from "drizzle-orm";
import { tables, type Database } from "../../db/index.ts";

/** A note row. */
export type NoteRow = typeof tables.conversationNotes.$inferSelect;
/** A notification row. */
export type NotificationRow = typeof tables.notifications.$inferSelect;

/** A conversation's notes, oldest first. */
export async function listNotes(db: Database, conversationId: string): Promise<NoteRow[]> {
  const n = tables.conversationNotes;
  return db.select().from(n).where(eq(n.conversationId, conversationId)).orderBy(asc(n.createdAt), asc(n.id)).limit(500);
}

/** Finds a note. */
export async function findNote(db: Database, id: string): Promise<NoteRow | undefined> {
  const [row] = await db.select().from(tables.conversationNotes).where(eq(tables.conversationNotes.id, id)).limit(1);
  return row;
}

/** Inserts a note and a notification for each mentioned user. */
export async function insertNoteWithNotifications(
  db: Database,
  note: typeof tables.conversationNotes.$inferInsert,
  notify: (noteId: string) => (typeof tables.notifications.$inferInsert)[],
): Promise<{ note: NoteRow; notifications: NotificationRow[] }> {
  return db.transaction(async (tx) => {
    const [row] = await tx.insert(tables.conversationNotes).values(note).returning();
    const values = notify(row.id);
    const notifications = values.length ? await tx.insert(tables.notifications).values(values).returning() : [];
    return { note: row, notifications };
  });
}

/** Inserts one notification. */
export async function insertNotification(db: Database, values: typeof tables.notifications.$inferInsert): Promise<NotificationRow> {
  const [row] = await db.insert(tables.notifications).values(values).returning();
  return row;
}

/** Active users, for resolving @mentions. */
export async function mentionableUsers(db: Database): Promise<{ id: string; name: string; email: string }[]> {
  const u = tables.users;
  return db.select({ id: u.id, name: u.name, email: u.email }).from(u).where(eq(u.active, true));
}

/** Finds a notification. */
export async function findNotification(db: Database, id: string): Promise<NotificationRow | undefined> {
  const [row] = await db.select().from(tables.notifications).where(eq(tables.notifications.id, id)).limit(1);
  return row;
}

/** A user's notifications, newest first, optionally unread only, before a keyset cursor. */
export async function listNotifications(
  db: Database,
  userId: string,
  options: { unread: boolean; before?: { at: Date; id: string }; limit: number },
): Promise<NotificationRow[]> {
  const n = tables.notifications;
  const conditions: SQL[] = [eq(n.userId, userId)];
  if (options.unread) conditions.push(isNull(n.readAt));
  if (options.before) conditions.push(or(lt(n.createdAt, options.before.at), and(eq(n.createdAt, options.before.at), lt(n.id, options.before.id))) as SQL);
  return db
    .select()
    .from(n)
    .where(and(...conditions))
    .orderBy(desc(n.createdAt), desc(n.id))
    .limit(options.limit);
}

/** Marks one of a user's notifications read (once); undefined when it is not theirs. */
export async function markNotificationRead(db: Database, userId: string, id: string, at: Date): Promise<NotificationRow | undefined> {
  const n = tables.notifications;
  const [row] = await db
    .update(n)
    .set({ readAt: at })
    .where(and(eq(n.id, id), eq(n.userId, userId), isNull(n.readAt)))
    .returning();
  return row ?? (await db.select().from(n).where(and(eq(n.id, id), eq(n.userId, userId))).limit(1))[0];
}
