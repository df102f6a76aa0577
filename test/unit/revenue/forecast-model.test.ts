import { describe, expect, it } from "vitest";
import { backtest, fitWeeklyModel, mape, type WeekPoint } from "../../../src/modules/revenue/forecast.model.ts";
import { addDays } from "../../../src/modules/revenue/periods.ts";

const FIRST_MONDAY = "2024-01-01";

/** Deterministic "noise" in [-1, 1]: the fractional part of a sine, a fixed sequence rather than a random one. */
const wobble = (i: number): number => {
  const x = Math.sin(i * 12.9898) * 43758.5453;
  return 2 * (x - Math.floor(x)) - 1;
};

/** A weekly series: base + trend + a yearly cycle (one and two cycles a year) + noise, and optional pipeline effect. */
function series(weeks: number, options: { noise?: number; pipeline?: (i: number) => number; pipelineEffect?: number } = {}): WeekPoint[] {
  return Array.from({ length: weeks }, (_, i) => {
    const weekStart = addDays(FIRST_MONDAY, 7 * i);
    const angle = (2 * Math.PI * (Date.parse(weekStart) - Date.UTC(Number(weekStart.slice(0, 4)), 0, 1))) / (365.25 * 86_400_000);
    const pipelineCents = options.pipeline?.(i) ?? 0;
    const amount = 200_000 + 800 * i + 50_000 * Math.sin(angle) + 20_000 * Math.cos(2 * angle) + (options.pipelineEffect ?? 0) * pipelineCents + (options.noise ?? 5_000) * wobble(i);
    return { weekStart, index: i, pipelineCents, amountCents: Math.round(amount) };
  });
}

describe("the weekly revenue model", () => {
  it("back-tests a two-year seasonal series with a MAPE under 5% (train on all but 8 weeks, score those 8)", () => {
    const result = backtest(series(104));
    expect(result?.heldOutWeeks).toBe(8);
    expect(result?.mape).not.toBeNull();
    expect(result!.mape!).toBeLessThan(5);
    console.info(`synthetic seasonal series, 104 weeks: back-test MAPE ${result!.mape}%`);
  });

  it("uses two yearly harmonics once the history spans a year, none before, and drops a pipeline that never changes", () => {
    expect(fitWeeklyModel(series(60)).regressors).toEqual(["intercept", "trend", "sin/cos 1×year", "sin/cos 2×year"]);
    expect(fitWeeklyModel(series(51)).regressors).toEqual(["intercept", "trend"]);
    expect(fitWeeklyModel(series(10)).regressors).toEqual(["intercept", "trend"]);
    expect(fitWeeklyModel(series(60, { pipeline: (i) => (i % 3) * 10_000 })).regressors).toContain("pipeline");
  });

  it("learns how much of the weighted pipeline turns into revenue, and forecasts a week with a large pipeline higher", () => {
    const history = series(80, { pipeline: (i) => (i * 7919) % 50_000, pipelineEffect: 0.8 });
    const model = fitWeeklyModel(history);
    const next = { weekStart: addDays(FIRST_MONDAY, 7 * 80), index: 80 };
    const [quiet, busy] = model.predict([
      { ...next, pipelineCents: 0 },
      { ...next, pipelineCents: 200_000 },
    ]);
    // 0.8 × 200,000 more, within the noise.
    expect(busy!.amountCents - quiet!.amountCents).toBeGreaterThan(150_000);
    expect(busy!.amountCents - quiet!.amountCents).toBeLessThan(170_000);
  });

  it("gives a 95% interval around each prediction that widens the further it reaches, and covers the held-out weeks", () => {
    const all = series(104, { noise: 10_000 });
    const model = fitWeeklyModel(all.slice(0, 96));
    const held = model.predict(all.slice(96));
    for (const p of held) {
      expect(p.lowCents).toBeLessThanOrEqual(p.amountCents);
      expect(p.highCents).toBeGreaterThanOrEqual(p.amountCents);
    }
    // A 95% interval misses about one week in twenty: of 8, at most one may fall outside.
    const covered = held.filter((p, i) => all[96 + i]!.amountCents! >= p.lowCents && all[96 + i]!.amountCents! <= p.highCents);
    expect(covered.length).toBeGreaterThanOrEqual(7);
    const [near, far] = model.predict([
      { weekStart: addDays(FIRST_MONDAY, 7 * 96), index: 96, pipelineCents: 0 },
      { weekStart: addDays(FIRST_MONDAY, 7 * 200), index: 200, pipelineCents: 0 },
    ]);
    expect(far!.highCents - far!.lowCents).toBeGreaterThan(near!.highCents - near!.lowCents);
  });

  it("never predicts negative revenue", () => {
    const falling = series(30, { noise: 0 }).map((p, i) => ({ ...p, amountCents: Math.max(0, 100_000 - 5_000 * i) }));
    const [p] = fitWeeklyModel(falling).predict([{ weekStart: addDays(FIRST_MONDAY, 7 * 60), index: 60, pipelineCents: 0 }]);
    expect(p).toMatchObject({ amountCents: 0, lowCents: 0 });
    expect(p!.highCents).toBeGreaterThanOrEqual(0);
  });

  it("needs 8 weeks to fit and 16 to back-test", () => {
    expect(() => fitWeeklyModel(series(7))).toThrow(/8 weeks/);
    expect(backtest(series(15))).toBeNull();
    expect(backtest(series(16))).not.toBeNull();
  });

  it("computes MAPE over the weeks that had revenue, in percent to one decimal", () => {
    expect(mape([100, 200, 0], [110, 150, 40])).toBe(17.5);
    expect(mape([0, 0], [5, 5])).toBeNull();
  });
});
