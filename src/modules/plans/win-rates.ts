/**
 * P(win | rep, segment): each rep's historical win rate on closed deals of the segment, smoothed towards the rep's own
 * overall rate, which is smoothed towards the team's (a Beta prior at each level, worth PRIOR_DEALS closed deals):
 *   team     p_team   = (W + 1) / (C + 2)                       (Laplace: 0.5 with no history)
 *   rep      p_rep    = (w_r + m · p_team) / (c_r + m)
 *   segment  P(r, s)  = (w_rs + m · p_rep) / (c_rs + m)
 * so a rep with no closed deals in a segment gets their own overall rate, a new rep the team's, and a long record
 * counts for more than the prior.
 */
import type { WinRow } from "./plans.repo.ts";

/** The prior's strength m, in closed deals. */
export const PRIOR_DEALS = 5;

/** Win probabilities by rep and segment. */
export type WinRates = { team: number; rep(repId: string): number; of(repId: string, segment: string): number };

/** Smoothed win rates from the closed-deal history. */
export function winRates(history: readonly WinRow[], m = PRIOR_DEALS): WinRates {
  let won = 0;
  let closed = 0;
  const byRep = new Map<string, { won: number; closed: number }>();
  const byRepSegment = new Map<string, { won: number; closed: number }>();
  for (const row of history) {
    won += row.won;
    closed += row.closed;
    const rep = byRep.get(row.ownerId) ?? { won: 0, closed: 0 };
    rep.won += row.won;
    rep.closed += row.closed;
    byRep.set(row.ownerId, rep);
    byRepSegment.set(`${row.ownerId}\u0000${row.segment}`, { won: row.won, closed: row.closed });
  }
  const team = (won + 1) / (closed + 2);
  const rep = (repId: string): number => {
    const r = byRep.get(repId);
    return r ? (r.won + m * team) / (r.closed + m) : team;
  };
  return {
    team,
    rep,
    of(repId, segment) {
      const prior = rep(repId);
      const s = byRepSegment.get(`${repId}\u0000${segment}`);
      return s ? (s.won + m * prior) / (s.closed + m) : prior;
    },
  };
}
