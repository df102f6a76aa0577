import { describe, expect, it } from "vitest";
import { encodeFeatures, featureDefinitions, featureTable } from "../../../src/modules/insights/insights.features.ts";
import { carryOverNames, nameSegment } from "../../../src/modules/insights/insights.model.ts";
import type { FeatureSourceRow } from "../../../src/modules/insights/insights.repo.ts";

function row(overrides: Partial<FeatureSourceRow>): FeatureSourceRow {
  return {
    id: "00000000-0000-4000-8000-000000000000",
    recency_days: 10,
    orders_12m: 3,
    spend_12m: 300,
    average_order_value: 100,
    conversations_90d: 1,
    tickets_90d: 0,
    negative_share: 0,
    mean_sentiment: 1,
    channels_used: 1,
    tenure_days: 100,
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

describe("customer features", () => {
  it("imputes a missing value with the median of the others and adds a missing indicator, then standardises", () => {
    const definitions = featureDefinitions([{ key: "seats", label: "seats", type: "number" }]);
    const rows = [row({ attributes: { seats: 2 } }), row({ attributes: { seats: 4 } }), row({ attributes: { seats: 9 } }), row({ attributes: {} })];
    const { table, values } = featureTable(rows, definitions);
    expect(values[3].at(-1)).toBeNull();
    const encoded = encodeFeatures(table, definitions, [0, 1, 2, 3]);
    const seats = encoded.keys.findIndex((k) => k.key === "attr.seats");
    const missing = encoded.keys.findIndex((k) => k.key === "attr.seats_missing");
    expect(missing).toBe(seats + 1);
    expect(encoded.raw.map((r) => r[seats])).toEqual([2, 4, 9, 4]);
    expect(encoded.raw.map((r) => r[missing])).toEqual([0, 0, 0, 1]);
    // Only the attribute had a gap: no other feature gets an indicator.
    expect(encoded.keys.filter((k) => k.missing)).toHaveLength(1);
    const column = encoded.z.map((r) => r[seats]);
    expect(column.reduce((a, b) => a + b, 0)).toBeCloseTo(0, 10);
    expect(Math.sqrt(column.reduce((a, b) => a + b * b, 0) / column.length)).toBeCloseTo(1, 10);
  });

  it("reads a boolean custom attribute as 1 or 0, and anything else as missing", () => {
    const [vip] = featureDefinitions([{ key: "vip", label: "vip", type: "boolean" }]).slice(-1);
    expect([true, false, "yes", undefined].map((v) => vip.value(row({ attributes: { vip: v } })))).toEqual([1, 0, null, null]);
  });
});

describe("segment names", () => {
  const definitions = featureDefinitions([]);
  const { table } = featureTable([row({}), row({ orders_12m: 9, recency_days: null })], definitions);
  const encoded = encodeFeatures(table, definitions, [0, 1]);
  const centroid = (z: Record<string, number>) => encoded.keys.map((k) => z[k.key] ?? 0);

  it("names a segment from its most distinctive features: purchase words first, then the rest", () => {
    expect(nameSegment(encoded, centroid({ orders12m: 1.2, spend12m: 1.5, negativeShare: 0.9 })).name).toBe("frequent big spenders, unhappy");
    expect(nameSegment(encoded, centroid({ recencyDays: 1.4, orders12m: -1.2, tenureDays: 0.5 })).name).toBe("occasional lapsed buyers, long-standing");
    expect(nameSegment(encoded, centroid({ orders12m: 1, spend12m: 1, negativeShare: 1, meanSentiment: -1 })).name).toBe("frequent big spenders, unhappy");
    expect(nameSegment(encoded, centroid({ tickets90d: 2, conversations90d: 1.1 })).name).toBe("many tickets, chatty");
    expect(nameSegment(encoded, centroid({ recencyDays_missing: 2 })).name).toBe("never ordered");
    expect(nameSegment(encoded, centroid({ orders12m: 0.2 })).name).toBe("typical customers");
  });

  it("keeps last refresh's name for a segment made mostly of that segment's members", () => {
    const previous = ["gold", "gold", "gold", "tin", "tin", null];
    expect(carryOverNames(["big spenders", "small spenders"], [0, 0, 0, 1, 1, 1], previous)).toEqual(["gold", "tin"]);
    // A new segment whose members came from everywhere takes its generated name; a clash with a kept name is numbered.
    expect(carryOverNames(["gold", "lapsed"], [0, 1, 1, 1, 0, 1], ["tin", "gold", "gold", "gold", "x", null])).toEqual(["gold (2)", "gold"]);
  });
});
