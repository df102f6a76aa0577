/** Fast rule-based tokenizer following the Universal Dependencies English (EWT) conventions. */

/** A token span before tagging: its text and [start, end) offsets into the original string. */
export type Span = { text: string; start: number; end: number };

// One alternation, tried left to right: the earlier kinds win (a URL is never split at its dots).
const CHUNK = new RegExp(
  [
    String.raw`(?:https?:\/\/|www\.)[^\s<>"]+[^\s<>".,;:!?)\]'’]`, // URL
    String.raw`[\w.+-]+@[\w-]+(?:\.[\w-]+)+`, // e-mail
    String.raw`[@#][\p{L}\p{N}_]+`, // mention, hashtag
    String.raw`(?:[:;=][-'^o]?[)(\]\[dDpP/\\|*3$@]+|[xX]D+|<3+)(?![\p{L}\p{N}])`, // emoticon
    String.raw`\d+(?:[.,:/]\d+)*(?:st|nd|rd|th|am|pm|k|s)?(?![\p{L}\p{N}])`, // number, money, time, date, ordinal
    String.raw`(?:n['’]t|['’](?:s|re|ve|ll|d|m))(?![\p{L}])`, // a clitic already split off ("does n't", "it 's")
    String.raw`(?:\p{L}\.){2,}`, // abbreviation with dots: U.S., e.g.
    String.raw`(?:mr|mrs|ms|dr|st|vs|etc|inc|ltd|co|jr|sr|no|jan|feb|mar|apr|aug|sept?|oct|nov|dec|approx|dept|est|corp)\.(?=\s|$)`, // titled abbreviations
    String.raw`[\p{L}\p{N}\p{M}_]+(?:['’][\p{L}]+)*`, // word, with its apostrophes kept for the clitic split
    String.raw`\.{2,}|…|-{2,}|[!?]+|[=*~_-]{2,}`, // punctuation runs
    String.raw`\p{Extended_Pictographic}(?:\p{Emoji_Modifier}|\uFE0F|\u200D\p{Extended_Pictographic})*`, // emoji
    String.raw`\S`, // anything else, one character at a time
  ].join("|"),
  "giu",
);

const CLITIC = /^(.+?)(n['’]t|['’](?:s|re|ve|ll|d|m|S|RE|VE|LL|D|M))$/i;
// Apostrophe-less contractions that EWT splits into two words.
const FUSED: Record<string, [number]> = {
  dont: [2], doesnt: [4], didnt: [3], cant: [2], wont: [2], isnt: [2], arent: [3], wasnt: [3],
  werent: [4], havent: [4], hasnt: [3], hadnt: [3], couldnt: [5], wouldnt: [5], shouldnt: [6],
  cannot: [3], gonna: [3], wanna: [3], gotta: [3], im: [1], ive: [1], youre: [3], theyre: [4],
};
// Prefixes EWT keeps attached to the hyphenated word.
const KEEP_HYPHEN = /^(?:e|re|non|co|pre|anti|semi|self|ex|mis|over|sub|vice|multi|post|pro|inter|un|x)-/i;

function pushWord(out: Span[], text: string, start: number): void {
  const lower = text.toLowerCase();
  const fused = FUSED[lower];
  if (fused && !/^[A-Z]{2,}$/.test(text)) {
    out.push({ text: text.slice(0, fused[0]), start, end: start + fused[0] });
    out.push({ text: text.slice(fused[0]), start: start + fused[0], end: start + text.length });
    return;
  }
  const m = CLITIC.exec(text);
  if (m && m[1].length > 0) {
    // The lazy head makes "can't" ca + n't and "won't" wo + n't, as EWT splits them.
    const head = m[1];
    const tail = m[2];
    pushWord(out, head, start);
    out.push({ text: tail, start: start + head.length, end: start + text.length });
    return;
  }
  out.push({ text, start, end: start + text.length });
}

/** Splits text into word, punctuation, emoji and symbol spans with exact character offsets. */
export function tokenize(text: string): Span[] {
  const out: Span[] = [];
  CHUNK.lastIndex = 0;
  let m: RegExpExecArray | null;
  while ((m = CHUNK.exec(text)) !== null) {
    const word = m[0];
    const start = m.index;
    if (/^[\p{L}\p{N}]/u.test(word)) {
      pushWord(out, word, start);
      continue;
    }
    out.push({ text: word, start, end: start + word.length });
  }
  return splitHyphens(text, out);
}

// Hyphenated compounds arrive as word, "-", word from the regex already; re-join the ones EWT keeps whole.
function splitHyphens(text: string, spans: Span[]): Span[] {
  const out: Span[] = [];
  for (let i = 0; i < spans.length; i++) {
    const s = spans[i];
    const prev = out[out.length - 1];
    const next = spans[i + 1];
    if (s.text === "-" && prev && next && prev.end === s.start && next.start === s.end && /^\p{L}/u.test(next.text)) {
      const joined = prev.text + "-" + next.text;
      if (KEEP_HYPHEN.test(joined) && prev.text.length <= 5) {
        out[out.length - 1] = { text: text.slice(prev.start, next.end), start: prev.start, end: next.end };
        i++;
        continue;
      }
    }
    out.push(s);
  }
  return out;
}
