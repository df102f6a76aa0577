/** The insights REST calls (docs/insights.md): refresh and its status, segments, the PCA map and the churn list. */
import type {
  InsightChurnDTO,
  InsightEscalationDTO,
  InsightMapDTO,
  InsightResponseDTO,
  InsightResponseScoresDTO,
  InsightRunDTO,
  InsightSegmentsDTO,
  InsightStatusDTO,
} from "../../../src/contracts/insights.ts";
import { query, request } from "./http.ts";

type Data<T> = { data: T };

/** How many rows one page of the churn list asks for. */
export const CHURN_PAGE_SIZE = 25;

/** Starts a refresh (409 INSIGHTS_REFRESH_RUNNING while one runs). */
export async function refreshInsights(): Promise<InsightRunDTO> {
  return (await request<Data<InsightRunDTO>>("POST", "/insights/refresh", {})).data;
}

/** The newest run and the one the reads show. */
export async function getInsightsStatus(): Promise<InsightStatusDTO> {
  return (await request<Data<InsightStatusDTO>>("GET", "/insights/status")).data;
}

/** The latest run's segments with their medians and rules. */
export async function getSegments(): Promise<InsightSegmentsDTO> {
  return (await request<Data<InsightSegmentsDTO>>("GET", "/insights/segments")).data;
}

/** The customers on the PCA map (a seeded sample above `limit`). */
export async function getMap(params: { limit?: number } = {}): Promise<InsightMapDTO> {
  return (await request<Data<InsightMapDTO>>("GET", `/insights/map${query(params)}`)).data;
}

/** A page of active customers by churn risk. */
export async function getChurn(params: { sort: "-churnRisk" | "churnRisk"; cursor?: string | null; limit?: number }): Promise<InsightChurnDTO> {
  return (await request<Data<InsightChurnDTO>>("GET", `/insights/churn${query({ limit: CHURN_PAGE_SIZE, ...params })}`)).data;
}

/** The response models' evaluation and state. */
export async function getResponse(): Promise<InsightResponseDTO> {
  return (await request<Data<InsightResponseDTO>>("GET", "/insights/response")).data;
}

/** A page of customers by response score, highest first. */
export async function getResponseScores(params: { cursor?: string | null; limit?: number } = {}): Promise<InsightResponseScoresDTO> {
  return (await request<Data<InsightResponseScoresDTO>>("GET", `/insights/response/scores${query({ limit: 10, ...params })}`)).data;
}

/** The escalation drivers (CART rules for a conversation handed to a human). */
export async function getEscalation(): Promise<InsightEscalationDTO> {
  return (await request<Data<InsightEscalationDTO>>("GET", "/insights/escalation")).data;
}
