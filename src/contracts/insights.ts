/** DTOs of the insights endpoints (/api/v1/insights/…), shared with the console (docs/insights.md). */

/** A feature as the run computed it: its key, the words and unit people read, and how it was scaled and imputed. */
export type InsightFeatureDTO = {
  key: string;
  label: string;
  unit: string;
  /** "order" and the like come from the product's tables; "attribute" from a numeric or boolean custom attribute. */
  source: "orders" | "conversations" | "messages" | "tickets" | "customer" | "attribute";
  mean: number;
  std: number;
  /** The median present values were imputed with, and how many customers lacked the value. */
  median: number;
  missing: number;
};

/** A refresh run: progress while it runs, figures when done. */
export type InsightRunDTO = {
  id: string;
  status: "queued" | "running" | "succeeded" | "failed";
  trigger: "manual" | "schedule";
  progress: number;
  stage: string | null;
  message: string | null;
  customers: number;
  seconds: number | null;
  createdAt: string;
  startedAt: string | null;
  finishedAt: string | null;
};

/** GET /insights/status. */
export type InsightStatusDTO = {
  /** The newest run, whatever its state (null before the first). */
  latest: InsightRunDTO | null;
  /** The newest run that succeeded: what the read endpoints show. */
  lastSucceeded: InsightRunDTO | null;
  schedule: { everyHours: number | null; churnDays: number; segments: number | null };
};

/** One rule of a decision tree: when the conditions hold, `confidence` of `support` customers are positive. */
export type InsightRuleDTO = { text: string; conditions: string[]; support: number; positives: number; confidence: number };

/** A segment's medians in people's units (null when no member has the value). */
export type SegmentMediansDTO = Record<string, number | null>;

/** One segment of the latest run. */
export type InsightSegmentDTO = {
  id: string;
  position: number;
  name: string;
  size: number;
  share: number;
  medians: SegmentMediansDTO;
  topIntents: { intent: string; customers: number }[];
  /** The features furthest from the average (standardised centroid), which the name is made from. */
  distinctive: { feature: string; label: string; z: number }[];
  /** The short CART rule set separating the segment from the rest, and that tree's accuracy. */
  rules: InsightRuleDTO[];
  accuracy: number;
};

/** GET /insights/segments. */
export type InsightSegmentsDTO = {
  runId: string | null;
  computedAt: string | null;
  customers: number;
  k: number | null;
  silhouette: number | null;
  silhouetteByK: Record<string, number>;
  segments: InsightSegmentDTO[];
  /** Customers the latest run moved from one segment to another. */
  movements: { from: string; to: string; customers: number }[];
  /** Why there is nothing to show, when there is nothing (no run yet, too few customers). */
  message: string | null;
  notes: string[];
};

/** One customer on the PCA map. */
export type InsightMapPointDTO = { customerId: string; name: string | null; x: number; y: number; segment: string | null };

/** GET /insights/map. */
export type InsightMapDTO = {
  runId: string | null;
  /** Customers on the map in all, and how many points this answer holds (a seeded random sample when fewer). */
  total: number;
  sampled: boolean;
  points: InsightMapPointDTO[];
  explainedVariance: [number, number] | null;
  loadings: { component: 1 | 2; features: { feature: string; loading: number }[] }[];
  message: string | null;
};

/** A customer's churn risk and what drives it. */
export type ChurnCustomerDTO = {
  customerId: string;
  name: string | null;
  email: string | null;
  segment: string | null;
  churnRisk: number;
  daysSinceLastOrder: number | null;
  drivers: { feature: string; label: string; value: number | null; effect: number }[];
};

/** GET /insights/churn. */
export type InsightChurnDTO = {
  runId: string | null;
  churnDays: number;
  /** The model behind the risk: how many customers it learnt from, how many churned, its cross-validated figures. */
  model: { rows: number; churned: number; baseRate: number; auc: number | null; accuracy: number | null; folds: number | null } | null;
  /** Churn drivers as rules (a depth-limited tree), with the tree's accuracy. */
  rules: InsightRuleDTO[];
  rulesAccuracy: number | null;
  customers: ChurnCustomerDTO[];
  nextCursor: string | null;
  message: string | null;
};

/** One customer's row of the feature table. */
export type CustomerFeaturesDTO = {
  customerId: string;
  name: string | null;
  computedAt: string;
  raw: Record<string, number | null>;
  standardized: Record<string, number>;
  topIntents: string[];
  topTopics: string[];
  channels: string[];
  segment: string | null;
  x: number | null;
  y: number | null;
  churnRisk: number | null;
  /** The customer's segments over time, newest first. */
  history: { segment: string; since: string; until: string | null }[];
};

/** GET /insights/features: the definitions, and one customer's row or a page of rows. */
export type InsightFeaturesDTO = {
  runId: string | null;
  computedAt: string | null;
  features: InsightFeatureDTO[];
  customers: CustomerFeaturesDTO[];
  nextCursor: string | null;
  message: string | null;
};

/** One decile of a model's out-of-fold scores: how many examples, the mean predicted score and the observed response rate. */
export type CalibrationBinDTO = { decile: number; examples: number; predicted: number; observed: number };

/** One response model's cross-validated evaluation. */
export type ResponseModelDTO = { name: "logistic" | "svm"; auc: number; accuracy: number; calibration: CalibrationBinDTO[] };

/**
 * Where the response model stands: `ready` (scores stored), `insufficient` (too few campaign outcomes, `message` says
 * what is needed) or `no_run` (no successful insights refresh yet).
 */
export type ResponseStatusDTO = "ready" | "insufficient" | "no_run";

/** GET /insights/response: the response models (logistic regression and SVM), the chosen one and what they learnt from. */
export type InsightResponseDTO = {
  runId: string | null;
  status: ResponseStatusDTO;
  /** The model with the better cross-validated AUC, which scored every customer (null unless ready). */
  chosen: "logistic" | "svm" | null;
  models: ResponseModelDTO[];
  trainedAt: string | null;
  /** Labelled examples (delivered campaign sends), how many responded (replied or converted), from how many campaigns. */
  examples: number;
  responders: number;
  campaigns: number;
  folds: number | null;
  /** Customers with a score. */
  scored: number;
  /** The thresholds a model needs. */
  needs: { examples: number; perClass: number };
  message: string | null;
};

/** One customer's response score. */
export type ResponseScoreDTO = { customerId: string; name: string | null; email: string | null; segment: string | null; score: number };

/** GET /insights/response/scores: customers by response score, highest first. */
export type InsightResponseScoresDTO = { runId: string | null; status: ResponseStatusDTO; customers: ResponseScoreDTO[]; nextCursor: string | null; message: string | null };

/** GET /insights/escalation: CART rules for "the conversation was handed to a human", with the tree's accuracy. */
export type InsightEscalationDTO = {
  runId: string | null;
  /** Conversations (last 365 days, with a customer message) the tree learnt from, and how many were handed over. */
  conversations: number;
  escalated: number;
  baseRate: number | null;
  rules: InsightRuleDTO[];
  accuracy: number | null;
  features: { key: string; label: string }[];
  message: string | null;
};
