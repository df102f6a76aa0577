/** Knowledge module: the FAQ articles the bot answers from, the bot preview, and retraining the intent model. */
export { findArticleByIntent, type ArticleRow } from "./knowledge.repo.ts";
export { articleForIntent } from "./knowledge.service.ts";
export { runTraining, TRAIN_JOB, type TrainJobPayload, type TrainingPorts } from "./training.service.ts";
export type { BotPreviewPort } from "./preview.service.ts";
