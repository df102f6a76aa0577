import { describe, expect, it } from "vitest";
import { createLatestSearch } from "../../../console/src/controller/latest-search.ts";

/** Timers the test advances by hand. */
function manualTimers() {
  let pending: { fn: () => void; at: number } | null = null;
  let now = 0;
  return {
    timers: {
      set: (fn: () => void, ms: number) => {
        pending = { fn, at: now + ms };
        return pending;
      },
      clear: (handle: unknown) => {
        if (handle === pending) pending = null;
      },
    },
    advance(ms: number) {
      now += ms;
      const due = pending;
      if (due && due.at <= now) {
        pending = null;
        due.fn();
      }
    },
  };
}

/** A fetcher whose answers the test releases in any order; aborted requests reject like fetch does. */
function controlledFetch() {
  const calls: { query: string; signal: AbortSignal; resolve: (v: string) => void; reject: (e: unknown) => void }[] = [];
  const fetch = (query: string, signal: AbortSignal) =>
    new Promise<string>((resolve, reject) => {
      calls.push({ query, signal, resolve, reject });
      signal.addEventListener("abort", () => reject(new DOMException("aborted", "AbortError")));
    });
  return { calls, fetch };
}

const flush = () => new Promise((resolve) => setTimeout(resolve, 0));

describe("console instant search", () => {
  it("waits for a pause in typing and sends only the last text", async () => {
    const clock = manualTimers();
    const { calls, fetch } = controlledFetch();
    const answered: string[] = [];
    const search = createLatestSearch({ fetch, started: () => undefined, answered: (r) => answered.push(r), failed: () => undefined }, 150, clock.timers);
    search.search("a");
    clock.advance(100);
    search.search("ad");
    clock.advance(100);
    search.search("ada");
    expect(calls).toHaveLength(0);
    clock.advance(150);
    expect(calls.map((c) => c.query)).toEqual(["ada"]);
    calls[0].resolve("result for ada");
    await flush();
    expect(answered).toEqual(["result for ada"]);
  });

  it("cancels the running request when the text changes, so a slow stale answer never shows", async () => {
    const clock = manualTimers();
    const { calls, fetch } = controlledFetch();
    const answered: string[] = [];
    const failed: unknown[] = [];
    const search = createLatestSearch({ fetch, started: () => undefined, answered: (r) => answered.push(r), failed: (e) => failed.push(e) }, 150, clock.timers);
    search.search("ad", { immediate: true });
    search.search("ada", { immediate: true });
    expect(calls[0].signal.aborted).toBe(true);
    calls[0].resolve("stale");
    calls[1].resolve("fresh");
    await flush();
    expect(answered).toEqual(["fresh"]);
    expect(failed).toEqual([]);
  });

  it("reports a real failure of the latest request, numbered like its start", async () => {
    const { calls, fetch } = controlledFetch();
    const started: number[] = [];
    const failed: number[] = [];
    const search = createLatestSearch({ fetch, started: (_q, n) => started.push(n), answered: () => undefined, failed: (_e, n) => failed.push(n) });
    search.search("x", { immediate: true });
    calls[0].reject(new Error("HTTP 500"));
    await flush();
    expect(started).toEqual([1]);
    expect(failed).toEqual([1]);
  });

  it("stops everything when the page closes", async () => {
    const clock = manualTimers();
    const { calls, fetch } = controlledFetch();
    const search = createLatestSearch({ fetch, started: () => undefined, answered: () => undefined, failed: () => undefined }, 150, clock.timers);
    search.search("running", { immediate: true });
    search.search("pending");
    search.cancel();
    clock.advance(500);
    expect(calls).toHaveLength(1);
    expect(calls[0].signal.aborted).toBe(true);
  });
});
