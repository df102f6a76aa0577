import { beforeAll, describe, expect, it } from "vitest";
import { createAnalyzer, type Analyzer } from "../../../src/nlp/analyze.ts";

let analyzer: Analyzer;
beforeAll(async () => {
  analyzer = await createAnalyzer();
}, 60_000);

describe("the NLP pipeline's key phrases", () => {
  it("are topics, never the words of order numbers, amounts, e-mails or dates the entity extractor found", () => {
    const now = new Date("2026-11-25T12:00:00Z");
    expect(analyzer.analyze("where is my order ORD-10001?", { now }).keyPhrases).toEqual(["order"]);
    const a = analyzer.analyze("invoice INV-2024-0042 shows the wrong amount of $49.99, send it to jo@example.com by next Friday", { now });
    expect(a.entities.map((e) => e.type)).toEqual(expect.arrayContaining(["invoice_number", "money", "email", "date"]));
    expect(a.keyPhrases).toEqual(["invoice", "wrong amount"]);
  });
});
