/** Seeded synthetic typos, for measuring how the intent model copes with what customers type. */
import { seededRandom } from "./random.ts";

// Neighbouring keys on a QWERTY keyboard, for substitution typos ("cancel" → "cancrl").
const NEIGHBOURS: Record<string, string> = {
  q: "wa", w: "qes", e: "wrd", r: "etf", t: "ryg", y: "tuh", u: "yij", i: "uok", o: "ipl", p: "ol",
  a: "qsz", s: "adw", d: "sfe", f: "dgr", g: "fht", h: "gjy", j: "hku", k: "jli", l: "ko",
  z: "xa", x: "zcs", c: "xvd", v: "cbf", b: "vng", n: "bmh", m: "nj",
};

/** One random edit inside a word: a dropped, doubled, swapped or neighbouring-key letter (never the first letter). */
function typo(word: string, random: () => number): string {
  const at = 1 + Math.floor(random() * (word.length - 1));
  const kind = Math.floor(random() * 4);
  if (kind === 0) return word.slice(0, at) + word.slice(at + 1);
  if (kind === 1) return word.slice(0, at) + word[at] + word.slice(at);
  if (kind === 2 && at + 1 < word.length) return word.slice(0, at) + word[at + 1] + word[at] + word.slice(at + 2);
  const near = NEIGHBOURS[word[at].toLowerCase()];
  return near ? word.slice(0, at) + near[Math.floor(random() * near.length)] + word.slice(at + 1) : word.slice(0, at) + word.slice(at + 1);
}

/**
 * Puts a typo into each alphabetic word of four or more letters with probability `rate`; shorter words, numbers and ids
 * are left alone. The same text, rate and seed give the same result.
 */
export function addTypos(text: string, rate: number, seed: number): string {
  if (!(rate >= 0 && rate <= 1)) throw new Error(`typo rate must be between 0 and 1 (got ${rate})`);
  const random = seededRandom(seed);
  return text.replace(/\b[A-Za-z]{4,}\b/g, (word) => (random() < rate ? typo(word, random) : word));
}
