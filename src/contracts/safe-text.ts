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

// Reporting stops here: naming a few fields is enough, and a value full of NULs must not cost more to describe.
const MAX_ISSUES = 20;

type Step = { value: unknown; key?: PropertyKey; parent?: Step };

function pathOf(step: Step): PropertyKey[] {
  const path: PropertyKey[] = [];
  for (let s: Step | undefined = step; s?.key !== undefined; s = s.parent) path.push(s.key);
  return path.reverse();
}

/**
 * Every string (value or object key) in a parsed value that breaks the rule, with its path (at most MAX_ISSUES).
 * Iterative, with each path built only for an issue, so a value nested thousands deep costs linear time and no stack.
 */
export function unsafeTextIssues(value: unknown): UnsafeTextIssue[] {
  const issues: UnsafeTextIssue[] = [];
  const stack: Step[] = [{ value }];
  while (stack.length > 0 && issues.length < MAX_ISSUES) {
    const step = stack.pop() as Step;
    const current = step.value;
    if (typeof current === "string") {
      if (isUnsafeText(current)) issues.push({ path: pathOf(step), message: UNSAFE_TEXT_REASON });
    } else if (Array.isArray(current)) {
      current.forEach((entry, index) => stack.push({ value: entry, key: index, parent: step }));
    } else if (current !== null && typeof current === "object" && Object.getPrototypeOf(current) === Object.prototype) {
      for (const [key, entry] of Object.entries(current)) {
        if (isUnsafeText(key)) issues.push({ path: [...pathOf(step), "(key)"], message: UNSAFE_TEXT_REASON });
        else stack.push({ value: entry, key, parent: step });
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
