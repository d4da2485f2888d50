/**
 * Inverse temperatures β for annealed importance sampling: the schedule of
 * Salakhutdinov & Murray (2008), scaled to any number of steps, and the
 * checks on user-given lists.
 *
 * @module
 */
import { ConfigError } from '@stochnet/graph';
import { MAX_STEPS } from './checks.js';
import { describeValue, intOption } from '../option-checks.js';

/**
 * The number of β steps of Salakhutdinov & Murray's (2008) schedule:
 * 500 + 4,000 + 10,000 = 14,500.
 *
 * @example
 * ```ts
 * import { AIS_DEFAULT_STEPS } from '@stochnet/inference';
 * console.log(AIS_DEFAULT_STEPS); // 14500
 * ```
 */
export const AIS_DEFAULT_STEPS = 14_500;

/** Where the three segments of the schedule end, in steps of the full 14,500 and in β. */
const KNOTS_T = [0, 500 / 14_500, 4_500 / 14_500, 1];
const KNOTS_B = [0, 0.5, 0.9, 1];

/**
 * The annealing schedule β_0 = 0 < β_1 < … < β_K = 1 with K steps.
 *
 * @remarks
 * Salakhutdinov & Murray (2008, §4) spaced β uniformly with step 1e-3 on
 * [0, 0.5], 1e-4 on [0.5, 0.9] and 1e-5 on [0.9, 1]: K = 14,500, most of
 * the effort near β = 1 where the distribution changes fastest. This
 * function returns that schedule for the default K (β_k for k < 500 is
 * k·1e-3, then 0.5 + (k − 500)·1e-4, then 0.9 + (k − 4500)·1e-5), and for
 * any other K the same piecewise-linear shape: β_k = g(k/K) where g maps
 * [0, 500/14500, 4500/14500, 1] linearly onto [0, 0.5, 0.9, 1]. So K steps
 * put about 3.4% of them on [0, 0.5], 27.6% on [0.5, 0.9] and 69% on
 * [0.9, 1]. K = 1 is plain importance sampling from the base model.
 *
 * @param steps - K, a positive integer (default {@link AIS_DEFAULT_STEPS})
 * @returns K + 1 values, starting at exactly 0 and ending at exactly 1
 * @throws ConfigError when `steps` is not a positive integer
 * @throws TooLargeError when `steps` exceeds 2^24
 *
 * @example
 * ```ts
 * import { aisBetaSchedule } from '@stochnet/inference';
 * const b = aisBetaSchedule();
 * console.log(b.length, b[500], b[4500], b[14500]); // 14501 0.5 0.9 1
 * ```
 */
export function aisBetaSchedule(steps: number = AIS_DEFAULT_STEPS): Float64Array {
  const K = intOption('aisBetaSchedule', 'steps', steps, AIS_DEFAULT_STEPS, 1, MAX_STEPS);
  const out = new Float64Array(K + 1);
  for (let k = 0; k <= K; k++) {
    const t = k / K;
    let s = 0;
    while (s < 2 && t > KNOTS_T[s + 1]!) s++;
    const t0 = KNOTS_T[s]!;
    const t1 = KNOTS_T[s + 1]!;
    const b0 = KNOTS_B[s]!;
    const b1 = KNOTS_B[s + 1]!;
    // Computed from the segment's integer position, so the default schedule hits 0.5 and 0.9 exactly.
    const pos = k - t0 * K;
    const len = (t1 - t0) * K;
    out[k] = Math.abs(pos - len) < 1e-9 ? b1 : b0 + ((b1 - b0) * pos) / len;
  }
  out[0] = 0;
  out[K] = 1;
  return out;
}

/**
 * @internal The β list from the `betas` option: a step count (see
 * {@link aisBetaSchedule}) or an explicit list that starts at 0, ends at 1
 * and strictly increases (ConfigError naming the index otherwise).
 */
export function resolveBetas(fn: string, option: unknown): Float64Array {
  if (option === undefined || typeof option === 'number') {
    return aisBetaSchedule(intOption(fn, 'betas', option, AIS_DEFAULT_STEPS, 1, MAX_STEPS));
  }
  const list = option as ArrayLike<unknown> | null;
  const isList = Array.isArray(list) || list instanceof Float64Array || list instanceof Float32Array;
  if (!isList) {
    throw new ConfigError(`${fn}: option betas must be a step count or a list of inverse temperatures from 0 to 1`, {
      function: fn,
      option: 'betas',
      received: describeValue(list),
    });
  }
  const n = list.length;
  if (n < 2) {
    throw new ConfigError(`${fn}: option betas needs at least 2 values (0 and 1), got ${n}`, { function: fn, option: 'betas', received: n });
  }
  intOption(fn, 'betas', n - 1, 1, 1, MAX_STEPS);
  const fail = (index: number, why: string, received: unknown): never => {
    throw new ConfigError(`${fn}: option betas[${index}] ${why}`, { function: fn, option: 'betas', index, received });
  };
  const out = new Float64Array(n);
  for (let k = 0; k < n; k++) {
    const b = list[k];
    if (typeof b !== 'number' || !Number.isFinite(b) || b < 0 || b > 1) fail(k, `must be a number in [0, 1], got ${String(b)}`, b);
    out[k] = b as number;
    if (k > 0 && out[k]! <= out[k - 1]!) fail(k, `= ${out[k]} does not exceed betas[${k - 1}] = ${out[k - 1]}; the list must strictly increase`, b);
  }
  if (out[0] !== 0) fail(0, `must be exactly 0 (the base model), got ${out[0]}`, out[0]);
  if (out[n - 1] !== 1) fail(n - 1, `must be exactly 1 (the model itself), got ${out[n - 1]}; a schedule that stops short estimates another distribution's Z`, out[n - 1]);
  return out;
}
