import { describe, expect, it } from "vitest";
import { solveAssignment } from "../../../src/optimize/index.ts";
import { buildAssignmentModel, expectedValue, explainInfeasible, roundRobin, type ModelDeal, type ModelRep } from "../../../src/modules/plans/assignment-model.ts";
import { PRIOR_DEALS, winRates } from "../../../src/modules/plans/win-rates.ts";

/** A seeded generator (Park–Miller), so every run checks the same instances. */
function random(seed: number): () => number {
  let state = seed;
  return () => (state = (state * 16807) % 2147483647) / 2147483647;
}

/** The best Σ value over every way to give each deal exactly one allowed rep within the rooms (null: no such way). */
function bruteForce(values: (number | null)[][], room: number[]): number | null {
  let best: number | null = null;
  const used = room.map(() => 0);
  const visit = (d: number, total: number): void => {
    if (d === values.length) {
      best = best === null ? total : Math.max(best, total);
      return;
    }
    values[d].forEach((value, r) => {
      if (value === null || used[r] >= room[r]) return;
      used[r]++;
      visit(d + 1, total + value);
      used[r]--;
    });
  };
  visit(0, 0);
  return best;
}

const SEGMENTS = ["retail", "smb", "enterprise"];

describe("P(win | rep, segment): smoothed win rates", () => {
  it("shrinks a rep's segment record towards the rep's overall rate, and that towards the team's", () => {
    const rates = winRates([
      { ownerId: "a", segment: "retail", won: 8, closed: 10 },
      { ownerId: "a", segment: "smb", won: 0, closed: 10 },
      { ownerId: "b", segment: "retail", won: 1, closed: 4 },
    ]);
    const team = (9 + 1) / (24 + 2);
    expect(rates.team).toBeCloseTo(team, 12);
    const repA = (8 + PRIOR_DEALS * team) / (20 + PRIOR_DEALS);
    expect(rates.rep("a")).toBeCloseTo(repA, 12);
    expect(rates.of("a", "retail")).toBeCloseTo((8 + PRIOR_DEALS * repA) / (10 + PRIOR_DEALS), 12);
    // No closed deal of the segment: the rep's own rate; a rep with no history at all: the team's.
    expect(rates.of("a", "enterprise")).toBeCloseTo(repA, 12);
    expect(rates.of("nobody", "retail")).toBeCloseTo(team, 12);
    // With no history anywhere, every rep is a coin flip.
    expect(winRates([]).of("a", "retail")).toBe(0.5);
  });
});

describe("lead-assignment plan (HiGHS LP)", () => {
  it("equals the brute-force optimum on 30 random small instances (segments, capacities, held deals), and is infeasible exactly when brute force finds nothing", { timeout: 300_000 }, async () => {
    const next = random(2026);
    let infeasible = 0;
    for (let instance = 0; instance < 30; instance++) {
      const repCount = 2 + Math.floor(next() * 2);
      const reps: ModelRep[] = Array.from({ length: repCount }, (_, r) => ({
        id: `rep${r}`,
        name: `Rep ${r}`,
        capacity: next() < 0.2 ? null : 1 + Math.floor(next() * 4),
        segments: next() < 0.4 ? [] : SEGMENTS.filter(() => next() < 0.5),
        openDeals: Math.floor(next() * 2),
      }));
      const deals: ModelDeal[] = Array.from({ length: 2 + Math.floor(next() * 5) }, (_, d) => ({
        id: `deal${d}`,
        ownerId: next() < 0.2 ? reps[0].id : null,
        amountCents: 100 + Math.round(next() * 100_000),
        segment: SEGMENTS[Math.floor(next() * SEGMENTS.length)],
      }));
      const history = reps.flatMap((rep) => SEGMENTS.map((segment) => ({ ownerId: rep.id, segment, closed: 10, won: Math.floor(next() * 11) })));
      const model = buildAssignmentModel(deals, reps, winRates(history));
      const best = bruteForce(model.values, model.room);
      const result = await solveAssignment({ values: model.values, capacity: model.room }, { assignAll: true });
      if (best === null) {
        infeasible++;
        expect(result.status).toBe("infeasible");
        continue;
      }
      expect(result.status).toBe("optimal");
      expect(result.integerFallback).toBe(false);
      const plan = result.assignment;
      expect(plan.every((r) => r !== null)).toBe(true);
      expect(expectedValue(model, plan)).toBeCloseTo(best, 4);
      // Each deal to a rep covering its segment, each rep within its room.
      const load = reps.map(() => 0);
      plan.forEach((r, d) => {
        expect(model.values[d][r!]).not.toBeNull();
        load[r!]++;
      });
      load.forEach((n, r) => expect(n).toBeLessThanOrEqual(model.room[r]));
      // Round-robin never beats the optimum.
      expect(expectedValue(model, roundRobin(deals, reps, model.room))).toBeLessThanOrEqual(best + 1e-6);
    }
    expect(infeasible).toBeGreaterThan(0);
    expect(infeasible).toBeLessThan(30);
  });

  it("counts a rep's room as capacity minus the open deals it keeps (a planned deal it holds is placed again), or the body's capacity for everyone", () => {
    const reps: ModelRep[] = [
      { id: "a", name: "A", capacity: 5, segments: [], openDeals: 4 },
      { id: "b", name: "B", capacity: null, segments: [], openDeals: 50 },
    ];
    const deals: ModelDeal[] = [
      { id: "1", ownerId: "a", amountCents: 100, segment: "none" },
      { id: "2", ownerId: null, amountCents: 100, segment: "none" },
      { id: "3", ownerId: null, amountCents: 100, segment: "none" },
    ];
    const rates = winRates([]);
    expect(buildAssignmentModel(deals, reps, rates).room).toEqual([2, 3]);
    expect(buildAssignmentModel(deals, reps, rates, 4).room).toEqual([1, 0]);
  });

  it("explains infeasibility by naming the segment nobody covers or the one short of room", () => {
    const reps: ModelRep[] = [
      { id: "a", name: "Ann", capacity: 1, segments: ["retail"], openDeals: 0 },
      { id: "b", name: "Bob", capacity: 5, segments: ["smb"], openDeals: 0 },
    ];
    const deal = (id: string, segment: string): ModelDeal => ({ id, ownerId: null, amountCents: 1, segment, });
    expect(explainInfeasible([deal("1", "enterprise")], reps, [1, 5])?.message).toMatch(/No active sales rep covers the segment "enterprise"/);
    expect(explainInfeasible([deal("1", "retail"), deal("2", "retail")], reps, [1, 5])?.message).toMatch(/"retail" has 2 deals to place, but the reps covering it have room for only 1 more: Ann \(1\)/);
    expect(explainInfeasible([deal("1", "retail"), deal("2", "smb")], reps, [1, 5])).toBeNull();
  });

  it("round-robin gives deals in order to the next rep in turn that covers the segment and has room", () => {
    const reps: ModelRep[] = [
      { id: "a", name: "A", capacity: null, segments: [], openDeals: 0 },
      { id: "b", name: "B", capacity: null, segments: ["smb"], openDeals: 0 },
      { id: "c", name: "C", capacity: null, segments: [], openDeals: 0 },
    ];
    const deals = ["smb", "retail", "retail", "smb", "retail"].map((segment, i) => ({ id: String(i), ownerId: null, amountCents: 1, segment }));
    expect(roundRobin(deals, reps, [1, 5, 5])).toEqual([0, 2, 2, 1, 2]);
  });
});
