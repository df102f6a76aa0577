/** Loads a page's data again, quietly (what is shown stays until the answer comes), when a counter moves: the socket's "deal:updated". */
import { useEffect, useRef } from "preact/hooks";

/** Calls `reload` whenever `version` changes after the first render. */
export function useReloadOn(version: number, reload: () => void): void {
  const first = useRef(version);
  useEffect(() => {
    if (version !== first.current) reload();
  }, [version, reload]);
}
