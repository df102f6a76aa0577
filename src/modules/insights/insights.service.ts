/**
 * Insights use cases: queue a refresh, follow it, and read what the latest successful run stored (segments, map, churn
 * list, feature table). Reads never model: everything was computed by the insights.refresh job.
 */
import type {
  InsightChurnDTO,
  InsightFeatureDTO,
  InsightFeaturesDTO,
  InsightMapDTO,
  InsightRuleDTO,
  InsightSegmentsDTO,
  InsightStatusDTO,
} from "../../contracts/insights.ts";
import { AppError } from "../../errors.ts";
import { decodeCursor, splitPage } from "../../http/pagination.ts";
import { recordAudit } from "../audit/index.ts";
import type { ServiceDeps } from "../deps.ts";
import { INSIGHTS_REFRESH_JOB, STALE_RUN_MS, type InsightsJobPayload, type InsightsSettings } from "./insights.jobs.ts";
import { presentFeatures, presentRun, presentSegment } from "./insights.presenter.ts";
import {
  churnPage,
  featurePage,
  featuresOf,
  findActiveRun,
  insertRun,
  isLiveCustomer,
  latestRun,
  mapCount,
  mapPoints,
  membershipsOf,
  movementsOf,
  segmentsOf,
  type InsightRunRow,
} from "./insights.repo.ts";
import { churnCursor, featureCursor } from "./insights.schemas.ts";

/** What a successful run keeps in its summary. */
type RunSummary = {
  features?: InsightFeatureDTO[];
  churnDays?: number;
  segmentation?: { k: number; silhouette: number; silhouetteByK: Record<string, number>; notes: string[] } | null;
  map?: { explainedVariance: [number, number]; loadings: InsightMapDTO["loadings"] } | null;
  churn?: { model: NonNullable<InsightChurnDTO["model"]>; rules: InsightRuleDTO[]; rulesAccuracy: number } | null;
};

/** The answer of every read before the first successful refresh. */
export const NO_RUN_MESSAGE = "No insights yet: the first refresh has not finished. Managers can start one (POST /api/v1/insights/refresh).";

const summaryOf = (run: InsightRunRow): RunSummary => run.summary as RunSummary;

/** Queues a refresh; INSIGHTS_REFRESH_RUNNING (naming the run) while another is queued or running. */
export async function requestRefresh(deps: ServiceDeps, actor: { kind?: string; id: string; name?: string }): Promise<InsightRunRow> {
  const active = await findActiveRun(deps.db, new Date(deps.now().getTime() - STALE_RUN_MS));
  if (active) throw new AppError("INSIGHTS_REFRESH_RUNNING", undefined, undefined, { existingId: active.id });
  const run = await deps.db.transaction(async (tx) => {
    const created = await insertRun(tx, { trigger: "manual", requestedBy: actor.kind === "api_key" ? null : actor.id, createdAt: deps.now() });
    await recordAudit(tx, actor, { action: "insights.refresh_requested", targetType: "insight_run", targetId: created.id, after: { status: "queued" } }, deps.now());
    return created;
  });
  await deps.queue.enqueue(INSIGHTS_REFRESH_JOB, { runId: run.id } satisfies InsightsJobPayload, { jobId: run.id });
  return run;
}

/** The newest run and the newest successful one, with the schedule. */
export async function insightsStatus(deps: Pick<ServiceDeps, "db">, settings: InsightsSettings): Promise<InsightStatusDTO> {
  const [latest, succeeded] = await Promise.all([latestRun(deps.db), latestRun(deps.db, true)]);
  return {
    latest: latest ? presentRun(latest) : null,
    lastSucceeded: succeeded ? presentRun(succeeded) : null,
    schedule: { everyHours: settings.refreshMs > 0 ? Number((settings.refreshMs / 3_600_000).toFixed(3)) : null, churnDays: settings.churnDays, segments: settings.segments ?? null },
  };
}

/** The latest run's segments, with how many customers it moved between segments. */
export async function segmentsView(deps: Pick<ServiceDeps, "db">): Promise<InsightSegmentsDTO> {
  const run = await latestRun(deps.db, true);
  const empty = { customers: 0, k: null, silhouette: null, silhouetteByK: {}, segments: [], movements: [], notes: [] };
  if (!run) return { runId: null, computedAt: null, ...empty, message: NO_RUN_MESSAGE };
  const summary = summaryOf(run);
  const [segments, movements] = await Promise.all([segmentsOf(deps.db, run.id), movementsOf(deps.db, run.id)]);
  return {
    runId: run.id,
    computedAt: run.finishedAt?.toISOString() ?? null,
    customers: run.customers,
    k: summary.segmentation?.k ?? null,
    silhouette: summary.segmentation?.silhouette ?? null,
    silhouetteByK: summary.segmentation?.silhouetteByK ?? {},
    segments: segments.map((s) => presentSegment(s, run.customers)),
    movements,
    message: summary.segmentation ? null : (run.message ?? "The latest refresh found no segments."),
    notes: summary.segmentation?.notes ?? [],
  };
}

/** The PCA map: at most `limit` points (the seeded random sample when there are more), variance and loadings. */
export async function mapView(deps: Pick<ServiceDeps, "db">, query: { limit: number; segmentId?: string }): Promise<InsightMapDTO> {
  const run = await latestRun(deps.db, true);
  if (!run) return { runId: null, total: 0, sampled: false, points: [], explainedVariance: null, loadings: [], message: NO_RUN_MESSAGE };
  const summary = summaryOf(run);
  const [total, points] = await Promise.all([mapCount(deps.db, query.segmentId), mapPoints(deps.db, query.limit, query.segmentId)]);
  return {
    runId: run.id,
    total,
    sampled: points.length < total,
    points: points.map((p) => ({ customerId: p.customerId, name: p.name, x: p.x ?? 0, y: p.y ?? 0, segment: p.segment })),
    explainedVariance: summary.map?.explainedVariance ?? null,
    loadings: summary.map?.loadings ?? [],
    message: summary.map ? null : (run.message ?? "The latest refresh made no map."),
  };
}

/** Customers by churn risk with their drivers, and the model and rules behind it. */
export async function churnView(
  deps: Pick<ServiceDeps, "db">,
  settings: InsightsSettings,
  query: { sort: "-churnRisk" | "churnRisk"; limit: number; cursor?: string; segmentId?: string },
): Promise<InsightChurnDTO> {
  const after = decodeCursor(query.cursor, churnCursor);
  const run = await latestRun(deps.db, true);
  if (!run) return { runId: null, churnDays: settings.churnDays, model: null, rules: [], rulesAccuracy: null, customers: [], nextCursor: null, message: NO_RUN_MESSAGE };
  const summary = summaryOf(run);
  const rows = await churnPage(deps.db, { ascending: query.sort === "churnRisk", after, limit: query.limit, segmentId: query.segmentId });
  const { page, nextCursor } = splitPage(rows, query.limit, (last) => ({ risk: last.churnRisk ?? 0, id: last.customerId }));
  return {
    runId: run.id,
    churnDays: summary.churnDays ?? settings.churnDays,
    model: summary.churn?.model ?? null,
    rules: summary.churn?.rules ?? [],
    rulesAccuracy: summary.churn?.rulesAccuracy ?? null,
    customers: page.map((row) => ({
      customerId: row.customerId,
      name: row.name,
      email: row.email,
      segment: row.segment,
      churnRisk: row.churnRisk ?? 0,
      daysSinceLastOrder: row.raw.recencyDays ?? null,
      drivers: row.drivers,
    })),
    nextCursor,
    message: summary.churn ? null : (run.message ?? "The latest refresh made no churn model."),
  };
}

/** The feature definitions, and one customer's row (404 CUSTOMER_NOT_FOUND when unknown) or a page of the table. */
export async function featuresView(deps: Pick<ServiceDeps, "db">, query: { customerId?: string; limit: number; cursor?: string }): Promise<InsightFeaturesDTO> {
  const after = decodeCursor(query.cursor, featureCursor);
  const run = await latestRun(deps.db, true);
  const base = { runId: run?.id ?? null, computedAt: run?.finishedAt?.toISOString() ?? null, features: run ? (summaryOf(run).features ?? []) : [] };
  if (query.customerId) {
    const row = await featuresOf(deps.db, query.customerId);
    if (!row) {
      if (!(await isLiveCustomer(deps.db, query.customerId))) throw new AppError("CUSTOMER_NOT_FOUND");
      return { ...base, customers: [], nextCursor: null, message: run ? "The customer joined after the latest refresh; the next one includes them." : NO_RUN_MESSAGE };
    }
    return { ...base, customers: [presentFeatures(row, await membershipsOf(deps.db, row.customerId))], nextCursor: null, message: null };
  }
  const rows = await featurePage(deps.db, after?.after ?? null, query.limit + 1);
  const { page, nextCursor } = splitPage(rows, query.limit, (last) => ({ after: last.customerId }));
  return { ...base, customers: page.map((row) => presentFeatures(row, [])), nextCursor, message: run ? null : NO_RUN_MESSAGE };
}
