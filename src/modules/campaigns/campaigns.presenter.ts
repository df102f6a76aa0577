/** Campaign rows and figures → the API's DTOs. */
import type { CampaignComparisonDTO, CampaignDTO, CampaignFiguresDTO, CampaignResultsDTO } from "../../contracts/campaigns.ts";
import type { CampaignRow, VariantFiguresRow } from "./campaigns.repo.ts";
import { twoProportionTest } from "./campaigns.significance.ts";

/** The p-value under which a difference is called significant. */
export const SIGNIFICANCE_LEVEL = 0.05;

/** Presents a campaign. */
export function presentCampaign(row: CampaignRow): CampaignDTO {
  return {
    id: row.id,
    name: row.name,
    channel: row.channel,
    audience: row.audience,
    message: row.message,
    variants: row.variants,
    subject: row.subject,
    inboxId: row.inboxId,
    status: row.status,
    schedule: row.scheduleAt?.toISOString() ?? null,
    throttle: row.throttlePerMinute,
    conversionDays: row.conversionDays,
    audienceSize: row.audienceSize,
    startedAt: row.startedAt?.toISOString() ?? null,
    completedAt: row.completedAt?.toISOString() ?? null,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  };
}

const EMPTY: CampaignFiguresDTO = { audience: 0, sent: 0, delivered: 0, seen: 0, replied: 0, converted: 0, failed: 0, skipped: 0, revenueCents: 0 };

function figures(row: VariantFiguresRow | undefined): CampaignFiguresDTO {
  if (!row) return { ...EMPTY };
  return {
    audience: row.audience,
    sent: row.sent,
    delivered: row.delivered,
    seen: row.seen,
    replied: row.replied,
    converted: row.converted,
    failed: row.failed,
    skipped: row.skipped,
    revenueCents: row.revenue_cents,
  };
}

/** Presents a campaign's results: each variant in the campaign's order, the total, and each variant tested against the first. */
export function presentResults(campaign: CampaignRow, rows: VariantFiguresRow[]): CampaignResultsDTO {
  const variants = campaign.variants.map((v) => ({ name: v.name, ...figures(rows.find((r) => r.variant === v.name)) }));
  const total = variants.reduce<CampaignFiguresDTO>(
    (sum, v) => {
      const next = { ...sum };
      for (const key of Object.keys(EMPTY) as (keyof CampaignFiguresDTO)[]) next[key] += v[key];
      return next;
    },
    { ...EMPTY },
  );
  const significance: CampaignComparisonDTO[] = [];
  const [base, ...others] = variants;
  for (const metric of ["replied", "converted"] as const) {
    for (const other of base ? others : []) {
      const test = twoProportionTest({ successes: base![metric], trials: base!.delivered }, { successes: other[metric], trials: other.delivered });
      significance.push({ metric, base: base!.name, variant: other.name, ...test, significant: test.pValue !== null && test.pValue < SIGNIFICANCE_LEVEL });
    }
  }
  return { campaignId: campaign.id, status: campaign.status, conversionDays: campaign.conversionDays, total, variants, significance };
}
