/** Insights module: customer features, segments (k-means + PCA), CART explanations, churn risk and response models (docs/insights.md). */
export { INSIGHTS_REFRESH_JOB, runRefresh, type InsightsJobPayload, type InsightsSettings } from "./insights.jobs.ts";
export { insightOf } from "./insights.repo.ts";
export { forecastCampaign, topResponseIds } from "./response.service.ts";
