/** Operations of the customer insights (definitions: docs/insights.md). */
import { churnQuery, featuresQuery, mapQuery, noQuery, refreshBody, responseScoresQuery } from "../../modules/insights/insights.schemas.ts";
import type { Operation } from "./operation.ts";
import { insightEscalationDTO, insightResponseDTO, insightResponseScoresDTO, insightChurnDTO, insightFeaturesDTO, insightMapDTO, insightRunDTO, insightSegmentsDTO, insightStatusDTO } from "./schemas-insights.ts";

const V1 = "/api/v1";
const read = { auth: "actor", actions: ["report.read"] } as const;
const precomputed = "Read from what the latest successful insights.refresh stored; before the first one, an empty answer with `message`.";

/** Every operation of the insights module. */
export const insightOperations: Operation[] = [
  {
    method: "post",
    path: `${V1}/insights/refresh`,
    tag: "Insights",
    summary: "Start an insights refresh",
    description: "Queues the insights.refresh job (features, segments, map, rules, churn). Follow it with GET /insights/status.",
    access: read,
    body: refreshBody,
    success: { status: 202, description: "The queued run.", data: insightRunDTO },
    errors: ["INSIGHTS_REFRESH_RUNNING"],
  },
  {
    method: "get",
    path: `${V1}/insights/status`,
    tag: "Insights",
    summary: "The latest refresh and the schedule",
    access: read,
    query: noQuery,
    success: { status: 200, description: "The newest run (with progress), the newest successful one, and the settings.", data: insightStatusDTO },
  },
  {
    method: "get",
    path: `${V1}/insights/features`,
    tag: "Insights",
    summary: "The customer feature table",
    description: `The feature definitions (unit, mean, standard deviation, imputed median, missing count) and one customer's row (customerId) with their segment history, or a page of rows by customer id. ${precomputed}`,
    access: read,
    query: featuresQuery,
    success: { status: 200, description: "Definitions and rows.", data: insightFeaturesDTO },
    errors: ["CUSTOMER_NOT_FOUND"],
  },
  {
    method: "get",
    path: `${V1}/insights/segments`,
    tag: "Insights",
    summary: "Customer segments",
    description: `Each segment's generated name, size, medians in people's units, top intents, distinctive features, CART rules and their accuracy; customers moved by the latest run. ${precomputed}`,
    access: read,
    query: noQuery,
    success: { status: 200, description: "The segments.", data: insightSegmentsDTO },
  },
  {
    method: "get",
    path: `${V1}/insights/map`,
    tag: "Insights",
    summary: "The PCA map of customers",
    description: `Two principal components per customer with the explained variance and loadings; at most \`limit\` points (default 2,000, at most 10,000), a seeded uniform sample when there are more (\`sampled\`). ${precomputed}`,
    access: read,
    query: mapQuery,
    success: { status: 200, description: "Points, variance and loadings.", data: insightMapDTO },
  },
  {
    method: "get",
    path: `${V1}/insights/churn`,
    tag: "Insights",
    summary: "Customers by churn risk",
    description: `Active customers by churn risk (logistic regression) with the features driving each one's risk, the churn rules (CART, support and confidence) and the model's cross-validated figures; keyset pages. ${precomputed}`,
    access: read,
    query: churnQuery,
    success: { status: 200, description: "A page of customers, the model and the rules.", data: insightChurnDTO },
  },
  {
    method: "get",
    path: `${V1}/insights/response`,
    tag: "Insights",
    summary: "The response models",
    description: `The logistic regression and the SVM trained on past campaign sends (responded = replied or converted): each one's cross-validated AUC, accuracy and calibration by score decile, the chosen one (better AUC) that scored every customer. \`status\` is \`ready\`, \`insufficient\` (fewer than 50 delivered sends or fewer than 5 of either class; \`message\` says what is needed) or \`no_run\`. ${precomputed}`,
    access: read,
    query: noQuery,
    success: { status: 200, description: "The models and their evaluation.", data: insightResponseDTO },
  },
  {
    method: "get",
    path: `${V1}/insights/response/scores`,
    tag: "Insights",
    summary: "Customers by response score",
    description: `Customers by the chosen response model's score, highest first; keyset pages. Empty with the model's \`status\` and \`message\` when it is not ready. ${precomputed}`,
    access: read,
    query: responseScoresQuery,
    success: { status: 200, description: "A page of customers with their scores.", data: insightResponseScoresDTO },
  },
  {
    method: "get",
    path: `${V1}/insights/escalation`,
    tag: "Insights",
    summary: "Escalation drivers",
    description: `CART rules (support, confidence) for a conversation being handed to a human (a ticket opened for it, or in hand-off), over the last 365 days' conversations, with the tree's accuracy. ${precomputed}`,
    access: read,
    query: noQuery,
    success: { status: 200, description: "The rules.", data: insightEscalationDTO },
  },
];
