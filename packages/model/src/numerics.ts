/**
 * Scalar numerics that stay finite and exact at the extremes: the logistic,
 * softplus, log-sigmoid and log-sum-exp. Every log-probability in stochnet is
 * computed through these, never through `Math.log(sigmoid(x))` or
 * `Math.log(1 + Math.exp(x))`.
 *
 * @module
 */

/**
 * The logistic function σ(x) = 1 / (1 + e^(−x)), in [0, 1] for every finite x
 * and exactly 0 or 1 in the far tails.
 *
 * @param x - the input
 * @returns σ(x)
 *
 * @example
 * ```ts
 * import { sigmoid } from '@stochnet/model';
 * console.log(sigmoid(0)); // 0.5
 * ```
 */
export function sigmoid(x: number): number {
  if (x >= 0) return 1 / (1 + Math.exp(-x));
  const e = Math.exp(x);
  return e / (1 + e);
}

/**
 * softplus(x) = log(1 + e^x), computed as max(x, 0) + log1p(e^(−|x|)) so it
 * is finite for every finite x and equals x exactly for large x.
 *
 * @param x - the input
 * @returns log(1 + e^x)
 *
 * @example
 * ```ts
 * import { softplus } from '@stochnet/model';
 * console.log(softplus(800)); // 800
 * ```
 */
export function softplus(x: number): number {
  return Math.max(x, 0) + Math.log1p(Math.exp(-Math.abs(x)));
}

/**
 * log σ(x) = −softplus(−x), through the same code path.
 *
 * @param x - the input
 * @returns log σ(x), which is ≤ 0
 *
 * @example
 * ```ts
 * import { logSigmoid } from '@stochnet/model';
 * console.log(logSigmoid(-1000)); // -1000
 * ```
 */
export function logSigmoid(x: number): number {
  return -softplus(-x);
}

/**
 * Max-shifted log-sum-exp of `values[start .. start+n-1]`, accumulated in
 * float64: log Σ e^(values[i]). Returns −Infinity for an empty range or when
 * every value is −Infinity. The range is read in place, so a row of a
 * row-major matrix needs no `subarray` view.
 *
 * @param values - the terms
 * @param n - how many terms to use (defaults to all from `start`)
 * @param start - index of the first term (default 0)
 * @returns log Σ exp(values)
 *
 * @example
 * ```ts
 * import { logSumExp } from '@stochnet/model';
 * console.log(logSumExp([1000, 1000])); // 1000.6931471805599
 * ```
 */
export function logSumExp(values: ArrayLike<number>, n: number = values.length, start = 0): number {
  const end = start + n;
  let max = -Infinity;
  for (let i = start; i < end; i++) {
    const v = values[i]!;
    if (v > max) max = v;
  }
  if (max === -Infinity) return -Infinity;
  if (max === Infinity) return Infinity;
  let sum = 0;
  for (let i = start; i < end; i++) sum += Math.exp(values[i]! - max);
  return max + Math.log(sum);
}

/**
 * log p(s = bit) for a binary unit with logit x: `logSigmoid(x)` when bit is 1,
 * `logSigmoid(−x)` when it is 0. Exact at saturated logits (no log of 0 unless
 * the true value is −∞, which needs an infinite logit).
 *
 * @param x - the logit (pre-activation)
 * @param bit - the unit's value, 0 or 1
 * @returns the log-probability
 *
 * @example
 * ```ts
 * import { logBernoulli } from '@stochnet/model';
 * console.log(logBernoulli(0, 1)); // -0.6931471805599453
 * ```
 */
export function logBernoulli(x: number, bit: number): number {
  return bit === 1 ? logSigmoid(x) : logSigmoid(-x);
}
