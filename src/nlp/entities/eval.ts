/** `switchboard nlp eval ner|entities`: CoNLL-2003 PER/LOC/ORG span F1 and the team test set's per-type scores. */
import path from "node:path";
import { existsSync, readFileSync } from "node:fs";
import type { Entity } from "../../contracts/nlp.ts";
import { readConll, toTokenSpan, type TokenSpan } from "./conll.ts";
import { ENTITY_MODEL_DIR } from "./gazetteer.ts";
import { TITLE_PREFIX } from "./name-rules.ts";
import { extractEntities } from "./index.ts";
import { readTestSet } from "./testset.ts";
import type { EntityContext } from "./types.ts";
import { REPO_ROOT } from "../../paths.ts";

type Flags = Record<string, string | boolean>;
type Score = { p: number; r: number; f1: number; tp: number; fp: number; fn: number };

/** The fixed clock the team test set is written against. */
export const TEST_SET_NOW = "2026-11-25T12:00:00Z";

const repoRoot = REPO_ROOT;
const CONLL_TYPES: Record<string, string> = { person: "PER", place: "LOC", organization: "ORG" };

const pct = (x: number) => Math.round(x * 1000) / 10;

function score(tp: number, fp: number, fn: number): Score {
  const p = tp + fp ? tp / (tp + fp) : 1;
  const r = tp + fn ? tp / (tp + fn) : 1;
  const f1 = p + r ? (2 * p * r) / (p + r) : 0;
  return { p: pct(p), r: pct(r), f1: pct(f1), tp, fp, fn };
}

function flagPath(flags: Flags, name: string, fallback: string): string {
  const v = flags[name];
  return typeof v === "string" ? path.resolve(v) : fallback;
}

/** Parses `--range FROM:TO` (sentence indices, either side may be empty) into a slice of the file's sentences. */
function sentenceRange(flags: Flags, count: number): [number, number] {
  const v = flags.range;
  if (v === undefined) return [0, count];
  const m = typeof v === "string" ? /^(\d*):(\d*)$/.exec(v) : null;
  if (!m) throw new Error(`--range: expected FROM:TO (sentence indices, e.g. 7020: for the second half of eng.train), got ${JSON.stringify(v)}`);
  return [m[1] ? Number(m[1]) : 0, m[2] ? Math.min(Number(m[2]), count) : count];
}

/**
 * Scores PER, LOC and ORG spans on a CoNLL-2003 file (default: the shared eng.testa) by exact token-span match; `--range
 * FROM:TO` scores only those sentences. A courtesy title, which CoNLL leaves out of PER spans, is skipped in ours.
 */
export async function evalNer(flags: Flags): Promise<Record<string, unknown>> {
  const file = flagPath(flags, "conll", path.resolve(repoRoot, "../shared/data/ner/conll2003/eng.testa"));
  const every = readConll(file);
  const [from, to] = sentenceRange(flags, every.length);
  const sentences = every.slice(from, to);
  const counts: Record<string, { tp: number; fp: number; fn: number }> = { PER: { tp: 0, fp: 0, fn: 0 }, LOC: { tp: 0, fp: 0, fn: 0 }, ORG: { tp: 0, fp: 0, fn: 0 } };
  const t0 = performance.now();
  for (const s of sentences) {
    const gold = s.gold.filter((g) => g.type in counts);
    const pred: TokenSpan[] = extractEntities(s.text)
      .filter((e) => e.type in CONLL_TYPES)
      // CoNLL leaves courtesy titles out of PER spans ("Mr [Smith]"); ours keep them, so the title is skipped here.
      .map((e) => toTokenSpan(s, e.type === "person" ? e.start + (TITLE_PREFIX.exec(e.text)?.[0].length ?? 0) : e.start, e.end, CONLL_TYPES[e.type]));
    const key = (x: TokenSpan) => `${x.start}:${x.end}:${x.type}`;
    const goldKeys = new Set(gold.map(key));
    const predKeys = new Set(pred.map(key));
    for (const k of predKeys) counts[k.split(":")[2]][goldKeys.has(k) ? "tp" : "fp"]++;
    for (const k of goldKeys) if (!predKeys.has(k)) counts[k.split(":")[2]].fn++;
  }
  const ms = performance.now() - t0;
  const all = Object.values(counts).reduce((a, c) => ({ tp: a.tp + c.tp, fp: a.fp + c.fp, fn: a.fn + c.fn }), { tp: 0, fp: 0, fn: 0 });
  const micro = score(all.tp, all.fp, all.fn);
  return {
    file,
    range: [from, to],
    sentences: sentences.length,
    microF1: micro.f1,
    microP: micro.p,
    microR: micro.r,
    perType: Object.fromEntries(Object.entries(counts).map(([t, c]) => [t, score(c.tp, c.fp, c.fn)])),
    msPerSentence: Math.round((ms / sentences.length) * 1000) / 1000,
  };
}

function sameValue(a: unknown, b: unknown): boolean {
  if (typeof a === "number" && typeof b === "number") return Math.abs(a - b) < 1e-6;
  if (a && b && typeof a === "object" && typeof b === "object") {
    const x = a as Record<string, unknown>;
    const y = b as Record<string, unknown>;
    const keys = new Set([...Object.keys(x), ...Object.keys(y)]);
    return [...keys].every((k) => sameValue(x[k], y[k]));
  }
  return a === b;
}

/** Scores the team test set per type (type and offsets must match) and reports value accuracy where the gold has a value. */
export async function evalEntities(flags: Flags): Promise<Record<string, unknown>> {
  const file = flagPath(flags, "test", path.join(ENTITY_MODEL_DIR, "test.jsonl"));
  if (!existsSync(file)) throw new Error(`entity test set not found: ${file}`);
  const now = typeof flags.now === "string" ? flags.now : TEST_SET_NOW;
  if (Number.isNaN(Date.parse(now))) throw new Error(`--now: not a date: ${now}`);
  const examples = readTestSet(file);
  // Lines without their own catalogue use test-products.json beside the test file, when present.
  const catalogueFile = path.join(path.dirname(file), "test-products.json");
  const catalogue = existsSync(catalogueFile) ? (JSON.parse(readFileSync(catalogueFile, "utf8")) as { products: EntityContext["products"] }).products : undefined;
  const counts: Record<string, { tp: number; fp: number; fn: number; valued: number; valueOk: number }> = {};
  const errors: { line: number; kind: "missed" | "spurious" | "value"; type: string; text: string; value?: unknown; expected?: unknown }[] = [];
  const bump = (type: string) => (counts[type] ??= { tp: 0, fp: 0, fn: 0, valued: 0, valueOk: 0 });
  for (const ex of examples) {
    const context: EntityContext = { now: new Date(ex.context.now ?? now), defaultCountry: ex.context.defaultCountry, products: ex.context.products ?? catalogue };
    const pred = extractEntities(ex.text, context);
    const key = (e: { type: string; start: number; end: number }) => `${e.type}:${e.start}:${e.end}`;
    const byKey = new Map<string, Entity>(pred.map((e) => [key(e), e]));
    const goldKeys = new Set(ex.entities.map(key));
    for (const g of ex.entities) {
      const c = bump(g.type);
      const p = byKey.get(key(g));
      if (!p) {
        c.fn++;
        errors.push({ line: ex.line, kind: "missed", type: g.type, text: ex.text.slice(g.start, g.end) });
        continue;
      }
      c.tp++;
      if (g.value === undefined) continue;
      c.valued++;
      if (sameValue(p.value, g.value)) c.valueOk++;
      else errors.push({ line: ex.line, kind: "value", type: g.type, text: p.text, value: p.value, expected: g.value });
    }
    for (const p of pred) {
      if (goldKeys.has(key(p))) continue;
      bump(p.type).fp++;
      errors.push({ line: ex.line, kind: "spurious", type: p.type, text: p.text, value: p.value });
    }
  }
  const perType = Object.fromEntries(
    Object.entries(counts)
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([t, c]) => [t, { ...score(c.tp, c.fp, c.fn), valueAccuracy: c.valued ? pct(c.valueOk / c.valued) : null, valued: c.valued }]),
  );
  const all = Object.values(counts).reduce((a, c) => ({ tp: a.tp + c.tp, fp: a.fp + c.fp, fn: a.fn + c.fn }), { tp: 0, fp: 0, fn: 0 });
  return { file, now, examples: examples.length, micro: score(all.tp, all.fp, all.fn), perType, errors: flags.errors ? errors : errors.length };
}
