/** zod pieces the settings routes share: names, intents, languages, skills, id lists. */
import { z } from "zod";

/** A display name: 1–200 characters after trimming. */
export function nameField(field = "name"): z.ZodString {
  return z.string({ error: `${field} is required` }).trim().min(1, `${field} is required`).max(200, `${field} must be at most 200 characters`);
}

/** An NLP intent name ("get_refund"). */
export const intentName = z
  .string({ error: "an intent must be a string" })
  .regex(/^[a-z][a-z0-9_]{0,63}$/, "an intent is lower-case letters, digits and underscores (e.g. get_refund)");

/** A list of intents (at most 100, duplicates dropped). */
export const intentList = z
  .array(intentName, { error: "intents must be a list of intent names" })
  .max(100, "at most 100 intents")
  .transform((list) => [...new Set(list)]);

/** What an agent handles: intents and languages (ISO 639-1 codes such as "en", "fr"). */
export const skillsField = z
  .object({
    intents: intentList.default([]),
    languages: z
      .array(z.string().regex(/^[a-z]{2,3}$/, "a language is an ISO 639 code such as en or fr"), { error: "languages must be a list of language codes" })
      .max(50, "at most 50 languages")
      .transform((list) => [...new Set(list)])
      .default([]),
  })
  .strict();

/** A list of UUIDs (at most 100, duplicates dropped). */
export function uuidList(field: string): z.ZodPipe<z.ZodArray<z.ZodUUID>, z.ZodTransform<string[], string[]>> {
  return z
    .array(z.uuid(`${field} must list ids`), { error: `${field} must be a list of ids` })
    .max(100, `${field} may list at most 100 ids`)
    .transform((list) => [...new Set(list)]);
}

/** Path parameters of /:id routes whose ids are UUIDs. */
export const uuidParams = z.object({ id: z.uuid("id must be a UUID") });
