/** A conversation's private notes: loaded when it opens, kept live from the console socket, added by the composer. */
import { useCallback, useEffect, useState } from "preact/hooks";
import type { ConversationNoteDTO } from "../../../src/contracts/helpdesk.ts";
import { addNote, listNotes } from "../api/helpdesk-endpoints.ts";
import { onNote } from "../realtime/helpdesk-events.ts";

/** The notes of the open conversation and a function adding one (it rejects with the server's error). */
export function useNotes(conversationId: string | null): { notes: ConversationNoteDTO[]; failed: boolean; add: (text: string) => Promise<void> } {
  const [state, setState] = useState<{ id: string | null; notes: ConversationNoteDTO[]; failed: boolean }>({ id: null, notes: [], failed: false });

  const merge = useCallback((note: ConversationNoteDTO) => {
    setState((now) => (now.id === note.conversationId && !now.notes.some((n) => n.id === note.id) ? { ...now, notes: [...now.notes, note] } : now));
  }, []);

  useEffect(() => {
    setState({ id: conversationId, notes: [], failed: false });
    if (!conversationId) return undefined;
    let live = true;
    listNotes(conversationId).then(
      (notes) => live && setState((now) => (now.id === conversationId ? { ...now, notes: [...notes, ...now.notes.filter((n) => !notes.some((m) => m.id === n.id))] } : now)),
      () => live && setState((now) => (now.id === conversationId ? { ...now, failed: true } : now)),
    );
    const off = onNote(merge);
    return () => {
      live = false;
      off();
    };
  }, [conversationId, merge]);

  const add = useCallback(
    async (text: string) => {
      if (!conversationId) return;
      merge(await addNote(conversationId, text));
    },
    [conversationId, merge],
  );
  return { notes: state.notes, failed: state.failed, add };
}
