/** The zod shapes of the campaigns API's requests (the OpenAPI document is generated from these). */
import { z } from "zod";
import { MAX_MESSAGE_LENGTH } from "../../contracts/messages.ts";
import { cursorParam, limitSchema } from "../../http/pagination.ts";
import { listCustomersQuery } from "../customers/index.ts";
import { CAMPAIGN_VARIABLES, unknownVariables } from "./campaigns.render.ts";

/** The largest "top N by response score" audience. */
export const TOP_RESPONSE_MAX = 100_000;

const VARIABLES_TEXT = CAMPAIGN_VARIABLES.map((v) => `{{${v}}}`).join(" and ");

/** A message with variables: only the known ones. */
const messageSchema = z
  .string({ error: "message must be text" })
  .trim()
  .min(1, "message is required")
  .max(MAX_MESSAGE_LENGTH, `message is at most ${MAX_MESSAGE_LENGTH} characters`)
  .superRefine((text, ctx) => {
    const unknown = unknownVariables(text);
    if (unknown.length > 0) ctx.addIssue({ code: "custom", message: `unknown variable ${unknown.map((v) => `{{${v}}}`).join(", ")}; use ${VARIABLES_TEXT}` });
  });

/** A saved CRM customer-list filter: the customer list's own q, tag, companyId and segment. */
const filterSchema = listCustomersQuery
  .pick({ q: true, tag: true, companyId: true, segment: true })
  .strict()
  .refine((f) => Boolean(f.q || f.companyId || f.segment || f.tag.length > 0), "filter needs at least one of q, tag, companyId, segment");

/** Who a campaign goes to. */
export const audienceSchema = z.union(
  [
    z.object({ segment: z.string({ error: "segment must be text" }).trim().min(1, "segment is required").max(100, "segment is at most 100 characters") }).strict(),
    z.object({ filter: filterSchema }).strict(),
    z
      .object({
        topResponse: z
          .object({
            limit: z
              .number({ error: "topResponse.limit must be a number of customers" })
              .int("topResponse.limit must be a whole number")
              .min(1, "topResponse.limit is at least 1")
              .max(TOP_RESPONSE_MAX, `topResponse.limit is at most ${TOP_RESPONSE_MAX}`),
          })
          .strict(),
      })
      .strict(),
  ],
  { error: 'audience must be {"segment": "…"}, {"filter": {q?, tag?, companyId?, segment?}} or {"topResponse": {"limit": N}}' },
);


const variantSchema = z
  .object({ name: z.string({ error: "name is required" }).trim().min(1, "name is required").max(50, "name is at most 50 characters"), message: messageSchema })
  .strict();

/** Body of POST /api/v1/campaigns. */
export const createCampaignBody = z
  .object({
    name: z.string({ error: "name is required" }).trim().min(1, "name is required").max(200, "name is at most 200 characters"),
    audience: audienceSchema,
    channel: z.enum(["widget", "email"], { error: 'channel must be "widget" or "email"' }),
    message: messageSchema.optional(),
    variants: z
      .array(variantSchema)
      .min(2, "an A/B split needs at least 2 variants")
      .max(10, "at most 10 variants")
      .refine((vs) => new Set(vs.map((v) => v.name.toLowerCase())).size === vs.length, "variant names must differ")
      .optional(),
    schedule: z.iso.datetime({ offset: true, error: "schedule must be an ISO date-time with a zone (2026-12-01T09:30:00Z)" }).optional(),
    throttle: z.number({ error: "throttle must be a number of sends per minute" }).int("throttle must be a whole number").min(1, "throttle is at least 1 per minute").max(100_000).optional(),
    conversionDays: z.number({ error: "conversionDays must be a number of days" }).int("conversionDays must be a whole number").min(1, "conversionDays is at least 1").max(365, "conversionDays is at most 365").optional(),
    subject: z.string({ error: "subject must be text" }).trim().min(1).max(200, "subject is at most 200 characters").optional(),
    inboxId: z.string({ error: "inboxId must be text" }).trim().min(1).max(100).optional(),
  })
  .strict()
  .superRefine((body, ctx) => {
    if (!body.message && !body.variants) ctx.addIssue({ code: "custom", path: ["message"], message: "message is required (or give variants)" });
  });

/** `:id` of /api/v1/campaigns/:id. */
export const campaignIdParam = z.object({ id: z.uuid("id must be a UUID") });

/** Query of GET /api/v1/campaigns (newest first). */
export const listCampaignsQuery = z.object({ limit: limitSchema, cursor: cursorParam }).strict();

/** Keyset cursor of the campaign list: the previous page's last creation time and id. */
export const campaignCursor = z.object({ at: z.iso.datetime(), id: z.uuid() }).strict();

/** Body of POST /api/v1/campaigns/opt-outs. */
export const optOutBody = z.object({ customerId: z.uuid("customerId must be a UUID") }).strict();

/** A campaign to create, after validation. */
export type CreateCampaignInput = z.infer<typeof createCampaignBody>;

/** An audience, after validation. */
export type CampaignAudienceInput = z.infer<typeof audienceSchema>;

/** Body of POST /api/v1/campaigns/forecast: the campaign as it would be created (audience, channel, message or variants). */
export const forecastBody = z
  .object({
    audience: audienceSchema,
    channel: z.enum(["widget", "email"], { error: 'channel must be "widget" or "email"' }),
    message: messageSchema.optional(),
    variants: z.array(variantSchema).min(2, "an A/B split needs at least 2 variants").max(10, "at most 10 variants").optional(),
  })
  .strict()
  .superRefine((body, ctx) => {
    if (!body.message && !body.variants) ctx.addIssue({ code: "custom", path: ["message"], message: "message is required (or give variants)" });
  });

/** A forecast request, after validation. */
export type ForecastInput = z.infer<typeof forecastBody>;
