/** Text with its matched stretches in <mark> elements, built as nodes from offsets (customer text is never parsed as HTML). */
import type { ComponentChildren } from "preact";
import type { SearchHighlight } from "../../../../src/contracts/search.ts";

/** Splits `text` at the highlights' offsets: plain pieces as text nodes, matched ones inside <mark>. */
export function Highlighted(props: { text: string; highlights: readonly SearchHighlight[] }) {
  const pieces: ComponentChildren[] = [];
  let at = 0;
  for (const h of props.highlights) {
    const start = Math.max(h.start, at);
    const end = Math.min(h.end, props.text.length);
    if (end <= start) continue;
    if (start > at) pieces.push(props.text.slice(at, start));
    pieces.push(<mark class="search-mark">{props.text.slice(start, end)}</mark>);
    at = end;
  }
  if (at < props.text.length) pieces.push(props.text.slice(at));
  return <>{pieces}</>;
}
