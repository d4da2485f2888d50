/**
 * Seeded train / validation / test splits of row indices and of data sets.
 *
 * @module
 */
import type { Rng, Seed } from '@stochnet/graph';
import { intOption, optionError, optionsObject } from './check.js';
import { checkDataset, selectRows } from './dataset.js';
import type { Dataset, PixelArray } from './dataset.js';
import { MAX_ROWS, rngFrom, shuffledIndices } from './shuffle.js';

/** Options of {@link splitIndices} and {@link splitDataset}. */
export interface SplitOptions {
  /** The seed (string or safe integer) or Rng of the shuffle. Required. */
  readonly seed: Seed | Rng;
  /** Validation rows: a count (integer ≥ 0) or a fraction in (0, 1) of the rows, rounded. Default 0. */
  readonly validation?: number | undefined;
  /** Test rows: a count (integer ≥ 0) or a fraction in (0, 1) of the rows, rounded. Default 0. */
  readonly test?: number | undefined;
}

/** Row indices of the three parts of a split, each sorted ascending. */
export interface IndexSplit {
  /** Training rows. */
  readonly train: Uint32Array;
  /** Validation rows (empty without `validation`). */
  readonly validation: Uint32Array;
  /** Test rows (empty without `test`). */
  readonly test: Uint32Array;
}

/** The three parts of a split data set, with their source row indices. */
export interface DatasetSplit<P extends PixelArray = Uint8Array> {
  /** Training rows. */
  readonly train: Dataset<P>;
  /** Validation rows. */
  readonly validation: Dataset<P>;
  /** Test rows. */
  readonly test: Dataset<P>;
  /** Which source rows went where. */
  readonly indices: IndexSplit;
}

function partSize(fn: string, option: string, value: unknown, n: number): number {
  if (value === undefined) return 0;
  if (typeof value === 'number' && value > 0 && value < 1) return Math.round(value * n);
  return intOption(fn, option, value, 0, MAX_ROWS);
}

function sorted(a: Uint32Array): Uint32Array {
  return a.sort();
}

/**
 * Splits the row indices 0..n−1 into train, validation and test parts by a
 * seeded shuffle.
 *
 * @remarks
 * The rule: `p = shuffledIndices(n, seed)` (seeded Fisher–Yates, see
 * {@link shuffledIndicesInto}); with `v` validation and `t` test rows and
 * `r = n − v − t`, train is `p[0, r)`, validation `p[r, r + v)` and test
 * `p[r + v, n)`, each then sorted ascending. Fractions become counts as
 * `Math.round(fraction · n)`.
 *
 * @param n - the number of rows, an integer ≥ 0
 * @param options - seed and part sizes
 * @returns the three parts, disjoint, covering 0..n−1
 * @throws ConfigError for bad sizes or when validation + test exceed n;
 *   SeedError for a missing or bad seed
 *
 * @example
 * ```ts
 * import { splitIndices } from '@stochnet/data';
 * const s = splitIndices(10, { seed: 1, validation: 2, test: 0.3 });
 * console.log(s.train.length, s.validation.length, s.test.length); // 5 2 3
 * ```
 */
export function splitIndices(n: number, options: SplitOptions): IndexSplit {
  const fn = 'splitIndices';
  intOption(fn, 'n', n, 0, MAX_ROWS);
  const o = optionsObject(fn, options);
  const v = partSize(fn, 'validation', o['validation'], n);
  const t = partSize(fn, 'test', o['test'], n);
  if (v + t > n) throw optionError(fn, 'validation + test', `at most the ${n} rows`, v + t);
  const p = shuffledIndices(n, rngFrom(o['seed'] as Seed | Rng));
  const r = n - v - t;
  return {
    train: sorted(p.slice(0, r)),
    validation: sorted(p.slice(r, r + v)),
    test: sorted(p.slice(r + v)),
  };
}

/**
 * Splits a data set into train, validation and test data sets by the rule of
 * {@link splitIndices} (rows keep their source order within each part).
 *
 * @param data - the data set to split (not modified)
 * @param options - seed and part sizes
 * @returns the three parts and their source row indices
 * @throws ConfigError, ShapeError for an inconsistent data set or bad
 *   options; SeedError for a missing or bad seed
 *
 * @example
 * ```ts
 * import { loadDigits, splitDataset } from '@stochnet/data';
 * const { train, validation, test } = splitDataset(loadDigits({ binarize: true }), { seed: 7, validation: 0.1, test: 0.1 });
 * console.log(train.rows, validation.rows, test.rows); // 1437 180 180
 * ```
 */
export function splitDataset<P extends PixelArray>(data: Dataset<P>, options: SplitOptions): DatasetSplit<P> {
  checkDataset('splitDataset', data);
  const indices = splitIndices(data.rows, options);
  return {
    train: selectRows(data, indices.train),
    validation: selectRows(data, indices.validation),
    test: selectRows(data, indices.test),
    indices,
  };
}
