import { describe, expect, it } from "vitest";
import { makeSpellingCorrector, oneEditApart, spellingDictionary } from "../../../src/nlp/intent/spelling.ts";
import { addTypos } from "../../../src/nlp/intent/typos.ts";
import { classifyIntent, deserializeIntentModel, serializeIntentModel, trainIntentModel } from "../../../src/nlp/intent/index.ts";

describe("one edit apart", () => {
  it.each([
    ["cancle", "cancel", true], // swapped neighbours
    ["refnd", "refund", true], // dropped letter
    ["addresss", "address", true], // doubled letter
    ["adresss", "address", false], // one letter dropped and another doubled
    ["invoixe", "invoice", true], // neighbouring key
    ["order", "order", false],
    ["ordr", "odrer", false],
    ["refund", "refunded", false],
  ])("%s / %s → %s", (a, b, expected) => {
    expect(oneEditApart(a, b)).toBe(expected);
    expect(oneEditApart(b, a)).toBe(expected);
  });
});

describe("spelling correction", () => {
  const correct = makeSpellingCorrector({ words: ["order", "cancel", "refund", "spelling", "concel"], realWords: ["selling"] });

  it("reads an unseen misspelling as the most frequent dictionary word one edit away", () => {
    expect(correct("cancle")).toBe("cancel");
    expect(correct("rfnd")).toBeUndefined(); // two edits away
    expect(correct("refnd")).toBe("refund");
    expect(correct("cancol")).toBe("cancel"); // "concel" is also one edit away, but "cancel" is more frequent
  });

  it("leaves dictionary words, real English words, short words and words with digits alone", () => {
    expect(correct("order")).toBeUndefined();
    expect(correct("selling")).toBeUndefined();
    expect(correct("ordr")).toBe("order");
    expect(correct("odr")).toBeUndefined();
    expect(correct("ord3r")).toBeUndefined();
  });

  it("leaves words alone that the model knows by their stem", () => {
    const known = makeSpellingCorrector({ words: ["orders"], realWords: [] }, (word) => word === "ordes");
    expect(known("ordes")).toBeUndefined();
    expect(known("ordrs")).toBe("orders");
  });

  it("the dictionary keeps words of two or more examples, most frequent first, and protects real words one edit from them", () => {
    const texts = ["spelling help", "spelling check", "help me", "help please", "please help", "unique words here"];
    const dictionary = spellingDictionary(texts, new Set(["selling", "helm", "unrelated"]), () => false);
    expect(dictionary.words).toEqual(["help", "please", "spelling"]);
    expect(dictionary.realWords).toEqual(["helm", "selling"]);
  });
});

describe("synthetic typos", () => {
  it("are deterministic, leave ids, numbers and short words alone, and change about the given share of words", () => {
    const text = "Please cancel order ORD-2024-00042 for $49.99 today because the delivery address changed";
    expect(addTypos(text, 0.5, 3)).toBe(addTypos(text, 0.5, 3));
    expect(addTypos(text, 0, 3)).toBe(text);
    const noisy = addTypos(text, 1, 3);
    expect(noisy).toContain("ORD-2024-00042");
    expect(noisy).toContain("$49.99");
    expect(noisy).toContain(" for ");
    const changed = noisy.split(" ").filter((w, i) => w !== text.split(" ")[i]).length;
    expect(changed).toBeGreaterThanOrEqual(7);
    expect(() => addTypos(text, 1.5, 3)).toThrow("typo rate must be between 0 and 1 (got 1.5)");
  });
});

describe("intent model with spelling correction", () => {
  const examples = [
    ...["i want a refund", "refund my money", "can i get a refund", "how do i get my refund", "refund please"].map((text) => ({ text, label: "refund" })),
    ...["cancel my order", "please cancel the order", "i want to cancel", "cancel it now", "how do i cancel my order"].map((text) => ({ text, label: "cancel" })),
  ];

  it("classifies misspelt words it never saw in training, also after saving and loading", () => {
    const model = trainIntentModel(examples, { threshold: 0.2, features: { charMax: 0 } });
    const loaded = deserializeIntentModel(JSON.parse(JSON.stringify(serializeIntentModel(model))));
    for (const m of [model, loaded]) {
      expect(classifyIntent(m, "i want a rfund").name).toBe("refund");
      expect(classifyIntent(m, "plese cancle my ordr").name).toBe("cancel");
    }
    // Without the dictionary (as in a file written before it existed) the misspelt words carry nothing: no character n-grams here.
    const older = deserializeIntentModel({ ...JSON.parse(JSON.stringify(serializeIntentModel(model))), spelling: undefined });
    expect(older.spelling.words).toEqual([]);
    expect(classifyIntent(older, "rfund").confidence).toBeLessThan(classifyIntent(loaded, "rfund").confidence);
  });
});
