/** Sports teams, which news text names by their town or by a name no list knows: scores, tables, fixtures, and how they play. */
import { foldName, gazetteers, type NameType } from "./gazetteer.ts";
import { shouted, TEAM_AFTER, type Tok } from "./name-rules.ts";
import { candidate, type Candidate } from "./types.ts";

const TITLE_CASE = /^[A-Z][a-z]+$/;
const COMPASS = new Set(["north", "south", "east", "west"]);

// Sports pages: scores ("3-1", not dates), results words and the people of a team.
const SPORTS = /(?<![\w.-])\d{1,3}-\d{1,3}(?![\w-])|\b(?:beat|beats|drew|innings|wickets?|halftime|goals?|scored|league|championship|coach|captain|skipper|striker|midfielder|defender|goalkeeper|bowler|batsman|bowled|squad|pitcher|homers?|touchdown|quarterback|semifinal|soccer|cricket|rugby|baseball|basketball|hockey|v)\b|\b(?:Cup|UEFA|FIFA|Olympics?)\b/i;
// Where a town on a sports page is the place, not the team: "in Leicester", "at Grace Road", "( London )".
const LOCATIVE_BEFORE = /(?:\b(?:in|at|near|from|to|of|into|across|around|outside|inside|via|between|and)\s+(?:the\s+)?|\(\s*|,\s*)$/i;
// Datelines and places in apposition: "MILWAUKEE , Wisconsin", "Leeds , England".
const PLACE_AFTER = /^\s*(?:,\s*[A-Z]|\)|:|\d{4}-\d\d-\d\d)/;
// An unknown name is a team when it plays: "v Durham", "beat Somerset", "Nice have", "joined Newcastle", and after a
// driver's or rider's country in a results row: "( Italy ) Ferrari".
const TEAM_BEFORE = /(?:\b(?:v|vs|beat|beating|against|joined|rivals|bowling|dismiss(?:ed)?|thrashed|defeated|edged|hosts)|\))\s+$/i;
const TEAM_VERB_AFTER = /^\s+(?:beat|drew|v|vs|reached|closed|declared|have|are|were|win|won|lost|play|host|face|meet|need(?:ed)?\s+\d|captain|coach|manager|striker|midfielder|team\s*mate|side|fans)\b/i;
// Cricket bowling figures and batting scores belong to players: "Bevan 4-0-18-0", "b Hollioake 21".
const PLAYER_AFTER = /^\s+\d+(?:\.\d)?-\d+-\d+-\d+/;
const PLAYER_BEFORE = /(?:^|\s)(?:b|c|lbw|st)\s+$/;
// "Levski Sofia ( Bulgaria ) 1", "Red Star ( Yugoslavia ) 70": a club, its country, its score.
const TEAM_PAREN_AFTER = /^\s*\(\s*[A-Z][^()]{0,30}\)\s+\d{1,3}(?![\d.:-])/;
// A league table row ("Torquay 4 2 1 1 5 3 7", "Pecs 3 1 - 2 3 5 3"), the first side of a score line ("Oldham 3 Ipswich
// 3", "Marseille 1 ( Gravelaine 24th )") and the second side's score at the end ("… Ipswich 3", "… Hansa Rostock 0 .").
const TABLE_ROW = /^\s+\d{1,3}(?:\s+-?\s*\d{1,3}){2,}/;
const SCORE_LINE = /^\s+\d{1,2}\s+(?:\(|[A-Z][\w.'-]*(?:\s+[A-Z()][\w.'()-]*){0,3}\s+\d{1,2}(?![\d.:-]))/;
const LAST_SCORE = /^\s+\d{1,2}\s*(?:$|\n|[.(,;])/;
// A fixture list: "PITTSBURGH AT COLORADO", "Chicago at Toronto".

const FIXTURE = /^\s*([A-Z][A-Za-z. ]{1,30}?)\s+(at|AT|v|vs\.?)\s+([A-Z][A-Za-z. ]{1,30}?)\s*$/;

/** The teams of a fixture line whose sides are both towns or states: both for "v", the visitors for "at" (the other is where). */
export function findFixture(text: string, out: Candidate[]): void {
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
export function teamName(toks: Tok[], i: number, k: number, type: NameType | null, text: string, sports: () => boolean): NameType | null {
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
  if ((TEAM_AFTER.test(after) || TEAM_PAREN_AFTER.test(after)) && type === "place") return "organization";
  // A name no list knows needs a whole table row or score line: "Wigzin 270 I would like" is a product, "Halftime 0-0" a label.
  if (unknownTeam && rowStart && (TABLE_ROW.test(after) || SCORE_LINE.test(after) || TEAM_PAREN_AFTER.test(after) || (/\b\d{1,2}\s+$/.test(before) && LAST_SCORE.test(after)))) return "organization";
  // "Johnny Herbert ( Britain ) Sauber": the last word of a results row after a driver's country is the team.
  if (unknownTeam && /\(\s*[A-Z][^()]{0,30}\)\s*$/.test(before) && /^\s*(?:$|\n|,)/.test(after)) return "organization";
  if (!sports()) return type;
  if (type === "place" && !LOCATIVE_BEFORE.test(before) && !PLACE_AFTER.test(after)) return "organization";
  // "Dynamo Moscow", "Rotor Volgograd": an unknown name before a town.
  if (!type && k - i > 1 && g.places.has(toks[k - 1].lower) && !g.common.has(toks[i].lower)) return "organization";
  if (unknownTeam && TITLE_CASE.test(toks[i].text) && (TEAM_BEFORE.test(before) || TEAM_VERB_AFTER.test(after))) return "organization";
  // "the Eagles", "the Springboks": a plural name after "the" on a sports page is a team.
  if ((unknownTeam || !type) && k - i === 1 && /^[A-Z][a-z]+s$/.test(toks[i].text) && /\bthe\s+$/i.test(before)) return "organization";
  return type;
}

/** True for a text about sport (not shouted): a score such as "3-1" or a word such as innings, striker or Cup. */
export function sportsPage(text: string): boolean {
  return !shouted(text) && SPORTS.test(text);
}

/** "North Sydney 46 South Sydney 4": a compass word and a town [i, j) that score, or play on a sports page, are a team. */
export function compassTeam(toks: Tok[], i: number, j: number, text: string, sports: () => boolean): boolean {
  const g = gazetteers();
  if (j - i !== 2 || !COMPASS.has(toks[i].lower) || !g.places.has(toks[i + 1].lower) || g.phrases.has(`${toks[i].lower} ${toks[i + 1].lower}`)) return false;
  const after = text.slice(toks[i + 1].end, toks[i + 1].end + 30);
  return TEAM_AFTER.test(after) || (sports() && TEAM_VERB_AFTER.test(after));
}
