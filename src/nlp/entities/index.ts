/** Entity extraction: regex recognisers for ids, contacts, money, dates and numbers, plus gazetteer-based names. */
import type { Entity } from "../../contracts/nlp.ts";
import { findDates } from "./dates.ts";
import { gazetteers } from "./gazetteer.ts";
import { findIdentifiers } from "./identifiers.ts";
import { findMoney } from "./money.ts";
import { findNames } from "./names.ts";
import { findNumbers } from "./numbers.ts";
import { findPhones } from "./phone.ts";
import { findProducts } from "./products.ts";
import type { Candidate, EntityContext } from "./types.ts";
import { findWeb } from "./web.ts";

export type { EntityContext } from "./types.ts";

// Build the name lists at start-up so the first customer message does not pay for them (~0.25 s).
gazetteers();

/** Keeps the best non-overlapping candidates: longer spans first, then the more specific type. */
export function resolveOverlaps(cands: Candidate[]): Candidate[] {
  const sorted = [...cands].sort((a, b) => b.end - b.start - (a.end - a.start) || b.rank - a.rank || a.start - b.start);
  const taken: Candidate[] = [];
  // One flag per character keeps this linear in the text, even for messages with thousands of candidates.
  const used = new Uint8Array(sorted.reduce((m, c) => Math.max(m, c.end), 0));
  for (const c of sorted) {
    let free = true;
    for (let p = c.start; p < c.end && free; p++) free = used[p] === 0;
    if (!free) continue;
    used.fill(1, c.start, c.end);
    taken.push(c);
  }
  return taken.sort((a, b) => a.start - b.start);
}

const CHUNK = 1500;

/** Splits long text at line or sentence ends (else at a space) so the recognisers' cost stays linear in the length. */
function chunks(text: string): [number, number][] {
  const out: [number, number][] = [];
  let start = 0;
  while (text.length - start > CHUNK) {
    const window = text.slice(start, start + CHUNK);
    let cut = window.lastIndexOf("\n");
    for (let p = window.length - 2; p > cut && p > CHUNK / 2; p--) {
      if (/[.!?]/.test(window[p]) && /\s/.test(window[p + 1])) {
        cut = p + 1;
        break;
      }
    }
    if (cut < CHUNK / 2) cut = window.lastIndexOf(" ");
    if (cut < CHUNK / 2) cut = CHUNK;
    out.push([start, start + cut]);
    start += cut;
  }
  out.push([start, text.length]);
  return out;
}

/** Extracts typed entities with offsets into `text` and normalised values, sorted by start, never overlapping. */
export function extractEntities(text: string, context: EntityContext = {}): Entity[] {
  if (!text) return [];
  if (text.length <= CHUNK) return extractChunk(text, context);
  return chunks(text).flatMap(([from, to]) =>
    extractChunk(text.slice(from, to), context).map((e) => ({ ...e, start: e.start + from, end: e.end + from })),
  );
}

function extractChunk(text: string, context: EntityContext): Entity[] {
  const country = context.defaultCountry;
  const cands: Candidate[] = [
    ...findWeb(text),
    ...findIdentifiers(text),
    ...findPhones(text, country),
    ...findMoney(text, country),
    ...findDates(text, context.now ?? new Date(), country),
    ...findProducts(text, context.products),
    ...findNames(text),
    ...findNumbers(text),
  ];
  return resolveOverlaps(cands).map((c) => ({ type: c.type, text: text.slice(c.start, c.end), start: c.start, end: c.end, value: c.value }));
}
