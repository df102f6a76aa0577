import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { evalEntities, evalNer } from "../../../src/nlp/entities/eval.ts";

const conll = path.resolve(import.meta.dirname, "../../../../shared/data/ner/conll2003/eng.testa");
const train = path.resolve(import.meta.dirname, "../../../../shared/data/ner/conll2003/eng.train");
type PerType = Record<"PER" | "LOC" | "ORG", { p: number; r: number; f1: number }>;

describe("entity quality gates", () => {
  it("scores PER+LOC+ORG micro-F1 of at least 76 % on CoNLL-2003 eng.testa, ORG recall 65 % at 80 % precision", async () => {
    // Measured 2026-12-08: micro-F1 78.7 %; ORG P/R 85.8 / 67.3 % (83.5 / 32.4 % before issue 17); PER F1 70.9 (70.0), LOC F1 87.8 (85.3).
    const r = await evalNer({ conll });
    expect(r.microF1 as number).toBeGreaterThanOrEqual(76);
    const t = r.perType as PerType;
    expect(t.ORG.r).toBeGreaterThanOrEqual(65);
    expect(t.ORG.p).toBeGreaterThanOrEqual(80);
    expect(t.PER.f1).toBeGreaterThanOrEqual(70);
    expect(t.LOC.f1).toBeGreaterThanOrEqual(86);
  }, 90_000);

  it("finds organisations in text the rules were not tuned on: the second half of eng.train, ORG recall 60 % at 75 % precision", async () => {
    // The rules were written against eng.testa and the first half of eng.train (sentences 0–7019) only.
    // Measured 2026-12-08: ORG P/R 80.8 / 60.9 % (78.3 / 35.6 % before issue 17); PER F1 66.5 (65.6), LOC F1 86.3 (84.4).
    const r = await evalNer({ conll: train, range: "7020:" });
    expect(r.sentences).toBe(7021);
    const t = r.perType as PerType;
    expect(t.ORG.r).toBeGreaterThanOrEqual(60);
    expect(t.ORG.p).toBeGreaterThanOrEqual(75);
    expect(t.PER.f1).toBeGreaterThanOrEqual(65.6);
    expect(t.LOC.f1).toBeGreaterThanOrEqual(84.4);
  }, 120_000);


  it("reaches at least 95 % precision and recall for every type on the team-written test set", async () => {
    const r = await evalEntities({});
    const perType = r.perType as Record<string, { p: number; r: number }>;
    expect(Object.keys(perType).sort()).toEqual(
      ["date", "email", "invoice_number", "money", "number", "order_number", "organization", "person", "phone", "place", "product", "time", "tracking_number", "url"],
    );
    const below = Object.entries(perType).filter(([, s]) => s.p < 95 || s.r < 95);
    expect(below).toEqual([]);
  }, 90_000);

  it("reaches at least 97 % micro precision and 96 % micro recall on the second writer's set (nlp-models/entities/dev.jsonl)", async () => {
    // Measured 2026-12-05: 99.3 % and 98.6 % (98.6 % and 97.2 % before the gazetteer additions this set prompted).
    const r = await evalEntities({ test: path.resolve(import.meta.dirname, "../../../nlp-models/entities/dev.jsonl") });
    expect(r.examples).toBe(150);
    const micro = r.micro as { p: number; r: number };
    expect(micro.p).toBeGreaterThanOrEqual(97);
    expect(micro.r).toBeGreaterThanOrEqual(96);
  }, 90_000);

  it("names the file and line of a malformed CoNLL line", async () => {
    const bad = path.join(tmpdir(), `conll-bad-${process.pid}.txt`);
    const { writeFileSync, rmSync } = await import("node:fs");
    writeFileSync(bad, "EU NNP B-NP B-ORG\nrejects VBZ B-VP O\nGerman JJ B-NP WRONG\n");
    try {
      await expect(evalNer({ conll: bad })).rejects.toThrow(/conll-bad-\d+\.txt:3: /);
    } finally {
      rmSync(bad);
    }
  });

  it("names the file and line of a malformed test-set line", async () => {
    const bad = path.join(tmpdir(), `entities-bad-${process.pid}.jsonl`);
    const { writeFileSync, rmSync } = await import("node:fs");
    writeFileSync(bad, '{"text":"ok","entities":[]}\n{"text": broken\n');
    try {
      await expect(evalEntities({ test: bad })).rejects.toThrow(/entities-bad-\d+\.jsonl:2: invalid JSON/);
    } finally {
      rmSync(bad);
    }
  });
});
