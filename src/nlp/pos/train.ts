/** Trains the POS correction perceptron on gold sentences, over our own tokenization of their text. */
import { writeFileSync } from "node:fs";
import { tokenize } from "./tokenize.ts";
import { staticFeatures, contextFeatures, lexicalTag } from "./tagger.ts";
import { UPOS } from "./lexicon.ts";
import { PerceptronTrainer, modelToJson, type PerceptronModel } from "./perceptron.ts";
import { goldTagsForSpans } from "./align.ts";
import type { GoldSentence } from "./conllu.ts";

type Example = { words: string[]; lowers: string[]; lex: ReturnType<typeof lexicalTag>[]; gold: (number | null)[] };

function prepare(sentences: GoldSentence[]): Example[] {
  return sentences.map((s) => {
    const spans = tokenize(s.text);
    const words = spans.map((x) => x.text);
    const gold = goldTagsForSpans(spans, s.words).map((t) => (t === null ? null : Math.max(0, UPOS.indexOf(t as (typeof UPOS)[number]))));
    return { words, lowers: words.map((w) => w.toLowerCase()), lex: words.map(lexicalTag), gold };
  });
}

// A fixed-seed shuffle keeps training (and so every reported figure) reproducible.
function shuffle<T>(items: T[], seed: number): T[] {
  const a = items.slice();
  let s = seed;
  for (let i = a.length - 1; i > 0; i--) {
    s = (s * 1103515245 + 12345) & 0x7fffffff;
    const j = s % (i + 1);
    [a[i], a[j]] = [a[j], a[i]];
  }
  return a;
}

/** Trains an averaged perceptron (greedy left-to-right decoding, previous predictions as features). */
export function trainPos(sentences: GoldSentence[], epochs = 6): PerceptronModel {
  const trainer = new PerceptronTrainer(UPOS);
  // The neighbour-independent features of a word never change between epochs: build them once.
  const cache = new Map<string, string[]>();
  const staticOf = (word: string, first: boolean): string[] => {
    const key = first ? word + "\u0000" : word;
    let f = cache.get(key);
    if (!f) cache.set(key, (f = staticFeatures(word, first)));
    return f;
  };
  const examples = prepare(sentences);
  for (let e = 0; e < epochs; e++) {
    for (const ex of shuffle(examples, 17 + e)) {
      let p1 = "<s>";
      let p2 = "<s>";
      for (let i = 0; i < ex.words.length; i++) {
        const truth = ex.gold[i];
        const f = staticOf(ex.words[i], i === 0).concat(contextFeatures(ex.lowers, ex.lex, i, p1, p2));
        const guess = truth === null ? 0 : trainer.learn(f, truth);
        p2 = p1;
        p1 = UPOS[guess];
      }
    }
  }
  return trainer.average();
}

/** Trains on all given sentences and writes the model JSON to a file. */
export function trainAndSave(sentences: GoldSentence[], file: string): { features: number } {
  const model = trainPos(sentences);
  writeFileSync(file, JSON.stringify(modelToJson(model)));
  return { features: model.weights.size };
}
