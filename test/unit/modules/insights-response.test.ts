import { describe, expect, it } from "vitest";
import { escalationDrivers } from "../../../src/modules/insights/insights.escalation.ts";
import { featureDefinitions } from "../../../src/modules/insights/insights.features.ts";
import { applyForecast, trainForecast, type CampaignSample, type ForecastInputs } from "../../../src/modules/insights/insights.forecast.ts";
import type { FeatureSourceRow } from "../../../src/modules/insights/insights.repo.ts";
import type { EscalationSourceRow } from "../../../src/modules/insights/response.repo.ts";
import { calibration, responseModel, type ResponseExample } from "../../../src/modules/insights/insights.response.ts";
import { seededRandom } from "../../../src/analytics/random.ts";

function row(i: number, overrides: Partial<FeatureSourceRow>): FeatureSourceRow {
  return {
    id: `00000000-0000-4000-8000-${String(i).padStart(12, "0")}`,
    recency_days: 30,
    orders_12m: 3,
    spend_12m: 300,
    average_order_value: 100,
    conversations_90d: 1,
    tickets_90d: 0,
    negative_share: 0.1,
    mean_sentiment: 1,
    channels_used: 1,
    tenure_days: 300,
    orders_all: 3,
    ordered_after: false,
    top_intents: null,
    top_topics: null,
    channels: null,
    attributes: {},
    previous_segment: null,
    ...overrides,
  };
}

describe("response models", () => {
  const random = seededRandom(3);
  // 120 planted examples: responders ordered often lately (orders 6–9, recency under 20 days), the others rarely.
  const examples: ResponseExample[] = Array.from({ length: 120 }, (_, i) => {
    const responded = i % 3 === 0;
    return {
      responded,
      row: row(i, {
        orders_12m: responded ? 6 + Math.floor(random() * 4) : Math.floor(random() * 3),
        recency_days: responded ? Math.floor(random() * 20) : 60 + Math.floor(random() * 200),
        tenure_days: 100 + Math.floor(random() * 600),
      }),
    };
  });
  const current = [row(1000, { orders_12m: 8, recency_days: 5 }), row(1001, { orders_12m: 0, recency_days: 250 })];
  const definitions = featureDefinitions([]);

  it("when a feature separates the responders, both models reach a high AUC, the better is chosen and scores today's customers", async () => {
    const result = await responseModel(examples, current, definitions);
    if (result.status !== "ready") throw new Error(result.message);
    expect(result.models.map((m) => m.name)).toEqual(["logistic", "svm"]);
    for (const model of result.models) expect(model.auc).toBeGreaterThan(0.95);
    expect(result.chosen).toBe(result.models.reduce((a, b) => (b.auc > a.auc ? b : a)).name);
    expect(result.examples).toBe(120);
    expect(result.responders).toBe(40);
    expect(result.scores[0]).toBeGreaterThan(0.5);
    expect(result.scores[1]).toBeLessThan(0.5);
    // The calibration covers every example once, in ten groups, with observed rates rising from the lowest scores.
    const bins = result.models[0].calibration;
    expect(bins).toHaveLength(10);
    expect(bins.reduce((s, b) => s + b.examples, 0)).toBe(120);
    expect(bins[0].observed).toBe(0);
    expect(bins[9].observed).toBe(1);
  });

  it("with fewer than 50 examples or a single class, says so instead of training", async () => {
    const few = await responseModel(examples.slice(0, 49), current, definitions);
    expect(few).toMatchObject({ status: "insufficient", examples: 49 });
    const oneClass = await responseModel(
      examples.map((e) => ({ ...e, responded: false })),
      current,
      definitions,
    );
    expect(oneClass).toMatchObject({ status: "insufficient", responders: 0 });
    if (oneClass.status === "insufficient") expect(oneClass.message).toMatch(/5 customers who replied or converted/);
  });

  it("calibration: deciles of sorted scores with their mean score and observed rate", () => {
    const scores = Array.from({ length: 20 }, (_, i) => i / 20);
    const labels = scores.map((s) => (s >= 0.5 ? 1 : 0));
    const bins = calibration(scores, labels);
    expect(bins).toHaveLength(10);
    expect(bins[0]).toEqual({ decile: 1, examples: 2, predicted: 0.025, observed: 0 });
    expect(bins[9]).toEqual({ decile: 10, examples: 2, predicted: 0.925, observed: 1 });
  });
});

describe("campaign forecast (multiple linear regression)", () => {
  const base: ForecastInputs = { audienceSize: 100, meanRecencyDays: 60, meanOrders12m: 2, meanSpend12m: 200, meanNegativeShare: 0.1, email: 0, messageLength: 60, hasVariables: 0, variants: 1 };
  const random = seededRandom(5);
  // Planted: the rate rises with the audience's orders and falls with recency; revenue rises with spend.
  const samples: CampaignSample[] = Array.from({ length: 20 }, () => {
    const inputs = { ...base, meanOrders12m: 1 + random() * 5, meanRecencyDays: 10 + random() * 200, meanSpend12m: 100 + random() * 500, messageLength: 30 + Math.floor(random() * 80) };
    return {
      inputs,
      responseRate: 0.1 + 0.04 * inputs.meanOrders12m - 0.0005 * inputs.meanRecencyDays + (random() - 0.5) * 0.01,
      revenue: 5 * inputs.meanSpend12m + (random() - 0.5) * 50,
    };
  });

  it("recovers the planted coefficients' signs and reports R² and leave-one-out error", () => {
    const model = trainForecast(samples);
    if (!("regression" in model)) throw new Error(model.message);
    expect(model.features).toEqual(["meanRecencyDays", "meanOrders12m", "meanSpend12m", "messageLength"]);
    const weights = (model.regression as unknown as { weights: number[][] }).weights;
    const weight = (feature: string, output: 0 | 1) => weights[model.features.indexOf(feature)][output];
    expect(weight("meanOrders12m", 0)).toBeGreaterThan(0);
    expect(weight("meanRecencyDays", 0)).toBeLessThan(0);
    expect(weight("meanSpend12m", 1)).toBeGreaterThan(0);
    expect(model.r2.responseRate).toBeGreaterThan(0.9);
    expect(model.looR2.responseRate).toBeGreaterThan(0.8);
    expect(model.looMae.responseRate).toBeLessThan(0.02);
    const high = applyForecast(model, { ...base, meanOrders12m: 5, meanRecencyDays: 20 });
    const low = applyForecast(model, { ...base, meanOrders12m: 1, meanRecencyDays: 200 });
    expect(high.responseRate).toBeGreaterThan(low.responseRate);
  });

  it("with fewer past campaigns than its varying inputs need, says how many it needs", () => {
    const model = trainForecast(samples.slice(0, 5));
    expect(model).toMatchObject({ needs: 6 });
    expect("message" in model && model.message).toMatch(/needs at least 6 past campaigns with delivered sends \(4 inputs vary across them, plus 2\); there are 5/);
  });
});

describe("escalation drivers", () => {
  it("a tree recovers a planted rule: negative conversations go to a human", () => {
    const rows: EscalationSourceRow[] = Array.from({ length: 60 }, (_, i) => ({
      customer_messages: 1 + (i % 4),
      negative_share: i % 2 ? 0.8 : 0,
      min_sentiment: i % 2 ? -3 : 1,
      mean_sentiment: i % 2 ? -2 : 1,
      first_message_chars: 20 + (i % 7) * 10,
      orders_12m: i % 5,
      tenure_days: 100 + i,
      escalated: i % 2 === 1,
    }));
    const result = escalationDrivers(rows);
    expect(result).toMatchObject({ conversations: 60, escalated: 30, accuracy: 1, message: null });
    const rule = result.rules.find((r) => r.confidence === 1);
    expect(rule?.support).toBe(30);
    expect(rule?.conditions.join(" ")).toMatch(/negative share|sentiment/);
  });

  it("with too few conversations, gives no rules and says what it needs", () => {
    expect(escalationDrivers([])).toMatchObject({ rules: [], accuracy: null, conversations: 0 });
    expect(escalationDrivers([]).message).toMatch(/at least 10 conversations/);
  });
});
