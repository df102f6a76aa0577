/** People, organisations and places: capitalised spans classified by gazetteers and name-shape rules. */
import { foldName, gazetteers } from "./gazetteer.ts";
import { classify, HONORIFIC, orgHeaded, orgOf, shouted, type Tok } from "./name-rules.ts";
import { compassTeam, findFixture, sportsPage, teamName } from "./teams.ts";
import { candidate, type Candidate } from "./types.ts";

const TOKEN_RE = /[A-Za-z\u00C0-\u024F][A-Za-z\u00C0-\u024F'’.&-]*[A-Za-z\u00C0-\u024F]|[A-Za-z\u00C0-\u024F]|\d+|\S/g;
// Words that start a message before a name: "Hi Acme Support", "Thanks Marcus".
const OPENERS = new Set(["hi", "hello", "hey", "dear", "thanks", "thank", "cheers", "contact", "ask", "call", "email", "tell", "please", "ok", "okay", "yes", "no", "so", "and", "but"]);
const MAX_NAME_TOKENS = 7;
const CONNECTORS = new Set(["of", "de", "van", "von", "der", "da", "del", "la", "le", "&", "and", "the", "for"]);

/** Splits text into word tokens with offsets (trailing abbreviation dots kept only for short words). */
export function nameTokens(text: string): Tok[] {
  const out: Tok[] = [];
  TOKEN_RE.lastIndex = 0;
  for (let m = TOKEN_RE.exec(text); m; m = TOKEN_RE.exec(text)) {
    let t = m[0];
    // Keep the dot of dotted abbreviations ("U.S.", "U.N."), drop other trailing punctuation.
    if (t.length > 1 && /[.'’-]$/.test(t) && !/^(?:[A-Za-z]\.)+$/.test(t)) t = t.slice(0, -1);
    if (/['’]s$/i.test(t) && t.length > 3) t = t.slice(0, -2);
    const glued = /\d[-_/]?$/.test(text.slice(Math.max(0, m.index - 2), m.index)) || /^[-_/]?\d/.test(text.slice(m.index + m[0].length, m.index + m[0].length + 2));
    out.push({ text: t, lower: foldName(t), start: m.index, end: m.index + t.length, cap: /^[A-Z\u00C0-\u00DE]/.test(t), glued });
  }
  return out;
}

// Chat is often lower-case: "hi my name is john smith", "im sarah", "its dave again".
const LOWER_INTRO = /\b(?:my\s+name\s+is|my\s+name's|this\s+is|it'?s|i'?m|i\s+am)\s+([a-z]+)(?:\s+([a-z]+))?/dgi;
// Country names whose lower-case form is also an ordinary word stay capital-only.
const LOWER_COUNTRY_BLOCK = new Set(["turkey", "chad", "jordan", "georgia", "china", "guinea", "niger", "mali", "oman", "peru", "cuba", "wales", "england", "america"]);

/** Lower-case people after an introduction, and lower-case country names. */
function findLowerCase(text: string, toks: Tok[], out: Candidate[]): void {
  const g = gazetteers();
  LOWER_INTRO.lastIndex = 0;
  for (let m = LOWER_INTRO.exec(text); m; m = LOWER_INTRO.exec(text)) {
    const first = foldName(m[1]);
    // Capitalised names are the main pass's; "this is mark" could be a verb, so only an unambiguous first name counts.
    if (/^[A-Z]/.test(m[1]) || !g.firstNames.has(first) || g.common.has(first)) continue;
    const [start, firstEnd] = m.indices?.[1] ?? [0, 0];
    const surname = m[2] && g.lastNames.has(foldName(m[2])) && !g.common.has(foldName(m[2]));
    const end = surname ? (m.indices?.[2]?.[1] ?? firstEnd) : firstEnd;
    out.push(candidate("person", start, end, text.slice(start, end), 20));
  }
  for (const t of toks) {
    if (!t.cap && t.text.length >= 4 && g.countries.has(t.lower) && !LOWER_COUNTRY_BLOCK.has(t.lower) && !g.common.has(t.lower)) {
      out.push(candidate("place", t.start, t.end, t.text, 20));
    }
  }
}

// Words that follow a title without being a name: "Yes Sir I will", "Dear Sir or Madam", "thank you sir for".
const NOT_AFTER_TITLE = new Set(["i", "or", "and", "for", "to", "the", "a", "an", "of", "in", "on", "at", "is", "was", "you", "your", "my", "we", "it", "this", "that", "please", "thanks", "thank", "will", "can"]);
// Lower-case "miss", "sir" and "madam" are also ordinary words ("I miss my parcel"): after them only a known name counts.
const AMBIGUOUS_TITLE = new Set(["miss", "sir", "madam"]);

/**
 * People named with a courtesy title ("Mr. Smith", "Mrs Jones", "ask dr patel", "MISS LEE"): the span keeps the title,
 * the value is the name alone. Up to three name words follow; lower-case ones only when they are known names.
 */
function findTitled(text: string, toks: Tok[], out: Candidate[]): Set<number> {
  const g = gazetteers();
  const loud = shouted(text);
  const covered = new Set<number>();
  for (let i = 0; i < toks.length - 1; i++) {
    if (!HONORIFIC.test(toks[i].text)) continue;
    const title = toks[i];
    // "12 Elm Dr Springfield": "Dr" closing a street name is a drive, not a doctor.
    if (title.lower === "dr" && i > 0 && toks[i - 1].cap && !OPENERS.has(toks[i - 1].lower) && toks[i].start - toks[i - 1].end === 1) continue;
    let j = i + 1;
    // "Mr. Smith": the dot is its own token; "Mr.Smith" and "Mr . Smith" are not titles.
    if (toks[j].text === "." && toks[j].start === title.end) j++;
    if (j >= toks.length || toks[j].start - toks[j - 1].end > 1) continue;
    const ambiguous = !title.cap && AMBIGUOUS_TITLE.has(title.lower);
    const nameWord = (t: Tok, firstWord: boolean) => {
      if (t.glued || NOT_AFTER_TITLE.has(t.lower) || HONORIFIC.test(t.text) || !/^[A-Za-z\u00C0-\u024F]/.test(t.text)) return false;
      const known = (g.firstNames.has(t.lower) || g.lastNames.has(t.lower)) && !g.places.has(t.lower);
      if (!t.cap || (loud && !title.cap)) return known && (!g.common.has(t.lower) || !ambiguous);
      if (ambiguous) return known;
      // The first word after a title is a name even when it is also a word ("Mr. Green"); later ones must not be ordinary words.
      return firstWord || known || !g.common.has(t.lower);
    };
    if (!nameWord(toks[j], true)) continue;
    let k = j + 1;
    while (k < toks.length && k - j < 3 && toks[k].start - toks[k - 1].end === 1 && toks[k].cap === toks[j].cap && nameWord(toks[k], false)) k++;
    const end = toks[k - 1].end;
    out.push(candidate("person", title.start, end, text.slice(toks[j].start, end), 25));
    for (let c = i; c < k; c++) covered.add(c);
    i = k - 1;
  }
  return covered;
}

/** Finds person, organization and place names in the text. */
export function findNames(text: string): Candidate[] {
  const g = gazetteers();
  const toks = nameTokens(text);
  const out: Candidate[] = [];
  if (/[a-z]/.test(text)) findLowerCase(text, toks, out);
  // Whether the text is about sport is asked only once a name needs it.
  let sportsMemo: boolean | undefined;
  const sports = (): boolean => (sportsMemo ??= sportsPage(text));
  if (text.length < 70 && /\s(?:at|AT|vs?\.?)\s/.test(text)) findFixture(text, out);
  // The words a title names are the title pass's: the main pass must not grow them into "LEE TO CALL".
  const titled = /\b(?:mr|mrs|ms|miss|dr|prof|sir|madam|mx)\b/i.test(text) ? findTitled(text, toks, out) : null;
  let i = 0;
  while (i < toks.length) {
    const t = toks[i];
    if (!t.cap || t.glued || HONORIFIC.test(t.text) || titled?.has(i)) {
      i++;
      continue;
    }
    // "The Commerce Department": a capitalised article opens the sentence, not the name (unless it is "The Hague").
    if (t.lower === "the" && i + 1 < toks.length && toks[i + 1].cap && toks[i + 1].start - t.end === 1 && !g.phrases.has(`the ${toks[i + 1].lower}`)) {
      i++;
      continue;
    }
    // Grow a run of capitalised words, allowing "of"/"&" inside ("Bank of America").
    let j = i + 1;
    while (j < toks.length) {
      if (toks[j].cap && !toks[j].glued && toks[j].start - toks[j - 1].end <= 1) j++;
      // An initial: "J. Smith".
      else if (toks[j].text === "." && /^[A-Z]$/.test(toks[j - 1].text) && j + 1 < toks.length && toks[j + 1].cap) j += 2;
      else if (toks[j].text === "&" && j + 1 < toks.length && toks[j + 1].cap) j += 2;
      else if (CONNECTORS.has(toks[j].lower) && !toks[j].cap && j + 1 < toks.length && toks[j + 1].cap && (g.phrases.has(toks.slice(i, j + 2).map((x) => x.lower).join(" ")) || orgOf(toks, i, j))) j += 2;
      else break;
    }
    if (compassTeam(toks, i, j, text, sports)) {
      out.push(candidate("organization", t.start, toks[i + 1].end, text.slice(t.start, toks[i + 1].end), 20));
      i = j;
      continue;
    }
    // A common word may open a name only when the run ends in an organisation word ("Stark Industries").
    if (g.common.has(t.lower) && !g.phrases.has(t.lower) && !g.phraseStarts.has(t.lower) && !g.firstNames.has(t.lower)) {
      if (j - i > 1 && orgHeaded(toks, i, j)) {
        // "Hi Acme Support" drops the greeting; "Stark Industries" and "Blue Harbor Cafe" keep their first word.
        const from = j - i > 2 && OPENERS.has(t.lower) ? toks[i + 1].start : t.start;
        out.push(candidate("organization", from, toks[j - 1].end, text.slice(from, toks[j - 1].end), 20));
        i = j;
      } else i++;
      continue;
    }
    // Longest sub-run (from the left) that classifies.
    let found = false;
    // Names are short; capping the sub-run keeps shouted, all-capital messages linear.
    for (let k = Math.min(j, i + MAX_NAME_TOKENS); k > i; k--) {
      const type = teamName(toks, i, k, classify(toks, i, k, text), text, sports);
      if (!type) continue;
      // A known brand naming a product ("Apple Watch", "Nintendo Switch") is part of a product name, not an organisation.
      if (type === "organization" && k - i === 1 && k < j && !g.orgSuffix.has(toks[k].lower)) {
        i = j;
        found = true;
        break;
      }
      if (type !== "other") out.push(candidate(type, toks[i].start, toks[k - 1].end, text.slice(toks[i].start, toks[k - 1].end), 20));
      i = k;
      found = true;
      break;
    }
    if (!found) i++;
  }
  return out;
}
