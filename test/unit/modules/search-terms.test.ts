import { describe, expect, it } from "vitest";
import { unmark, wordHighlights } from "../../../src/modules/search/search.presenter.ts";
import { searchTerms } from "../../../src/modules/search/search.terms.ts";

describe("reading a search query", () => {
  it("keeps ordinary words for the English full-text query and takes ids apart, reduced to the lexeme messages store", () => {
    expect(searchTerms("refund for ORD-10001?")).toEqual({ words: "refund for", ids: [{ raw: "ORD-10001", lexeme: "ord10001" }], ticketNumber: null, orderNumbers: ["ORD-10001"] });
    expect(searchTerms("ord-10001").orderNumbers).toEqual(["ord-10001", "ORD-10001"]);
    expect(searchTerms("INV_2024/007 late").ids).toEqual([{ raw: "INV_2024/007", lexeme: "inv2024007" }]);
  });

  it("reads a whole phone number as one id of its digits, and a ticket number in its usual spellings", () => {
    expect(searchTerms("+1 (415) 555-0100")).toMatchObject({ words: "", ids: [{ lexeme: "14155550100" }] });
    expect(searchTerms("#42").ticketNumber).toBe(42);
    expect(searchTerms("T-42").ticketNumber).toBe(42);
    expect(searchTerms("42").ticketNumber).toBe(42);
    expect(searchTerms("order 42").ticketNumber).toBeNull();
  });

  it("leaves an email among the words (the English parser and the stored ids keep it whole)", () => {
    expect(searchTerms("ana.k2@example.com")).toMatchObject({ words: "ana.k2@example.com", ids: [] });
  });
});

describe("highlights", () => {
  it("turns ts_headline's markers into offsets of the plain text, merging adjacent ones", () => {
    expect(unmark("Where is my order \u0002ORD\u0003\u0002-10001\u0003? <b>x</b>")).toEqual({
      text: "Where is my order ORD-10001? <b>x</b>",
      highlights: [{ start: 18, end: 27 }],
    });
    expect(unmark("a \u0002refunds\u0003 and \u0002refund\u0003")).toEqual({ text: "a refunds and refund", highlights: [{ start: 2, end: 9 }, { start: 14, end: 20 }] });
  });

  it('puts back the "<" and "&" masked while ts_headline read the text', () => {
    expect(unmark("\u0002kettle\u0003 \u0001b>really\u0001/b> \u0004amp;").text).toBe("kettle <b>really</b> &amp;");
  });

  it("finds the query's words in a customer's details, without overlaps", () => {
    expect(wordHighlights("ana@example.com · +1415", "ANA@example.com")).toEqual([{ start: 0, end: 15 }]);
    expect(wordHighlights("Anna Annabel", "anna annabel")).toEqual([{ start: 0, end: 4 }, { start: 5, end: 12 }]);
  });
});
