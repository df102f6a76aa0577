/** zod schemas of the knowledge-base and intent-model routes. */
import { z } from "zod";
import { intentName, nameField, uuidParams } from "../settings/settings.schemas.ts";

/** Longest article body, in characters. */
export const MAX_ARTICLE_BODY = 5000;

const intents = z
  .array(intentName, { error: "intents must be a list of intent names" })
  .min(1, "give at least one intent the article answers")
  .max(20, "at most 20 intents")
  .transform((list) => [...new Set(list)]);

const examples = z
  .array(z.string({ error: "an example must be a string" }).trim().min(1, "an example question is empty").max(300, "an example question must be at most 300 characters"), {
    error: "examples must be a list of example questions",
  })
  .max(200, "at most 200 example questions")
  .transform((list) => [...new Set(list)]);

/** Body of POST /api/v1/kb-articles. */
export const createArticleBody = z
  .object({
    title: nameField("title"),
    body: z.string({ error: "body is required" }).trim().min(1, "body is required").max(MAX_ARTICLE_BODY, `body must be at most ${MAX_ARTICLE_BODY} characters`),
    intents,
    examples: examples.optional(),
    published: z.boolean({ error: "published must be true or false" }).optional(),
  })
  .strict();

/** Body of PATCH /api/v1/kb-articles/:id. */
export const changeArticleBody = createArticleBody
  .partial()
  .strict()
  .refine((b) => Object.keys(b).length > 0, "give at least one of title, body, intents, examples, published");

/** Path parameters of /api/v1/kb-articles/:id and /api/v1/intent-model/train/:id. */
export const articleIdParams = uuidParams;

/** Body of POST /api/v1/kb-articles/preview. */
export const previewBody = z
  .object({ text: z.string({ error: "text is required" }).trim().min(1, "text is required").max(2000, "text must be at most 2000 characters") })
  .strict();

/** Body of POST /api/v1/intent-model/train (nothing to give: the examples come from the articles). */
export const trainBody = z.object({}).strict();
