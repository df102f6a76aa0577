import { z } from "zod";
import { describe, expect, it } from "vitest";
import { isUnsafeText, safeText, UNSAFE_TEXT_REASON, unsafeTextIssues } from "../../../src/contracts/safe-text.ts";
import { dataExceptionError } from "../../../src/errors.ts";

describe("the hostile-text rule", () => {
  it.each([
    ["a NUL", "a\u0000b", true],
    ["an unpaired high surrogate at the end", "abc\ud800", true],
    ["an unpaired high surrogate before a letter", "\ud800x", true],
    ["an unpaired low surrogate", "x\udc00", true],
    ["two high surrogates", "\ud800\ud800\udc00", true],
    ["an emoji (a surrogate pair)", "ok 😀 👍🏽", false],
    ["other control characters, right-to-left marks and a BOM", "\u0001\t\u202e\ufeff", false],
    ["plain text", "Where is my order ORD-10001?", false],
  ])("%s: unsafe is %s", (_name, text, unsafe) => {
    expect(isUnsafeText(text)).toBe(unsafe);
  });

  it("names every unsafe string in a parsed value by its path, keys included", () => {
    expect(unsafeTextIssues({ a: "ok", b: ["x", "\u0000"], c: { d: "\udc00" }, ["k\u0000"]: 1 })).toEqual(
      expect.arrayContaining([
        { path: ["b", 1], message: UNSAFE_TEXT_REASON },
        { path: ["c", "d"], message: UNSAFE_TEXT_REASON },
        { path: ["(key)"], message: UNSAFE_TEXT_REASON },
      ]),
    );
    expect(unsafeTextIssues({ a: "ok", n: 1, d: new Date(), nil: null })).toEqual([]);
  });

  it("walks deep values without overflowing the stack", () => {
    let deep: unknown = "\u0000";
    for (let i = 0; i < 100_000; i++) deep = [deep];
    expect(unsafeTextIssues(deep)).toHaveLength(1);
  });

  it("safeText adds the rule to a zod schema and keeps its other checks", () => {
    const schema = safeText(z.object({ name: z.string().min(2) }));
    expect(schema.safeParse({ name: "Pat" }).success).toBe(true);
    expect(schema.safeParse({ name: "P" }).success).toBe(false);
    const bad = schema.safeParse({ name: "Pat\u0000" });
    expect(bad.success).toBe(false);
    expect(bad.error?.issues).toMatchObject([{ path: ["name"], message: UNSAFE_TEXT_REASON }]);
  });
});

describe("PostgreSQL data exceptions", () => {
  it("an invalid_text_representation (22P02) or untranslatable_character (22P05), wrapped or not, is VALIDATION_FAILED", () => {
    expect(dataExceptionError(Object.assign(new Error("invalid input syntax for type uuid"), { code: "22P02" }))?.code).toBe("VALIDATION_FAILED");
    const wrapped = new Error("Failed query", { cause: Object.assign(new Error("unsupported Unicode escape sequence"), { code: "22P05" }) });
    expect(dataExceptionError(wrapped)?.status).toBe(400);
  });

  it("other database errors stay errors (a 500 when nothing else handles them)", () => {
    expect(dataExceptionError(Object.assign(new Error("duplicate key"), { code: "23505" }))).toBeUndefined();
    expect(dataExceptionError(new Error("boom"))).toBeUndefined();
  });
});
