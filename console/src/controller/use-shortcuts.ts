/**
 * The console's keyboard shortcuts on the inbox: j/k next and previous conversation, r reply, n note, a assign to me,
 * e or Ctrl+Enter resolve, Ctrl+K search, ? the list of shortcuts. Letters never fire while a text field has the focus
 * (there they are text; Enter sends in the reply box), nor while a dialog is open.
 */
import { useEffect, useRef } from "preact/hooks";
import type { ConsoleState } from "../store/types.ts";
import type { ConsoleOperations } from "./operations.ts";

/** Whether the key was typed into something that takes text. */
function inTextField(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  if (target.isContentEditable) return true;
  if (target instanceof HTMLTextAreaElement || target instanceof HTMLSelectElement) return true;
  if (target instanceof HTMLInputElement) return !["button", "checkbox", "radio", "submit", "reset", "range", "color"].includes(target.type);
  return false;
}

/** The conversation ids of the list on screen, in order. */
function listOrder(state: ConsoleState): string[] {
  return state.view === "tickets" ? state.tickets.items.map((t) => t.conversationId) : state.conversations.items.map((c) => c.id);
}

/** Focuses an element after the views have rendered the change. */
function focusSoon(find: () => HTMLElement | null): void {
  requestAnimationFrame(() => requestAnimationFrame(() => find()?.focus()));
}

function focusComposer(mode: "reply" | "note"): void {
  document.querySelector<HTMLButtonElement>(`[data-testid="composer-mode-${mode}"]`)?.click();
  focusSoon(() => document.querySelector<HTMLTextAreaElement>('[data-testid="reply-input"]'));
}

/** Installs the shortcuts while the inbox shows; `onHelp` opens the "?" overlay. */
export function useShortcuts(state: ConsoleState, ops: ConsoleOperations, active: boolean, onHelp: () => void): void {
  const current = useRef(state);
  current.current = state;
  useEffect(() => {
    if (!active) return undefined;
    // Counts j/k moves and r/n: a move's late refocus of the list must not take the focus from a reply box opened since.
    let lastMove = 0;
    const onKeyDown = (event: KeyboardEvent): void => {
      if (event.defaultPrevented || event.isComposing || event.altKey) return;
      const s = current.current;
      const ctrl = event.ctrlKey || event.metaKey;
      // Ctrl+K is the search everywhere (another part of the console renders #global-search).
      if (ctrl && event.key.toLowerCase() === "k") {
        const search = document.getElementById("global-search");
        if (search) {
          event.preventDefault();
          search.focus();
        }
        return;
      }
      if (document.querySelector("dialog[open]") || inTextField(event.target)) return;
      if (ctrl && event.key === "Enter") {
        event.preventDefault();
        if (s.ticket && s.ticket.status !== "resolved") void ops.updateTicket({ status: "resolved" });
        return;
      }
      if (ctrl) return;
      const step = event.key === "j" ? 1 : event.key === "k" ? -1 : 0;
      if (step !== 0) {
        event.preventDefault();
        const ids = listOrder(s);
        if (ids.length === 0) return;
        const at = s.selectedId ? ids.indexOf(s.selectedId) : -1;
        const next = ids[at === -1 ? (step > 0 ? 0 : ids.length - 1) : Math.min(ids.length - 1, Math.max(0, at + step))];
        // Moving through the list keeps the focus on it, so j and k go on working; r or n then starts writing.
        const move = ++lastMove;
        void ops.selectConversation(next).then(() => {
          if (move === lastMove) focusSoon(() => document.querySelector<HTMLElement>('.pane--inbox [aria-current="true"]'));
        });
        focusSoon(() => document.querySelector<HTMLElement>('.pane--inbox [aria-current="true"]'));
        return;
      }
      switch (event.key) {
        case "?":
          event.preventDefault();
          onHelp();
          return;
        case "r":
        case "n":
          if (!s.selectedId) return;
          event.preventDefault();
          lastMove += 1;
          focusComposer(event.key === "r" ? "reply" : "note");
          return;
        case "a":
          if (!s.ticket || !s.user || s.ticket.assignee?.id === s.user.id) return;
          event.preventDefault();
          void ops.updateTicket({ assigneeId: s.user.id });
          return;
        case "e":
          if (!s.ticket || s.ticket.status === "resolved") return;
          event.preventDefault();
          void ops.updateTicket({ status: "resolved" });
          return;
        default:
      }
    };
    document.addEventListener("keydown", onKeyDown);
    return () => document.removeEventListener("keydown", onKeyDown);
  }, [active, ops, onHelp]);
}
