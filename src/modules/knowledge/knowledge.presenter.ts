/** Article and training rows → the DTOs of src/contracts/knowledge.ts. */
import type { IntentTrainingDTO, KbArticleDTO } from "../../contracts/knowledge.ts";
import type { tables } from "../../db/index.ts";
import type { ArticleRow } from "./knowledge.repo.ts";

/** A training row. */
export type TrainingRow = typeof tables.intentTrainings.$inferSelect;

/** Presents an article. */
export function presentArticle(row: ArticleRow): KbArticleDTO {
  return {
    id: row.id,
    title: row.title,
    body: row.body,
    intents: row.intents,
    examples: row.examples,
    published: row.published,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  };
}

/** Presents a training run. */
export function presentTraining(row: TrainingRow): IntentTrainingDTO {
  return {
    id: row.id,
    status: row.status,
    progress: row.progress,
    accuracyBefore: row.accuracyBefore,
    accuracyAfter: row.accuracyAfter,
    accepted: row.accepted,
    reason: row.reason,
    examples: row.examples,
    addedExamples: row.addedExamples,
    seconds: row.seconds,
    createdAt: row.createdAt.toISOString(),
    finishedAt: row.finishedAt?.toISOString() ?? null,
  };
}
