/**
 * Summaries of importance log-weights, in float64 with the sums shifted by
 * the largest log-weight: the log of the mean weight, its standard error,
 * a ±3-standard-error interval in the log domain, and the effective sample
 * size.
 *
 * @module
 */

/** @internal What {@link logWeightStats} returns. */
export interface LogWeightStats {
  /** log mean_r e^{lw_r}. */
  readonly logMean: number;
  /** Standard error of the mean weight relative to the mean: sd(w) / (√n · mean w) (the delta-method se of logMean). */
  readonly relSe: number;
  /** log(mean − 3·se) (−Infinity when that is ≤ 0). */
  readonly logMinus: number;
  /** log(mean + 3·se). */
  readonly logPlus: number;
  /** (Σw)² / Σw². */
  readonly ess: number;
}

/**
 * @internal Summarises log-weights: two passes (mean, then squared
 * deviations) so equal weights give a standard error of exactly 0. With one
 * weight the spread is unknown: relSe is Infinity.
 */
export function logWeightStats(lw: Float64Array): LogWeightStats {
  const n = lw.length;
  let max = -Infinity;
  for (let k = 0; k < n; k++) if (lw[k]! > max) max = lw[k]!;
  if (max === -Infinity) return { logMean: -Infinity, relSe: Infinity, logMinus: -Infinity, logPlus: -Infinity, ess: 0 };
  let s1 = 0;
  let s2 = 0;
  for (let k = 0; k < n; k++) {
    const w = Math.exp(lw[k]! - max);
    s1 += w;
    s2 += w * w;
  }
  const mean = s1 / n;
  let dev = 0;
  for (let k = 0; k < n; k++) {
    const d = Math.exp(lw[k]! - max) - mean;
    dev += d * d;
  }
  const se = n > 1 ? Math.sqrt(dev / (n - 1) / n) : Infinity;
  const minus = mean - 3 * se;
  return {
    logMean: max + Math.log(mean),
    relSe: se / mean,
    logMinus: minus > 0 ? max + Math.log(minus) : -Infinity,
    logPlus: max + Math.log(mean + 3 * se),
    ess: (s1 * s1) / s2,
  };
}
