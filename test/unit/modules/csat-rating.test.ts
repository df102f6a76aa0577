import { describe, expect, it } from "vitest";
import { ratingOf } from "../../../src/modules/conversations/index.ts";
import { pearson } from "../../../src/modules/reports/csat.service.ts";
import { thresholdOf } from "../../../src/modules/reports/alerts.service.ts";

describe("a channel reply read as a CSAT rating", () => {
  it.each([
    ["5", 5],
    [" 4/5 ", 4],
    ["4 / 5!", 4],
    ["5 stars", 5],
    ["1 Star.", 1],
    ["⭐⭐⭐⭐", 4],
    ["⭐️⭐️⭐️", 3],
    ["★ ★", 2],
  ])("%j is %i", (text, score) => {
    expect(ratingOf(text)).toBe(score);
  });

  it.each(["6", "0", "55", "5 minutes ago it broke", "great", "⭐⭐⭐⭐⭐⭐", "", "4/10"])("%j is an ordinary message", (text) => {
    expect(ratingOf(text)).toBeUndefined();
  });
});

describe("CSAT beside sentiment", () => {
  it("Pearson's r as computed by hand, null with fewer than three pairs or no variation", () => {
    // Σdxdy = −7, Σdx² = 10, Σdy² = 18: −7 / √180.
    expect(pearson([1, 5, 4, 2], [3, -2, 1, -2])).toBe(-0.5217);
    expect(pearson([1, 2, 3], [2, 4, 6])).toBe(1);
    expect(pearson([1, 2], [2, 4])).toBeNull();
    expect(pearson([3, 3, 3], [1, 2, 3])).toBeNull();
  });
});

describe("an alert's threshold", () => {
  const history = { same_hours: 0, same_p99: null, all_hours: 0, all_p99: null };
  it("is the same hour's 99th percentile with 7 such hours, else all hours' with 7, else the floor; never below the floor", () => {
    expect(thresholdOf({ same_hours: 7, same_p99: 0.4, all_hours: 100, all_p99: 0.6 }, 0.3)).toBe(0.4);
    expect(thresholdOf({ same_hours: 6, same_p99: 0.4, all_hours: 100, all_p99: 0.6 }, 0.3)).toBe(0.6);
    expect(thresholdOf({ same_hours: 6, same_p99: 0.9, all_hours: 6, all_p99: 0.9 }, 0.3)).toBe(0.3);
    expect(thresholdOf(history, 0.3)).toBe(0.3);
    expect(thresholdOf({ same_hours: 28, same_p99: 0.1, all_hours: 28, all_p99: 0.1 }, 0.3)).toBe(0.3);
  });
});
