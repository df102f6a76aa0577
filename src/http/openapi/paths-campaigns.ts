/** Operations of campaigns. */
import { campaignIdParam, createCampaignBody, forecastBody, listCampaignsQuery, optOutBody } from "../../modules/campaigns/index.ts";
import type { Operation } from "./operation.ts";
import { campaignDTO, campaignForecastDTO, campaignResultsDTO } from "./schemas-campaigns.ts";

const BASE = "/api/v1/campaigns";
const read = { auth: "actor", actions: ["campaign.read"] } as const;
const write = { auth: "actor", actions: ["campaign.write"] } as const;

/** Every operation of campaigns. */
export const campaignOperations: Operation[] = [
  {
    method: "get",
    path: BASE,
    tag: "Campaigns",
    summary: "List campaigns",
    description: "Newest first, paginated.",
    access: read,
    query: listCampaignsQuery,
    success: { status: 200, description: "A page of campaigns.", page: campaignDTO },
  },
  {
    method: "post",
    path: BASE,
    tag: "Campaigns",
    summary: "Create a campaign",
    description:
      "A draft until started, or scheduled when `schedule` is given. `audience` is `{segment}`, `{filter: {q?, tag?, companyId?, segment?}}` (the customer list's query) or `{topResponse: {limit}}` (the N highest response scores; VALIDATION_FAILED until the response model has scored customers). Messages may use {{name}} and {{lastOrderNumber}}; `variants` split the audience A/B by customer id. See docs/campaigns.md.",
    access: write,
    body: createCampaignBody,
    success: { status: 201, description: "The campaign.", data: campaignDTO },
    errors: ["INBOX_NOT_FOUND"],
  },
  {
    method: "post",
    path: `${BASE}/forecast`,
    tag: "Campaigns",
    summary: "Forecast a campaign before sending it",
    description:
      "The response rate and revenue the multiple linear regression trained on past campaigns (by the latest insights refresh) predicts from the audience's size and mean features and the message's channel, length, variables and variant count, with the model's R² and leave-one-out error. `status: insufficient` with `message` when there are too few past campaigns. See docs/campaigns.md.",
    access: read,
    body: forecastBody,
    success: { status: 200, description: "The forecast and the model's evaluation.", data: campaignForecastDTO },
  },
  {
    method: "post",
    path: `${BASE}/opt-outs`,
    tag: "Campaigns",
    summary: "Opt a customer out of campaigns",
    description: "The customer is never contacted by a campaign again; their sends not yet made or shown are skipped.",
    access: write,
    body: optOutBody,
    success: { status: 204, description: "Opted out (again, when they were already)." },
    errors: ["CUSTOMER_NOT_FOUND"],
  },
  {
    method: "get",
    path: `${BASE}/:id`,
    tag: "Campaigns",
    summary: "Get a campaign",
    access: read,
    params: campaignIdParam,
    success: { status: 200, description: "The campaign.", data: campaignDTO },
    errors: ["CAMPAIGN_NOT_FOUND"],
  },
  {
    method: "get",
    path: `${BASE}/:id/results`,
    tag: "Campaigns",
    summary: "A campaign's results",
    description:
      "Per variant and in total: sent, delivered, seen, replied, converted (an order within `conversionDays` of delivery), failed, skipped (opted out) and revenue; each variant tested against the first on reply and conversion rates (two-proportion z-test).",
    access: read,
    params: campaignIdParam,
    success: { status: 200, description: "The results.", data: campaignResultsDTO },
    errors: ["CAMPAIGN_NOT_FOUND"],
  },
  {
    method: "post",
    path: `${BASE}/:id/start`,
    tag: "Campaigns",
    summary: "Start or resume a campaign",
    access: write,
    params: campaignIdParam,
    success: { status: 200, description: "The campaign, running.", data: campaignDTO },
    errors: ["CAMPAIGN_NOT_FOUND", "CAMPAIGN_NOT_EDITABLE"],
  },
  {
    method: "post",
    path: `${BASE}/:id/pause`,
    tag: "Campaigns",
    summary: "Pause a campaign",
    access: write,
    params: campaignIdParam,
    success: { status: 200, description: "The campaign, paused.", data: campaignDTO },
    errors: ["CAMPAIGN_NOT_FOUND", "CAMPAIGN_NOT_EDITABLE"],
  },
];
