/** People, organisations and places: capitalised spans classified by gazetteers and name-shape rules. */
import { foldName, gazetteers } from "./gazetteer.ts";
import { classify, HONORIFIC, orgHeaded, orgOf, shouted, TEAM_AFTER, type Tok } from "./name-rules.ts";
import type { NameType } from "./gazetteer.ts";
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

// Sports pages: scores ("3-1", not dates), results words and the people of a team.
const SPORTS = /(?<![\d-])\d{1,3}-\d{1,3}(?![\d-])|\b(?:beat|beats|drew|innings|wickets?|halftime|goals?|scored|league|championship|coach|captain|skipper|striker|midfielder|defender|goalkeeper|bowler|batsman|bowled|squad|pitcher|homers?|touchdown|quarterback|semifinal|soccer|cricket|rugby|baseball|basketball|hockey|v)\b|\b(?:Cup|UEFA|FIFA|Olympics?)\b/i;

// Where a town on a sports page is the place, not the team: "in Leicester", "at Grace Road", "( London )".
const LOCATIVE_BEFORE = /(?:\b(?:in|at|near|from|to|of|into|across|around|outside|inside|via|between|and)\s+(?:the\s+)?|\(\s*|,\s*)$/i;
// Datelines and places in apposition: "MILWAUKEE , Wisconsin", "Leeds , England".
const PLACE_AFTER = /^\s*(?:,\s*[A-Z]|\)|:|\d{4}-\d\d-\d\d)/;
// An unknown name is a team when it plays: "v Durham", "beat Somerset", "Kent stepped up", "joined Newcastle".
// "( Italy ) Ferrari 1:53.043": the team after a driver's or rider's country in a results row.
const TEAM_BEFORE = /(?:\b(?:v|vs|beat|beating|against|joined|rivals|bowling|dismiss(?:ed)?|thrashed|defeated|edged|hosts)|\))\s+$/i;
const TEAM_VERB_AFTER = /^\s+(?:beat|drew|v|vs|reached|closed|declared|have|are|were|win|won|lost|play|host|face|meet|need(?:ed)?\s+\d|captain|coach|manager|striker|midfielder|team\s*mate|side|fans)\b/i;
// Cricket bowling figures and batting scores belong to players: "Bevan 4-0-18-0", "b Hollioake 21".
const PLAYER_AFTER = /^\s+\d+(?:\.\d)?-\d+-\d+-\d+/;
const PLAYER_BEFORE = /(?:^|\s)(?:b|c|lbw|st)\s+$/;
// "Levski Sofia ( Bulgaria ) 1", "Red Star ( Yugoslavia ) 70": a club, its country, its score.
const TEAM_PAREN_AFTER = /^\s*\(\s*[A-Z][^()]{0,30}\)\s+\d{1,3}(?![\d.:-])/;
// A fixture list: "PITTSBURGH AT COLORADO", "Chicago at Toronto".
const FIXTURE = /^\s*([A-Z][A-Za-z. ]{1,30}?)\s+(at|AT|v|vs\.?)\s+([A-Z][A-Za-z. ]{1,30}?)\s*$/;

/** The teams of a fixture line whose sides are both towns or states: both for "v", the visitors for "at" (the other is where). */
function findFixture(text: string, out: Candidate[]): void {
  const m = FIXTURE.exec(text);
  if (!m) return;
  const g = gazetteers();
  const sides = [m[1], m[3]];
  if (!sides.every((s) => g.places.has(foldName(s)) && !g.countries.has(foldName(s)))) return;
  const first = text.indexOf(m[1]);
  out.push(candidate("organization", first, first + m[1].length, m[1], 21));
  const second = text.lastIndexOf(m[3]);
  if (m[2].toLowerCase() !== "at") out.push(candidate("organization", second, second + m[3].length, m[3], 21));

}

/**
 * A team named by its town or by an unknown name, from a score or league table after it ("Surrey 429-7", "Torquay 4 2 1
 * 1 5 3 7", "Oldham 3 Ipswich 3") or, on a sports page, from how it is written about ("v Durham", "Leicestershire beat
 * Somerset"). Countries stay places (national sides are the country), and people (initials, full names) stay people.
 */
function teamName(toks: Tok[], i: number, k: number, type: NameType | null, text: string, sports: boolean): NameType | null {
  const g = gazetteers();
  if (type === "organization" || type === "other") return type;
  const words = toks.slice(i, k).map((x) => x.lower).join(" ");
  if (g.countries.has(words) || k - i > 3 || g.common.has(words) || words.includes(".")) return type;
  const before = text.slice(Math.max(0, toks[i].start - 30), toks[i].start);
  const after = text.slice(toks[k - 1].end, toks[k - 1].end + 30);
  if (PLAYER_AFTER.test(after) || PLAYER_BEFORE.test(before)) return type;
  const lone = k - i === 1 && type === "person" && !g.famousSurnames.has(words);
  // A row of a table or a score line starts with the team, or follows the other team's score.
  // "In Bergen : Brann ( Norway ) 2", "( Italy ) Ducati 175": also after a colon or a rider's country.
  const rowStart = /(?:^|\n|\d\.?\s+|:\s*|\(\s*[A-Z][^()]{0,30}\)\s*)$/.test(before);

  // "The Vision OLED 55" is a product: an unknown team name does not open with an ordinary word.
  const unknownTeam = (!type && !g.common.has(toks[i].lower)) || lone;
  // "Halftime 0-0", "Aggregate 3-3": an unknown word before a lone score is a label, not a team.
  if ((TEAM_AFTER.test(after) || TEAM_PAREN_AFTER.test(after)) && (type === "place" || (unknownTeam && rowStart && !/^\s+\d+-\d+\s*[.,]?\s*$/.test(after)))) return "organization";
  // "Johnny Herbert ( Britain ) Sauber": the last word of a results row after a driver's country is the team.
  if (unknownTeam && /\(\s*[A-Z][^()]{0,30}\)\s*$/.test(before) && /^\s*(?:$|\n|,)/.test(after)) return "organization";
  if (!sports) return type;

  if (type === "place" && !LOCATIVE_BEFORE.test(before) && !PLACE_AFTER.test(after)) return "organization";
  // "Dynamo Moscow", "Rotor Volgograd": an unknown name before a town.
  if (!type && k - i > 1 && g.places.has(toks[k - 1].lower) && !g.common.has(toks[i].lower)) return "organization";
  if (unknownTeam && TITLE_CASE.test(toks[i].text) && (TEAM_BEFORE.test(before) || TEAM_VERB_AFTER.test(after))) return "organization";
  // "the Eagles", "the Springboks": a plural name after "the" on a sports page is a team.
  if ((unknownTeam || !type) && k - i === 1 && /^[A-Z][a-z]+s$/.test(toks[i].text) && /\bthe\s+$/i.test(before)) return "organization";

  return type;
}

const TITLE_CASE = /^[A-Z][a-z]+$/;
const COMPASS = new Set(["north", "south", "east", "west"]);


/** Finds person, organization and place names in the text. */
export function findNames(text: string): Candidate[] {
  const g = gazetteers();
  const toks = nameTokens(text);
  const out: Candidate[] = [];
  if (/[a-z]/.test(text)) findLowerCase(text, toks, out);
  // The words a title names are the title pass's: the main pass must not grow them into "LEE TO CALL".
  const sports = !shouted(text) && SPORTS.test(text);
  if (text.length < 70) findFixture(text, out);

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
    // "North Sydney 46 South Sydney 4": on a sports page a compass word and a town that play are a team.
    if (j - i === 2 && COMPASS.has(t.lower) && g.places.has(toks[i + 1].lower) && !g.phrases.has(`${t.lower} ${toks[i + 1].lower}`)) {
      const after = text.slice(toks[i + 1].end, toks[i + 1].end + 30);
      if (TEAM_AFTER.test(after) || (sports && TEAM_VERB_AFTER.test(after))) {

        out.push(candidate("organization", t.start, toks[i + 1].end, text.slice(t.start, toks[i + 1].end), 20));
        i = j;
        continue;
      }
    }
    // A common word may open a name only when the run ends in an organisation word ("Stark Industries").

    if (g.common.has(t.lower) && !g.phrases.has(t.lower) && !g.phraseStarts.has(t.lower) && !g.firstNames.has(t.lower)) {
      if (j - i > 1 && orgHeaded(toks, i, j)) {
        // "Hi Acme Support" and "The National Bank" drop the greeting or article; "Stark Industries" and "Blue Harbor Cafe" keep their first word.
        const from = (j - i > 2 && OPENERS.has(t.lower)) || t.lower === "the" ? toks[i + 1].start : t.start;
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
