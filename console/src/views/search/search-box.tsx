/**
 * The search box in the top bar: Ctrl+K (or "/" when not typing in a field) focuses it, Enter opens the results panel,
 * ↓ moves into the results, Esc closes them.
 */
import { useEffect, useRef, useState } from "preact/hooks";
import type { UserDTO } from "../../../../src/contracts/api.ts";
import type { SearchResultDTO } from "../../../../src/contracts/search.ts";
import { SEARCH_TEXT } from "../../search-strings.ts";
import { SearchPanel } from "./search-panel.tsx";

/** Whether a key press happens while the user types somewhere ("/" then belongs to that field, e.g. the canned replies). */
export function isTypingIn(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  return target.isContentEditable || target.closest("input, textarea, select, [contenteditable]") !== null;
}

/** What opening a result does: a conversation (of a message or ticket too) in the inbox, a customer's profile. */
export type SearchNavigation = { openConversation: (id: string) => Promise<void>; openCustomer: (id: string) => void };

/** The top bar's search box and, once a search is made, its results panel. */
export function SearchBox(props: { user: UserDTO; knownInboxIds: readonly string[]; navigate: SearchNavigation }) {
  const input = useRef<HTMLInputElement>(null);
  const [text, setText] = useState("");
  const [searched, setSearched] = useState<string | null>(null);
  const focusFirst = useRef<() => void>(() => undefined);
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      const ctrlK = (event.ctrlKey || event.metaKey) && event.key.toLowerCase() === "k";
      const slash = event.key === "/" && !event.ctrlKey && !event.metaKey && !event.altKey && !isTypingIn(event.target);
      if (!ctrlK && !slash) return;
      event.preventDefault();
      input.current?.focus();
      input.current?.select();
    };
    document.addEventListener("keydown", onKey);
    return () => document.removeEventListener("keydown", onKey);
  }, []);
  // While the panel is open, the results follow the typing.
  useEffect(() => {
    if (searched !== null && text.trim()) setSearched(text.trim());
  }, [text]);
  const close = () => {
    setSearched(null);
    input.current?.focus();
  };
  const open = (result: SearchResultDTO) => {
    setSearched(null);
    if (result.type === "customer") props.navigate.openCustomer(result.id);
    else if (result.conversationId) void props.navigate.openConversation(result.conversationId);
  };
  const onKeyDown = (event: KeyboardEvent) => {
    if (event.key === "Enter" && text.trim()) {
      event.preventDefault();
      setSearched(text.trim());
    } else if (event.key === "ArrowDown" && searched !== null) {
      event.preventDefault();
      focusFirst.current();
    } else if (event.key === "Escape" && searched !== null) {
      event.preventDefault();
      close();
    }
  };
  return (
    <div class="search-box" role="search">
      <input
        ref={input}
        type="search"
        class="search-box__input"
        placeholder={SEARCH_TEXT.placeholder}
        aria-label={SEARCH_TEXT.boxLabel}
        title={SEARCH_TEXT.shortcutHint}
        value={text}
        maxLength={200}
        onInput={(e) => setText((e.currentTarget as HTMLInputElement).value)}
        onKeyDown={onKeyDown}
        data-testid="search-input"
      />
      <kbd class="search-box__kbd" aria-hidden="true">
        Ctrl K
      </kbd>
      {searched !== null ? (
        <SearchPanel
          q={searched}
          user={props.user}
          knownInboxIds={props.knownInboxIds}
          onOpen={open}
          onBackToInput={() => input.current?.focus()}
          onClose={close}
          registerList={(f) => (focusFirst.current = f)}
        />
      ) : null}
    </div>
  );
}
