/** Note row → DTO. */
import type { NoteDTO } from "../../contracts/crm.ts";
import { presentActorRef } from "./customers.actors.ts";
import type { NoteRow } from "./notes.repo.ts";

/** Presents a note with its author. */
export function presentNote(row: NoteRow): NoteDTO {
  return {
    id: row.id,
    customerId: row.customerId,
    text: row.text,
    author: presentActorRef({ actorType: row.authorType, actorId: row.authorId, actorName: row.authorName }),
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  };
}
