/**
 * The two-proportion z-test between two variants' rates (pooled standard error), with a two-sided p-value from the
 * standard normal CDF. No statistics library is installed (node_modules has no jstat or simple-statistics), so the CDF
 * uses the well-known Abramowitz & Stegun formula 7.1.26 for erf (absolute error below 1.5e-7), the one
 * simple-statistics and many textbooks use; swap in `simple-statistics`' `cumulativeStdNormalProbability` if it is added.
 */

/** What the test says: the rates, z and the two-sided p-value (null when a side is empty or the pooled rate is 0 or 1). */
export type ProportionTest = { baseRate: number | null; variantRate: number | null; z: number | null; pValue: number | null };

/** erf(x) by Abramowitz & Stegun 7.1.26. */
function erf(x: number): number {
  const sign = x < 0 ? -1 : 1;
  const a = Math.abs(x);
  const t = 1 / (1 + 0.3275911 * a);
  const poly = t * (0.254829592 + t * (-0.284496736 + t * (1.421413741 + t * (-1.453152027 + t * 1.061405429))));
  return sign * (1 - poly * Math.exp(-a * a));
}

/** The standard normal CDF Φ(z). */
export function normalCdf(z: number): number {
  return 0.5 * (1 + erf(z / Math.SQRT2));
}

/** Tests whether `variant`'s rate (successes / trials) differs from `base`'s. */
export function twoProportionTest(base: { successes: number; trials: number }, variant: { successes: number; trials: number }): ProportionTest {
  const baseRate = base.trials > 0 ? base.successes / base.trials : null;
  const variantRate = variant.trials > 0 ? variant.successes / variant.trials : null;
  if (baseRate === null || variantRate === null) return { baseRate, variantRate, z: null, pValue: null };
  const pooled = (base.successes + variant.successes) / (base.trials + variant.trials);
  const se = Math.sqrt(pooled * (1 - pooled) * (1 / base.trials + 1 / variant.trials));
  if (se === 0) return { baseRate, variantRate, z: null, pValue: null };
  const z = (variantRate - baseRate) / se;
  const pValue = Math.min(1, 2 * (1 - normalCdf(Math.abs(z))));
  return { baseRate, variantRate, z, pValue };
}
