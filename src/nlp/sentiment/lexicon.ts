/** Sentiment lexicons: AFINN-165 and its emoji list (`sentiment` package) and Pattern's adjectives (natural), under the team's own lexicon. */
import { createRequire } from "node:module";
import { readFileSync } from "node:fs";
import { repoPath } from "../../paths.ts";

const require = createRequire(import.meta.url);

/** Where the team-written lexicon lives. */
export const TEAM_LEXICON_PATH = repoPath("nlp-models/sentiment/customer-service-lexicon.json");

type TeamLexicon = { words: Record<string, number>; general: Record<string, number>; emoticons: Record<string, number>; emoji: Record<string, number> };
type PatternEntry = { polarity: string; pos?: string };

// Pattern's review adjectives (BSD, shipped by natural) fill gaps AFINN leaves; scaled to AFINN's range, weak ones dropped.
const PATTERN_SCALE = 3;
const PATTERN_MIN = 0.3;
// Pattern scores some everyday words that carry no opinion in messages (quantities, "right", "live", "fly").
const PATTERN_SKIP = new Set([
  "fly", "more", "very", "much", "new", "right", "available", "able", "many", "most", "mean", "real", "least", "live",
  "few", "half", "confirmed", "full", "own", "high", "higher", "serious", "round", "whole", "game", "filled", "exact",
  "general", "normal", "married", "hot", "cold", "behind", "chicken", "common", "first", "last", "next", "other",
  "only", "long", "short", "early", "late", "big", "small", "little", "open", "sure", "free", "public", "possible",
]);

let words: Map<string, number> | undefined;
let sources: Map<string, LexiconSource> | undefined;

/** Which lexicon a word's weight came from (the learned model weighs each source separately). */
export type LexiconSource = "team" | "afinn" | "general" | "pattern";
let symbols: Map<string, number> | undefined;

function load(): void {
  const afinn = require("sentiment/languages/en/labels.json") as Record<string, number>;
  const emoji = require("sentiment/build/emoji.json") as Record<string, number>;
  const team = JSON.parse(readFileSync(TEAM_LEXICON_PATH, "utf8")) as TeamLexicon;
  const pattern = require("natural/lib/natural/sentiment/English/pattern-sentiment-en.json") as Record<string, PatternEntry>;
  const fromPattern: Record<string, number> = {};
  for (const [w, e] of Object.entries(pattern)) {
    const pol = Number(e.polarity);
    if (Math.abs(pol) >= PATTERN_MIN && !PATTERN_SKIP.has(w) && !w.includes("'")) fromPattern[w] = Math.round(pol * PATTERN_SCALE * 10) / 10;
  }
  words = new Map(Object.entries({ ...fromPattern, ...team.general, ...afinn, ...team.words }));
  sources = new Map();
  const layers: [LexiconSource, Record<string, number>][] = [["pattern", fromPattern], ["general", team.general], ["afinn", afinn], ["team", team.words]];
  for (const [source, layer] of layers) for (const w of Object.keys(layer)) sources.set(w, source);
  symbols = new Map(Object.entries({ ...emoji, ...team.emoji, ...team.emoticons }));
}

/** The lexicon entry a lower-cased word resolves to: itself, a de-elongated form ("sooo" → "so") or a base form ("disappoints" → "disappoint"). */
export function resolveWord(word: string): string | undefined {
  if (!words) load();
  const map = words as Map<string, number>;
  if (map.has(word)) return word;
  if (/(\p{L})\1\1/u.test(word)) {
    const two = word.replace(/(\p{L})\1+/gu, "$1$1");
    if (map.has(two)) return two;
    const one = word.replace(/(\p{L})\1+/gu, "$1");
    if (map.has(one)) return one;
  }
  for (const [suffix, repl] of INFLECTIONS) {
    if (word.length - suffix.length < 3 || !word.endsWith(suffix)) continue;
    const base = word.slice(0, -suffix.length) + repl;
    if (map.has(base)) return base;
  }
  return undefined;
}

const INFLECTIONS: [string, string][] = [["ies", "y"], ["es", ""], ["s", ""], ["ied", "y"], ["ed", ""], ["ed", "e"], ["ing", ""], ["ing", "e"], ["ly", ""], ["ily", "y"]];

/** The AFINN-scale weight of a lower-cased word (0 when no lexicon knows it). */
export function wordWeight(word: string): number {
  const key = resolveWord(word);
  return key === undefined ? 0 : ((words as Map<string, number>).get(key) ?? 0);
}

/** The lexicon a lower-cased word's weight comes from, if any. */
export function wordSource(word: string): LexiconSource | undefined {
  const key = resolveWord(word);
  return key === undefined ? undefined : sources?.get(key);
}

/** The weight of an emoji or emoticon token, or undefined when the token is not one we know. */
export function symbolWeight(token: string): number | undefined {
  if (!symbols) load();
  const map = symbols as Map<string, number>;
  const hit = map.get(token) ?? map.get(token.replace(/\uFE0F/g, ""));
  if (hit !== undefined) return hit;
  // Flags (regional indicator pairs) carry no sentiment.
  if (/^[\u{1F1E6}-\u{1F1FF}]+$/u.test(token)) return 0;
  // A run of emoji ("😡😡") is one token: sum its known members.
  const chars = [...token.replace(/[\uFE0F\u200D]/g, "")];
  if (chars.length < 2 || !/\p{Extended_Pictographic}/u.test(token)) return undefined;
  let sum = 0;
  let known = false;
  for (const c of chars) {
    const v = map.get(c);
    if (v !== undefined) {
      sum += v;
      known = true;
    }
  }
  return known ? sum : undefined;
}
