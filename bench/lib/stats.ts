/** Summary statistics over latency samples (milliseconds). */

/** The p-th percentile (0–100) of samples by nearest rank; null when there are none. */
export function percentile(samples: readonly number[], p: number): number | null {
  if (samples.length === 0) return null;
  const sorted = [...samples].sort((a, b) => a - b);
  const rank = Math.min(sorted.length, Math.max(1, Math.ceil((p / 100) * sorted.length)));
  return sorted[rank - 1];
}

/** Median of samples; null when there are none. */
export function median(samples: readonly number[]): number | null {
  if (samples.length === 0) return null;
  const sorted = [...samples].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

/** Count, p50, p90, p99, max and mean of samples, rounded to 0.01 ms. */
export type Summary = { count: number; p50: number | null; p90: number | null; p99: number | null; max: number | null; mean: number | null };

/** Summarises samples. */
export function summarize(samples: readonly number[]): Summary {
  if (samples.length === 0) return { count: 0, p50: null, p90: null, p99: null, max: null, mean: null };
  const sorted = [...samples].sort((a, b) => a - b);
  const at = (p: number): number => sorted[Math.min(sorted.length, Math.max(1, Math.ceil((p / 100) * sorted.length))) - 1];
  const mean = sorted.reduce((s, x) => s + x, 0) / sorted.length;
  return { count: sorted.length, p50: round(at(50)), p90: round(at(90)), p99: round(at(99)), max: round(sorted[sorted.length - 1]), mean: round(mean) };
}

/** Rounds to `digits` decimals (null stays null). */
export function round(value: number, digits?: number): number;
export function round(value: number | null, digits?: number): number | null;
export function round(value: number | null, digits = 2): number | null {
  if (value === null || !Number.isFinite(value)) return value === null ? null : value;
  const f = 10 ** digits;
  return Math.round(value * f) / f;
}
