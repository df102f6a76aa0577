/** Loads an area's pages chunk on first use, so signing in and the inbox do not wait for code they may never need. */
import { useEffect, useState } from "preact/hooks";

// Each importer's module once loaded, so opening the area again shows it at once.
const loadedModules = new Map<() => Promise<unknown>, unknown>();

/**
 * The module `importer` loads (a module-level `() => import("./pages.ts")`, so Vite splits it into its own chunk) once
 * `needed`: null before it arrives; `failed` when the chunk could not be fetched (offline, or a new deploy).
 */
export function useLazyPages<T>(importer: () => Promise<T>, needed: boolean): { pages: T | null; failed: boolean } {
  const [pages, setPages] = useState<T | null>((loadedModules.get(importer) as T | undefined) ?? null);
  const [failed, setFailed] = useState(false);
  useEffect(() => {
    if (!needed || pages) return;
    setFailed(false);
    importer()
      .then((module) => {
        loadedModules.set(importer, module);
        setPages(module);
      })
      .catch(() => setFailed(true));
  }, [needed, pages, importer]);
  return { pages, failed };
}
