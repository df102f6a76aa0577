import { describe, expect, it } from "vitest";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { tagText, keyPhrases } from "../../../src/nlp/pos/index.ts";
import { tokenize } from "../../../src/nlp/pos/tokenize.ts";
import { readConllu } from "../../../src/nlp/pos/conllu.ts";

const tags = (text: string): string => tagText(text).map((t) => `${t.text}/${t.pos}`).join(" ");

describe("tokens", () => {
  it("gives every token offsets that slice back to its text in the original string", () => {
    const text = "Hi!  My order #ORD-12345 hasn't arrived 😡 — email me at jo.b@example.com or see https://x.co/a?b=1 :(";
    const tokens = tagText(text);
    expect(tokens.length).toBeGreaterThan(10);
    for (const t of tokens) expect(text.slice(t.start, t.end)).toBe(t.text);
    for (let i = 1; i < tokens.length; i++) expect(tokens[i].start).toBeGreaterThanOrEqual(tokens[i - 1].end);
  });

  it("splits contractions as UD English does (do + n't, ca + n't, I + 'm)", () => {
    expect(tokenize("I don't know, can't you? I'm here").map((s) => s.text)).toEqual(["I", "do", "n't", "know", ",", "ca", "n't", "you", "?", "I", "'m", "here"]);
  });

  it("keeps URLs, e-mail addresses, emoticons and emoji as single tokens", () => {
    const words = tokenize("see https://shop.example.com/a-b?x=1, mail a.b@c.io :) 👍🏽").map((s) => s.text);
    expect(words).toContain("https://shop.example.com/a-b?x=1");
    expect(words).toContain("a.b@c.io");
    expect(words).toContain(":)");
    expect(words).toContain("👍🏽");
  });

  it("returns no tokens for an empty or blank message", () => {
    expect(tagText("")).toEqual([]);
    expect(tagText("   \n ")).toEqual([]);
  });
});

describe("UPOS tags", () => {
  it("tags a simple statement with the expected UPOS tags", () => {
    expect(tags("My order arrived broken and I want a refund.")).toBe(
      "My/PRON order/NOUN arrived/VERB broken/ADJ and/CCONJ I/PRON want/VERB a/DET refund/NOUN ./PUNCT",
    );
    expect(tags("Where is my package?")).toBe("Where/ADV is/AUX my/PRON package/NOUN ?/PUNCT");
  });

  it("tags pronouns, auxiliaries, negation and the infinitive marker", () => {
    expect(tags("I have not been able to log in")).toBe("I/PRON have/AUX not/PART been/AUX able/ADJ to/PART log/VERB in/ADP");
  });

  it("tags proper nouns, numbers and coordination", () => {
    expect(tags("John paid 20 dollars and left")).toBe("John/PROPN paid/VERB 20/NUM dollars/NOUN and/CCONJ left/VERB");
  });

  it("tags emoji and emoticons as SYM", () => {
    const t = tagText("thanks 🙂 :)");
    expect(t.slice(1).map((x) => x.pos)).toEqual(["SYM", "SYM"]);
  });
});

describe("key phrases", () => {
  it("returns lower-cased noun phrases without determiners, in order", () => {
    const text = "The new blue jacket I ordered never arrived and the tracking page shows nothing.";
    expect(keyPhrases(text, tagText(text))).toEqual(["new blue jacket", "tracking page"]);
  });

  it("leaves out times and identifiers: 'last month', '2 weeks', the tracking number itself", () => {
    const text = "Tracking number 1Z999AA10123456784 shows my parcel in transit for 2 weeks since last month";
    expect(keyPhrases(text, tagText(text))).toEqual(["tracking number", "parcel", "transit"]);
  });

  it("leaves out words inside spans it is told to skip, such as an order number's letters", () => {
    const text = "where is my order ORD-10001?";
    expect(keyPhrases(text, tagText(text))).toEqual(["order ord"]);
    const at = text.indexOf("ORD-");
    expect(keyPhrases(text, tagText(text), [{ start: at, end: at + "ORD-10001".length }])).toEqual(["order"]);
  });

  it("leaves out pronouns, greetings and generic nouns", () => {
    const text = "Hi, thanks for everything!";
    expect(keyPhrases(text, tagText(text))).toEqual([]);
  });

  it("counts one topic under one name: the head noun singular, misspellings corrected, contact words alone left out", () => {
    const phrases = (text: string, correct?: (word: string) => string | undefined): string[] => keyPhrases(text, tagText(text), [], correct);
    expect(phrases("late deliveries again, and the refund policies")).toEqual(["late delivery", "refund policy"]);
    expect(phrases("the zipper on my backpacks broke")).toEqual(["zipper", "backpack"]);
    // Uncountable nouns stay as they are.
    expect(phrases("the news about the series")).toEqual(["news", "series"]);
    // How they got in touch is no topic; what it was about is.
    expect(phrases("I sent you an email and called your phone")).toEqual([]);
    expect(phrases("my phone case arrived broken")).toEqual(["phone case"]);
    // With a corrector (the intent model's): "parcell" is the parcel; a correction that is no noun is no topic.
    const correct = (word: string): string | undefined => ({ parcell: "parcel", lomg: "long" })[word];
    expect(phrases("my parcell is late", correct)).toEqual(["parcel"]);
    expect(phrases("it is taking so lomg", correct)).toEqual([]);
  });
});

describe("CoNLL-U reader", () => {
  const write = (content: string): string => {
    const file = path.join(mkdtempSync(path.join(tmpdir(), "conllu-")), "x.conllu");
    writeFileSync(file, content);
    return file;
  };

  it("locates multiword tokens' words inside the surface form (don't = do + n't)", () => {
    const file = write("# text = I don't.\n1\tI\tI\tPRON\t_\t_\t_\t_\t_\t_\n2-3\tdon't\t_\t_\t_\t_\t_\t_\t_\t_\n2\tdo\tdo\tAUX\t_\t_\t_\t_\t_\t_\n3\tn't\tnot\tPART\t_\t_\t_\t_\t_\t_\n4\t.\t.\tPUNCT\t_\t_\t_\t_\t_\t_\n\n");
    const [s] = readConllu(file);
    expect(s.words.map((w) => [s.text.slice(w.start, w.end), w.upos])).toEqual([["I", "PRON"], ["do", "AUX"], ["n't", "PART"], [".", "PUNCT"]]);
  });

  it("when a line is malformed, names the file and the line", () => {
    const file = write("# text = Hi\n1\tHi\tINTJ\n\n");
    expect(() => readConllu(file)).toThrow(`${file}:2: expected 10 tab-separated columns`);
  });

  it("when the file cannot be read, says which file", () => {
    expect(() => readConllu("/nonexistent/x.conllu")).toThrow("cannot read /nonexistent/x.conllu");
  });
});
