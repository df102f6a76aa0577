import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { isOptOutRequest, renderMessage, variantIndex } from "../../../src/modules/campaigns/index.ts";
import { normalCdf, twoProportionTest } from "../../../src/modules/campaigns/campaigns.significance.ts";

describe("campaign messages", () => {
  it("fills {{name}} with the first name (\"there\" without one) and {{lastOrderNumber}} (empty without one)", () => {
    expect(renderMessage("Hi {{name}}, order {{ lastOrderNumber }} shipped", { name: "Jordan Lee", lastOrderNumber: "ORD-1" })).toBe("Hi Jordan, order ORD-1 shipped");
    expect(renderMessage("Hi {{name}}! {{lastOrderNumber}}", { name: null, lastOrderNumber: null })).toBe("Hi there!");
  });

  it("splits customers evenly and always gives the same customer the same variant", () => {
    const campaign = randomUUID();
    const counts = [0, 0];
    for (let i = 0; i < 2000; i++) {
      const customer = randomUUID();
      const v = variantIndex(campaign, customer, 2);
      expect(variantIndex(campaign, customer, 2)).toBe(v);
      counts[v]! += 1;
    }
    expect(Math.min(...counts)).toBeGreaterThan(900);
  });

  it("recognises a stop request and nothing else", () => {
    for (const text of ["stop", "STOP.", "Stop!", "unsubscribe", "Please unsubscribe me", "opt out", "opt-out", "stop sending me messages", "remove me from your list please"]) {
      expect(isOptOutRequest(text), text).toBe(true);
    }
    for (const text of ["don't stop", "the bus stop is closed", "where is my order", "stop the order ORD-1 please", "how do I unsubscribe from the newsletter and keep orders?"]) {
      expect(isOptOutRequest(text), text).toBe(false);
    }
  });
});

describe("two-proportion test", () => {
  it("matches known values of the normal CDF", () => {
    expect(normalCdf(0)).toBeCloseTo(0.5, 7);
    expect(normalCdf(1.959964)).toBeCloseTo(0.975, 6);
    expect(normalCdf(-1)).toBeCloseTo(0.158655, 6);
  });

  it("finds 20 % against 10 % of 500 each significant, and 11 % against 10 % of 100 each not", () => {
    const strong = twoProportionTest({ successes: 50, trials: 500 }, { successes: 100, trials: 500 });
    // Pooled p = 0.15, SE = sqrt(0.15 · 0.85 · 2/500) = 0.022583; z = 0.1 / SE = 4.428.
    expect(strong.z).toBeCloseTo(4.428, 2);
    expect(strong.pValue).toBeLessThan(0.001);
    const weak = twoProportionTest({ successes: 10, trials: 100 }, { successes: 11, trials: 100 });
    expect(weak.pValue).toBeGreaterThan(0.5);
    expect(twoProportionTest({ successes: 0, trials: 0 }, { successes: 1, trials: 10 }).pValue).toBeNull();
    expect(twoProportionTest({ successes: 0, trials: 10 }, { successes: 0, trials: 10 }).pValue).toBeNull();
  });
});
