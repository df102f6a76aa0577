import { describe, expect, it } from "vitest";
import { markdownToText } from "../../../src/contracts/markdown-text.ts";

describe("an article's safe markdown read as plain text", () => {
  it.each([
    ["To **switch**, open *Settings*.", "To switch, open Settings."],
    ["# Refunds\n\nWithin __30 days__.", "Refunds\n\nWithin 30 days."],
    ["See [our policy](https://example.test/p) or https://example.test", "See our policy (https://example.test/p) or https://example.test"],
    ["- Visa\n- PayPal", "• Visa\n• PayPal"],
    ["Use the `SAVE10` code", "Use the SAVE10 code"],
    ["![logo](https://example.test/l.png) Acme", "logo Acme"],
    ["snake_case_words and 2*3*4 stay", "snake_case_words and 2*3*4 stay"],
  ])("%j → %j", (markdown, text) => {
    expect(markdownToText(markdown)).toBe(text);
  });

  it("keeps HTML as the characters typed, for the widget and console to show as text", () => {
    expect(markdownToText('<img src=x onerror="alert(1)"> <b>hi</b>')).toBe('<img src=x onerror="alert(1)"> <b>hi</b>');
  });
});
