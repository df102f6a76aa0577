/** Aligns our tokens with gold words by character overlap (how EWT's split and merged tokens are scored). */
import type { Span } from "./tokenize.ts";
import type { GoldWord } from "./conllu.ts";

function overlap(a: { start: number; end: number }, b: { start: number; end: number }): number {
  return Math.min(a.end, b.end) - Math.max(a.start, b.start);
}

/**
 * For each item of `targets`, the index of the `sources` item that overlaps it most (-1 when none does).
 * Scoring maps every gold word to our token with the greatest overlap, so a gold word we merged with its
 * neighbour ("$30" for "$" + "30") takes the merged token's tag, and a gold word we split takes the tag of
 * its longest piece; training maps every token of ours to the gold word it overlaps most.
 */
export function bestOverlap(targets: { start: number; end: number }[], sources: { start: number; end: number }[]): number[] {
  const out: number[] = [];
  let j = 0;
  for (const t of targets) {
    while (j < sources.length && sources[j].end <= t.start) j++;
    let best = -1;
    let bestLen = 0;
    for (let k = Math.max(0, j - 1); k < sources.length && sources[k].start < t.end; k++) {
      const len = overlap(t, sources[k]);
      if (len > bestLen) {
        bestLen = len;
        best = k;
      }
    }
    out.push(best);
  }
  return out;
}

/** Gold tag for each of our spans (null when it covers no gold word). */
export function goldTagsForSpans(spans: Span[], gold: GoldWord[]): (string | null)[] {
  return bestOverlap(spans, gold).map((k) => (k >= 0 ? gold[k].upos : null));
}
