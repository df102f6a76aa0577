/** Notes on customers: agents (and API keys) write them; only their author edits or deletes them. */
import type { Scope } from "../../contracts/permissions.ts";
import { AppError } from "../../errors.ts";
import type { ServiceDeps } from "../deps.ts";
import { assertCan, type Actor } from "../policy/index.ts";
import { actorRef, loadLiveCustomer } from "./customers.actors.ts";
import { deleteNote, findNote, insertNote, listNotes, updateNoteText, type NoteCursor, type NoteRow } from "./notes.repo.ts";

type Deps = Pick<ServiceDeps, "db" | "now">;

/** A live customer's notes, newest first: `limit` after the cursor. */
export async function customerNotes(deps: Deps, customerId: string, cursor: NoteCursor | null, limit: number): Promise<NoteRow[]> {
  await loadLiveCustomer(deps, customerId);
  return listNotes(deps.db, customerId, cursor, limit);
}

/** Writes a note on a live customer, signed by whoever acts. */
export async function addNote(deps: Deps, actor: Actor, customerId: string, text: string): Promise<NoteRow> {
  await loadLiveCustomer(deps, customerId);
  return insertNote(deps.db, { customerId, text, author: actorRef(actor), at: deps.now() });
}

/** Whether the note is the actor's own: written by the same user, or the same API key. */
function noteScope(actor: Actor, note: NoteRow): Scope {
  const me = actorRef(actor);
  return note.authorType === me.actorType && note.authorId === me.actorId ? "own" : "others";
}

// The customer must be live and the note theirs (404 otherwise), and the actor its author (403 otherwise).
async function loadOwnNote(deps: Deps, actor: Actor, customerId: string, noteId: string): Promise<NoteRow> {
  await loadLiveCustomer(deps, customerId);
  const note = await findNote(deps.db, customerId, noteId);
  if (!note) throw new AppError("NOTE_NOT_FOUND");
  const scope = noteScope(actor, note);
  assertCan(actor, "note.edit", scope);
  // An API key's scopes hold for any note, but the matrix lets nobody touch another author's note.
  if (scope === "others") throw new AppError("FORBIDDEN", "Only a note's author may edit or delete it.");
  return note;
}

/** Changes the text of a note its author wrote. */
export async function editNote(deps: Deps, actor: Actor, customerId: string, noteId: string, text: string): Promise<NoteRow> {
  await loadOwnNote(deps, actor, customerId, noteId);
  const updated = await updateNoteText(deps.db, noteId, text, deps.now());
  if (!updated) throw new AppError("NOTE_NOT_FOUND");
  return updated;
}

/** Deletes a note its author wrote. */
export async function removeNote(deps: Deps, actor: Actor, customerId: string, noteId: string): Promise<void> {
  await loadOwnNote(deps, actor, customerId, noteId);
  await deleteNote(deps.db, noteId);
}
