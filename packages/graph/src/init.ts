/**
 * Initialisers: plain tagged descriptions of how to fill a parameter array,
 * turned into values by {@link initialise} with a seeded stream.
 *
 * @module
 */
import { ConfigError, NonFiniteError, ProbabilityRangeError, SeedError, ShapeError, ValidationError } from './errors.js';
import type { Rng } from './rng.js';

/**
 * How to fill a parameter array: a plain tagged object, made by
 * {@link zeros}, {@link constant}, {@link normal}, {@link uniform},
 * {@link smallRandom} or {@link visibleBiasFromData}.
 */
export type Initialiser =
  | {
      /** Every value 0. */
      readonly kind: 'zeros';
    }
  | {
      /** Every value `value`. */
      readonly kind: 'constant';
      /** The value, finite. */
      readonly value: number;
    }
  | {
      /** Independent draws N(mean, sd²). */
      readonly kind: 'normal';
      /** The mean, finite. */
      readonly mean: number;
      /** The standard deviation, finite and ≥ 0. */
      readonly sd: number;
    }
  | {
      /** Independent uniform draws on [low, high). */
      readonly kind: 'uniform';
      /** The lower end, finite. */
      readonly low: number;
      /** The upper end, finite and ≥ low. */
      readonly high: number;
    }
  | {
      /** Exactly these values (the array length must match). */
      readonly kind: 'values';
      /** The values, finite. */
      readonly values: readonly number[];
    };

function finiteOption(name: string, value: unknown, factory: string): number {
  if (typeof value !== 'number') {
    throw new ConfigError(`${factory}: ${name} must be a number, got ${value === null ? 'null' : typeof value}`, { option: name, received: typeof value });
  }
  if (!Number.isFinite(value)) {
    throw new NonFiniteError(`${factory}: ${name} must be finite, got ${value}`, { option: name, value });
  }
  return value;
}

/**
 * Fills with zeros.
 *
 * @returns the initialiser
 *
 * @example
 * ```ts
 * import { zeros, initialise } from '@stochnet/graph';
 * console.log(initialise(zeros(), 3)); // Float64Array(3) [ 0, 0, 0 ]
 * ```
 */
export function zeros(): Initialiser {
  return Object.freeze({ kind: 'zeros' });
}

/**
 * Fills with one value.
 *
 * @param value - the value, a finite number
 * @returns the initialiser
 * @throws {@link NonFiniteError} when `value` is NaN or ±Infinity
 * @throws {@link ConfigError} when `value` is not a number
 *
 * @example
 * ```ts
 * import { constant, initialise } from '@stochnet/graph';
 * console.log(initialise(constant(-4), 2)); // Float64Array(2) [ -4, -4 ]
 * ```
 */
export function constant(value: number): Initialiser {
  return Object.freeze({ kind: 'constant', value: finiteOption('value', value, 'constant') });
}

/**
 * Fills with independent normal draws N(mean, sd²).
 *
 * @param mean - the mean, finite
 * @param sd - the standard deviation, finite and ≥ 0
 * @returns the initialiser (random: needs a seed)
 * @throws {@link NonFiniteError} when `mean` or `sd` is not finite
 * @throws {@link ConfigError} when `sd` is negative or an argument is not a number
 *
 * @example
 * ```ts
 * import { normal, initialise, createRng } from '@stochnet/graph';
 * const w = initialise(normal(0, 0.1), 1000, createRng(1));
 * console.log(w.length); // 1000
 * ```
 */
export function normal(mean: number, sd: number): Initialiser {
  const m = finiteOption('mean', mean, 'normal');
  const s = finiteOption('sd', sd, 'normal');
  if (s < 0) throw new ConfigError(`normal: sd must be ≥ 0, got ${s}`, { option: 'sd', received: s });
  return Object.freeze({ kind: 'normal', mean: m, sd: s });
}

/**
 * Fills with independent uniform draws on [low, high).
 *
 * @param low - the lower end, finite
 * @param high - the upper end, finite and ≥ low
 * @returns the initialiser (random: needs a seed)
 * @throws {@link NonFiniteError} when an end is not finite
 * @throws {@link ConfigError} when `high < low`, the width overflows, or an end is not a number
 *
 * @example
 * ```ts
 * import { uniform, initialise, createRng } from '@stochnet/graph';
 * const w = initialise(uniform(-1, 1), 4, createRng('u'));
 * console.log(w.every((x) => x >= -1 && x < 1)); // true
 * ```
 */
export function uniform(low: number, high: number): Initialiser {
  const lo = finiteOption('low', low, 'uniform');
  const hi = finiteOption('high', high, 'uniform');
  if (hi < lo || !Number.isFinite(hi - lo)) {
    throw new ConfigError(`uniform: need low ≤ high with a finite width, got low ${lo}, high ${hi}`, { option: 'high', low: lo, high: hi });
  }
  return Object.freeze({ kind: 'uniform', low: lo, high: hi });
}

/**
 * Small random weights N(0, sd²), the usual start for RBM weights.
 *
 * @remarks
 * Hinton (2010), "A practical guide to training restricted Boltzmann
 * machines", §8: weights from a zero-mean Gaussian with standard deviation
 * 0.01; larger values speed learning at first but can hurt the final model.
 *
 * @param sd - the standard deviation, finite and ≥ 0 (default 0.01)
 * @returns the initialiser (random: needs a seed)
 * @throws {@link NonFiniteError} or {@link ConfigError} for a bad `sd`
 *
 * @example
 * ```ts
 * import { smallRandom, initialise, createRng } from '@stochnet/graph';
 * const w = initialise(smallRandom(), 10_000, createRng(3));
 * console.log(w.every((x) => Math.abs(x) < 0.06)); // true
 * ```
 */
export function smallRandom(sd = 0.01): Initialiser {
  return normal(0, finiteOption('sd', sd, 'smallRandom'));
}

function positiveInt(name: string, value: unknown): number {
  if (typeof value !== 'number' || !Number.isSafeInteger(value) || value <= 0) {
    throw new ConfigError(`visibleBiasFromData: ${name} must be a positive integer, got ${String(value)}`, { option: name, received: value });
  }
  return value;
}

/**
 * Visible biases log(p/(1−p)) from the fraction p of training rows in which
 * each visible unit is on.
 *
 * @remarks
 * Hinton (2010), §8: set visible bias i to log(p_i/(1−p_i)), with p_i the
 * proportion of training vectors in which unit i is on; otherwise early
 * learning spends its time making hidden units turn unit i on with
 * probability about p_i. p_i is clipped to [eps, 1−eps] so units that are
 * never (or always) on get finite biases.
 *
 * @param data - row-major `rows × cols` values in [0, 1] (binary data, or probabilities)
 * @param rows - number of training rows
 * @param cols - number of visible units
 * @param eps - clipping margin, in (0, 0.5) (default 1e-3)
 * @returns a `values` initialiser of length `cols`
 * @throws {@link ConfigError} for bad `rows`, `cols` or `eps`
 * @throws {@link ShapeError} when `data.length !== rows * cols`
 * @throws {@link NonFiniteError} / {@link ProbabilityRangeError} naming the row and column of a bad value
 * @throws {@link ValidationError} when a value is not a number
 *
 * @example
 * ```ts
 * import { visibleBiasFromData, initialise } from '@stochnet/graph';
 * // 4 rows × 2 cols: column means 0.5 and 0 (clipped to 1e-3)
 * const b = initialise(visibleBiasFromData([1, 0, 0, 0, 1, 0, 0, 0], 4, 2), 2);
 * console.log(b[0], b[1]); // 0 -6.906754778648554
 * ```
 */
export function visibleBiasFromData(data: ArrayLike<number>, rows: number, cols: number, eps = 1e-3): Initialiser {
  const r = positiveInt('rows', rows);
  const c = positiveInt('cols', cols);
  if (typeof eps !== 'number' || !(eps > 0 && eps < 0.5)) {
    throw new ConfigError(`visibleBiasFromData: eps must lie in (0, 0.5), got ${String(eps)}`, { option: 'eps', received: eps });
  }
  if (data === null || typeof data !== 'object' || typeof data.length !== 'number') {
    throw new ValidationError('visibleBiasFromData: data must be an array or typed array of numbers', { option: 'data' });
  }
  if (data.length !== r * c) {
    throw new ShapeError(`data has ${data.length} values, expected ${r} rows × ${c} cols = ${r * c}`, { option: 'data', expected: [r, c], received: data.length });
  }
  const sums = new Float64Array(c);
  for (let i = 0; i < r; i++) {
    for (let j = 0; j < c; j++) {
      const x: unknown = data[i * c + j];
      if (typeof x !== 'number') {
        throw new ValidationError(`data[${i}][${j}] is a ${typeof x}; expected a number in [0, 1]`, { row: i, column: j, received: typeof x });
      }
      if (!Number.isFinite(x)) throw new NonFiniteError(`data[${i}][${j}] is ${x}; expected a number in [0, 1]`, { row: i, column: j, value: x });
      if (x < 0 || x > 1) throw new ProbabilityRangeError(`data[${i}][${j}] is ${x}; expected a number in [0, 1]`, { row: i, column: j, value: x });
      sums[j] = sums[j]! + x;
    }
  }
  const values: number[] = [];
  for (let j = 0; j < c; j++) {
    const p = Math.min(1 - eps, Math.max(eps, sums[j]! / r));
    values.push(Math.log(p / (1 - p)));
  }
  return Object.freeze({ kind: 'values', values: Object.freeze(values) });
}

/**
 * Whether an initialiser draws random numbers (and so needs a seed).
 *
 * @param init - the initialiser
 * @returns `true` for `normal`, `uniform` and `smallRandom`
 *
 * @example
 * ```ts
 * import { isRandomInitialiser, smallRandom, zeros } from '@stochnet/graph';
 * console.log(isRandomInitialiser(smallRandom()), isRandomInitialiser(zeros())); // true false
 * ```
 */
export function isRandomInitialiser(init: Initialiser): boolean {
  return init.kind === 'normal' || init.kind === 'uniform';
}

/**
 * Whether a value is an {@link Initialiser}.
 *
 * @param x - any value
 * @returns `true` when `x` is a well-formed initialiser object
 *
 * @example
 * ```ts
 * import { isInitialiser, zeros } from '@stochnet/graph';
 * console.log(isInitialiser(zeros()), isInitialiser([0, 1])); // true false
 * ```
 */
export function isInitialiser(x: unknown): x is Initialiser {
  if (x === null || typeof x !== 'object' || Array.isArray(x)) return false;
  const o = x as Record<string, unknown>;
  const num = (k: string): boolean => typeof o[k] === 'number' && Number.isFinite(o[k]);
  switch (o['kind']) {
    case 'zeros':
      return true;
    case 'constant':
      return num('value');
    case 'normal':
      return num('mean') && num('sd') && (o['sd'] as number) >= 0;
    case 'uniform':
      return num('low') && num('high') && (o['low'] as number) <= (o['high'] as number);
    case 'values':
      return Array.isArray(o['values']) && (o['values'] as unknown[]).every((v) => typeof v === 'number' && Number.isFinite(v));
    default:
      return false;
  }
}

/**
 * Makes a fresh array of `length` values from an initialiser.
 *
 * @param init - the initialiser
 * @param length - the array length, a non-negative integer
 * @param rng - the stream to draw from; required for random initialisers
 * @returns a new Float64Array
 * @throws {@link SeedError} when `init` is random and no `rng` is given
 * @throws {@link ShapeError} when a `values` initialiser has another length
 * @throws {@link ConfigError} when `init` is not an initialiser or `length` is not a non-negative integer
 *
 * @example
 * ```ts
 * import { initialise, uniform, createRng } from '@stochnet/graph';
 * const a = initialise(uniform(0, 1), 3, createRng(5));
 * const b = initialise(uniform(0, 1), 3, createRng(5));
 * console.log(a.every((x, i) => x === b[i])); // true
 * ```
 */
export function initialise(init: Initialiser, length: number, rng?: Rng): Float64Array {
  if (!isInitialiser(init)) throw new ConfigError('init must be an initialiser such as zeros() or smallRandom()', { option: 'init' });
  if (!Number.isSafeInteger(length) || length < 0) {
    throw new ConfigError(`length must be a non-negative integer, got ${String(length)}`, { option: 'length', received: length });
  }
  const out = new Float64Array(length);
  switch (init.kind) {
    case 'zeros':
      return out;
    case 'constant':
      return out.fill(init.value);
    case 'values':
      if (init.values.length !== length) {
        throw new ShapeError(`initial values have length ${init.values.length}, expected ${length}`, { expected: length, received: init.values.length });
      }
      out.set(init.values);
      return out;
    default:
      break;
  }
  if (rng === undefined) {
    throw new SeedError(`the ${init.kind} initialiser draws random numbers; pass a seed (e.g. { seed: 42 })`, { option: 'seed' });
  }
  if (init.kind === 'normal') {
    for (let i = 0; i < length; i++) out[i] = init.mean + init.sd * rng.nextNormal();
  } else {
    const width = init.high - init.low;
    for (let i = 0; i < length; i++) out[i] = init.low + width * rng.nextDouble();
  }
  return out;
}
