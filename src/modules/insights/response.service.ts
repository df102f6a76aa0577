/**
 * Reads of the response models, the response scores, the escalation drivers and the campaign forecast: all from what the
 * latest successful insights.refresh stored (reads never train a model).
 */
import type { InsightEscalationDTO, InsightResponseDTO, InsightResponseScoresDTO } from "../../contracts/insights.ts";
import type { CampaignForecastDTO } from "../../contracts/campaigns.ts";
import type { Database } from "../../db/index.ts";
import { decodeCursor, splitPage } from "../../http/pagination.ts";
import type { ServiceDeps } from "../deps.ts";
import { FORECAST_SPARE, applyForecast, messageInputs, type ForecastInputs, type ForecastModel } from "./insights.forecast.ts";
import { AUDIENCE_MEANS } from "./insights.outcomes.ts";
import { latestRun, type InsightRunRow } from "./insights.repo.ts";
import { meanRawFeatures, responseCount, responsePage } from "./response.repo.ts";
import { RESPONSE_NEEDS } from "./insights.response.ts";
import { responseCursor } from "./insights.schemas.ts";
import { NO_RUN_MESSAGE } from "./insights.service.ts";

type ResponseSummary = Omit<InsightResponseDTO, "runId" | "status" | "trainedAt" | "scored"> & { status: "ready" | "insufficient" };
type Summary = { response?: ResponseSummary; forecast?: ForecastModel | { message: string; needs: number }; escalation?: Omit<InsightEscalationDTO, "runId"> };

const summaryOf = (run: InsightRunRow): Summary => run.summary as Summary;

/** What a run made before response models existed says. */
const OLD_RUN_MESSAGE = "The latest refresh predates response models; the next refresh trains them.";

/** The response models' evaluation and state (`no_run` before the first refresh, `insufficient` with what is needed). */
export async function responseView(deps: Pick<ServiceDeps, "db">): Promise<InsightResponseDTO> {
  const run = await latestRun(deps.db, true);
  const empty = { chosen: null, models: [], trainedAt: null, examples: 0, responders: 0, campaigns: 0, folds: null, scored: 0, needs: { ...RESPONSE_NEEDS } };
  if (!run) return { runId: null, status: "no_run", ...empty, message: NO_RUN_MESSAGE };
  const response = summaryOf(run).response;
  if (!response) return { runId: run.id, status: "insufficient", ...empty, message: OLD_RUN_MESSAGE };
  return {
    ...response,
    runId: run.id,
    trainedAt: response.status === "ready" ? (run.finishedAt?.toISOString() ?? null) : null,
    scored: response.status === "ready" ? await responseCount(deps.db) : 0,
  };
}

/** Customers by response score, highest first. */
export async function responseScoresView(deps: Pick<ServiceDeps, "db">, query: { limit: number; cursor?: string }): Promise<InsightResponseScoresDTO> {
  const after = decodeCursor(query.cursor, responseCursor);
  const state = await responseView(deps);
  if (state.status !== "ready") return { runId: state.runId, status: state.status, customers: [], nextCursor: null, message: state.message };
  const rows = await responsePage(deps.db, after, query.limit + 1);
  const { page, nextCursor } = splitPage(rows, query.limit, (last) => ({ score: last.score, id: last.customerId }));
  return { runId: state.runId, status: "ready", customers: page, nextCursor, message: null };
}

/** The escalation drivers of the latest run. */
export async function escalationView(deps: Pick<ServiceDeps, "db">): Promise<InsightEscalationDTO> {
  const run = await latestRun(deps.db, true);
  const empty = { conversations: 0, escalated: 0, baseRate: null, rules: [], accuracy: null, features: [] };
  if (!run) return { runId: null, ...empty, message: NO_RUN_MESSAGE };
  const escalation = summaryOf(run).escalation;
  return escalation ? { runId: run.id, ...escalation } : { runId: run.id, ...empty, message: "The latest refresh predates escalation drivers; the next refresh finds them." };
}

/**
 * Forecasts a campaign before it is sent: its audience's mean features (as the latest refresh stored them; a mean no
 * member has takes the past campaigns' average) and its message, through the regression the latest refresh trained.
 */
export async function forecastCampaign(
  db: Database,
  audienceIds: string[],
  message: { channel: "widget" | "email"; text: string; variants: number },
): Promise<CampaignForecastDTO> {
  const run = await latestRun(db, true);
  const forecast = run ? summaryOf(run).forecast : undefined;
  const { means } = await meanRawFeatures(db, audienceIds, ["recencyDays", "orders12m", "spend12m", "negativeShare"]);
  const byInput: Record<string, number | null> = {
    meanRecencyDays: means.recencyDays,
    meanOrders12m: means.orders12m,
    meanSpend12m: means.spend12m,
    meanNegativeShare: means.negativeShare,
  };
  const model = forecast && "regression" in forecast ? forecast : null;
  const inputs = {
    audienceSize: audienceIds.length,
    ...Object.fromEntries(AUDIENCE_MEANS.map(([input]) => [input, byInput[input] ?? (model ? model.mean[model.features.indexOf(input)] : undefined) ?? 0])),
    ...messageInputs(message.channel, message.text, message.variants),
  } as ForecastInputs;
  const rounded = Object.fromEntries(Object.entries(inputs).map(([k, v]) => [k, Number(v.toFixed(4))]));
  if (!model) {
    const needs = forecast && "needs" in forecast ? forecast.needs : FORECAST_SPARE + 1;
    return {
      status: "insufficient",
      audienceSize: audienceIds.length,
      responseRate: null,
      expectedResponders: null,
      revenue: null,
      inputs: rounded,
      model: { campaigns: 0, features: [], r2: null, folds: null, looMae: null, looR2: null, trainedAt: null, needs },
      message: forecast && "message" in forecast ? forecast.message : run ? OLD_RUN_MESSAGE : NO_RUN_MESSAGE,
    };
  }
  const predicted = applyForecast(model, inputs);
  return {
    status: "ready",
    audienceSize: audienceIds.length,
    responseRate: predicted.responseRate,
    expectedResponders: Math.round(predicted.responseRate * audienceIds.length),
    revenue: predicted.revenue,
    inputs: rounded,
    model: {
      campaigns: model.campaigns,
      features: model.features,
      r2: model.r2,
      folds: model.campaigns,
      looMae: model.looMae,
      looR2: model.looR2,
      trainedAt: run?.finishedAt?.toISOString() ?? null,
      needs: model.features.length + FORECAST_SPARE,
    },
    message: null,
  };
}

/** The `limit` live customers with the highest response scores, highest first (a campaign audience). */
export async function topResponseIds(db: Database, limit: number): Promise<{ id: string; name: string | null }[]> {
  const rows = await responsePage(db, null, limit);
  return rows.map((r) => ({ id: r.customerId, name: r.name }));
}
