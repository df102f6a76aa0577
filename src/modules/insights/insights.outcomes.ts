/**
 * Past campaign outcomes as training data: each delivered send a labelled example for the response models (with the
 * customer's features as of the campaign's start), each campaign a sample for the forecast regression.
 */
import type { Database } from "../../db/index.ts";
import { FORECAST_FEATURES, messageInputs, type CampaignSample, type ForecastInputs } from "./insights.forecast.ts";
import type { ResponseExample } from "./insights.response.ts";
import { featureSource, type FeatureSourceRow } from "./insights.repo.ts";
import { campaignOutcomes, type CampaignOutcomeRow } from "./response.repo.ts";

/** The most recent campaigns whose sends train the models (each needs its own read of the features as of its start). */
export const OUTCOME_CAMPAIGNS = 30;

/** The audience features of the forecast, and the customer feature each is the mean of. */
export const AUDIENCE_MEANS: [keyof ForecastInputs, keyof FeatureSourceRow][] = [
  ["meanRecencyDays", "recency_days"],
  ["meanOrders12m", "orders_12m"],
  ["meanSpend12m", "spend_12m"],
  ["meanNegativeShare", "negative_share"],
];

const meanOf = (values: (number | null)[]): number | null => {
  const present = values.filter((v): v is number => v !== null && Number.isFinite(v));
  return present.length ? present.reduce((s, v) => s + v, 0) / present.length : null;
};

/** The response examples and the forecast samples of the recent campaigns. */
export async function readOutcomes(db: Database): Promise<{ examples: ResponseExample[]; samples: CampaignSample[]; campaigns: number }> {
  const outcomes = await campaignOutcomes(db, OUTCOME_CAMPAIGNS);
  const byCampaign = new Map<string, CampaignOutcomeRow[]>();
  for (const row of outcomes) byCampaign.set(row.campaign_id, [...(byCampaign.get(row.campaign_id) ?? []), row]);
  const examples: ResponseExample[] = [];
  const partial: { inputs: Partial<Record<keyof ForecastInputs, number | null>>; responseRate: number; revenue: number }[] = [];
  for (const rows of byCampaign.values()) {
    const asOf = new Date(rows[0].as_of);
    const features = new Map((await featureSource(db, asOf)).map((r) => [r.id, r]));
    const audience: FeatureSourceRow[] = [];
    for (const send of rows) {
      const row = features.get(send.customer_id);
      // A customer created after the campaign started (imported later, say) has no features as of then.
      if (!row) continue;
      audience.push(row);
      examples.push({ row, responded: send.responded });
    }
    const responders = rows.filter((r) => r.responded).length;
    partial.push({
      inputs: {
        audienceSize: rows.length,
        ...Object.fromEntries(AUDIENCE_MEANS.map(([input, feature]) => [input, meanOf(audience.map((r) => r[feature] as number | null))])),
        ...messageInputs(rows[0].channel, rows[0].message, rows[0].variants),
      },
      responseRate: responders / rows.length,
      revenue: rows.reduce((s, r) => s + r.revenue_cents, 0) / 100,
    });
  }
  // A mean no customer of a campaign had (none had ordered, say) takes the mean of the other campaigns' means.
  const fill = Object.fromEntries(FORECAST_FEATURES.map((key) => [key, meanOf(partial.map((p) => p.inputs[key] ?? null)) ?? 0]));
  const samples = partial.map((p) => ({
    inputs: Object.fromEntries(FORECAST_FEATURES.map((key) => [key, p.inputs[key] ?? fill[key]])) as ForecastInputs,
    responseRate: p.responseRate,
    revenue: p.revenue,
  }));
  return { examples, samples, campaigns: byCampaign.size };
}
