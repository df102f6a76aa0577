/**
 * Effort allocation: split a month's sales hours across customer segments to maximise expected revenue. Each segment's
 * response curve revenue(h) = a · (1 − e^(−b·h)) is fitted (Levenberg–Marquardt) to its last 12 calendar months of
 * (agent hours, revenue) pairs; the split is a dynamic program over whole hours (src/optimize/allocateBudget).
 */
import type { EffortPlanDTO } from "../../contracts/sales.ts";
import { allocateBudget, fitSaturatingCurve, saturatingValue, type SaturatingCurve } from "../../optimize/index.ts";
import type { ServiceDeps } from "../deps.ts";
import { agentMessagesBySegmentMonth, customerSegments, revenueBySegmentMonth, type SegmentMonthRow } from "./plans.repo.ts";
import type { EffortInput } from "./plans.schemas.ts";

type Deps = Pick<ServiceDeps, "db" | "now">;

/** The effort proxy: an agent message stands for this many minutes of a rep's time on the customer. */
export const MINUTES_PER_AGENT_MESSAGE = 4;
/** Months of history a curve is fitted to. */
export const HISTORY_MONTHS = 12;
/** A segment needs this many months with agent time to get a curve of its own. */
export const MIN_MONTHS_WITH_EFFORT = 3;
/** The prior's rate when no segment has a fitted one: 63% of the ceiling after 20 hours. */
export const PRIOR_RATE_PER_HOUR = 0.05;
/** The prior's ceiling when there is no revenue history at all (cents per month). */
export const PRIOR_CEILING_CENTS = 1_000_000;
/** The dynamic program's grid has at most this many steps; bigger budgets are split in steps of several hours. */
export const MAX_STEPS = 2000;

/** How a segment's curve was obtained. */
type SegmentCurve = { segment: string; curve: Pick<SaturatingCurve, "max" | "rate">; fitted: boolean };

type History = { hours: SegmentMonthRow[]; revenue: SegmentMonthRow[]; segments: string[] };

const HISTORY_TTL_MS = 5 * 60_000;
const historyCache = new WeakMap<object, { key: string; at: number; history: History }>();

/** The window's monthly history, cached for a few minutes per database (it moves by the month, and reading it scans orders). */
async function loadHistory(deps: Deps, from: Date, to: Date): Promise<History> {
  const key = `${from.toISOString()}/${to.toISOString()}`;
  const cached = historyCache.get(deps.db);
  if (cached && cached.key === key && Date.now() - cached.at < HISTORY_TTL_MS) return cached.history;
  const [messages, revenue, segments] = await Promise.all([agentMessagesBySegmentMonth(deps.db, from, to), revenueBySegmentMonth(deps.db, from, to), customerSegments(deps.db)]);
  const history = { hours: messages.map((m) => ({ ...m, value: (m.value * MINUTES_PER_AGENT_MESSAGE) / 60 })), revenue, segments };
  historyCache.set(deps.db, { key, at: Date.now(), history });
  return history;
}

/** The 12 calendar months before the current one, as [from, to) and their keys ("2026-11"). */
function historyWindow(now: Date): { from: Date; to: Date; months: string[] } {
  const to = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), 1));
  const from = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - HISTORY_MONTHS, 1));
  const months = Array.from({ length: HISTORY_MONTHS }, (_, i) => new Date(Date.UTC(from.getUTCFullYear(), from.getUTCMonth() + i, 1)).toISOString().slice(0, 7));
  return { from, to, months };
}

/**
 * Each segment's curve: fitted when it has MIN_MONTHS_WITH_EFFORT months with agent time; otherwise the prior —
 * ceiling twice the segment's mean monthly revenue (the mean over segments when it has none, PRIOR_CEILING_CENTS when
 * nobody has any), rate the median of the fitted rates (PRIOR_RATE_PER_HOUR when none was fitted).
 */
export function segmentCurves(segments: readonly string[], months: readonly string[], hours: readonly SegmentMonthRow[], revenue: readonly SegmentMonthRow[]): SegmentCurve[] {
  const cell = (rows: readonly SegmentMonthRow[]): Map<string, number> => new Map(rows.map((r) => [`${r.segment}\u0000${r.month}`, r.value]));
  const h = cell(hours);
  const y = cell(revenue);
  const points = (segment: string): { x: number; y: number }[] => months.map((m) => ({ x: h.get(`${segment}\u0000${m}`) ?? 0, y: y.get(`${segment}\u0000${m}`) ?? 0 }));
  const meanRevenue = (segment: string): number => points(segment).reduce((sum, p) => sum + p.y, 0) / months.length;
  const fitted = new Map<string, SaturatingCurve>();
  for (const segment of segments) {
    const observed = points(segment);
    if (observed.filter((p) => p.x > 0).length < MIN_MONTHS_WITH_EFFORT || observed.every((p) => p.y === 0)) continue;
    try {
      fitted.set(segment, fitSaturatingCurve(observed));
    } catch {
      // A fit that fails (degenerate points) leaves the segment to the prior.
    }
  }
  const rates = [...fitted.values()].map((c) => c.rate).sort((a, b) => a - b);
  const rate = rates.length ? rates[Math.floor(rates.length / 2)] : PRIOR_RATE_PER_HOUR;
  const allSegments = new Set([...revenue.map((r) => r.segment), ...segments]);
  const means = [...allSegments].map(meanRevenue).filter((m) => m > 0);
  const typical = means.length ? means.reduce((a, b) => a + b, 0) / means.length : PRIOR_CEILING_CENTS / 2;
  return segments.map((segment) => {
    const curve = fitted.get(segment);
    if (curve) return { segment, curve, fitted: true };
    return { segment, curve: { max: 2 * (meanRevenue(segment) || typical), rate }, fitted: false };
  });
}

/** The best split of `budgetHours` (whole hours, or steps of ⌈budget / 2000⌉ hours above 2,000) across the segments. */
export async function planEffort(deps: Deps, input: EffortInput): Promise<EffortPlanDTO> {
  const window = historyWindow(deps.now());
  const history = await loadHistory(deps, window.from, window.to);
  const segments = input.segments ?? [...new Set([...history.segments, ...history.revenue.map((r) => r.segment)])].sort();
  if (segments.length === 0) return { allocation: [], totalExpectedRevenueCents: 0 };
  const curves = segmentCurves(segments, window.months, history.hours, history.revenue);
  const step = Math.max(1, Math.ceil(input.budgetHours / MAX_STEPS));
  const result = allocateBudget({ budget: Math.floor(input.budgetHours / step), curves: curves.map((c) => (k: number) => saturatingValue(c.curve, k * step)) });
  const allocation = curves.map((c, s) => ({ segment: c.segment, hours: result.units[s] * step, expectedRevenueCents: Math.round(result.returns[s]) }));
  return { allocation, totalExpectedRevenueCents: allocation.reduce((sum, a) => sum + a.expectedRevenueCents, 0) };
}
