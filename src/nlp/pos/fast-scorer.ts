/** Fast scoring of the perceptron's context features: the same features as contextFeatures, looked up without building strings. */
import type { PerceptronModel } from "./perceptron.ts";
import { UPOS } from "./lexicon.ts";

/** Tag names by index: the 17 UPOS tags, then the sentence-start and sentence-end markers. */
export const TAG_NAMES: readonly string[] = [...UPOS, "<s>", "</s>"];
/** Index of the sentence-start marker. */
export const START = UPOS.length;
/** Index of the sentence-end marker. */
export const END = UPOS.length + 1;

const T = TAG_NAMES.length;
type Vec = Float32Array | Float64Array | null;

/** A model compiled for tagging: memo tables for each feature template. */
export type FastScorer = { add(out: Float64Array, lowers: string[], lex: number[], i: number, p1: number, p2: number): void };

function addVec(out: Float64Array, v: Vec, n: number): void {
  if (v === null) return;
  for (let c = 0; c < n; c++) out[c] += v[c];
}

const compiled = new WeakMap<PerceptronModel, FastScorer>();

/** Compiles (once per model) a scorer for the context features. */
export function fastScorer(model: PerceptronModel): FastScorer {
  const hit = compiled.get(model);
  if (hit) return hit;
  const weights = model.weights;
  const n = model.classes.length;
  // Lazily filled tables: undefined = not looked up yet, null = feature unknown to the model.
  const pair = (prefix: string): ((a: number, b: number) => Vec) => {
    const table = new Array<Vec | undefined>(T * T);
    return (a, b) => {
      const k = a * T + b;
      let v = table[k];
      if (v === undefined) v = table[k] = weights.get(prefix + TAG_NAMES[a] + TAG_NAMES[b]) ?? null;
      return v;
    };
  };
  const single = (prefix: string): ((a: number) => Vec) => {
    const table = new Array<Vec | undefined>(T);
    return (a) => {
      let v = table[a];
      if (v === undefined) v = table[a] = weights.get(prefix + TAG_NAMES[a]) ?? null;
      return v;
    };
  };
  const byWord = (prefix: string): ((w: string) => Vec) => {
    const table = new Map<string, Vec>();
    return (w) => {
      let v = table.get(w);
      if (v === undefined) {
        v = weights.get(prefix + w) ?? null;
        if (table.size > 50_000) table.clear();
        table.set(w, v);
      }
      return v;
    };
  };
  const l = single("l=");
  const p1f = single("p1=");
  const p12 = pair("p12=");
  const nl = single("nl=");
  const nl2 = pair("nl2=");
  const p1l = pair("p1l=");
  const ln = pair("ln=");
  const pw = byWord("pw=");
  const nw = byWord("nw=");
  const n2w = byWord("n2w=");
  const pl = single("pl=");
  // Word-pair features as nested maps, so tagging never builds the "pww=" key string.
  const pww = new Map<string, Map<string, Float32Array | Float64Array>>();
  for (const [key, v] of weights) {
    if (!key.startsWith("pww=")) continue;
    const body = key.slice(4);
    const cut = body.indexOf("_");
    if (cut < 0 || body.indexOf("_", cut + 1) >= 0) continue;
    const prev = body.slice(0, cut);
    let inner = pww.get(prev);
    if (!inner) pww.set(prev, (inner = new Map()));
    inner.set(body.slice(cut + 1), v);
  }
  const p1wTables = new Map<string, Vec[]>();
  const p1w = (p: number, w: string): Vec => {
    let row = p1wTables.get(w);
    if (!row) {
      row = TAG_NAMES.map((t) => weights.get("p1w=" + t + w) ?? null);
      if (p1wTables.size > 50_000) p1wTables.clear();
      p1wTables.set(w, row);
    }
    return row[p];
  };
  const scorer: FastScorer = {
    add(out, lowers, lex, i, p1, p2) {
      const last = lowers.length - 1;
      const prevWord = i > 0 ? lowers[i - 1] : "<s>";
      const nextTag = i < last ? lex[i + 1] : END;
      const next2Tag = i + 1 < last ? lex[i + 2] : END;
      addVec(out, l(lex[i]), n);
      addVec(out, p1f(p1), n);
      addVec(out, p12(p1, p2), n);
      addVec(out, pw(prevWord), n);
      addVec(out, nw(i < last ? lowers[i + 1] : "</s>"), n);
      addVec(out, nl(nextTag), n);
      addVec(out, nl2(nextTag, next2Tag), n);
      addVec(out, p1l(p1, lex[i]), n);
      addVec(out, p1w(p1, lowers[i]), n);
      addVec(out, ln(lex[i], nextTag), n);
      addVec(out, pww.get(prevWord)?.get(lowers[i]) ?? null, n);
      addVec(out, n2w(i + 1 < last ? lowers[i + 2] : "</s>"), n);
      addVec(out, pl(i > 0 ? lex[i - 1] : START), n);
    },
  };
  compiled.set(model, scorer);
  return scorer;
}
