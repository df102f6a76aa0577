import { describe, expect, it } from "vitest";
import { agentsNeeded, erlangC, serviceLevel } from "../../../src/modules/reports/erlang-c.ts";
import { coverShifts, type ShiftOption } from "../../../src/modules/reports/shift-cover.ts";

describe("Erlang C", () => {
  // The textbook case (e.g. Call Centre Helper's worked example): 100 calls in 30 minutes of 180 s each is 10 erlangs;
  // published Erlang C tables give the probability of waiting with 11 to 14 agents.
  it("matches the published probabilities of waiting for 10 erlangs", () => {
    expect(erlangC(11, 10)).toBeCloseTo(0.6821, 3);
    expect(erlangC(12, 10)).toBeCloseTo(0.4494, 3);
    expect(erlangC(13, 10)).toBeCloseTo(0.2853, 3);
    expect(erlangC(14, 10)).toBeCloseTo(0.1741, 3);
  });

  it("needs 14 agents to answer 80 % within 20 s in that example (13 reach only 79.6 %)", () => {
    expect(serviceLevel(13, 10, 180, 20)).toBeCloseTo(0.7956, 3);
    expect(serviceLevel(14, 10, 180, 20)).toBeCloseTo(0.8884, 3);
    const need = agentsNeeded(200, 180, { share: 0.8, withinSeconds: 20 });
    expect(need).toEqual({ agents: 14, trafficErlangs: 10, serviceLevel: expect.closeTo(0.8884, 3) });
  });

  it("needs nobody when nobody comes, and always more agents than erlangs (otherwise the queue grows without end)", () => {
    expect(agentsNeeded(0, 300, { share: 0.8, withinSeconds: 60 }).agents).toBe(0);
    expect(erlangC(10, 10)).toBe(1);
    expect(serviceLevel(9, 10, 180, 20)).toBe(0);
    // 0.1 erlang: one agent answers almost everyone at once.
    expect(agentsNeeded(1.2, 300, { share: 0.8, withinSeconds: 60 }).agents).toBe(1);
  });

  it("stays finite for a large centre (1,000 erlangs), where A^N / N! would overflow", () => {
    const need = agentsNeeded(12_000, 300, { share: 0.9, withinSeconds: 30 });
    expect(need.trafficErlangs).toBe(1000);
    expect(need.agents).toBeGreaterThan(1000);
    expect(need.agents).toBeLessThan(1100);
    expect(need.serviceLevel).toBeGreaterThanOrEqual(0.9);
  });
});

/** The cheapest cover by trying every combination of 0–`max` agents per shift (small cases only). */
function bruteForce(required: number[], options: ShiftOption[], max: number): number {
  let best = Infinity;
  const counts = new Array<number>(options.length).fill(0);
  const visit = (j: number): void => {
    if (j === options.length) {
      const covered = new Array<number>(required.length).fill(0);
      options.forEach((o, k) => {
        for (let h = 0; h < o.hours; h++) covered[(o.start + h) % required.length]! += counts[k]!;
      });
      if (required.every((need, h) => covered[h]! >= need)) best = Math.min(best, counts.reduce((s, c, k) => s + c * options[k]!.hours, 0));
      return;
    }
    for (let c = 0; c <= max; c++) {
      counts[j] = c;
      visit(j + 1);
    }
  };
  visit(0);
  return best;
}

describe("the cheapest shifts that cover every hour (HiGHS)", () => {
  it("finds the same optimum as trying every combination, on small cyclic horizons", async () => {
    let seed = 7;
    const random = (): number => ((seed = (seed * 16807) % 2147483647) / 2147483647);
    for (let trial = 0; trial < 8; trial++) {
      const required = Array.from({ length: 5 }, () => Math.floor(random() * 3));
      const options: ShiftOption[] = [];
      for (let start = 0; start < 5; start++) for (const hours of [2, 3]) options.push({ start, hours });
      const plan = await coverShifts(required, options);
      expect(plan.status).toBe("optimal");
      expect(plan.agentHours, `required ${required.join(",")}`).toBe(bruteForce(required, options, 2));
      // The plan itself covers every hour.
      const covered = new Array<number>(5).fill(0);
      for (const s of plan.shifts) for (let h = 0; h < s.hours; h++) covered[(s.start + h) % 5]! += s.agents;
      required.forEach((need, h) => expect(covered[h]).toBeGreaterThanOrEqual(need));
    }
  }, 120_000);

  it("wraps a shift past the end of the horizon (a night shift into the next day)", async () => {
    // Hours 22, 23, 0, 1 need one agent: one 4-hour shift from 22:00 covers them all.
    const required = Array.from({ length: 24 }, (_, h) => (h >= 22 || h < 2 ? 1 : 0));
    const plan = await coverShifts(required, [{ start: 22, hours: 4 }, { start: 0, hours: 4 }, { start: 20, hours: 4 }]);
    expect(plan.shifts).toEqual([{ start: 22, hours: 4, agents: 1 }]);
    expect(plan.agentHours).toBe(4);
  }, 120_000);
});
