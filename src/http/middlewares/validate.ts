/** zod validation for request bodies and queries, failing with VALIDATION_FAILED naming each field. */
import type { z } from "zod";
import { validationError } from "../../errors.ts";

/** Parses a value with a schema or throws VALIDATION_FAILED listing every bad field. */
export function parseInput<S extends z.ZodType>(schema: S, value: unknown): z.infer<S> {
  const result = schema.safeParse(value);
  if (!result.success) throw validationError(result.error.issues);
  return result.data;
}
