/**
 * zod schemas of the campaigns responses declared in src/contracts/campaigns.ts, for the OpenAPI document only; each
 * `satisfies` its DTO type, so the document cannot drift from what the routes return.
 */
import { z } from "zod";
import type { CampaignDTO, CampaignForecastDTO, CampaignResultsDTO } from "../../contracts/campaigns.ts";

const audience = z.union([
  z.object({ segment: z.string() }),
  z.object({ filter: z.object({ q: z.string().optional(), tag: z.array(z.string()).optional(), companyId: z.string().optional(), segment: z.string().optional() }) }),
  z.object({ topResponse: z.object({ limit: z.number().int() }) }),
]);

const pair = z.object({ responseRate: z.number(), revenue: z.number() });

/** POST /campaigns/forecast. */
export const campaignForecastDTO = z.object({
  status: z.enum(["ready", "insufficient"]),
  audienceSize: z.number().int(),
  responseRate: z.number().min(0).max(1).nullable(),
  expectedResponders: z.number().int().nullable(),
  revenue: z.number().nullable(),
  inputs: z.record(z.string(), z.number()),
  model: z.object({
    campaigns: z.number().int(),
    features: z.array(z.string()),
    r2: pair.nullable(),
    folds: z.number().int().nullable(),
    looMae: pair.nullable(),
    looR2: pair.nullable(),
    trainedAt: z.string().nullable(),
    needs: z.number().int(),
  }),
  message: z.string().nullable(),
}) satisfies z.ZodType<CampaignForecastDTO>;

/** A campaign. */
export const campaignDTO = z
  .object({
    id: z.uuid(),
    name: z.string(),
    channel: z.enum(["widget", "email"]),
    audience,
    message: z.string(),
    variants: z.array(z.object({ name: z.string(), message: z.string() })),
    subject: z.string().nullable(),
    inboxId: z.string().nullable(),
    status: z.enum(["draft", "scheduled", "running", "paused", "completed"]),
    schedule: z.string().nullable(),
    throttle: z.number().int().nullable().meta({ description: "Sends per minute; null: no limit." }),
    conversionDays: z.number().int(),
    audienceSize: z.number().int().nullable().meta({ description: "Customers picked when the campaign first ran; null before." }),
    startedAt: z.string().nullable(),
    completedAt: z.string().nullable(),
    createdAt: z.string(),
    updatedAt: z.string(),
  })
  .meta({ id: "Campaign" }) satisfies z.ZodType<CampaignDTO>;

const figures = {
  audience: z.number().int(),
  sent: z.number().int(),
  delivered: z.number().int(),
  seen: z.number().int(),
  replied: z.number().int(),
  converted: z.number().int(),
  failed: z.number().int(),
  skipped: z.number().int(),
  revenueCents: z.number().int(),
};

/** A campaign's results. */
export const campaignResultsDTO = z
  .object({
    campaignId: z.uuid(),
    status: z.enum(["draft", "scheduled", "running", "paused", "completed"]),
    conversionDays: z.number().int(),
    total: z.object(figures),
    variants: z.array(z.object({ name: z.string(), ...figures })),
    significance: z.array(
      z.object({
        metric: z.enum(["replied", "converted"]),
        base: z.string(),
        variant: z.string(),
        baseRate: z.number().nullable(),
        variantRate: z.number().nullable(),
        z: z.number().nullable(),
        pValue: z.number().nullable(),
        significant: z.boolean(),
      }),
    ),
  })
  .meta({ id: "CampaignResults" }) satisfies z.ZodType<CampaignResultsDTO>;
