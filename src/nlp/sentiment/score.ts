/** Rule-based sentiment scoring over tokens: lexicon weights, negation scope, intensifiers, contrast, emphasis, questions, phrase rules. */
import type { Token } from "../../contracts/nlp.ts";
import { wordWeight, wordSource, symbolWeight } from "./lexicon.ts";
import { matchRules } from "./rules.ts";

/** One contribution to the score: the word, emoji or rule and its signed weight. */
export type Driver = { text: string; weight: number; kind: "word" | "emoji" | "rule" };

/** Everything the scorer found, kept apart so a learned model can re-weight the parts. */
export type SentimentParts = {
  drivers: Driver[];
  score: number;
  wordCount: number;
  positive: number;
  negative: number;
  negated: number;
  question: boolean;
  exclamations: number;
  contrast: boolean;
  ruleIds: string[];
  /** Sum of the (modified) word weights per lexicon. */
  bySource: Record<string, number>;
};

const NEGATORS = new Set(["not", "n't", "nt", "no", "never", "nothing", "nobody", "none", "neither", "nor", "without", "hardly", "barely", "cannot", "noone", "nope", "nah"]);
const INTENSIFIERS: Record<string, number> = {
  very: 1.5, really: 1.4, so: 1.4, extremely: 1.8, totally: 1.5, super: 1.5, absolutely: 1.6, completely: 1.5,
  incredibly: 1.7, truly: 1.4, highly: 1.4, most: 1.3, such: 1.3, too: 1.3, seriously: 1.4, ridiculously: 1.7,
  utterly: 1.7, beyond: 1.5, insanely: 1.7, especially: 1.3, sooo: 1.7, soooo: 1.8, more: 1.2, even: 1.2, just: 1.1,
};
const DOWNTONERS: Record<string, number> = {
  slightly: 0.5, somewhat: 0.6, bit: 0.6, little: 0.6, kinda: 0.6, kind: 0.6, sort: 0.6, fairly: 0.7, rather: 0.8,
  mildly: 0.5, partly: 0.6, almost: 0.7, barely: 0.5, marginally: 0.5, quite: 0.9,
};
const CONTRAST = new Set(["but", "however", "although", "though", "yet", "except", "nevertheless", "unfortunately", "sadly"]);
const LACKS = new Set(["lack", "lacks", "lacking", "lacked", "fails", "failed", "devoid"]);
const IRREALIS = new Set(["wish", "supposed", "wants", "tries", "trying", "hoping", "hoped", "pretends"]);
const MODALS = new Set(["would", "could", "should", "might", "must"]);
const PERFECT = new Set(["have", "'ve", "ve", "be", "been"]);
const IRREALIS_SCOPE = 4;
const SCOPE_TRANSPARENT = new Set(["a", "an", "the", "be", "been", "do", "very", "really", "so", "too", "quite", "that", "this", "any", "as", "much", "all", "at", "even", "ever", "particularly", "especially", "terribly", "overly", "exactly", "just", "get", "got", "have", "feel", "seem", "seems", "look", "looks", "sound", "sounds", "find", "make", "makes"]);
const FLIPPABLE = new Set(["bad", "terrible", "awful", "worse", "wrong", "problem", "problems", "issue", "issues", "hard", "difficult", "complicated", "disappointed", "disappoint", "worry", "worries", "worried", "mind", "sorry"]);
// Request words that, inside a question, name what is asked about rather than how the customer feels.
const ASKED_ABOUT = new Set(["refund", "refunds", "cancel", "cancelling", "canceling", "cancellation", "cancellations"]);
const POLITE = new Set(["thanks", "thank", "thx", "thanx", "ty", "please", "pls", "plz", "appreciate", "appreciated"]);
const BARE_NEGATION = -0.6;
const CLAUSE_END = /^[.,;:!?…]+$|^--$/;
const NEGATION_SCOPE = 3;

// [start, end) character ranges of the sentences that end with a question mark.
function questionSpans(lower: string): [number, number][] {
  const spans: [number, number][] = [];
  if (!lower.includes("?")) return spans;
  let start = 0;
  for (let i = 0; i < lower.length; i++) {
    const ch = lower[i];
    if (ch === "?") spans.push([start, i + 1]);
    if (ch === "." || ch === "!" || ch === "?" || ch === "\n") start = i + 1;
  }
  return spans;
}

type TokenInfo = { weight: number; kind: Driver["kind"]; source: string };
const infoCache = new Map<string, TokenInfo>();

// Lexicon facts about one token text, memoised: the lookups (inflections, emoji runs) cost more than the scoring.
function tokenInfo(raw: string, w: string): TokenInfo {
  let info = infoCache.get(raw);
  if (!info) {
    const sym = symbolWeight(raw);
    info = sym === undefined ? { weight: wordWeight(w), kind: "word", source: wordSource(w) ?? "team" } : { weight: sym, kind: "emoji", source: "emoji" };
    if (infoCache.size > 100_000) infoCache.clear();
    infoCache.set(raw, info);
  }
  return info;
}

function normalise(word: string): string {
  return word.toLowerCase().replace(/’/g, "'").replace(/^#/, "");
}

/** Scores tokens with the rules; returns the drivers and the separate parts a learned model can use. */
export function scoreParts(text: string, tokens: Token[]): SentimentParts {
  const drivers: Driver[] = [];
  const words = tokens.map((t) => normalise(t.text));
  const allCaps = !/\p{Ll}/u.test(text);
  // Where the last contrast word sits: before it counts half, after it counts more.
  let contrastAt = -1;
  for (let i = 0; i < words.length; i++) if (CONTRAST.has(words[i]) && i > 0) contrastAt = i;
  let negUntil = -1;
  let negAt = -1;
  let irrealisUntil = -1;
  let scopeScored = false;
  const bareNegations: number[] = [];
  const emojiSeen = new Map<string, number>();
  const politeAt: number[] = [];
  const bySource: Record<string, number> = {};
  let negated = 0;
  let positive = 0;
  let negative = 0;
  let wordCount = 0;
  let questionSentence = false;
  let qStart = 0;
  const sentenceQuestion: boolean[] = new Array(words.length).fill(false);
  for (let i = 0; i <= words.length; i++) {
    if (i === words.length || /^[.!?…]+$/.test(words[i])) {
      const isQ = i < words.length && words[i].includes("?");
      for (let k = qStart; k < i; k++) sentenceQuestion[k] = isQ;
      if (isQ) questionSentence = true;
      qStart = i + 1;
    }
  }
  for (let i = 0; i < words.length; i++) {
    const w = words[i];
    if (/\p{L}/u.test(w)) wordCount++;
    if (CLAUSE_END.test(w) || CONTRAST.has(w)) {
      irrealisUntil = -1;
      if (negUntil >= i && negAt >= 0 && !scopeScored) bareNegations.push(negAt);
      negUntil = -1;
      negAt = -1;
    }
    if (i === negUntil + 1 && negAt >= 0 && !scopeScored) bareNegations.push(negAt);
    if (NEGATORS.has(w) || LACKS.has(w)) {
      if (negUntil >= i && negAt >= 0 && !scopeScored) bareNegations.push(negAt);
      negUntil = i + NEGATION_SCOPE;
      negAt = i;
      // "lacks", "fails" keep their own weight and also negate what follows ("lacks humor").
      scopeScored = LACKS.has(w);
      if (!LACKS.has(w)) continue;
    }
    // Unrealised praise ("would have been better", "supposed to be funny", "I was hoping for") is a complaint.
    if (IRREALIS.has(w) || (MODALS.has(w) && PERFECT.has(words[i + 1] ?? ""))) irrealisUntil = i + IRREALIS_SCOPE;
    // Function words and modifiers do not use up the negation scope ("doesn't do a very good job").
    if (i <= negUntil && SCOPE_TRANSPARENT.has(w)) negUntil++;
    // Modifiers only scale their neighbours; Pattern gives some of them a weight of their own.
    if (INTENSIFIERS[w] !== undefined || DOWNTONERS[w] !== undefined) continue;
    const info = tokenInfo(tokens[i].text, w);
    let weight = info.weight;
    if (weight === 0) continue;
    const kind = info.kind;
    let label = tokens[i].text;
    for (let k = Math.max(0, i - 2); k < i; k++) {
      let mod = INTENSIFIERS[words[k]] ?? DOWNTONERS[words[k]];
      // "too" and "less" turn praise into a complaint ("too expensive" stays negative, "less funny" flips).
      if (weight > 0 && (words[k] === "too" || words[k] === "less" || words[k] === "least")) mod = words[k] === "too" ? 0 : -0.6;
      if (mod !== undefined && kind === "word") {
        weight *= mod;
        label = tokens[k].text + " " + label;
      }
    }
    if (kind === "word" && i <= irrealisUntil && weight > 0 && i > negUntil) {
      weight *= -0.3;
      label = "(unrealised) " + label;
    }
    if (kind === "word" && i <= negUntil && i > negAt) {
      // A negated complaint word is rarely praise ("never got the cancellation notice"); only a few flip to mild approval.
      weight *= weight > 0 ? -0.8 : FLIPPABLE.has(w) ? -0.4 : 0;
      label = "not " + label;
      negated++;
      scopeScored = true;
      if (weight === 0) continue;
    }
    // Repeated emoji ("😁😁😁") add less each time.
    if (kind === "emoji") {
      const seen = emojiSeen.get(tokens[i].text) ?? 0;
      emojiSeen.set(tokens[i].text, seen + 1);
      weight *= Math.pow(0.5, seen);
    }
    if (POLITE.has(w)) politeAt.push(drivers.length);
    if (kind === "word" && !allCaps && tokens[i].text.length > 2 && /^\p{Lu}+$/u.test(tokens[i].text)) weight *= 1.4;
    if (contrastAt > 0) weight *= i < contrastAt ? 0.5 : 1.3;
    // Asking about a refund or a cancellation names the topic of the question, not a grievance ("what is your refund
    // policy?"); stated, the same words lean negative ("I want a refund").
    if (sentenceQuestion[i] && kind === "word") weight *= ASKED_ABOUT.has(w) ? 0 : 0.6;
    if (weight === 0) continue;
    if (weight > 0) positive += weight;
    else negative += weight;
    const source = info.source;
    bySource[source] = (bySource[source] ?? 0) + weight;
    drivers.push({ text: label, weight, kind });
  }
  if (negUntil >= words.length - 1 && negAt >= 0 && !scopeScored) bareNegations.push(negAt);
  // In support messages a negation with nothing to negate is itself a complaint cue ("no one called", "never loads").
  for (const at of new Set(bareNegations)) {
    const label = tokens.slice(at, Math.min(tokens.length, at + 2)).map((t) => t.text).join(" ");
    drivers.push({ text: label, weight: BARE_NEGATION, kind: "rule" });
    negative += BARE_NEGATION;
  }
  const lower = text.toLowerCase().replace(/’/g, "'");
  const hits = matchRules(lower);
  const questions = questionSpans(lower);
  for (const hit of hits) {
    // Good news asked about ("is my flight on time?") is not yet good news.
    const w = hit.rule.weight > 0 && questions.some(([a, b]) => hit.index >= a && hit.index < b) ? hit.rule.weight * 0.3 : hit.rule.weight;
    drivers.push({ text: hit.text, weight: w, kind: "rule" });
    if (w > 0) positive += w;
    else negative += w;
  }
  // Thanks and please after a complaint are politeness, not praise.
  if (negative <= -2) {
    for (const at of politeAt) {
      const d = drivers[at];
      if (d.weight <= 0) continue;
      positive -= d.weight * 0.7;
      d.weight *= 0.3;
    }
  }
  const exclamations = (text.match(/!/g) ?? []).length;
  let score = positive + negative;
  if (score !== 0 && exclamations > 0) {
    const boost = Math.sign(score) * 0.3 * Math.min(exclamations, 3);
    drivers.push({ text: "!".repeat(Math.min(exclamations, 3)), weight: boost, kind: "rule" });
    score += boost;
  }
  return {
    drivers,
    score,
    wordCount,
    positive,
    negative,
    negated,
    question: questionSentence,
    exclamations,
    contrast: contrastAt > 0,
    ruleIds: hits.map((h) => h.rule.id),
    bySource,
  };
}
