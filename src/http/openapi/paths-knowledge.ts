/** Operations of the bot's answers: knowledge-base articles, the bot preview, and retraining the intent model. */
import { z } from "zod";
import type { IntentTrainingDTO, KbArticleDTO } from "../../contracts/knowledge.ts";
import { articleIdParams, changeArticleBody, createArticleBody, previewBody, trainBody } from "../../modules/knowledge/knowledge.schemas.ts";
import type { Operation } from "./operation.ts";
import { instant } from "./schemas-api.ts";

const V1 = "/api/v1";
const TAG = "Bot answers";

const kbArticleDTO = z
  .object({
    id: z.uuid(),
    title: z.string(),
    body: z.string().meta({ description: "Safe markdown: shown as plain text (emphasis marks dropped, links as `text (url)`), never as HTML." }),
    intents: z.array(z.string()).meta({ description: "The intents the bot answers with this article while it is published." }),
    examples: z.array(z.string()).meta({ description: "Example questions; retraining learns them as the first intent." }),
    published: z.boolean(),
    createdAt: instant,
    updatedAt: instant,
  })
  .meta({ id: "KbArticle" }) satisfies z.ZodType<KbArticleDTO>;

const scored = z.object({ name: z.string(), confidence: z.number() });

const kbPreviewDTO = z
  .object({
    text: z.string(),
    intent: scored.meta({ description: "The intent and its calibrated confidence (\"unknown\" below the model's threshold)." }),
    runnerUp: scored.nullable(),
    entities: z.array(z.object({ type: z.string(), text: z.string(), start: z.number().int(), end: z.number().int(), value: z.unknown() })),
    sentiment: z.object({ label: z.enum(["negative", "neutral", "positive"]), score: z.number() }),
    decision: z.enum(["answer", "handoff", "clarify"]),
    replies: z.array(z.string()).meta({ description: "What the bot would say, in order." }),
    handoffReason: z.string().nullable(),
    article: z.object({ id: z.uuid(), title: z.string() }).nullable(),
  })
  .meta({ id: "KbPreview" });

const intentTrainingDTO = z
  .object({
    id: z.uuid(),
    status: z.enum(["queued", "running", "succeeded", "failed"]),
    progress: z.number().min(0).max(1),
    accuracyBefore: z.number().nullable().meta({ description: "Held-out accuracy (nlp-models/intent-test.jsonl) of the model in use before." }),
    accuracyAfter: z.number().nullable().meta({ description: "Held-out accuracy of the retrained model." }),
    accepted: z.boolean().nullable().meta({ description: "true: hot-swapped and kept under DATA_DIR; false: refused (it scored lower); null until decided." }),
    reason: z.string().nullable(),
    examples: z.number().int().nullable(),
    addedExamples: z.number().int().nullable(),
    seconds: z.number().nullable(),
    createdAt: instant,
    finishedAt: instant.nullable(),
  })
  .meta({ id: "IntentTraining" }) satisfies z.ZodType<IntentTrainingDTO>;

/** The bot answers' operations. */
export const knowledgeOperations: Operation[] = [
  {
    method: "get",
    path: `${V1}/kb-articles`,
    tag: TAG,
    summary: "List the bot's answers",
    access: { auth: "actor", actions: ["conversation.read"] },
    success: { status: 200, description: "Every article by title.", data: z.array(kbArticleDTO) },
  },
  {
    method: "post",
    path: `${V1}/kb-articles`,
    tag: TAG,
    summary: "Add an answer",
    description: "Published by default: the bot answers its intents with the body from the next message on.",
    access: { auth: "session", actions: ["settings.kb"] },
    body: createArticleBody,
    success: { status: 201, description: "The article.", data: kbArticleDTO },
  },
  {
    method: "post",
    path: `${V1}/kb-articles/preview`,
    tag: TAG,
    summary: "What would the bot say to …?",
    description: "Runs the NLP pipeline and the bot's turn on the text as a new conversation's first message; nothing is stored.",
    access: { auth: "session", actions: ["settings.kb"] },
    body: previewBody,
    success: { status: 200, description: "The intent, runner-up, entities and the bot's decision.", data: kbPreviewDTO },
  },
  {
    method: "get",
    path: `${V1}/kb-articles/:id`,
    tag: TAG,
    summary: "One answer",
    access: { auth: "session", actions: ["conversation.read"] },
    params: articleIdParams,
    success: { status: 200, description: "The article.", data: kbArticleDTO },
    errors: ["KB_ARTICLE_NOT_FOUND"],
  },
  {
    method: "patch",
    path: `${V1}/kb-articles/:id`,
    tag: TAG,
    summary: "Change an answer",
    access: { auth: "session", actions: ["settings.kb"] },
    params: articleIdParams,
    body: changeArticleBody,
    success: { status: 200, description: "The article.", data: kbArticleDTO },
    errors: ["KB_ARTICLE_NOT_FOUND"],
  },
  {
    method: "delete",
    path: `${V1}/kb-articles/:id`,
    tag: TAG,
    summary: "Delete an answer",
    access: { auth: "session", actions: ["settings.kb"] },
    params: articleIdParams,
    success: { status: 204, description: "Deleted." },
    errors: ["KB_ARTICLE_NOT_FOUND"],
  },
  {
    method: "post",
    path: `${V1}/intent-model/train`,
    tag: TAG,
    summary: "Retrain the intent model",
    description:
      "Queues a job that trains on nlp-models/intents/ plus every article's example questions (each labelled with the article's first intent) in a worker thread. The new model replaces the running one without a restart only when its accuracy on nlp-models/intent-test.jsonl is not below the current model's; otherwise it is refused with both figures.",
    access: { auth: "session", actions: ["settings.kb"] },
    body: trainBody,
    success: { status: 202, description: "The queued run; follow it at /api/v1/intent-model/train/{id}.", data: intentTrainingDTO },
    errors: ["INTENT_TRAINING_RUNNING"],
  },
  {
    method: "get",
    path: `${V1}/intent-model/train`,
    tag: TAG,
    summary: "The latest retraining runs",
    access: { auth: "session", actions: ["settings.kb"] },
    success: { status: 200, description: "Up to 10 runs, newest first.", data: z.array(intentTrainingDTO) },
  },
  {
    method: "get",
    path: `${V1}/intent-model/train/:id`,
    tag: TAG,
    summary: "One retraining run",
    access: { auth: "session", actions: ["settings.kb"] },
    params: articleIdParams,
    success: { status: 200, description: "Its status, progress, both accuracies and the decision.", data: intentTrainingDTO },
    errors: ["INTENT_TRAINING_NOT_FOUND"],
  },
];
