/** Word-class lexicons the tagger consults: natural's Brill lexicon (Penn tags) and compromise's lexicon, mapped to UPOS. */
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import nlp from "compromise";

const require = createRequire(import.meta.url);

/** Every UPOS tag, in the fixed order the perceptron's weight vectors use. */
export const UPOS = [
  "NOUN", "PUNCT", "VERB", "PRON", "ADP", "DET", "PROPN", "ADJ", "AUX",
  "ADV", "CCONJ", "PART", "SCONJ", "NUM", "INTJ", "SYM", "X",
] as const;

/** One UPOS tag. */
export type Upos = (typeof UPOS)[number];

const AUX_WORDS = new Set([
  "be", "am", "is", "are", "was", "were", "been", "being", "'s", "'re", "'m", "s", "m", "re",
  "have", "has", "had", "having", "'ve", "ve", "'d", "d", "do", "does", "did",
  "will", "would", "shall", "should", "can", "could", "may", "might", "must", "'ll", "ll", "ca", "wo", "ought",
]);
const SCONJ_WORDS = new Set([
  "because", "if", "while", "although", "though", "whether", "since", "unless", "until", "till",
  "once", "whereas", "that", "so", "as", "than", "before", "after",
]);

/** Maps a Penn Treebank tag (with the word, for the AUX/SCONJ/PART splits) to UPOS. */
export function pennToUpos(tag: string, lower: string): Upos {
  switch (tag) {
    case "NN": case "NNS": return "NOUN";
    case "NNP": case "NNPS": return "PROPN";
    case "MD": return "AUX";
    case "VB": case "VBD": case "VBG": case "VBN": case "VBP": case "VBZ":
      return AUX_WORDS.has(lower) ? "AUX" : "VERB";
    case "JJ": case "JJR": case "JJS": return "ADJ";
    case "RB": case "RBR": case "RBS":
      return lower === "not" || lower === "n't" || lower === "nt" ? "PART" : "ADV";
    case "WRB": return "ADV";
    case "RP": return "ADP";
    case "IN": return SCONJ_WORDS.has(lower) && lower !== "before" && lower !== "after" && lower !== "since" ? "SCONJ" : "ADP";
    case "DT": case "PDT": return "DET";
    case "WDT": return lower === "which" || lower === "that" || lower === "what" ? "PRON" : "DET";
    case "PRP": case "PRP$": case "WP": case "WP$": case "EX": return "PRON";
    case "CC": return "CCONJ";
    case "CD": return "NUM";
    case "TO": return "PART";
    case "POS": return "PART";
    case "UH": return "INTJ";
    case "SYM": case "$": case "#": return "SYM";
    case "FW": case "LS": return "X";
    default: return "PUNCT";
  }
}

/** Maps one of compromise's lexicon tags to UPOS. */
export function compromiseToUpos(tag: string, lower: string): Upos {
  if (/Pronoun|Possessive/.test(tag)) return "PRON";
  if (/Modal|Copula|Auxiliary/.test(tag)) return "AUX";
  if (/Verb|Tense|Infinitive|Gerund|Participle|PhrasalVerb/.test(tag)) return AUX_WORDS.has(lower) ? "AUX" : "VERB";
  if (/ProperNoun|Person|Place|Organization|FirstName|LastName|Country|City|Region|Month|WeekDay|Honorific/.test(tag)) return "PROPN";
  if (/Noun|Singular|Plural|Uncountable|Actor|Unit/.test(tag)) return "NOUN";
  if (/Adjective|Comparative|Superlative/.test(tag)) return "ADJ";
  if (/Negative/.test(tag)) return "PART";
  if (/Adverb/.test(tag)) return "ADV";
  if (/Determiner/.test(tag)) return "DET";
  if (/Preposition/.test(tag)) return "ADP";
  if (/Conjunction/.test(tag)) return SCONJ_WORDS.has(lower) ? "SCONJ" : "CCONJ";
  if (/Value|Cardinal|Ordinal|Number/.test(tag)) return "NUM";
  if (/Expression|Interjection/.test(tag)) return "INTJ";
  return "X";
}

/** Word → its Penn tags, most frequent first. */
type BrillLexicon = Map<string, readonly string[]>;

let brill: BrillLexicon | undefined;
let compromiseLex: Record<string, string> | undefined;

/**
 * Reads natural's Brill lexicon (92,662 words) into a Map whose words share one array per distinct tag list (1,053):
 * an array per word, as the JSON has it, held 5 MB more. Read with JSON.parse rather than require(), whose
 * module cache would keep the original object too.
 */
function brillLexicon(): BrillLexicon {
  if (brill) return brill;
  const file = require.resolve("natural/lib/natural/brill_pos_tagger/data/English/lexicon_from_posjs.json");
  const parsed = JSON.parse(readFileSync(file, "utf8")) as Record<string, string[]>;
  const shared = new Map<string, readonly string[]>();
  brill = new Map();
  for (const [word, tags] of Object.entries(parsed)) {
    const key = tags.join(" ");
    let same = shared.get(key);
    if (!same) shared.set(key, (same = tags));
    brill.set(word, same);
  }
  return brill;
}

function compromiseLexicon(): Record<string, string> {
  if (!compromiseLex) {
    const model = nlp.model() as { one: { lexicon: Record<string, string | string[]> } };
    compromiseLex = {};
    for (const [word, tag] of Object.entries(model.one.lexicon)) {
      compromiseLex[word] = Array.isArray(tag) ? tag[0] : tag;
    }
  }
  return compromiseLex;
}

/** What the lexicons say about one word: its Penn tags (most frequent first) and compromise's tag, or empty. */
export type LexEntry = { penn: readonly string[]; comp: string };

const cache = new Map<string, LexEntry>();
const EMPTY: readonly string[] = [];

/** Looks a word up in both lexicons (exact case first, then lower case), memoised. */
export function lookup(word: string): LexEntry {
  const hit = cache.get(word);
  if (hit) return hit;
  const lex = brillLexicon();
  const lower = word.toLowerCase();
  const own = lex.get(word);
  const low = lex.get(lower);
  const comp = compromiseLexicon();
  const entry: LexEntry = {
    penn: own ?? low ?? EMPTY,
    comp: Object.hasOwn(comp, lower) ? comp[lower] : "",
  };
  if (cache.size < 200_000) cache.set(word, entry);
  return entry;
}

/** Loads both lexicons now, so the first message does not pay for it. */
export function warmLexicons(): void {
  brillLexicon();
  compromiseLexicon();
}
