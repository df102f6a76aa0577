/** Loads something for a settings tab and tracks its loading, loaded and failed states. */
import { useCallback, useEffect, useState } from "preact/hooks";

/** A remote value's state. */
export type Remote<T> = { state: "loading" } | { state: "failed"; message: string } | { state: "loaded"; data: T };

/** The value of `load()` (a module-level function, called again on each reload), and a function loading it again. */
export function useRemote<T>(load: () => Promise<T>): [Remote<T>, () => void] {
  const [value, setValue] = useState<Remote<T>>({ state: "loading" });
  const [version, setVersion] = useState(0);
  useEffect(() => {
    let live = true;
    setValue({ state: "loading" });
    load().then(
      (data) => live && setValue({ state: "loaded", data }),
      (error: unknown) => live && setValue({ state: "failed", message: error instanceof Error ? error.message : String(error) }),
    );
    return () => {
      live = false;
    };
  }, [version, load]);
  return [value, useCallback(() => setVersion((v) => v + 1), [])];
}
