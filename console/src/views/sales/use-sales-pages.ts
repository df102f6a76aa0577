/** Loads the Sales pages' chunk on first use, so signing in and the inbox do not wait for code they may never need. */
import { useEffect, useState } from "preact/hooks";
import type * as PagesModule from "./pages.ts";

/** The Sales pages' module. */
export type SalesPages = typeof PagesModule;

let loaded: SalesPages | null = null;

/** The pages once loaded (null before); `failed` when the chunk could not be fetched (offline, or a new deploy). */
export function useSalesPages(needed: boolean): { pages: SalesPages | null; failed: boolean } {
  const [pages, setPages] = useState<SalesPages | null>(loaded);
  const [failed, setFailed] = useState(false);
  useEffect(() => {
    if (!needed || pages) return;
    setFailed(false);
    import("./pages.ts")
      .then((module) => {
        loaded = module;
        setPages(module);
      })
      .catch(() => setFailed(true));
  }, [needed, pages]);
  return { pages, failed };
}
