/** A private note in the thread: set apart (yellow, "Private note"), never part of what the customer sees. */
import type { ConversationNoteDTO } from "../../../src/contracts/helpdesk.ts";
import { formatRelativeTime } from "../format.ts";
import { HELPDESK_TEXT } from "../helpdesk-strings.ts";

/** One note. */
export function NoteItem(props: { note: ConversationNoteDTO }) {
  const { note } = props;
  return (
    <li class="msg msg--note" data-testid="note-item" data-note-id={note.id}>
      <div class="note-bubble">
        <div class="note-bubble__head">
          <span class="tag tag--note">{HELPDESK_TEXT.noteBadge}</span>
          <strong>{note.author.name}</strong>
          <time dateTime={note.createdAt} title={new Date(note.createdAt).toLocaleString()}>
            {formatRelativeTime(note.createdAt)}
          </time>
        </div>
        <p class="note-bubble__text">{note.text}</p>
      </div>
    </li>
  );
}
