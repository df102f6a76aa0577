/**
 * The one rule for hostile text at every edge: a string that holds U+0000 (NUL) or an unpaired UTF-16 surrogate is
 * rejected with VALIDATION_FAILED naming its field, never stripped or stored. PostgreSQL text cannot hold NUL, and an
 * unpaired surrogate has no UTF-8 form (it would be stored as U+FFFD, or fail inside a JSONB column).
 */
import type { z } from "zod";

/** The reason given for a field that breaks the rule. */
export const UNSAFE_TEXT_REASON = "contains a NUL character or an unpaired surrogate";

// A NUL (matching it is the point here), a high surrogate not followed by a low one, or a low surrogate not preceded by a high one.
// eslint-disable-next-line no-control-regex
const UNSAFE = /\u0000|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/** Whether a string breaks the rule. */
export function isUnsafeText(text: string): boolean {
  return UNSAFE.test(text);
}

/** One field that breaks the rule, in zod's issue shape so validationError can name it. */
export type UnsafeTextIssue = { path: PropertyKey[]; message: string };

/** Every string (value or object key) in a parsed value that breaks the rule, with its path; iterative, so deep values cannot overflow the stack. */
export function unsafeTextIssues(value: unknown): UnsafeTextIssue[] {
  const issues: UnsafeTextIssue[] = [];
  const stack: { value: unknown; path: PropertyKey[] }[] = [{ value, path: [] }];
  while (stack.length > 0) {
    const item = stack.pop() as { value: unknown; path: PropertyKey[] };
    if (typeof item.value === "string") {
      if (isUnsafeText(item.value)) issues.push({ path: item.path, message: UNSAFE_TEXT_REASON });
    } else if (Array.isArray(item.value)) {
      item.value.forEach((entry, index) => stack.push({ value: entry, path: [...item.path, index] }));
    } else if (item.value !== null && typeof item.value === "object" && Object.getPrototypeOf(item.value) === Object.prototype) {
      for (const [key, entry] of Object.entries(item.value)) {
        if (isUnsafeText(key)) issues.push({ path: [...item.path, "(key)"], message: UNSAFE_TEXT_REASON });
        else stack.push({ value: entry, path: [...item.path, key] });
      }
    }
  }
  return issues;
}

/** Adds the rule to a zod schema: after it parses, every string in its output must be safe (the schema's type is unchanged). */
export function safeText<S extends z.ZodType>(schema: S): S {
  return schema.superRefine((data, ctx) => {
    for (const issue of unsafeTextIssues(data)) ctx.addIssue({ code: "custom", message: issue.message, path: issue.path });
  });
}
