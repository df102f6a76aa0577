/** The search's results view under the top bar: filters, the ranked results, and their loading, empty and error states. */
import { useEffect, useRef, useState } from "preact/hooks";
import type { UserDTO } from "../../../../src/contracts/api.ts";
import type { SearchResultDTO } from "../../../../src/contracts/search.ts";
import { isAbort } from "../../api/http.ts";
import { searchPage } from "../../api/search-endpoints.ts";
import { ERROR_TEXT } from "../../strings.ts";
import { SEARCH_TEXT } from "../../search-strings.ts";
import { SearchFilters, type SearchFilterValues } from "./search-filters.tsx";
import { focusResult, SearchResults } from "./search-results.tsx";
import "./search.css";

type Results =
  | { status: "loading" }
  | { status: "ready"; results: SearchResultDTO[]; nextCursor: string | null; loadingMore: boolean }
  | { status: "error"; message: string };

/** How long typing pauses before the results follow it. */
const TYPING_PAUSE_MS = 250;

/** Loads the first page whenever the query or a filter changes (a stale request is cancelled), and further pages on demand. */
function useSearch(q: string, filters: SearchFilterValues): { state: Results; retry: () => void; more: () => void } {
  const [state, setState] = useState<Results>({ status: "loading" });
  const [attempt, setAttempt] = useState(0);
  const params = { q, ...filters };
  const key = JSON.stringify(params);
  useEffect(() => {
    const controller = new AbortController();
    setState({ status: "loading" });
    const timer = setTimeout(() => {
      searchPage(params, null, controller.signal).then(
        (page) => setState({ status: "ready", results: page.data, nextCursor: page.nextCursor, loadingMore: false }),
        (error: unknown) => {
          if (!isAbort(error)) setState({ status: "error", message: error instanceof Error && error.message ? error.message : ERROR_TEXT.network });
        },
      );
    }, TYPING_PAUSE_MS);
    return () => {
      clearTimeout(timer);
      controller.abort();
    };
  }, [key, attempt]);
  const more = () => {
    if (state.status !== "ready" || !state.nextCursor || state.loadingMore) return;
    const current = state;
    setState({ ...current, loadingMore: true });
    searchPage(params, current.nextCursor).then(
      (page) => setState({ status: "ready", results: [...current.results, ...page.data], nextCursor: page.nextCursor, loadingMore: false }),
      (error: unknown) => setState({ status: "error", message: error instanceof Error && error.message ? error.message : ERROR_TEXT.network }),
    );
  };
  return { state, retry: () => setAttempt((n) => n + 1), more };
}

/** The panel; `onOpen` opens a result, `onBackToInput` returns focus to the search box, `onClose` closes the panel. */
export function SearchPanel(props: {
  q: string;
  user: UserDTO;
  knownInboxIds: readonly string[];
  onOpen: (result: SearchResultDTO) => void;
  onBackToInput: () => void;
  onClose: () => void;
  registerList: (focusFirst: () => void) => void;
}) {
  const [filters, setFilters] = useState<SearchFilterValues>({});
  const { state, retry, more } = useSearch(props.q, filters);
  const list = useRef<HTMLUListElement | null>(null);
  useEffect(() => props.registerList(() => focusResult(list.current, 0)), []);
  const onKeyDown = (event: KeyboardEvent) => {
    if (event.key === "Escape") {
      event.preventDefault();
      props.onClose();
    }
  };
  return (
    <section class="search-panel" aria-label={SEARCH_TEXT.title} data-testid="search-panel" onKeyDown={onKeyDown}>
      <header class="search-panel__head">
        <h2 class="search-panel__title">{SEARCH_TEXT.title}</h2>
        <span class="search-panel__hint">{SEARCH_TEXT.keyboardHint}</span>
        <button type="button" class="button button--ghost" onClick={props.onClose} data-testid="search-close">
          {SEARCH_TEXT.close}
        </button>
      </header>
      <SearchFilters user={props.user} knownInboxIds={props.knownInboxIds} values={filters} onChange={setFilters} />
      <div class="search-panel__body" aria-live="polite" aria-busy={state.status === "loading"}>
        {state.status === "loading" ? (
          <p class="search-panel__state" data-testid="search-loading">
            {SEARCH_TEXT.loading}
          </p>
        ) : null}
        {state.status === "error" ? (
          <div class="search-panel__state search-panel__state--error" role="alert" data-testid="search-error">
            <strong>{SEARCH_TEXT.failed}</strong>
            <span>{state.message}</span>
            <button type="button" class="button" onClick={retry}>
              {SEARCH_TEXT.retry}
            </button>
          </div>
        ) : null}
        {state.status === "ready" && state.results.length === 0 ? (
          <div class="search-panel__state" data-testid="search-empty">
            <strong>{SEARCH_TEXT.empty(props.q)}</strong>
            <span>{SEARCH_TEXT.emptyHint}</span>
          </div>
        ) : null}
        {state.status === "ready" && state.results.length > 0 ? (
          <>
            <SearchResults results={state.results} onOpen={props.onOpen} onTop={props.onBackToInput} listRef={(el) => (list.current = el)} />
            {state.nextCursor ? (
              <button type="button" class="button search-panel__more" disabled={state.loadingMore} onClick={more} data-testid="search-more">
                {state.loadingMore ? SEARCH_TEXT.loading : SEARCH_TEXT.more}
              </button>
            ) : null}
          </>
        ) : null}
      </div>
    </section>
  );
}
