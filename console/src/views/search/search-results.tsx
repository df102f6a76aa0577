/** The search's result list: one row per result (kind, title, highlighted snippet, time), moved through with the arrow keys. */
import type { SearchResultDTO } from "../../../../src/contracts/search.ts";
import { formatRelativeTime } from "../../format.ts";
import { SEARCH_TEXT } from "../../search-strings.ts";
import { Highlighted } from "./highlighted.tsx";

/** Focuses the result row at `index` inside `list`, if there is one. */
export function focusResult(list: HTMLElement | null, index: number): void {
  const rows = list?.querySelectorAll<HTMLElement>("[data-testid=search-result]");
  rows?.[Math.max(0, Math.min(index, rows.length - 1))]?.focus();
}

/** The rows; ↑ and ↓ move between them (↑ on the first goes back to `onTop`), Enter or a click opens one. */
export function SearchResults(props: { results: SearchResultDTO[]; onOpen: (result: SearchResultDTO) => void; onTop: () => void; listRef: (el: HTMLUListElement | null) => void }) {
  let list: HTMLUListElement | null = null;
  const onKeyDown = (event: KeyboardEvent, index: number) => {
    if (event.key === "ArrowDown") {
      event.preventDefault();
      focusResult(list, index + 1);
    } else if (event.key === "ArrowUp") {
      event.preventDefault();
      if (index === 0) props.onTop();
      else focusResult(list, index - 1);
    }
  };
  return (
    <ul
      class="search-results"
      aria-label={SEARCH_TEXT.title}
      ref={(el) => {
        list = el;
        props.listRef(el);
      }}
    >
      {props.results.map((r, index) => (
        <li key={`${r.type}:${r.id}`}>
          <button
            type="button"
            class="search-result"
            data-testid="search-result"
            data-type={r.type}
            data-id={r.id}
            onClick={() => props.onOpen(r)}
            onKeyDown={(e) => onKeyDown(e, index)}
          >
            <span class={`search-result__kind search-result__kind--${r.type}`}>{SEARCH_TEXT.kinds[r.type]}</span>
            <span class="search-result__body">
              <span class="search-result__title">{r.title}</span>
              {r.snippet ? (
                <span class="search-result__snippet" data-testid="search-snippet">
                  <Highlighted text={r.snippet} highlights={r.highlights} />
                </span>
              ) : null}
            </span>
            <time class="search-result__time" dateTime={r.at}>
              {formatRelativeTime(r.at)}
            </time>
          </button>
        </li>
      ))}
    </ul>
  );
}
