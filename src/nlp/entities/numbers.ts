/** Numbers written in digits or words, shared by money, dates and the number entity. */
import { candidate, type Candidate } from "./types.ts";

const UNITS: Record<string, number> = {
  zero: 0, one: 1, two: 2, three: 3, four: 4, five: 5, six: 6, seven: 7, eight: 8, nine: 9, ten: 10,
  eleven: 11, twelve: 12, thirteen: 13, fourteen: 14, fifteen: 15, sixteen: 16, seventeen: 17,
  eighteen: 18, nineteen: 19, twenty: 20, thirty: 30, forty: 40, fifty: 50, sixty: 60, seventy: 70,
  eighty: 80, ninety: 90, a: 1, an: 1, half: 0.5, dozen: 12, couple: 2,
};
const SCALES: Record<string, number> = { hundred: 100, thousand: 1000, million: 1e6, k: 1000, grand: 1000 };

/** A regex source matching a number written in words ("twenty five", "one hundred and twenty"). */
export const WORD_NUMBER = String.raw`(?:(?:zero|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)(?:[\s-]+(?:and\s+)?(?:one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety|hundred|thousand|million))*|(?:a\s+)?(?:hundred|thousand)(?:[\s-]+(?:and\s+)?(?:one|two|three|four|five|six|seven|eight|nine|ten|twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety|hundred))*)`;

/** A regex source matching a number written in digits, with thousands separators and decimals. */
export const DIGIT_NUMBER = String.raw`(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?`;

/** Parses a number written in words; NaN when it is not one. */
export function parseWordNumber(raw: string): number {
  let total = 0;
  let current = 0;
  let seen = false;
  for (const w of raw.toLowerCase().split(/[\s-]+/)) {
    if (w === "and") continue;
    if (w in UNITS) {
      current += UNITS[w];
      seen = true;
    } else if (w in SCALES) {
      current = (current || 1) * SCALES[w];
      if (SCALES[w] >= 1000) {
        total += current;
        current = 0;
      }
      seen = true;
    } else {
      return NaN;
    }
  }
  return seen ? total + current : NaN;
}

/** Parses digits ("1,299.50") or words ("twenty") into a number; NaN when neither. */
export function parseNumber(raw: string): number {
  const t = raw.trim();
  if (/^[\d,]*\.?\d+$/.test(t)) return Number(t.replace(/,/g, ""));
  return parseWordNumber(t);
}

const NUMBER_RE = new RegExp(String.raw`(?<![\w.,#@/]|[A-Za-z]-)(?:${DIGIT_NUMBER}|${WORD_NUMBER})(?![\w@]|[.,]\d)`, "gi");

/** Finds stand-alone numbers (digits or number words) with their numeric value. */
export function findNumbers(text: string): Candidate[] {
  const out: Candidate[] = [];
  NUMBER_RE.lastIndex = 0;
  for (let m = NUMBER_RE.exec(text); m; m = NUMBER_RE.exec(text)) {
    const raw = m[0];
    const lower = raw.toLowerCase();
    // A lone "one" is nearly always a pronoun ("the left one", "one of them"); digits say a count.
    if (lower === "one") continue;
    const value = parseNumber(raw);
    if (Number.isNaN(value)) continue;
    out.push(candidate("number", m.index, m.index + raw.length, value, 10));
  }
  return out;
}
