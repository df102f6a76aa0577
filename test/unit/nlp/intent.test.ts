import { beforeAll, describe, expect, it } from "vitest";
import { mkdtemp, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { UNKNOWN_INTENT } from "../../../src/contracts/nlp.ts";
import {
  classifyIntent,
  deserializeIntentModel,
  loadIntentModel,
  readExamplesJsonl,
  serializeIntentModel,
  trainIntentModel,
  type IntentModel,
} from "../../../src/nlp/intent/index.ts";
import { normalizeText, tokenize } from "../../../src/nlp/intent/normalize.ts";
import { vectorizeText } from "../../../src/nlp/intent/model.ts";
import { DEFAULT_FEATURE_OPTIONS, extractFeatures } from "../../../src/nlp/intent/features.ts";
import { addHiddenLayerScores } from "../../../src/nlp/intent/hidden-layer.ts";

let shipped: IntentModel;
beforeAll(async () => {
  shipped = await loadIntentModel();
}, 60_000);

const cases: [string, string][] = [
  ["WHERE IS MY ORDER #99812", "track_order"],
  ["i want to cancle my ordr ORD-2025-11111", "cancel_order"],
  ["you charged me $49.99 twice on my visa", "payment_issue"],
  ["my refund for order 123456 still hasnt arrived", "track_refund"],
  ["let me talk to a real person", "contact_human_agent"],
  ["I FORGOT MY PASSWORD", "recover_password"],
  ["how long does shipping to france take", "delivery_period"],
  ["plz send me the invoice for INV-2024-0042", "get_invoice"],
  ["hello", "greeting"],
  ["thanks a lot", "thanks"],
  ["delete my acount and all my data", "delete_account"],
  ["unsubscribe me from ur emails", "newsletter_subscription"],
];

describe("shipped customer-service intents", () => {
  it.each(cases)("classifies %j as %s despite typos, capitals, missing punctuation and ids", (text, intent) => {
    expect(classifyIntent(shipped, text).name).toBe(intent);
  });

  it.each(["asdfgh qwerty zxcv", "what is the capital of mongolia", "play some jazz music", "tell me a joke about penguins"])(
    "answers unknown to out-of-scope or gibberish text %j instead of guessing",
    (text) => {
      expect(classifyIntent(shipped, text).name).toBe(UNKNOWN_INTENT);
    },
  );

  it("returns a confidence in [0, 1] and at most 3 alternatives, best first, none repeating the answer", () => {
    const intent = classifyIntent(shipped, "where is my package");
    expect(intent.confidence).toBeGreaterThan(0);
    expect(intent.confidence).toBeLessThanOrEqual(1);
    expect(intent.alternatives.length).toBeLessThanOrEqual(3);
    expect(intent.alternatives.map((a) => a.name)).not.toContain(intent.name);
    const confidences = intent.alternatives.map((a) => a.confidence);
    expect(confidences).toEqual([...confidences].sort((a, b) => b - a));
  });

  it("replaces order numbers, amounts, e-mails and phone numbers by placeholders before classifying", () => {
    expect(normalizeText("Order ORD-2024-00042 cost $49.99, mail a@b.com")).toBe("order  <id>  cost  <money> , mail  <email> ");
  });

  it("reads a template slot as the placeholder it names and drops a slot that stands for a name", () => {
    const tokens = (text: string): string[] => tokenize(normalizeText(text));
    expect(tokens("Cancel order {{Order Number}} for {{Person Name}}")).toEqual(["cancel", "order", "<id>", "for"]);
    expect(tokens("a refund of {{Currency Symbol}}{{Refund Amount}} please")).toEqual(["a", "refund", "of", "<money>", "please"]);
    expect(tokens("switch to the {{Account Type}} account")).toEqual(["switch", "to", "the", "account"]);
    expect(tokens("call {{Customer Support Phone Number}} or see {{Website URL}}")).toEqual(["call", "<phone>", "or", "see", "<url>"]);
    expect(tokens("I need {{Quantity}} mugs, not {broken} braces")).toEqual(["i", "need", "<num>", "mugs", "not", "broken", "braces"]);
    expect(classifyIntent(shipped, "I have to cancel purchase {{Order Number}}").name).toBe("cancel_order");
    expect(classifyIntent(shipped, "how long does shipping to {{Delivery City}} take").name).toBe("delivery_period");
  });
});

describe("training and model files", () => {
  const examples = [
    ...["where is my parcel", "track my package", "has my order shipped", "when does my order arrive", "order status please"].map((text) => ({ text, label: "track" })),
    ...["hi", "hello there", "good morning", "hey", "hiya"].map((text) => ({ text, label: "greet" })),
  ];

  it("a model survives saving and loading with the same predictions", () => {
    const model = trainIntentModel(examples, { threshold: 0.2 });
    const loaded = deserializeIntentModel(JSON.parse(JSON.stringify(serializeIntentModel(model))));
    for (const text of ["wheres my parcel", "hello!", "status of order 12345"]) {
      expect(classifyIntent(loaded, text).name).toBe(classifyIntent(model, text).name);
      expect(classifyIntent(loaded, text).confidence).toBeCloseTo(classifyIntent(model, text).confidence, 2);
    }
  });

  it("a model file without the naive Bayes part (written before it existed) still loads and classifies", () => {
    const model = trainIntentModel(examples, { threshold: 0.2, naiveBayesWeight: 0 });
    const saved = serializeIntentModel(model);
    expect(saved.naiveBayes).toBeUndefined();
    const loaded = deserializeIntentModel(JSON.parse(JSON.stringify(saved)));
    expect(classifyIntent(loaded, "wheres my parcel").name).toBe("track");
  });

  it("the opening words of a message are features of their own, so the request counts apart from the name that follows", () => {
    const keys = [...extractFeatures("add this song to my road trip playlist", DEFAULT_FEATURE_OPTIONS).keys()];
    expect(keys).toEqual(expect.arrayContaining(["b|^ add", "b|^ add thi", "b|^ add thi song", "b|^ add thi song to"]));
    expect(keys.filter((k) => k.startsWith("b|^ "))).toHaveLength(4);
  });

  it("a model file written before start-anchored n-grams existed keeps extracting none, so its predictions do not change", () => {
    const model = trainIntentModel(examples, { threshold: 0.2, features: { startGrams: 0 } });
    const saved = serializeIntentModel(model);
    const { startGrams: _dropped, ...olderFeatures } = saved.features;
    const loaded = deserializeIntentModel(JSON.parse(JSON.stringify({ ...saved, features: olderFeatures })));
    expect(loaded.features.startGrams).toBe(0);
    expect(classifyIntent(loaded, "wheres my parcel").confidence).toBeCloseTo(classifyIntent(model, "wheres my parcel").confidence, 2);
  });

  it("two averaged hidden-layer networks score like the mean of the networks trained alone", () => {
    const only = (hiddenLayerMembers: number, seed: number): IntentModel =>
      trainIntentModel(examples, { calibrationFraction: 0, naiveBayesWeight: 0, hiddenLayerMembers, seed });
    const joined = only(2, 7);
    const first = only(1, 7);
    const second = only(1, 7 + 101);
    const x = vectorizeText(joined, "when does my parcel arrive");
    const logits = (m: IntentModel): Float64Array => {
      const out = new Float64Array(m.labels.length);
      if (m.hiddenLayer) addHiddenLayerScores({ ...m.hiddenLayer, weight: 1 }, x, out);
      return out;
    };
    const mean = logits(first).map((z, c) => (z + logits(second)[c]) / 2);
    expect(joined.hiddenLayer?.hidden).toBe(2 * (first.hiddenLayer?.hidden ?? 0));
    logits(joined).forEach((z, c) => expect(z / 2).toBeCloseTo(mean[c], 5));
  });

  it("when the model file is missing, loadIntentModel trains from the folder's examples instead of failing", async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), "intents-"));
    await import("node:fs/promises").then((fs) => fs.mkdir(path.join(dir, "intents")));
    await writeFile(path.join(dir, "intents", "track.txt"), examples.filter((e) => e.label === "track").map((e) => e.text).join("\n"));
    await writeFile(path.join(dir, "intents", "greet.txt"), "# greetings\n" + examples.filter((e) => e.label === "greet").map((e) => e.text).join("\n"));
    const model = await loadIntentModel(dir);
    expect(model.labels).toEqual(["greet", "track"]);
  });

  it("a malformed JSON Lines file is rejected with an error naming the file and the line", async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), "intents-"));
    const file = path.join(dir, "bad.jsonl");
    await writeFile(file, '{"text":"hi","label":"greet"}\n{"text": "oops"\n');
    await expect(readExamplesJsonl(file)).rejects.toThrow(`${file}:2`);
    await expect(readExamplesJsonl(path.join(dir, "missing.jsonl"))).rejects.toThrow("missing.jsonl");
  });
});
