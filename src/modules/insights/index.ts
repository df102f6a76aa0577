/** Insights module: customer features, segments (k-means + PCA), CART explanations and churn risk (docs/insights.md). */
export { INSIGHTS_REFRESH_JOB, runRefresh, type InsightsJobPayload, type InsightsSettings } from "./insights.jobs.ts";
export { insightOf } from "./insights.repo.ts";
