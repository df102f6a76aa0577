/** Rules that type a run of capitalised words as a person, organisation or place (or a known name of no reported type). */
import { gazetteers, type Gazetteers, type NameType } from "./gazetteer.ts";

/** A word token; `glued` when it touches digits ("TX99812734"), which makes it part of a code. */
export type Tok = { text: string; lower: string; start: number; end: number; cap: boolean; glued: boolean };

/** Courtesy titles before a name ("Mrs. Alvarez"): kept in a person's span, left out of its value. */
export const HONORIFIC = /^(?:mr|mrs|ms|miss|dr|prof|sir|madam|mx)\.?$/i;
/** A courtesy title and the space or dot after it at the start of a person's text ("Mr. " in "Mr. Smith"). */
export const TITLE_PREFIX = /^(?:mr|mrs|ms|miss|dr|prof|sir|madam|mx)\b\.?\s*/i;
const TITLE_CASE = /^[A-Z][a-z]+$/;
const STREET = new Set(["st", "street", "rd", "road", "ave", "avenue", "lane", "ln", "blvd", "boulevard", "drive", "dr", "way", "close", "court", "ct", "place", "pl", "terrace", "crescent"]);

// Introductions and sign-offs make a first name a person even where it is also a place ("Jordan here").
const INTRO_BEFORE = /(?:\b(?:this\s+is|my\s+name\s+is|name's|i'm|i\s+am|it's|regards|thanks|thank\s+you|cheers|sincerely|best)\s*[,:]?\s*|^\s*(?:hi|hello|hey|dear)\s*,?\s*)$/i;
const INTRO_AFTER = /^\s+here\b/i;

// Where customers say where they are: "I live in Kraków", "Delivery to Ballymena".
const PLACE_CONTEXT = /\b(?:live|living|lives|based|located|situated|staying|moved|moving|relocated|ship(?:ped|ping)?|deliver(?:ed|y|ing)?|sent|send|post(?:ed)?|travel(?:l?ing)?|flying|fly|stuck|held|sitting|waiting|arrived|landed|depot|warehouse|hub|facility)\s+(?:in|to|from|at|near)\s+$/i;
const ARTICLE_BEFORE = /\b(?:a|an|the|my|your|our|their|this|that|these|those)\s+$/i;
const ORG_CONTEXT = /\b(?:(?:bought|ordered|purchased|order|chairs|items?|goods|parcel|package|delivery|invoice|quote|refund|email|call|message|letter)\s+(?:\w+\s+)?from|work(?:s|ing)?\s+(?:for|at)|employed\s+(?:by|at)|company|vendor|supplier|brand|retailer|seller|merchant)\s+$/i;

// A name described as a firm, a paper or a club: "tyre and cables giant Pirelli", "group CITIC Pacific", "the Sun newspaper".
const ORG_NOUN_BEFORE = /\b(?:firm|company|group|giant|maker|makers|manufacturer|producer|conglomerate|carrier|airline|bank|lender|insurer|broker|brokerage|retailer|chain|publisher|newspaper|daily|weekly|magazine|agency|broadcaster|network|club|side|outfit|subsidiary|unit|rival|partner|operator|utility|brewer|distributor|supplier|vendor|exporter|importer)\s+$/;
const ORG_NOUN_AFTER = /^(?:\s+(?:news\s+agency|newspaper|daily|weekly|magazine|group|shares|stock|spokesman|spokeswoman|spokesperson|executives?|CEO|chairman|chief\s+executive|board|subsidiary|headquarters|shareholders)\b|\s*\(\s*[A-Z]{2,6}\s*\))/;

/** True for a word in capitals that reads as an acronym: not in a shouted message, not a dateline ("CARLSBAD , California"). */
function acronym(t: Tok, text: string, after: string): boolean {
  return /^[A-Z]{2,5}$/.test(t.text) && !shouted(text) && !(t.start === 0 && /^\s*,/.test(after));
}

/** True when most letters are capitals (headlines, shouting), where capitals say nothing about names. */
export function shouted(text: string): boolean {
  const letters = text.replace(/[^A-Za-z]/g, "");
  return letters.length > 0 && letters.replace(/[^A-Z]/g, "").length / letters.length > 0.6;
}

/** True for a word no gazetteer or lexicon knows. */
function isUnknown(g: Gazetteers, w: string): boolean {
  return !g.common.has(w) && !g.firstNames.has(w) && !g.lastNames.has(w) && !g.places.has(w) && !g.phrases.has(w);
}


// Sports pages name teams by their town: "Surrey 429-7", "CHICAGO 71 64", "Essex captain".
export const TEAM_AFTER = /^\s+(?:\d{1,3}(?:-\d{1,3})?(?![\d.,:/%])(?!\s*(?:[a-z]|%|\$))|(?:captain|coach|skipper|batsman|bowler|striker|midfielder|defender|goalkeeper|opener)\b)/;
// "Lebed said", "Clinton told": an unknown capitalised word that speaks is a person.
const SPEAKS_AFTER = /^\s+(?:said|says|told|added|declined|denied|warned|announced|insisted|argued|wrote)\b/;
const TITLE_BEFORE = /\b(?:President|Prime\s+Minister|Minister|Chancellor|Premier|Senator|Governor|General|Gen|Colonel|Col|Captain|Capt|coach|striker|midfielder|defender|goalkeeper|batsman|bowler|chairman|spokesman|spokeswoman|leader|secretary|Secretary|director|Director|Judge|Pope|King|Queen|Prince|Princess|Sheikh|Ayatollah|Rev|Father|Sister)\s+$/;

// Everyday abbreviations in customer messages that are not organisations.
const NOT_ORG_ACRONYMS = new Set("vat sku eta pin otp sms mms pdf tv pc usb hdmi led oled lcd gps diy faq id po rma imei asap fyi btw imo tbh lol omg wtf dm pm am est edt pst pdt cst cdt mst mdt gmt utc cet cest bst ist aest aedt jst hkt sgt xl xxl xs usd eur gbp cad aud inr jpy chf ok ceo cfo cto hr it qa ai api app url www html ssd hdd ram cpu gpu os ios nb ps re fw fwd cc bcc gdp gnp cpi ppi pmi rbi era rpm mph kph bmi dna hiv aids ty thx pls plz".split(" "));

const CLUB_WORDS = new Set(["united", "athletic"]);

// "Bank of Canada", "Organisation for Security and Cooperation": an organisation word may take a complement.

const ORG_CONNECTORS = new Set(["of", "for", "and", "&"]);

/** True when the lower-case connector at `j` may continue the run [i, j): it follows an organisation word, or an earlier one did. */
export function orgOf(toks: Tok[], i: number, j: number): boolean {
  if (!ORG_CONNECTORS.has(toks[j].lower)) return false;
  const g = gazetteers();
  if (toks[j].lower !== "and" && g.orgSuffix.has(toks[j - 1].lower)) return true;
  for (let k = i + 1; k < j; k++) if ((toks[k].lower === "of" || toks[k].lower === "for") && g.orgSuffix.has(toks[k - 1].lower)) return true;
  return false;
}

/** True when the run [i, j) ends in an organisation word ("Acme Inc") or carries one with its complement ("Bank of Canada"). */
export function orgHeaded(toks: Tok[], i: number, j: number): boolean {
  const g = gazetteers();
  if (g.orgSuffix.has(toks[j - 1].lower)) return true;
  for (let k = i + 1; k < j - 1; k++) if ((toks[k].lower === "of" || toks[k].lower === "for") && !toks[k].cap && g.orgSuffix.has(toks[k - 1].lower)) return true;
  return false;
}

/** Types a run of capitalised tokens [i, j) from gazetteers, name shapes and the words around it; null when unsure. */
export function classify(toks: Tok[], i: number, j: number, text: string): NameType | null {
  const g = gazetteers();
  const phrase = toks.slice(i, j).map((t) => t.lower).join(" ");
  const known = g.phrases.get(phrase);
  const first = toks[i].lower;
  const last = toks[j - 1].lower;
  const before = text.slice(Math.max(0, toks[i].start - 30), toks[i].start);
  const after = text.slice(toks[j - 1].end, toks[j - 1].end + 20);
  if (j - i <= 2 && known !== "organization") {
    if (INTRO_AFTER.test(after)) return "person";
    if (g.firstNames.has(first) && INTRO_BEFORE.test(before)) return "person";
  }
  if (known) return known;
  // "IRA", "NFL": capitals in ordinary text make an acronym, even where the letters spell a first name ("Ira").
  if (j - i === 1 && acronym(toks[i], text, after) && !g.common.has(first) && !g.places.has(first)) return NOT_ORG_ACRONYMS.has(first) ? null : "organization";
  // "Baltimore Orioles", "Texas Instruments", "Manchester United": a town and a plural name or a club word.
  if (j - i > 1 && j - i <= 3 && (/^[A-Z][a-z]+[^s]s$/.test(toks[j - 1].text) || CLUB_WORDS.has(last)) && !g.places.has(last) && g.places.has(toks.slice(i, j - 1).map((t) => t.lower).join(" "))) return "organization";
  // "Douglas & Lomason", "Marks & Spencer": an ampersand joins firms, not people.
  if (toks.slice(i, j).some((t) => t.text === "&")) return "organization";
  if (j - i === 1 && g.famousSurnames.has(first) && !g.common.has(first)) return "person";
  if (j - i > 1 && orgHeaded(toks, i, j)) return "organization";
  if (j - i > 1 && STREET.has(last)) return "other";
  const prev = i > 0 && toks[i - 1].text === "." ? i - 2 : i - 1;
  if (prev >= 0 && HONORIFIC.test(toks[prev].text)) return "person";
  if (g.firstNames.has(first) && !g.common.has(first) && (j - i > 1 || !g.places.has(first))) return "person";
  if (j - i > 1 && g.firstNames.has(first) && g.lastNames.has(last)) return "person";
  if (j - i > 1 && g.lastNames.has(last) && !g.common.has(last)) return "person";
  // "I've", "I'm": the pronoun, whatever follows it.
  if (/^I['’]/.test(toks[i].text) || !isUnknown(g, last)) return null;
  // Unknown words from here on: read the shape and the context. An acronym is one even at the start of a sentence.
  if (j - i === 1 && acronym(toks[i], text, after)) return NOT_ORG_ACRONYMS.has(first) ? null : "organization";
  if (i === 0) return null;
  if (j - i === 1 && ORG_CONTEXT.test(before.slice(-20))) return "organization";
  if (j - i <= 3 && (ORG_NOUN_BEFORE.test(before) || ORG_NOUN_AFTER.test(after))) return "organization";
  if (j - i <= 2 && (SPEAKS_AFTER.test(after) || TITLE_BEFORE.test(before))) return "person";
  if (j - i <= 2 && PLACE_CONTEXT.test(before)) return "place";
  // Names of people rarely follow an article: "a Ninja Foodi" is a product.
  if (ARTICLE_BEFORE.test(before)) return null;
  // Two unknown capitalised words inside a sentence ("Saqlain Mushtaq") are most often a foreign name.
  if (j - i === 2 && isUnknown(g, first) && !shouted(text) && TITLE_CASE.test(toks[i].text) && TITLE_CASE.test(toks[i + 1].text)) return "person";
  return null;
}
