/** A debounced search that only ever shows the answer to what was typed last: each new input cancels the one before. */
import { isAbort } from "../api/http.ts";

/** How long typing must pause before a search is sent. */
export const SEARCH_DEBOUNCE_MS = 150;

/** What the search reports: started (with its request number), answered, or failed; cancelled requests report nothing. */
export type SearchCallbacks<Q, R> = {
  fetch: (query: Q, signal: AbortSignal) => Promise<R>;
  started: (query: Q, request: number) => void;
  answered: (result: R, request: number) => void;
  failed: (error: unknown, request: number) => void;
};

/** The search's controls. */
export type LatestSearch<Q> = {
  /** Searches after the pause (or at once with `immediate`, e.g. a filter click or Enter), cancelling anything older. */
  search: (query: Q, options?: { immediate?: boolean }) => void;
  /** Cancels the pending and running search (the page is closing). */
  cancel: () => void;
};

/** Builds a search over a fetcher; `delayMs` and the timer functions are injectable for tests. */
export function createLatestSearch<Q, R>(
  callbacks: SearchCallbacks<Q, R>,
  delayMs: number = SEARCH_DEBOUNCE_MS,
  timers: { set: (fn: () => void, ms: number) => unknown; clear: (handle: unknown) => void } = {
    set: (fn, ms) => setTimeout(fn, ms),
    clear: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
  },
): LatestSearch<Q> {
  let request = 0;
  let timer: unknown = null;
  let running: AbortController | null = null;

  function cancel(): void {
    if (timer !== null) timers.clear(timer);
    timer = null;
    running?.abort();
    running = null;
  }

  async function run(query: Q): Promise<void> {
    timer = null;
    request += 1;
    const mine = request;
    const controller = new AbortController();
    running = controller;
    callbacks.started(query, mine);
    try {
      const result = await callbacks.fetch(query, controller.signal);
      if (mine === request && !controller.signal.aborted) callbacks.answered(result, mine);
    } catch (error) {
      if (isAbort(error) || controller.signal.aborted || mine !== request) return;
      callbacks.failed(error, mine);
    } finally {
      if (running === controller) running = null;
    }
  }

  return {
    search: (query, options) => {
      cancel();
      if (options?.immediate) void run(query);
      else timer = timers.set(() => void run(query), delayMs);
    },
    cancel,
  };
}
