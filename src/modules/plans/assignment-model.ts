/**
 * The lead-assignment plan stated for the solver: which rep may take which deal (segments), how much room each rep has
 * (capacity − the open deals it keeps), what each pair is worth (P(win) × amount), why no plan exists when none does,
 * and the round-robin baseline the optimum is compared with.
 */
import type { WinRates } from "./win-rates.ts";

/** A deal to place. */
export type ModelDeal = { id: string; ownerId: string | null; amountCents: number; segment: string };

/** A rep that may take deals: capacity null is no limit; segments empty is any segment. */
export type ModelRep = { id: string; name: string; capacity: number | null; segments: readonly string[]; openDeals: number };

/** What the solver gets, and what the answer is read with. */
export type AssignmentModel = {
  /** values[d][r]: expected won cents of giving deal d to rep r; null when rep r does not cover the deal's segment. */
  values: (number | null)[][];
  /** pWin[d][r] (0 where not allowed). */
  pWin: number[][];
  /** Deals each rep can still take. */
  room: number[];
};

/** Whether a rep covers a segment. */
export function covers(rep: Pick<ModelRep, "segments">, segment: string): boolean {
  return rep.segments.length === 0 || rep.segments.includes(segment);
}

/**
 * Builds the model. A rep's room is its capacity (or `capacityOverride`, for every rep) minus the open deals it holds
 * that are not in this plan (a planned deal it holds now is being placed again); no capacity means room for every deal.
 */
export function buildAssignmentModel(deals: readonly ModelDeal[], reps: readonly ModelRep[], rates: WinRates, capacityOverride?: number): AssignmentModel {
  const plannedHeld = new Map<string, number>();
  for (const deal of deals) if (deal.ownerId) plannedHeld.set(deal.ownerId, (plannedHeld.get(deal.ownerId) ?? 0) + 1);
  const room = reps.map((rep) => {
    const capacity = capacityOverride ?? rep.capacity;
    if (capacity === null) return deals.length;
    const kept = rep.openDeals - (plannedHeld.get(rep.id) ?? 0);
    return Math.max(0, Math.min(deals.length, capacity - kept));
  });
  const pWin = deals.map((deal) => reps.map((rep) => (covers(rep, deal.segment) ? rates.of(rep.id, deal.segment) : 0)));
  const values = deals.map((deal, d) => reps.map((rep, r) => (covers(rep, deal.segment) ? pWin[d][r] * deal.amountCents : null)));
  return { values, pWin, room };
}

/**
 * Why no rep set can take every deal, when a simple count shows it (null when none does): a segment no rep with room
 * covers, a segment with more deals than its reps have room for, or more deals than room overall.
 */
export function explainInfeasible(deals: readonly ModelDeal[], reps: readonly ModelRep[], room: readonly number[]): { message: string; field: "segments" | "capacity" } | null {
  const demand = new Map<string, number>();
  for (const deal of deals) demand.set(deal.segment, (demand.get(deal.segment) ?? 0) + 1);
  for (const [segment, count] of [...demand].sort(([a], [b]) => a.localeCompare(b))) {
    const covering = reps.map((rep, r) => ({ rep, room: room[r] })).filter((c) => covers(c.rep, segment));
    if (covering.length === 0) return { field: "segments", message: `No active sales rep covers the segment "${segment}" (${count} deal${count === 1 ? "" : "s"} to place).` };
    const total = covering.reduce((sum, c) => sum + c.room, 0);
    if (total < count) {
      const names = covering.map((c) => `${c.rep.name} (${c.room})`).join(", ");
      return { field: "capacity", message: `The segment "${segment}" has ${count} deals to place, but the reps covering it have room for only ${total} more: ${names}.` };
    }
  }
  const total = room.reduce((sum, r) => sum + r, 0);
  if (total < deals.length) return { field: "capacity", message: `There are ${deals.length} deals to place, but the active reps have room for only ${total} more.` };
  return null;
}

/**
 * Round-robin's plan: deals in the given (creation) order, each to the next rep in turn that covers its segment and has
 * room; a deal no rep can take then stays out (it adds nothing). Returns the rep index per deal.
 */
export function roundRobin(deals: readonly ModelDeal[], reps: readonly ModelRep[], room: readonly number[]): (number | null)[] {
  const left = [...room];
  let next = 0;
  return deals.map((deal) => {
    for (let step = 0; step < reps.length; step++) {
      const r = (next + step) % reps.length;
      if (left[r] > 0 && covers(reps[r], deal.segment)) {
        left[r]--;
        next = r + 1;
        return r;
      }
    }
    return null;
  });
}

/** Σ P(win) × amount of a plan (rep index per deal). */
export function expectedValue(model: AssignmentModel, plan: readonly (number | null)[]): number {
  return plan.reduce<number>((sum, r, d) => (r === null ? sum : sum + (model.values[d][r] ?? 0)), 0);
}
