/** Name gazetteers: compromise's lexicon plus the team-written lists (and any optional lists) in nlp-models/entities/. */
import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import nlp from "compromise/two";
import type { EntityType } from "../../contracts/nlp.ts";
import { repoPath } from "../../paths.ts";

/** A name's type; "other" marks known names of no reported type (events, nationalities) so they are not guessed at. */
export type NameType = Extract<EntityType, "person" | "organization" | "place"> | "other";

/** Lower-cased lookup sets used by the name recogniser. */
export type Gazetteers = {
  /** Whole names ("bank of america", "new york", "barack obama") → type. */
  phrases: Map<string, NameType>;
  firstNames: Set<string>;
  lastNames: Set<string>;
  places: Set<string>;
  /** Country names, which stay places even on sports pages. */
  countries: Set<string>;
  /** Surnames of well-known people in compromise's lexicon ("yeltsin", "clinton"), a person when they stand alone. */
  famousSurnames: Set<string>;
  /** First words of multi-word names, so "New" in "New York" is not skipped as a common word. */
  phraseStarts: Set<string>;
  /** Last words that make a capitalised run an organisation ("inc", "airlines", "bank"). */
  orgSuffix: Set<string>;
  /** Ordinary words that start sentences capitalised and are not names on their own ("please", "thanks"). */
  common: Set<string>;
};

/** Lower-cases and strips accents so "Tomás" and "Kraków" meet "tomas" and "krakow" in the lists. */
export function foldName(s: string): string {
  const lower = s.toLowerCase();
  return !/[^ -~]/.test(lower) ? lower : lower.normalize("NFD").replace(/[\u0300-\u036f]/g, "");
}

/** Directory holding the entity gazetteers and test set. */
export const ENTITY_MODEL_DIR = repoPath("nlp-models/entities");

type ListFile = { person?: string[]; organization?: string[]; place?: string[]; other?: string[]; firstNames?: string[]; lastNames?: string[]; orgSuffix?: string[]; common?: string[] };

let cached: Gazetteers | null = null;

const NAME_TAGS = new Set(["FirstName", "MaleName", "FemaleName"]);
const PLACE_TAGS = new Set(["City", "Country", "Region"]);
const ORG_TAGS = new Set(["Organization", "SportsTeam"]);
const NOT_COMMON = new Set([...NAME_TAGS, ...PLACE_TAGS, ...ORG_TAGS, "LastName", "Person", "Place", "ProperNoun", "Demonym", "Honorific", "Month", "WeekDay"]);

function readList(file: string): ListFile {
  const p = path.join(ENTITY_MODEL_DIR, file);
  if (!existsSync(p)) return {};
  return JSON.parse(readFileSync(p, "utf8")) as ListFile;
}

/** Loads (once) and returns the gazetteers. */
export function gazetteers(): Gazetteers {
  if (cached) return cached;
  const g: Gazetteers = { phrases: new Map(), famousSurnames: new Set(), phraseStarts: new Set(), firstNames: new Set(), lastNames: new Set(), places: new Set(), countries: new Set(), orgSuffix: new Set(), common: new Set() };
  const world = nlp.world() as { model: { one: { lexicon: Record<string, string | string[]> } } };
  for (const [raw, tag] of Object.entries(world.model.one.lexicon)) {
    const word = foldName(raw);
    const tags = Array.isArray(tag) ? tag : [tag];
    for (const t of tags) {
      if (NAME_TAGS.has(t)) g.firstNames.add(word);
      else if (t === "LastName") g.lastNames.add(word);
      else if (PLACE_TAGS.has(t)) {
        if (t === "Country") g.countries.add(word);
        g.places.add(word);
        g.phrases.set(word, "place");
      } else if (ORG_TAGS.has(t) && word.length > 2) g.phrases.set(word, "organization");
      else if (t === "Person" && word.includes(" ")) {
        g.phrases.set(word, "person");
        g.famousSurnames.add(word.slice(word.lastIndexOf(" ") + 1));
      }
      else if (t === "Demonym") g.phrases.set(word, "other");
    }
    if (!word.includes(" ") && !tags.some((t) => NOT_COMMON.has(t))) g.common.add(word);
  }
  // Team lists override the lexicon; optional lists derived from other corpora are loaded last only for words not yet known.
  for (const file of ["gazetteer.json", "wordnet-organizations.json", "news-gazetteer.json"]) {
    const list = readList(file);
    const team = file === "gazetteer.json";
    for (const type of ["person", "organization", "place", "other"] as const) {
      for (const name of list[type] ?? []) {
        const k = foldName(name);
        // Corpus-derived single words that are ordinary English ("the", "bank") stay ordinary.
        if (!team && !k.includes(" ") && (g.common.has(k) || k.length <= 2)) continue;
        if (team || !g.phrases.has(k)) g.phrases.set(k, type);
        // Tokens never end in a dot: "U.S." is looked up as "u.s".
        if (k.endsWith(".") && (team || !g.phrases.has(k.slice(0, -1)))) g.phrases.set(k.slice(0, -1), type);
        if (type === "place") g.places.add(k);
      }
    }
    for (const w of list.firstNames ?? []) g.firstNames.add(foldName(w));
    for (const w of list.lastNames ?? []) g.lastNames.add(foldName(w));
    for (const w of list.orgSuffix ?? []) g.orgSuffix.add(foldName(w));
    for (const w of list.common ?? []) g.common.add(foldName(w));
  }
  for (const k of g.phrases.keys()) if (k.includes(" ")) g.phraseStarts.add(k.slice(0, k.indexOf(" ")));
  cached = g;
  return g;
}
