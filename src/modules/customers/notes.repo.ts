/** Queries on the notes agents write on customers. */
import { and, desc, eq, lt, or, type SQL } from "drizzle-orm";
import { tables, type Database } from "../../db/index.ts";
import type { ActorRef } from "./customers.actors.ts";

/** A note row. */
export type NoteRow = typeof tables.customerNotes.$inferSelect;

/** Keyset cursor of a customer's notes: creation time and id of the previous page's last note. */
export type NoteCursor = { at: string; id: string };

const n = tables.customerNotes;

/** A customer's notes, newest first, after the cursor (customer_notes_customer_idx). */
export async function listNotes(db: Database, customerId: string, cursor: NoteCursor | null, limit: number): Promise<NoteRow[]> {
  const conditions: SQL[] = [eq(n.customerId, customerId)];
  if (cursor) {
    const at = new Date(cursor.at);
    conditions.push(or(lt(n.createdAt, at), and(eq(n.createdAt, at), lt(n.id, cursor.id))) as SQL);
  }
  return db
    .select()
    .from(n)
    .where(and(...conditions))
    .orderBy(desc(n.createdAt), desc(n.id))
    .limit(limit);
}

/** Stores a note by its author. */
export async function insertNote(db: Database, note: { customerId: string; text: string; author: ActorRef; at: Date }): Promise<NoteRow> {
  const { actorType, actorId, actorName } = note.author;
  const [row] = await db
    .insert(n)
    .values({ customerId: note.customerId, text: note.text, authorType: actorType, authorId: actorId, authorName: actorName, createdAt: note.at, updatedAt: note.at })
    .returning();
  if (!row) throw new Error("note insert returned nothing");
  return row;
}

/** The note with this id on this customer (a note of another customer is not found). */
export async function findNote(db: Database, customerId: string, noteId: string): Promise<NoteRow | undefined> {
  const [row] = await db
    .select()
    .from(n)
    .where(and(eq(n.id, noteId), eq(n.customerId, customerId)))
    .limit(1);
  return row;
}

/** Replaces a note's text. */
export async function updateNoteText(db: Database, noteId: string, text: string, at: Date): Promise<NoteRow | undefined> {
  const [row] = await db.update(n).set({ text, updatedAt: at }).where(eq(n.id, noteId)).returning();
  return row;
}

/** Deletes a note. */
export async function deleteNote(db: Database, noteId: string): Promise<void> {
  await db.delete(n).where(eq(n.id, noteId));
}
