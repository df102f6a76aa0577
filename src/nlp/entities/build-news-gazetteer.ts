/**
 * Builds nlp-models/entities/news-gazetteer.json from a CoNLL-2003 training file (research use, Reuters):
 * whole entity strings with their majority type, and first/last names seen inside person names.
 * Run: npx tsx src/nlp/entities/build-news-gazetteer.ts [path/to/eng.train]
 */
import { writeFileSync } from "node:fs";
import path from "node:path";
import { readConll } from "./conll.ts";
import { ENTITY_MODEL_DIR } from "./gazetteer.ts";

const TYPE_NAMES: Record<string, string> = { PER: "person", LOC: "place", ORG: "organization", MISC: "other" };

/** Counts entity strings in a CoNLL file and writes the gazetteer JSON; returns the number of names per list. */
export function buildNewsGazetteer(trainFile: string, outFile = path.join(ENTITY_MODEL_DIR, "news-gazetteer.json")): Record<string, number> {
  const counts = new Map<string, Record<string, number>>();
  const first = new Map<string, number>();
  const last = new Map<string, number>();
  for (const s of readConll(trainFile)) {
    for (const g of s.gold) {
      const words = s.tokens.slice(g.start, g.end);
      const k = words.join(" ").toLowerCase();
      const c = counts.get(k) ?? {};
      c[g.type] = (c[g.type] ?? 0) + 1;
      counts.set(k, c);
      if (g.type === "PER" && words.length >= 2 && /^[A-Z][a-z]/.test(words[0])) {
        first.set(words[0].toLowerCase(), (first.get(words[0].toLowerCase()) ?? 0) + 1);
        last.set(words[words.length - 1].toLowerCase(), (last.get(words[words.length - 1].toLowerCase()) ?? 0) + 1);
      }
    }
  }
  const lists: Record<string, string[]> = { person: [], place: [], organization: [], other: [] };
  for (const [name, c] of counts) {
    const total = Object.values(c).reduce((a, b) => a + b, 0);
    const [best, n] = Object.entries(c).sort((a, b) => b[1] - a[1])[0];
    // Ambiguous strings ("Washington": person, place, team) are left to the rules.
    if (n / total < 0.6 || !/[a-z]/.test(name)) continue;
    lists[TYPE_NAMES[best]].push(name);
  }
  for (const l of Object.values(lists)) l.sort();
  const out = {
    _about: "Derived from CoNLL-2003 eng.train (Reuters RCV1, research use only): entity strings with their majority type. Optional; delete to ship without it.",
    ...lists,
    firstNames: [...first].filter(([, n]) => n >= 1).map(([w]) => w).sort(),
    lastNames: [...last].filter(([, n]) => n >= 1).map(([w]) => w).sort(),
  };
  writeFileSync(outFile, JSON.stringify(out) + "\n");
  return Object.fromEntries(Object.entries(out).filter(([k]) => k !== "_about").map(([k, v]) => [k, (v as string[]).length]));
}

if (process.argv[1] && import.meta.url.endsWith(path.basename(process.argv[1]))) {
  const file = process.argv[2] ?? path.resolve(ENTITY_MODEL_DIR, "../../../shared/data/ner/conll2003/eng.train");
  process.stdout.write(JSON.stringify(buildNewsGazetteer(file)) + "\n");
}
