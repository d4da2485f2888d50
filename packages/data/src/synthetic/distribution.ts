/**
 * Distributions over binary patterns whose probabilities are known exactly,
 * so a model's log-likelihood has an exact target.
 *
 * @module
 */
import { BinaryDataError, ShapeError } from '@stochnet/graph';
import type { Rng, Seed } from '@stochnet/graph';
import { intOption, optionError } from '../check.js';
import { checkDataset } from '../dataset.js';
import type { Dataset, PixelArray } from '../dataset.js';
import { MAX_ROWS, rngFrom } from '../shuffle.js';

/** A source of binary patterns with exact probabilities. */
export interface BinarySource {
  /** Units per pattern. */
  readonly cols: number;
  /** Picture shape `[height, width]` of a pattern. */
  readonly shape: readonly [number, number];
  /**
   * The exact natural-log probability of a pattern (−Infinity outside the
   * support). Throws ShapeError for a wrong length and BinaryDataError for a
   * value other than 0 or 1.
   */
  logProb(pattern: ArrayLike<number>): number;
  /**
   * The mean exact log probability of the rows of a data set: the expected
   * log-likelihood a perfect model reaches on it. Throws ShapeError when its
   * cols differ and BinaryDataError (naming row and column) for a non-0/1 value.
   */
  meanLogProb(data: Dataset<PixelArray>): number;
  /**
   * `rows` independent samples (an integer in [0, 2^31 − 1]) from a seed or
   * Rng; the same seed gives the same data set.
   */
  sample(rows: number, seed: Seed | Rng): Dataset<Uint8Array>;
}

/** A distribution listed pattern by pattern. */
export interface ExactDistribution {
  /** `count` distinct patterns of `cols` 0/1 bytes, row-major. */
  readonly patterns: Uint8Array;
  /** The probability of each pattern; they sum to 1. */
  readonly probabilities: Float64Array;
  /** Number of patterns. */
  readonly count: number;
  /** Units per pattern. */
  readonly cols: number;
  /** Picture shape `[height, width]` of a pattern. */
  readonly shape: readonly [number, number];
  /** −Σ p log p in nats: minus the best mean log-likelihood any model can reach. */
  readonly entropy: number;
}

/** Throws unless `x` has length `cols` and holds only 0 and 1. */
export function checkPattern(fn: string, x: ArrayLike<number>, cols: number, row?: number): void {
  if (x === null || typeof x !== 'object' || typeof x.length !== 'number') throw optionError(fn, 'pattern', 'an array of 0/1 values', x);
  if (x.length !== cols) {
    throw new ShapeError(`${fn}: pattern has ${x.length} values, expected ${cols}`, { function: fn, expected: cols, received: x.length });
  }
  for (let c = 0; c < cols; c++) {
    const v = x[c];
    if (v !== 0 && v !== 1) {
      const where = row === undefined ? { column: c } : { row, column: c };
      throw new BinaryDataError(`${fn}: value ${String(v)} at ${JSON.stringify(where)}; patterns hold only 0 and 1`, {
        function: fn,
        ...where,
        received: v,
      });
    }
  }
}

/** The mean of `logProb` over the rows of `data`, checking every row first. */
export function meanLogProbOf(fn: string, data: Dataset<PixelArray>, cols: number, logProb: (x: ArrayLike<number>) => number): number {
  checkDataset(fn, data);
  if (data.cols !== cols) {
    throw new ShapeError(`${fn}: data has ${data.cols} columns, the distribution ${cols}`, { function: fn, expected: cols, received: data.cols });
  }
  if (data.rows === 0) throw new ShapeError(`${fn}: data has no rows; the mean of nothing is undefined`, { function: fn, received: 0 });
  for (let r = 0; r < data.rows; r++) checkPattern(fn, data.images.subarray(r * cols, (r + 1) * cols), cols, r);
  let sum = 0;
  for (let r = 0; r < data.rows; r++) sum += logProb(data.images.subarray(r * cols, (r + 1) * cols));
  return sum / data.rows;
}

/** Entropy in nats of a probability vector. */
export function entropyOf(p: Float64Array): number {
  let h = 0;
  for (let k = 0; k < p.length; k++) if (p[k]! > 0) h -= p[k]! * Math.log(p[k]!);
  return h;
}

/** The index k with cumulative[k − 1] ≤ u < cumulative[k] (binary search; the last index for u ≥ the total). */
export function pickIndex(cumulative: Float64Array, u: number): number {
  let lo = 0;
  let hi = cumulative.length - 1;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (u < cumulative[mid]!) hi = mid;
    else lo = mid + 1;
  }
  return lo;
}

/** Running sums of `p`. */
export function cumulativeOf(p: Float64Array): Float64Array {
  const c = new Float64Array(p.length);
  let s = 0;
  for (let k = 0; k < p.length; k++) c[k] = s += p[k]!;
  return c;
}

/**
 * `rows` samples from a listed distribution: for each row, `u =
 * rng.nextDouble()` and the pattern whose cumulative interval holds `u · total`.
 */
export function sampleListed(fn: string, dist: ExactDistribution, rows: number, seed: Seed | Rng): Dataset<Uint8Array> {
  intOption(fn, 'rows', rows, 0, MAX_ROWS);
  const rng = rngFrom(seed);
  const cumulative = cumulativeOf(dist.probabilities);
  const total = cumulative[cumulative.length - 1]!;
  const { cols } = dist;
  const images = new Uint8Array(rows * cols);
  for (let r = 0; r < rows; r++) {
    const k = pickIndex(cumulative, rng.nextDouble() * total);
    images.set(dist.patterns.subarray(k * cols, (k + 1) * cols), r * cols);
  }
  return { images, labels: null, rows, cols, shape: [dist.shape[0], dist.shape[1]] };
}
