/** DTOs of the bot's answers (knowledge-base articles), the "what would the bot say" preview and intent-model retraining. */
import type { Entity, Sentiment } from "./nlp.ts";

/** A knowledge-base article (GET/POST/PATCH /api/v1/kb-articles). `body` is safe markdown: shown as text, never as HTML. */
export type KbArticleDTO = {
  id: string;
  title: string;
  body: string;
  /** The intents this article answers; the bot answers each with this article while it is published. */
  intents: string[];
  /** Example questions; retraining teaches the intent model to read them as the article's first intent. */
  examples: string[];
  published: boolean;
  createdAt: string;
  updatedAt: string;
};

/** What the bot would do with a typed question (POST /api/v1/kb-articles/preview); nothing is stored. */
export type KbPreviewDTO = {
  text: string;
  intent: { name: string; confidence: number };
  /** The next best intent, when there is one. */
  runnerUp: { name: string; confidence: number } | null;
  entities: Entity[];
  sentiment: Pick<Sentiment, "label" | "score">;
  /** "answer": the bot replies with `replies`; "handoff": a person takes over (`handoffReason`); "clarify": the bot says it did not understand. */
  decision: "answer" | "handoff" | "clarify";
  replies: string[];
  handoffReason: string | null;
  /** The published article the answer came from, when it came from one. */
  article: { id: string; title: string } | null;
};

/** Where a retraining run is. */
export type IntentTrainingStatus = "queued" | "running" | "succeeded" | "failed";

/** One retraining of the intent model (POST /api/v1/intent-model/train, GET /api/v1/intent-model/train/:id). */
export type IntentTrainingDTO = {
  id: string;
  status: IntentTrainingStatus;
  /** 0–1. */
  progress: number;
  /** Held-out accuracy (nlp-models/intent-test.jsonl) of the model in use before, and of the new model. */
  accuracyBefore: number | null;
  accuracyAfter: number | null;
  /** true: the new model answers now (hot-swapped, kept under DATA_DIR); false: refused, the old one stays; null until decided. */
  accepted: boolean | null;
  reason: string | null;
  /** Training examples in all, and how many came from articles. */
  examples: number | null;
  addedExamples: number | null;
  /** How long training and evaluation took in the worker thread. */
  seconds: number | null;
  createdAt: string;
  finishedAt: string | null;
};
