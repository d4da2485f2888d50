/**
 * Binarisation of intensities: by a threshold, or by seeded Bernoulli draws
 * with the intensity scaled to a probability.
 *
 * @module
 */
import { NonFiniteError, ProbabilityRangeError, ShapeError } from '@stochnet/graph';
import type { Rng, Seed } from '@stochnet/graph';
import { finiteOption, optionError, optionsObject } from './check.js';
import { checkDataset } from './dataset.js';
import type { Dataset, PixelArray } from './dataset.js';
import { rngFrom } from './shuffle.js';

/** Options of {@link binarize}. */
export interface BinarizeOptions {
  /** A value becomes 1 when it is strictly greater than this, else 0. */
  readonly threshold: number;
}

/** Options of {@link sampleBinary}. */
export interface SampleBinaryOptions {
  /** The intensity that means probability 1 (16 for the digits, 255 for MNIST bytes); a finite number > 0. */
  readonly max: number;
  /** The seed (string or safe integer) or Rng of the draws. */
  readonly seed: Seed | Rng;
}

function place(i: number, cols: number | undefined): Record<string, number> {
  return cols === undefined ? { index: i } : { index: i, row: Math.floor(i / cols), column: i % cols };
}

/** Throws on the first non-finite value, or value outside [0, max] when max is given. */
function checkValues(fn: string, values: ArrayLike<number>, cols: number | undefined, max?: number): void {
  for (let i = 0; i < values.length; i++) {
    const x = values[i]!;
    if (!Number.isFinite(x)) {
      throw new NonFiniteError(`${fn}: value ${String(x)} at ${JSON.stringify(place(i, cols))}; intensities must be finite numbers`, {
        function: fn,
        ...place(i, cols),
        received: x,
      });
    }
    if (max !== undefined && (x < 0 || x > max)) {
      throw new ProbabilityRangeError(
        `${fn}: value ${x} at ${JSON.stringify(place(i, cols))} is outside [0, ${max}]; raise max or clip the data`,
        { function: fn, ...place(i, cols), expected: `[0, ${max}]`, received: x },
      );
    }
  }
}

function checkInto(fn: string, out: unknown, values: unknown): asserts values is ArrayLike<number> {
  if (!(out instanceof Uint8Array)) throw optionError(fn, 'out', 'a Uint8Array', out);
  const ok =
    values instanceof Uint8Array || values instanceof Float64Array || values instanceof Float32Array || Array.isArray(values);
  if (!ok) throw optionError(fn, 'values', 'a Uint8Array, Float32Array, Float64Array or number[]', values);
  if (out.length !== (values as ArrayLike<number>).length) {
    throw new ShapeError(`${fn}: out has length ${out.length}, values ${(values as ArrayLike<number>).length}; they must match`, {
      function: fn,
      option: 'out',
      expected: (values as ArrayLike<number>).length,
      received: out.length,
    });
  }
}

/**
 * Writes `values[i] > threshold ? 1 : 0` into `out`.
 *
 * @remarks
 * Shapes: `out.length === values.length`. Mutates: `out`, only after every
 * value has been checked. Allocates: nothing. Complexity: O(n).
 *
 * @param out - destination, overwritten with 0/1
 * @param values - intensities
 * @param threshold - a finite number
 * @returns `out`
 * @throws ShapeError when the lengths differ; NonFiniteError naming the
 *   index of a NaN or ±Infinity value; ConfigError for a bad threshold
 *
 * @example
 * ```ts
 * import { binarizeInto } from '@stochnet/data';
 * console.log(Array.from(binarizeInto(new Uint8Array(3), [0, 8, 16], 7))); // [ 0, 1, 1 ]
 * ```
 */
export function binarizeInto(out: Uint8Array, values: ArrayLike<number>, threshold: number): Uint8Array {
  const fn = 'binarizeInto';
  checkInto(fn, out, values);
  finiteOption(fn, 'threshold', threshold);
  checkValues(fn, values, undefined);
  for (let i = 0; i < values.length; i++) out[i] = values[i]! > threshold ? 1 : 0;
  return out;
}

/**
 * A binarised copy of a data set: each value becomes 1 when it is strictly
 * greater than `threshold`, else 0. Labels and shape are kept.
 *
 * @param data - the data set (not modified)
 * @param options - the threshold (for the digits, 7: pixel > 7)
 * @returns a new data set of 0/1 bytes
 * @throws ShapeError / ConfigError for an inconsistent data set or bad
 *   threshold; NonFiniteError naming the row and column of a non-finite value
 *
 * @example
 * ```ts
 * import { binarize, loadDigits } from '@stochnet/data';
 * const b = binarize(loadDigits(), { threshold: 7 });
 * console.log(b.images.every((x) => x === 0 || x === 1)); // true
 * ```
 */
export function binarize(data: Dataset<PixelArray>, options: BinarizeOptions): Dataset<Uint8Array> {
  const fn = 'binarize';
  checkDataset(fn, data);
  const threshold = finiteOption(fn, 'threshold', optionsObject(fn, options)['threshold']);
  checkValues(fn, data.images, data.cols);
  const images = new Uint8Array(data.images.length);
  for (let i = 0; i < images.length; i++) images[i] = data.images[i]! > threshold ? 1 : 0;
  return { ...copyMeta(data), images };
}

function copyMeta(data: Dataset<PixelArray>): Omit<Dataset<Uint8Array>, 'images'> {
  return {
    labels: data.labels === null ? null : data.labels.slice(),
    rows: data.rows,
    cols: data.cols,
    shape: [data.shape[0], data.shape[1]],
  };
}

/**
 * Writes seeded Bernoulli draws into `out`: entry i is 1 with probability
 * `values[i] / max`.
 *
 * @remarks
 * The rule: for i = 0, 1, …, n−1 in order, `u = rng.next()` (one draw per
 * entry, whatever its probability) and `out[i] = u < values[i] / max ? 1 : 0`.
 * So 0 always gives 0 and `max` always gives 1, and E[out[i]] = values[i] / max.
 *
 * Shapes: `out.length === values.length`. Mutates: `out` and the stream,
 * only after every value has been checked. Allocates: nothing. Complexity: O(n).
 *
 * @param out - destination, overwritten with 0/1
 * @param values - intensities in [0, max]
 * @param max - the intensity of probability 1, a finite number > 0
 * @param rng - the stream to draw from
 * @returns `out`
 * @throws ShapeError when the lengths differ; NonFiniteError or
 *   ProbabilityRangeError naming the index of a bad value; ConfigError for a bad max
 *
 * @example
 * ```ts
 * import { createRng } from '@stochnet/graph';
 * import { sampleBinaryInto } from '@stochnet/data';
 * console.log(Array.from(sampleBinaryInto(new Uint8Array(2), [0, 16], 16, createRng(1)))); // [ 0, 1 ]
 * ```
 */
export function sampleBinaryInto(out: Uint8Array, values: ArrayLike<number>, max: number, rng: Rng): Uint8Array {
  const fn = 'sampleBinaryInto';
  checkInto(fn, out, values);
  if (finiteOption(fn, 'max', max) <= 0) throw optionError(fn, 'max', 'a finite number > 0', max);
  checkValues(fn, values, undefined, max);
  const r = rngFrom(rng);
  for (let i = 0; i < values.length; i++) out[i] = r.next() < values[i]! / max ? 1 : 0;
  return out;
}

/**
 * A stochastically binarised copy of a data set: each value v becomes 1 with
 * probability v / max (the rule of {@link sampleBinaryInto}, in row-major
 * order). Labels and shape are kept.
 *
 * @param data - the data set (not modified)
 * @param options - the intensity of probability 1, and the seed
 * @returns a new data set of 0/1 bytes
 * @throws ConfigError for bad options; SeedError for a missing or bad seed;
 *   NonFiniteError or ProbabilityRangeError naming the row and column of a
 *   value outside [0, max]
 *
 * @example
 * ```ts
 * import { loadDigits, sampleBinary } from '@stochnet/data';
 * const a = sampleBinary(loadDigits(), { max: 16, seed: 3 });
 * const b = sampleBinary(loadDigits(), { max: 16, seed: 3 });
 * console.log(a.images.every((x, i) => x === b.images[i])); // true
 * ```
 */
export function sampleBinary(data: Dataset<PixelArray>, options: SampleBinaryOptions): Dataset<Uint8Array> {
  const fn = 'sampleBinary';
  checkDataset(fn, data);
  const o = optionsObject(fn, options);
  const max = finiteOption(fn, 'max', o['max']);
  if (max <= 0) throw optionError(fn, 'max', 'a finite number > 0', max);
  checkValues(fn, data.images, data.cols, max);
  const rng = rngFrom(o['seed'] as Seed | Rng);
  const images = new Uint8Array(data.images.length);
  for (let i = 0; i < images.length; i++) images[i] = rng.next() < data.images[i]! / max ? 1 : 0;
  return { ...copyMeta(data), images };
}
