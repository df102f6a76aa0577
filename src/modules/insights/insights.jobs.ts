/**
 * The insights.refresh job: reads every live customer's features in SQL (now, and as of the churn window's start),
 * runs the models (insights.model.ts) and writes features, segments, memberships, customers.segment, map points and
 * churn risks in one transaction, recording progress on the run as it goes.
 */
import { childLogger } from "../../logger.ts";
import { seededRandom, shuffle } from "../../analytics/random.ts";
import type { ServiceDeps } from "../deps.ts";
import { featureDefinitions, round } from "./insights.features.ts";
import { runModels, type ModelResult } from "./insights.model.ts";
import { escalationDrivers } from "./insights.escalation.ts";
import { trainForecast } from "./insights.forecast.ts";
import { readOutcomes } from "./insights.outcomes.ts";
import { RESPONSE_NEEDS, responseModel } from "./insights.response.ts";
import {
  dropStaleFeatures,
  featureSource,
  findActiveRun,
  findRun,
  insertRun,
  insertSegments,
  modelledAttributes,
  recordMemberships,
  updateRun,
  upsertFeatures,
  type FeatureSourceRow,
  type FeatureWrite,
} from "./insights.repo.ts";
import { escalationSource, replaceResponseScores } from "./response.repo.ts";

const log = childLogger("insights");

/** The bull job that runs one refresh. */
export const INSIGHTS_REFRESH_JOB = "insights.refresh";
/** Its payload: the run's id (a scheduled run has none and creates its own). */
export type InsightsJobPayload = { runId?: string };
/** What a refresh is configured with (INSIGHTS_* settings). */
export type InsightsSettings = { churnDays: number; segments: number | undefined; refreshMs: number };

/** A queued or running run older than this was left by a crash and no longer blocks a new one. */
export const STALE_RUN_MS = 30 * 60_000;
/** Rows written per statement. */
const WRITE_BATCH = 1000;

function writesOf(current: FeatureSourceRow[], result: ModelResult, segmentIds: string[], churnDays: number): FeatureWrite[] {
  const ranks = shuffle(
    current.map((_, i) => i),
    seededRandom(7),
  );
  const rankOf = new Array<number>(current.length);
  ranks.forEach((row, rank) => (rankOf[row] = rank));
  return current.map((row, i) => {
    const assignment = result.segmentation?.assignments[i];
    const churn = result.churn?.risk.get(i);
    return {
      customerId: row.id,
      raw: Object.fromEntries(result.definitions.map((d, j) => [d.key, result.values[i][j]])),
      standardized: Object.fromEntries(result.encoded.keys.map((k, j) => [k.key, round(result.encoded.z[i][j])])),
      topIntents: row.top_intents ?? [],
      topTopics: row.top_topics ?? [],
      channels: row.channels ?? [],
      segmentId: assignment === undefined ? null : segmentIds[assignment],
      segmentName: assignment === undefined ? null : (result.segmentation?.segments[assignment].name ?? null),
      x: result.map ? round(result.map.points[i][0]) : null,
      y: result.map ? round(result.map.points[i][1]) : null,
      mapRank: rankOf[i],
      // Today's label: an active customer (an order ever) with no order in the churn window.
      churned: row.orders_all > 0 ? (row.recency_days ?? 0) >= churnDays : null,
      churnRisk: churn?.risk ?? null,
      churnDrivers: churn?.drivers ?? [],
    };
  });
}

/** Runs one refresh (the job's body); a failure is recorded on the run, never thrown (the next schedule tries again). */
export async function runRefresh(deps: ServiceDeps, settings: InsightsSettings, payload: InsightsJobPayload): Promise<void> {
  let run = payload.runId ? await findRun(deps.db, payload.runId) : undefined;
  if (!payload.runId) {
    // A scheduled refresh while another runs (a manual one, a slow one) is skipped.
    if (await findActiveRun(deps.db, new Date(deps.now().getTime() - STALE_RUN_MS))) return;
    run = await insertRun(deps.db, { trigger: "schedule", requestedBy: null, createdAt: deps.now() });
  }
  if (!run || (run.status !== "queued" && run.status !== "running")) return;
  const runId = run.id;
  const started = performance.now();
  const now = deps.now();
  await updateRun(deps.db, runId, { status: "running", progress: 0.01, stage: "features", startedAt: now });
  const progress = (fraction: number, stage: string) => updateRun(deps.db, runId, { progress: fraction, stage });
  try {
    const definitions = featureDefinitions(await modelledAttributes(deps.db));
    const current = await featureSource(deps.db, now);
    await progress(0.2, "features");
    const past = await featureSource(deps.db, new Date(now.getTime() - settings.churnDays * 86_400_000), settings.churnDays);
    await progress(0.3, "features");
    const result = await runModels(current, past, definitions, { k: settings.segments, churnDays: settings.churnDays, progress });
    await progress(0.75, "response");
    const outcomes = await readOutcomes(deps.db);
    const response = await responseModel(outcomes.examples, current, definitions);
    const forecast = trainForecast(outcomes.samples);
    await progress(0.8, "escalation");
    const escalation = escalationDrivers(await escalationSource(deps.db, now));
    await progress(0.85, "saving");
    const seg = result.segmentation;
    await deps.db.transaction(async (tx) => {
      const segmentIds = seg
        ? await insertSegments(
            tx,
            runId,
            seg.segments.map((s) => ({
              position: s.position,
              name: s.name,
              size: s.size,
              detail: { medians: s.medians, topIntents: s.topIntents, distinctive: s.distinctive, rules: s.rules, accuracy: s.accuracy },
            })),
          )
        : [];
      const writes = writesOf(current, result, segmentIds, settings.churnDays);
      for (let i = 0; i < writes.length; i += WRITE_BATCH) {
        const batch = writes.slice(i, i + WRITE_BATCH);
        await upsertFeatures(tx, runId, now, batch);
        if (seg) {
          await recordMemberships(
            tx,
            runId,
            now,
            batch.flatMap((w) => (w.segmentId && w.segmentName ? [{ customerId: w.customerId, segmentId: w.segmentId, segmentName: w.segmentName }] : [])),
          );
        }
      }
      await dropStaleFeatures(tx, runId, now, seg !== null);
      await replaceResponseScores(
        tx,
        runId,
        now,
        response.status === "ready" ? response.chosen : null,
        response.status === "ready" ? current.map((row, i) => ({ customerId: row.id, score: response.scores[i] })) : [],
      );
      const seconds = (performance.now() - started) / 1000;
      await updateRun(tx, runId, {
        status: "succeeded",
        progress: 1,
        stage: "done",
        customers: current.length,
        message: result.messages.length ? result.messages.join(" ") : null,
        seconds: round(seconds, 2),
        finishedAt: deps.now(),
        summary: {
          features: result.definitions,
          churnDays: settings.churnDays,
          segmentation: seg ? { k: seg.k, silhouette: seg.silhouette, silhouetteByK: seg.silhouetteByK, notes: seg.notes } : null,
          map: result.map ? { explainedVariance: result.map.explainedVariance, loadings: result.map.loadings } : null,
          churn: result.churn ? { model: result.churn.model, rules: result.churn.rules, rulesAccuracy: result.churn.rulesAccuracy } : null,
          response: {
            status: response.status,
            chosen: response.status === "ready" ? response.chosen : null,
            models: response.status === "ready" ? response.models : [],
            examples: response.examples,
            responders: response.responders,
            campaigns: outcomes.campaigns,
            folds: response.status === "ready" ? response.folds : null,
            needs: RESPONSE_NEEDS,
            message: response.status === "ready" ? null : response.message,
          },
          forecast,
          escalation,
        },
      });
    });
    log.info({ runId, customers: current.length, k: seg?.k ?? null, seconds: (performance.now() - started) / 1000 }, "insights refreshed");
  } catch (error) {
    log.error({ err: error, runId }, "insights refresh failed");
    await updateRun(deps.db, runId, { status: "failed", stage: null, message: `The refresh failed: ${error instanceof Error ? error.message : String(error)}`, finishedAt: deps.now() });
  }
}
