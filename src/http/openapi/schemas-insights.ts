/** DTO schemas of the insights endpoints (src/contracts/insights.ts), for the OpenAPI document. */
import { z } from "zod";
import type {
  InsightEscalationDTO,
  InsightResponseDTO,
  InsightResponseScoresDTO,
  InsightChurnDTO,
  InsightFeaturesDTO,
  InsightMapDTO,
  InsightRunDTO,
  InsightSegmentsDTO,
  InsightStatusDTO,
} from "../../contracts/insights.ts";
import { instant } from "./schemas-api.ts";

const share = z.number().min(0).max(1);

/** A refresh run. */
export const insightRunDTO = z
  .object({
    id: z.uuid(),
    status: z.enum(["queued", "running", "succeeded", "failed"]),
    trigger: z.enum(["manual", "schedule"]),
    progress: share,
    stage: z.string().nullable(),
    message: z.string().nullable(),
    customers: z.number().int(),
    seconds: z.number().nullable(),
    createdAt: instant,
    startedAt: instant.nullable(),
    finishedAt: instant.nullable(),
  })
  .meta({ id: "InsightRun" }) satisfies z.ZodType<InsightRunDTO>;

/** GET /insights/status. */
export const insightStatusDTO = z.object({
  latest: insightRunDTO.nullable(),
  lastSucceeded: insightRunDTO.nullable(),
  schedule: z.object({ everyHours: z.number().nullable(), churnDays: z.number().int(), segments: z.number().int().nullable() }),
}) satisfies z.ZodType<InsightStatusDTO>;

const ruleDTO = z.object({ text: z.string(), conditions: z.array(z.string()), support: z.number().int(), positives: z.number().int(), confidence: share });

const featureDTO = z.object({
  key: z.string(),
  label: z.string(),
  unit: z.string(),
  source: z.enum(["orders", "conversations", "messages", "tickets", "customer", "attribute"]),
  mean: z.number(),
  std: z.number(),
  median: z.number(),
  missing: z.number().int(),
});

/** GET /insights/segments. */
export const insightSegmentsDTO = z.object({
  runId: z.uuid().nullable(),
  computedAt: instant.nullable(),
  customers: z.number().int(),
  k: z.number().int().nullable(),
  silhouette: z.number().nullable(),
  silhouetteByK: z.record(z.string(), z.number()),
  segments: z.array(
    z.object({
      id: z.uuid(),
      position: z.number().int(),
      name: z.string(),
      size: z.number().int(),
      share,
      medians: z.record(z.string(), z.number().nullable()),
      topIntents: z.array(z.object({ intent: z.string(), customers: z.number().int() })),
      distinctive: z.array(z.object({ feature: z.string(), label: z.string(), z: z.number() })),
      rules: z.array(ruleDTO),
      accuracy: share,
    }),
  ),
  movements: z.array(z.object({ from: z.string(), to: z.string(), customers: z.number().int() })),
  message: z.string().nullable(),
  notes: z.array(z.string()),
}) satisfies z.ZodType<InsightSegmentsDTO>;

/** GET /insights/map. */
export const insightMapDTO = z.object({
  runId: z.uuid().nullable(),
  total: z.number().int(),
  sampled: z.boolean(),
  points: z.array(z.object({ customerId: z.uuid(), name: z.string().nullable(), x: z.number(), y: z.number(), segment: z.string().nullable() })),
  explainedVariance: z.tuple([z.number(), z.number()]).nullable(),
  loadings: z.array(z.object({ component: z.union([z.literal(1), z.literal(2)]), features: z.array(z.object({ feature: z.string(), loading: z.number() })) })),
  message: z.string().nullable(),
}) satisfies z.ZodType<InsightMapDTO>;

const driverDTO = z.object({ feature: z.string(), label: z.string(), value: z.number().nullable(), effect: z.number() });

/** GET /insights/churn. */
export const insightChurnDTO = z.object({
  runId: z.uuid().nullable(),
  churnDays: z.number().int(),
  model: z
    .object({
      rows: z.number().int(),
      churned: z.number().int(),
      baseRate: share,
      auc: z.number().nullable(),
      accuracy: z.number().nullable(),
      folds: z.number().int().nullable(),
    })
    .nullable(),
  rules: z.array(ruleDTO),
  rulesAccuracy: z.number().nullable(),
  customers: z.array(
    z.object({
      customerId: z.uuid(),
      name: z.string().nullable(),
      email: z.string().nullable(),
      segment: z.string().nullable(),
      churnRisk: share,
      daysSinceLastOrder: z.number().nullable(),
      drivers: z.array(driverDTO),
    }),
  ),
  nextCursor: z.string().nullable(),
  message: z.string().nullable(),
}) satisfies z.ZodType<InsightChurnDTO>;

/** GET /insights/features. */
export const insightFeaturesDTO = z.object({
  runId: z.uuid().nullable(),
  computedAt: instant.nullable(),
  features: z.array(featureDTO),
  customers: z.array(
    z.object({
      customerId: z.uuid(),
      name: z.string().nullable(),
      computedAt: instant,
      raw: z.record(z.string(), z.number().nullable()),
      standardized: z.record(z.string(), z.number()),
      topIntents: z.array(z.string()),
      topTopics: z.array(z.string()),
      channels: z.array(z.string()),
      segment: z.string().nullable(),
      x: z.number().nullable(),
      y: z.number().nullable(),
      churnRisk: z.number().nullable(),
      history: z.array(z.object({ segment: z.string(), since: instant, until: instant.nullable() })),
    }),
  ),
  nextCursor: z.string().nullable(),
  message: z.string().nullable(),
}) satisfies z.ZodType<InsightFeaturesDTO>;

const responseStatus = z.enum(["ready", "insufficient", "no_run"]);

/** GET /insights/response. */
export const insightResponseDTO = z.object({
  runId: z.uuid().nullable(),
  status: responseStatus,
  chosen: z.enum(["logistic", "svm"]).nullable(),
  models: z.array(
    z.object({
      name: z.enum(["logistic", "svm"]),
      auc: share,
      accuracy: share,
      calibration: z.array(z.object({ decile: z.number().int(), examples: z.number().int(), predicted: share, observed: share })),
    }),
  ),
  trainedAt: z.string().nullable(),
  examples: z.number().int(),
  responders: z.number().int(),
  campaigns: z.number().int(),
  folds: z.number().int().nullable(),
  scored: z.number().int(),
  needs: z.object({ examples: z.number().int(), perClass: z.number().int() }),
  message: z.string().nullable(),
}) satisfies z.ZodType<InsightResponseDTO>;

/** GET /insights/response/scores. */
export const insightResponseScoresDTO = z.object({
  runId: z.uuid().nullable(),
  status: responseStatus,
  customers: z.array(z.object({ customerId: z.uuid(), name: z.string().nullable(), email: z.string().nullable(), segment: z.string().nullable(), score: share })),
  nextCursor: z.string().nullable(),
  message: z.string().nullable(),
}) satisfies z.ZodType<InsightResponseScoresDTO>;

/** GET /insights/escalation. */
export const insightEscalationDTO = z.object({
  runId: z.uuid().nullable(),
  conversations: z.number().int(),
  escalated: z.number().int(),
  baseRate: share.nullable(),
  rules: z.array(ruleDTO),
  accuracy: share.nullable(),
  features: z.array(z.object({ key: z.string(), label: z.string() })),
  message: z.string().nullable(),
}) satisfies z.ZodType<InsightEscalationDTO>;
