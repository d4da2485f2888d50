/**
 * A mixture of binary prototypes with independent bit-flip noise: a small
 * multi-modal data set whose probabilities are known exactly.
 *
 * @module
 */
import { BinaryDataError, ShapeError, TooLargeError } from '@stochnet/graph';
import type { Rng, Seed } from '@stochnet/graph';
import { finiteOption, intOption, optionError, optionsObject } from '../check.js';
import type { Dataset, PixelArray } from '../dataset.js';
import { MAX_ROWS, rngFrom } from '../shuffle.js';
import { checkPattern, cumulativeOf, entropyOf, meanLogProbOf, pickIndex } from './distribution.js';
import type { BinarySource, ExactDistribution } from './distribution.js';

/** The most units {@link PrototypeMixture.table} enumerates (2^20 patterns). */
export const MAX_TABLE_UNITS = 20;

/** Options of {@link prototypeMixture}. */
export interface PrototypeMixtureOptions {
  /** Picture shape `[height, width]` of a pattern; units = height · width. */
  readonly shape: readonly [number, number];
  /**
   * The prototypes: K × units 0/1 values, row-major; or a count K (1..256)
   * of prototypes drawn with every bit on with probability 1/2 from `seed`.
   */
  readonly prototypes: number | Uint8Array | readonly number[];
  /** Probability in [0, 0.5] that each bit of a sample is flipped. */
  readonly flip: number;
  /** Mixing weights (finite, ≥ 0, positive sum; normalised). Default: uniform. */
  readonly weights?: readonly number[] | Float64Array | undefined;
  /** Seed of the prototypes when `prototypes` is a count. */
  readonly seed?: Seed | undefined;
}

/** A prototype mixture with exact log probabilities. */
export interface PrototypeMixture extends BinarySource {
  /** K × cols prototypes (0/1), row-major. */
  readonly prototypes: Uint8Array;
  /** Normalised mixing weights, length K. */
  readonly weights: Float64Array;
  /** The bit-flip probability. */
  readonly flip: number;
  /** Number of prototypes K. */
  readonly components: number;
  /**
   * Every pattern with positive probability, listed with its probability and
   * the entropy; needs cols ≤ 20 (TooLargeError otherwise).
   */
  table(): ExactDistribution;
}

function prototypesFrom(fn: string, given: unknown, cols: number, seed: unknown): Uint8Array {
  if (typeof given === 'number') {
    const k = intOption(fn, 'prototypes', given, 1, 256);
    const rng = rngFrom(seed as Seed).fork('prototypes');
    const out = new Uint8Array(k * cols);
    for (let i = 0; i < out.length; i++) out[i] = rng.next() < 0.5 ? 1 : 0;
    return out;
  }
  if (!(given instanceof Uint8Array) && !Array.isArray(given)) throw optionError(fn, 'prototypes', 'a count or an array of 0/1 values', given);
  const values = given as ArrayLike<unknown>;
  if (values.length === 0 || values.length % cols !== 0 || values.length / cols > 256) {
    throw new ShapeError(`${fn}: prototypes has ${values.length} values; expected K × ${cols} with 1 ≤ K ≤ 256`, {
      function: fn,
      option: 'prototypes',
      expected: `K × ${cols}`,
      received: values.length,
    });
  }
  for (let i = 0; i < values.length; i++) {
    if (values[i] !== 0 && values[i] !== 1) {
      const where = { row: Math.floor(i / cols), column: i % cols };
      throw new BinaryDataError(`${fn}: prototypes value ${String(values[i])} at ${JSON.stringify(where)}; use 0 or 1`, {
        function: fn,
        option: 'prototypes',
        ...where,
        received: values[i],
      });
    }
  }
  return Uint8Array.from(values as ArrayLike<number>);
}

function weightsFrom(fn: string, given: unknown, k: number): Float64Array {
  if (given === undefined) return new Float64Array(k).fill(1 / k);
  if (!(given instanceof Float64Array) && !Array.isArray(given)) throw optionError(fn, 'weights', 'an array of numbers', given);
  const w = given as ArrayLike<unknown>;
  if (w.length !== k) {
    throw new ShapeError(`${fn}: ${w.length} weights for ${k} prototypes`, { function: fn, option: 'weights', expected: k, received: w.length });
  }
  let sum = 0;
  for (let i = 0; i < k; i++) {
    const v = w[i];
    if (typeof v !== 'number' || !Number.isFinite(v) || v < 0) throw optionError(fn, `weights[${i}]`, 'a finite number ≥ 0', v);
    sum += v;
  }
  if (sum <= 0) throw optionError(fn, 'weights', 'weights with a positive sum', sum);
  return Float64Array.from(w as ArrayLike<number>, (v) => v / sum);
}

/**
 * A mixture of K binary prototypes with independent bit-flip noise.
 *
 * @remarks
 * A sample picks prototype k with probability π_k, then flips each of its d
 * bits independently with probability ε, so with h_k(x) the Hamming distance
 * from x to prototype k:
 *   p(x) = Σ_k π_k ε^h_k (1 − ε)^(d − h_k),
 * computed in log space (log-sum-exp). Sampling rule, per row: `u =
 * rng.nextDouble()` picks k by the cumulative weights, then for each bit
 * `rng.next() < ε` flips it; the row's label is k.
 *
 * @param options - shape, prototypes, flip probability, weights, seed
 * @returns the mixture, with exact `logProb`, `meanLogProb`, seeded `sample` and `table()`
 * @throws ConfigError for bad options; ShapeError or BinaryDataError for bad
 *   prototypes; SeedError for a missing or bad seed when prototypes is a count
 *
 * @example
 * ```ts
 * import { prototypeMixture } from '@stochnet/data';
 * const mix = prototypeMixture({ shape: [2, 2], prototypes: [1, 1, 0, 0, 0, 0, 1, 1], flip: 0.1 });
 * console.log(mix.logProb([1, 1, 0, 0]).toFixed(4)); // '-1.1144'
 * console.log(mix.sample(10, 1).rows, mix.table().count); // 10 16
 * ```
 */
export function prototypeMixture(options: PrototypeMixtureOptions): PrototypeMixture {
  const fn = 'prototypeMixture';
  const o = optionsObject(fn, options);
  const shape = o['shape'];
  if (!Array.isArray(shape) || shape.length !== 2 || !shape.every((s) => Number.isInteger(s) && (s as number) >= 1)) {
    throw optionError(fn, 'shape', '[height, width] of positive integers', shape);
  }
  const [h, w] = shape as [number, number];
  const cols = h * w;
  if (cols > 1 << 20) throw new TooLargeError(`${fn}: ${cols} units per pattern; the limit is 2^20`, { function: fn, limit: 1 << 20, received: cols });
  const flip = finiteOption(fn, 'flip', o['flip']);
  if (flip < 0 || flip > 0.5) throw optionError(fn, 'flip', 'a probability in [0, 0.5]', flip);
  const prototypes = prototypesFrom(fn, o['prototypes'], cols, o['seed']);
  const k = prototypes.length / cols;
  const weights = weightsFrom(fn, o['weights'], k);
  const logW = Float64Array.from(weights, Math.log);
  const logFlip = Math.log(flip);
  const logKeep = Math.log1p(-flip);

  const logProbUnchecked = (x: ArrayLike<number>): number => {
    let max = -Infinity;
    const terms = new Float64Array(k);
    for (let c = 0; c < k; c++) {
      let dist = 0;
      for (let i = 0; i < cols; i++) if (x[i] !== prototypes[c * cols + i]) dist++;
      const t = logW[c]! + (dist === 0 ? 0 : dist * logFlip) + (cols - dist === 0 ? 0 : (cols - dist) * logKeep);
      terms[c] = t;
      if (t > max) max = t;
    }
    if (max === -Infinity) return -Infinity;
    let s = 0;
    for (let c = 0; c < k; c++) s += Math.exp(terms[c]! - max);
    return max + Math.log(s);
  };
  const logProb = (x: ArrayLike<number>): number => {
    checkPattern(`${fn}.logProb`, x, cols);
    return logProbUnchecked(x);
  };

  const sample = (rows: number, seed: Seed | Rng): Dataset<Uint8Array> => {
    intOption(`${fn}.sample`, 'rows', rows, 0, MAX_ROWS);
    const rng = rngFrom(seed);
    const cumulative = cumulativeOf(weights);
    const images = new Uint8Array(rows * cols);
    const labels = new Uint8Array(rows);
    for (let r = 0; r < rows; r++) {
      const c = pickIndex(cumulative, rng.nextDouble() * cumulative[k - 1]!);
      labels[r] = c;
      for (let i = 0; i < cols; i++) images[r * cols + i] = prototypes[c * cols + i]! ^ (rng.next() < flip ? 1 : 0);
    }
    return { images, labels, rows, cols, shape: [h, w] };
  };

  const table = (): ExactDistribution => {
    if (cols > MAX_TABLE_UNITS) {
      throw new TooLargeError(`${fn}.table: 2^${cols} patterns exceeds the limit 2^${MAX_TABLE_UNITS}`, {
        function: `${fn}.table`,
        limit: MAX_TABLE_UNITS,
        received: cols,
      });
    }
    const x = new Uint8Array(cols);
    const kept: number[] = [];
    const probs: number[] = [];
    for (let s = 0; s < 2 ** cols; s++) {
      for (let i = 0; i < cols; i++) x[i] = Math.floor(s / 2 ** i) % 2;
      const p = Math.exp(logProbUnchecked(x));
      if (p > 0) {
        kept.push(s);
        probs.push(p);
      }
    }
    const patterns = new Uint8Array(kept.length * cols);
    kept.forEach((s, j) => {
      for (let i = 0; i < cols; i++) patterns[j * cols + i] = Math.floor(s / 2 ** i) % 2;
    });
    const probabilities = Float64Array.from(probs);
    return { patterns, probabilities, count: kept.length, cols, shape: [h, w], entropy: entropyOf(probabilities) };
  };

  return {
    prototypes,
    weights,
    flip,
    components: k,
    cols,
    shape: [h, w],
    logProb,
    meanLogProb: (data: Dataset<PixelArray>) => meanLogProbOf(`${fn}.meanLogProb`, data, cols, logProbUnchecked),
    sample,
    table,
  };
}
