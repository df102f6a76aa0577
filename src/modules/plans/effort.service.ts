/**
 * Effort allocation: split a month's sales hours across customer segments to maximise the month's expected revenue.
 * Each segment's curve revenue(h) = base + lift · (1 − e^(−rate·h)) comes from its last 12 calendar months of (agent
 * hours, revenue): fitted (Levenberg–Marquardt) where the months say what more hours do, shrunk toward a pooled curve
 * otherwise, its ceiling tied to the segment's best month; the split is a dynamic program over whole hours
 * (src/optimize/allocateBudget). docs/sales-plans.md states the method.
 */
import type { EffortPlanDTO } from "../../contracts/sales.ts";
import { childLogger } from "../../logger.ts";
import { allocateBudget, fitResponseCurve, flatPoint, responseValue, type ResponseCurve } from "../../optimize/index.ts";
import type { ServiceDeps } from "../deps.ts";
import { revenueByPeriod } from "../sales/index.ts";
import { agentMessagesBySegmentMonth, customerSegments, SEGMENT, type SegmentMonthRow } from "./plans.repo.ts";
import type { EffortInput } from "./plans.schemas.ts";

type Deps = Pick<ServiceDeps, "db" | "now">;

/** The effort proxy: an agent message stands for this many minutes of a rep's time on the customer. */
export const MINUTES_PER_AGENT_MESSAGE = 4;
/** Months of history a curve is fitted to. */
export const HISTORY_MONTHS = 12;
/** A segment gets a fit of its own only with this many months with agent time … */
export const MIN_MONTHS_WITH_EFFORT = 3;
/** … spanning at least this many hours between its least and its busiest month (else the months cannot say what more hours do). */
export const MIN_HOURS_SPAN = 10;
/** A fitted segment's own curve weighs n / (n + SHRINK_MONTHS) against the pooled one, n its months with agent time. */
export const SHRINK_MONTHS = 6;
/** A segment's expected monthly revenue never exceeds this multiple of its best month in the window. */
export const CEILING_FACTOR = 1.5;
/** The pooled curve when no segment was fitted: sales time can add this share of a segment's mean monthly revenue … */
export const PRIOR_LIFT_SHARE = 0.25;
/** … at this rate per hour (63% of it after 20 hours, 99% after 92). */
export const PRIOR_RATE_PER_HOUR = 0.05;
/** Rates a fit may take: 99% of the lift after 2.3 to 921 hours. */
export const RATE_BOUNDS = { minRate: 0.005, maxRate: 2 } as const;
/** A curve counts as flat once it has given this share of its lift; no segment is given hours beyond that point. */
export const FLAT_SHARE = 0.99;
/** The dynamic program's grid has at most this many steps; bigger budgets are split in steps of several hours. */
export const MAX_STEPS = 2000;

/** How a segment's curve was obtained: its own fit shrunk toward the pool, the pooled curve, or none (no revenue in the window). */
export type CurveSource = "fitted" | "pooled" | "none";

/** A segment's curve, where it is flat, and its mean monthly revenue in the window. */
export type SegmentCurve = { segment: string; curve: ResponseCurve; source: CurveSource; flatAfterHours: number; meanMonthlyRevenueCents: number };

type History = { hours: SegmentMonthRow[]; revenue: SegmentMonthRow[]; segments: string[] };
type Window = { from: Date; to: Date; months: string[] };

const log = childLogger("plans");
const HISTORY_TTL_MS = 5 * 60_000;
const historyCache = new WeakMap<object, { key: string; at: number; history?: History; loading?: Promise<History> }>();

async function readHistory(deps: Deps, window: Window): Promise<History> {
  const revenueQuery = { unit: "month" as const, fromDay: window.months[0], toDay: window.to.toISOString().slice(0, 10), groupBy: SEGMENT };
  const [messages, revenue, segments] = await Promise.all([
    agentMessagesBySegmentMonth(deps.db, window.from, window.to),
    revenueByPeriod(deps.db, revenueQuery),
    customerSegments(deps.db),
  ]);
  return {
    hours: messages.map((m) => ({ ...m, value: (m.value * MINUTES_PER_AGENT_MESSAGE) / 60 })),
    revenue: revenue.map((r) => ({ segment: r.key ?? "none", month: r.periodStart, value: r.amountCents })),
    segments,
  };
}

/**
 * The window's monthly history per database. Reading it scans a year of orders and messages (seconds at a million
 * order lines), so it is read once, kept, and refreshed off the request path: a request finding it older than five
 * minutes gets the kept one while a fresh read runs. Only the first read of a month's window is waited for.
 */
function loadHistory(deps: Deps, window: Window): Promise<History> {
  const key = window.from.toISOString();
  let entry = historyCache.get(deps.db);
  if (entry?.key !== key) historyCache.set(deps.db, (entry = { key, at: 0 }));
  const kept = entry;
  if (!kept.loading && (!kept.history || Date.now() - kept.at >= HISTORY_TTL_MS)) {
    const loading = readHistory(deps, window).then((history) => {
      Object.assign(kept, { history, at: Date.now() });
      return history;
    });
    kept.loading = loading;
    loading.then(
      () => (kept.loading = undefined),
      (error: unknown) => {
        kept.loading = undefined;
        if (kept.history) log.warn({ err: error }, "could not refresh the effort plan's history; the kept one serves");
      },
    );
  }
  return kept.history ? Promise.resolve(kept.history) : kept.loading!;
}

/** The 12 calendar months before the current one, as [from, to) and their first days ("2026-11-01"). */
function historyWindow(now: Date): Window {
  const to = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), 1));
  const from = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - HISTORY_MONTHS, 1));
  const months = Array.from({ length: HISTORY_MONTHS }, (_, i) => new Date(Date.UTC(from.getUTCFullYear(), from.getUTCMonth() + i, 1)).toISOString().slice(0, 10));
  return { from, to, months };
}

const median = (values: number[]): number => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
};

/**
 * Each segment's curve. Own fit (bounds: base + lift ≤ CEILING_FACTOR × best month, rate in RATE_BOUNDS) when it has
 * MIN_MONTHS_WITH_EFFORT months with agent time spanning MIN_HOURS_SPAN hours. The pooled curve, relative to a
 * segment's mean monthly revenue: the fitted segments' median lift share and median rate (PRIOR_LIFT_SHARE and
 * PRIOR_RATE_PER_HOUR when none was fitted), its base the one that matches the segment's months on average. A
 * fitted segment's base, lift and log-rate are n / (n + SHRINK_MONTHS) its own, the rest the pooled curve's; a segment
 * without revenue in the window gets none.
 */
export function segmentCurves(segments: readonly string[], months: readonly string[], hours: readonly SegmentMonthRow[], revenue: readonly SegmentMonthRow[]): SegmentCurve[] {
  const cell = (rows: readonly SegmentMonthRow[]): Map<string, number> => new Map(rows.map((r) => [`${r.segment}\u0000${r.month}`, r.value]));
  const h = cell(hours);
  const y = cell(revenue);
  const facts = segments.map((segment) => {
    const points = months.map((m) => ({ x: h.get(`${segment}\u0000${m}`) ?? 0, y: y.get(`${segment}\u0000${m}`) ?? 0 }));
    const withEffort = points.filter((p) => p.x > 0);
    const xs = withEffort.map((p) => p.x);
    const mean = points.reduce((sum, p) => sum + p.y, 0) / months.length;
    const best = Math.max(0, ...points.map((p) => p.y));
    const informative = withEffort.length >= MIN_MONTHS_WITH_EFFORT && Math.max(...xs) - Math.min(...xs) >= MIN_HOURS_SPAN && best > 0;
    let own: ResponseCurve | undefined;
    try {
      if (informative) own = fitResponseCurve(points, { ceiling: CEILING_FACTOR * best, ...RATE_BOUNDS });
    } catch {
      // A fit that fails (degenerate points) leaves the segment to the pooled curve.
    }
    return { segment, points, mean, best, monthsWithEffort: withEffort.length, own };
  });
  const fitted = facts.filter((f) => f.own);
  const pooledShare = fitted.length ? median(fitted.map((f) => f.own!.lift / f.mean)) : PRIOR_LIFT_SHARE;
  const pooledRate = fitted.length ? median(fitted.map((f) => f.own!.rate)) : PRIOR_RATE_PER_HOUR;
  return facts.map((f) => {
    const ceiling = CEILING_FACTOR * f.best;
    const lift = pooledShare * f.mean;
    // The base that matches the segment's months on average, given the pooled lift and rate (least squares).
    const lifted = f.points.reduce((sum, p) => sum + lift * (1 - Math.exp(-pooledRate * p.x)), 0) / months.length;
    let curve: ResponseCurve = { base: Math.max(0, f.mean - lifted), lift, rate: pooledRate };
    if (f.own) {
      const w = f.monthsWithEffort / (f.monthsWithEffort + SHRINK_MONTHS);
      curve = {
        base: w * f.own.base + (1 - w) * curve.base,
        lift: w * f.own.lift + (1 - w) * curve.lift,
        rate: Math.exp(w * Math.log(f.own.rate) + (1 - w) * Math.log(curve.rate)),
      };
    }
    const base = Math.min(curve.base, ceiling);
    const bounded = { base, lift: Math.max(0, Math.min(curve.lift, ceiling - base)), rate: curve.rate };
    const source: CurveSource = f.best === 0 ? "none" : f.own ? "fitted" : "pooled";
    return { segment: f.segment, curve: bounded, source, flatAfterHours: Math.round(flatPoint(bounded, FLAT_SHARE)), meanMonthlyRevenueCents: Math.round(f.mean) };
  });
}

/**
 * The best split of a month's `budgetHours` (whole hours, or steps of ⌈budget / 2000⌉ hours above 2,000) across the
 * segments, no segment given hours past the point where its curve is flat; hours no segment can use stay unallocated.
 */
export async function planEffort(deps: Deps, input: EffortInput): Promise<EffortPlanDTO> {
  const window = historyWindow(deps.now());
  const history = await loadHistory(deps, window);
  const segments = input.segments ?? [...new Set([...history.segments, ...history.revenue.map((r) => r.segment)])].sort();
  const curves = segmentCurves(segments, window.months, history.hours, history.revenue);
  const step = Math.max(1, Math.ceil(input.budgetHours / MAX_STEPS));
  const value = (c: SegmentCurve, hours: number): number => responseValue(c.curve, Math.min(hours, c.flatAfterHours));
  const result = allocateBudget({ budget: Math.floor(input.budgetHours / step), curves: curves.map((c) => (k: number) => value(c, k * step)) });
  const allocation = curves.map((c, s) => ({
    segment: c.segment,
    hours: result.units[s] * step,
    expectedRevenueCents: Math.round(result.returns[s]),
    baseRevenueCents: Math.round(c.curve.base),
    ceilingRevenueCents: Math.round(c.curve.base + c.curve.lift),
    flatAfterHours: c.flatAfterHours,
    meanMonthlyRevenueCents: c.meanMonthlyRevenueCents,
    curve: c.source,
  }));
  const sum = (pick: (a: (typeof allocation)[number]) => number): number => allocation.reduce((total, a) => total + pick(a), 0);
  return {
    period: "month",
    budgetHours: input.budgetHours,
    unallocatedHours: input.budgetHours - sum((a) => a.hours),
    allocation,
    totalExpectedRevenueCents: sum((a) => a.expectedRevenueCents),
    historyMonthlyRevenueCents: sum((a) => a.meanMonthlyRevenueCents),
  };
}

/** Reads the effort plan's history and runs one small plan off the request path (at start-up), so the first real plan finds both ready. */
export async function warmEffortPlans(deps: Deps): Promise<void> {
  await planEffort(deps, { budgetHours: 100 });
}
