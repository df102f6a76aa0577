/**
 * Retraining the intent model from the console: the shipped examples plus every article's example questions are
 * trained in a worker thread as a bull job; the new model replaces the running one (and is kept under DATA_DIR) only
 * when its accuracy on the held-out set is not below the current model's, else it is refused with both figures.
 */
import path from "node:path";
import { AppError } from "../../errors.ts";
import { childLogger } from "../../logger.ts";
import {
  DEFAULT_MODEL_DIR,
  HELD_OUT_FILE,
  INTENT_EXAMPLES_DIR,
  heldOutAccuracyInSlices,
  parseIntentModel,
  readHeldOut,
  retrainInWorker,
  saveRetrainedModel,
} from "../../nlp/index.ts";
import { recordAudit, type AuditActor } from "../audit/index.ts";
import type { ServiceDeps } from "../deps.ts";
import type { TrainingRow } from "./knowledge.presenter.ts";
import { articleExamples } from "./knowledge.repo.ts";
import { findActiveTraining, findTraining, insertTraining, listTrainings, updateTraining } from "./training.repo.ts";

const log = childLogger("intent-training");

/** The bull job that runs one retraining. */
export const TRAIN_JOB = "intent_model.train";
/** Its payload: the run's id. */
export type TrainJobPayload = { trainingId: string };
/** What the job needs beyond the services: where accepted models are kept, and how other nodes hear of one. */
export type TrainingPorts = { dataDir: string; announce(trainingId: string): Promise<void> };

/** A queued or running run older than this was left by a crash and no longer blocks a new one. */
const STALE_AFTER_MS = 15 * 60_000;

/** Queues a retraining; INTENT_TRAINING_RUNNING (naming the run) while another is queued or running. */
export async function requestTraining(deps: ServiceDeps, actor: AuditActor): Promise<TrainingRow> {
  const active = await findActiveTraining(deps.db, new Date(deps.now().getTime() - STALE_AFTER_MS));
  if (active) throw new AppError("INTENT_TRAINING_RUNNING", undefined, undefined, { existingId: active.id });
  const row = await deps.db.transaction(async (tx) => {
    const created = await insertTraining(tx, actor.id, deps.now());
    await recordAudit(tx, actor, { action: "intent_model.train_requested", targetType: "intent_training", targetId: created.id, after: { status: "queued" } }, deps.now());
    return created;
  });
  await deps.queue.enqueue(TRAIN_JOB, { trainingId: row.id } satisfies TrainJobPayload, { jobId: row.id });
  return row;
}

/** One run, or INTENT_TRAINING_NOT_FOUND. */
export async function getTraining(deps: Pick<ServiceDeps, "db">, id: string): Promise<TrainingRow> {
  const row = await findTraining(deps.db, id);
  if (!row) throw new AppError("INTENT_TRAINING_NOT_FOUND");
  return row;
}

/** The latest runs, newest first. */
export async function recentTrainings(deps: Pick<ServiceDeps, "db">, limit = 10): Promise<TrainingRow[]> {
  return listTrainings(deps.db, limit);
}

const percent = (x: number): string => `${(x * 100).toFixed(1)} %`;

/** The job: trains in a worker thread, scores both models on the held-out set, swaps or refuses, and records the outcome. */
export async function runTraining(deps: ServiceDeps, ports: TrainingPorts, payload: TrainJobPayload): Promise<void> {
  const row = await findTraining(deps.db, payload.trainingId);
  if (!row || (row.status !== "queued" && row.status !== "running")) return;
  await updateTraining(deps.db, row.id, { status: "running", progress: 0.01 });
  // Progress writes go one after another, so a late one never overwrites a later figure.
  let writes: Promise<void> = Promise.resolve();
  const progress = (fraction: number): void => {
    writes = writes.then(() => updateTraining(deps.db, row.id, { progress: Number(fraction.toFixed(3)) })).catch((error: unknown) => log.warn({ err: error }, "could not record progress"));
  };
  try {
    const added = await articleExamples(deps.db);
    const before = deps.analyzer.intentModel;
    const accuracyBefore = await heldOutAccuracyInSlices(before, await readHeldOut());
    const result = await retrainInWorker(
      { examplesDir: path.join(DEFAULT_MODEL_DIR, INTENT_EXAMPLES_DIR), added, heldOutFile: HELD_OUT_FILE },
      (fraction) => progress(0.02 + 0.93 * fraction),
    );
    await writes;
    const accepted = result.accuracy >= accuracyBefore;
    if (accepted) {
      const model = parseIntentModel(result.modelJson);
      await saveRetrainedModel(ports.dataDir, result.modelJson);
      deps.analyzer.intentModel = model;
      await ports.announce(row.id).catch((error: unknown) => log.warn({ err: error }, "could not tell the other nodes of the new intent model"));
    }
    const reason = accepted
      ? `Accepted: held-out accuracy ${percent(result.accuracy)}, not below the current model's ${percent(accuracyBefore)}; the new model answers now.`
      : `Refused: held-out accuracy would fall from ${percent(accuracyBefore)} to ${percent(result.accuracy)}; the current model stays.`;
    await updateTraining(deps.db, row.id, {
      status: "succeeded",
      progress: 1,
      accuracyBefore,
      accuracyAfter: result.accuracy,
      accepted,
      reason,
      examples: result.examples,
      addedExamples: added.length,
      seconds: Number(result.seconds.toFixed(2)),
      modelVersion: accepted ? row.id : null,
      finishedAt: deps.now(),
    });
    log.info({ trainingId: row.id, accepted, accuracyBefore, accuracyAfter: result.accuracy, seconds: result.seconds }, "intent model retrained");
  } catch (error) {
    await writes;
    log.error({ err: error, trainingId: row.id }, "intent model retraining failed");
    await updateTraining(deps.db, row.id, { status: "failed", reason: `Training failed: ${error instanceof Error ? error.message : String(error)}`, finishedAt: deps.now() });
  }
}
