/** The campaigns API's shapes (GET/POST /api/v1/campaigns …), shared with the console. */

/**
 * Who a campaign goes to: a segment's members, a saved CRM customer-list filter (the list's own query), or the `limit`
 * customers with the highest response scores (GET /insights/response/scores).
 */
export type CampaignAudienceDTO =
  | { segment: string }
  | { filter: { q?: string; tag?: string[]; companyId?: string; segment?: string } }
  | { topResponse: { limit: number } };

/** Where a campaign is: a draft waits to be started, a scheduled one starts at `schedule`, a paused one waits to be started again. */
export type CampaignStatusDTO = "draft" | "scheduled" | "running" | "paused" | "completed";

/** A campaign. */
export type CampaignDTO = {
  id: string;
  name: string;
  channel: "widget" | "email";
  audience: CampaignAudienceDTO;
  message: string;
  variants: { name: string; message: string }[];
  subject: string | null;
  inboxId: string | null;
  status: CampaignStatusDTO;
  schedule: string | null;
  throttle: number | null;
  conversionDays: number;
  audienceSize: number | null;
  startedAt: string | null;
  completedAt: string | null;
  createdAt: string;
  updatedAt: string;
};

/** The figures of one variant (or of the whole campaign). */
export type CampaignFiguresDTO = {
  /** Customers picked for it (the send rows). */
  audience: number;
  sent: number;
  delivered: number;
  seen: number;
  replied: number;
  converted: number;
  failed: number;
  /** Opted-out customers the send skipped. */
  skipped: number;
  revenueCents: number;
};

/** A two-proportion z-test of one variant against the first, on one rate (replied / delivered or converted / delivered). */
export type CampaignComparisonDTO = {
  metric: "replied" | "converted";
  base: string;
  variant: string;
  baseRate: number | null;
  variantRate: number | null;
  z: number | null;
  /** Two-sided p-value; null when either variant has nothing delivered or the rates have no variance. */
  pValue: number | null;
  significant: boolean;
};

/** GET /api/v1/campaigns/:id/results. */
export type CampaignResultsDTO = {
  campaignId: string;
  status: CampaignStatusDTO;
  conversionDays: number;
  total: CampaignFiguresDTO;
  variants: (CampaignFiguresDTO & { name: string })[];
  significance: CampaignComparisonDTO[];
};

/** POST /api/v1/campaigns/forecast: the predicted response rate and revenue of a campaign before it is sent. */
export type CampaignForecastDTO = {
  /** `ready` with a prediction, or `insufficient` when too few past campaigns (then `message` says how many are needed). */
  status: "ready" | "insufficient";
  audienceSize: number;
  /** Predicted share of delivered sends that reply or convert (clamped to 0–1), and attributed revenue in currency units. */
  responseRate: number | null;
  expectedResponders: number | null;
  revenue: number | null;
  /** The audience and message features the prediction used, by name. */
  inputs: Record<string, number>;
  model: {
    campaigns: number;
    features: string[];
    /** R² on the training campaigns, and leave-one-out: mean absolute error and R² of held-out predictions. */
    r2: { responseRate: number; revenue: number } | null;
    folds: number | null;
    looMae: { responseRate: number; revenue: number } | null;
    looR2: { responseRate: number; revenue: number } | null;
    trainedAt: string | null;
    needs: number;
  };
  message: string | null;
};
