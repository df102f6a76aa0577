/** zod validation for request bodies and queries, failing with VALIDATION_FAILED naming each field. */
import type { z } from "zod";
import { unsafeTextIssues } from "../../contracts/safe-text.ts";
import { validationError } from "../../errors.ts";

/** Parses a value with a schema or throws VALIDATION_FAILED listing every bad field, including any string that breaks the hostile-text rule (contracts/safe-text.ts). */
export function parseInput<S extends z.ZodType>(schema: S, value: unknown): z.infer<S> {
  const result = schema.safeParse(value);
  if (!result.success) throw validationError(result.error.issues);
  const unsafe = unsafeTextIssues(result.data);
  if (unsafe.length > 0) throw validationError(unsafe);
  return result.data;
}
