/**
 * Bars and stripes (MacKay 2003): n×n binary images whose rows, or whose
 * columns, are each all on or all off.
 *
 * @module
 */
import { TooLargeError } from '@stochnet/graph';
import type { Rng, Seed } from '@stochnet/graph';
import { intOption } from '../check.js';
import type { Dataset, PixelArray } from '../dataset.js';
import { checkPattern, meanLogProbOf, sampleListed } from './distribution.js';
import type { BinarySource, ExactDistribution } from './distribution.js';

/** The largest side {@link barsAndStripes} accepts (2^17 − 2 patterns of 256 units). */
export const MAX_BARS_AND_STRIPES_SIDE = 16;

/** The bars-and-stripes distribution: all distinct patterns, uniformly. */
export interface BarsAndStripes extends ExactDistribution, BinarySource {
  /** The side n of the n×n images. */
  readonly side: number;
}

/**
 * The uniform distribution over the 2^(n+1) − 2 distinct n×n bars-and-stripes
 * patterns, listed exactly.
 *
 * @remarks
 * A pattern is "bars" when every column is constant (all on or all off) and
 * "stripes" when every row is. There are 2^n of each; the all-off and all-on
 * images are both, so 2^(n+1) − 2 are distinct. Each has probability
 * 1 / (2^(n+1) − 2), so the entropy is log(2^(n+1) − 2) nats and the best mean
 * log-likelihood is −log(2^(n+1) − 2). (MacKay's generative process — pick an
 * orientation, then each line on with probability 1/2 — is not uniform: it
 * gives the all-off and all-on images twice the mass; this set is uniform.)
 *
 * Order: first the bars for m = 0, 1, …, 2^n − 1 (column j on when bit j of
 * m is 1, column 0 leftmost), then the stripes for m = 1, …, 2^n − 2 (row i
 * on when bit i of m is 1, row 0 at the top). Images are row-major.
 *
 * @param n - the side, an integer in [1, 16]
 * @returns the exact distribution, with `logProb`, `meanLogProb` and seeded `sample`
 * @throws ConfigError when n is not an integer ≥ 1; TooLargeError when n > 16
 *
 * @example
 * ```ts
 * import { barsAndStripes } from '@stochnet/data';
 * const bs = barsAndStripes(3);
 * console.log(bs.count, bs.logProb([1, 1, 1, 0, 0, 0, 1, 1, 1]) === -Math.log(14)); // 14 true
 * const data = bs.sample(100, 5);
 * console.log(data.rows, data.cols); // 100 9
 * ```
 */
export function barsAndStripes(n: number): BarsAndStripes {
  const fn = 'barsAndStripes';
  intOption(fn, 'n', n, 1);
  if (n > MAX_BARS_AND_STRIPES_SIDE) {
    throw new TooLargeError(`${fn}: n = ${n} gives 2^${n + 1} − 2 patterns; the limit is n ≤ ${MAX_BARS_AND_STRIPES_SIDE}`, {
      function: fn,
      option: 'n',
      limit: MAX_BARS_AND_STRIPES_SIDE,
      received: n,
    });
  }
  const cols = n * n;
  const half = 2 ** n;
  const count = 2 * half - 2;
  const patterns = new Uint8Array(count * cols);
  for (let m = 0; m < half; m++) {
    for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) patterns[m * cols + i * n + j] = (m >>> j) & 1;
  }
  for (let m = 1; m < half - 1; m++) {
    const k = half + m - 1;
    for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) patterns[k * cols + i * n + j] = (m >>> i) & 1;
  }
  const probabilities = new Float64Array(count).fill(1 / count);
  const logP = -Math.log(count);
  const shape: readonly [number, number] = [n, n];

  const logProb = (x: ArrayLike<number>): number => {
    checkPattern('barsAndStripes.logProb', x, cols);
    return isBarsOrStripes(x, n) ? logP : -Infinity;
  };
  const dist: BarsAndStripes = {
    side: n,
    patterns,
    probabilities,
    count,
    cols,
    shape,
    entropy: -logP,
    logProb,
    meanLogProb: (data: Dataset<PixelArray>) => meanLogProbOf('barsAndStripes.meanLogProb', data, cols, logProb),
    sample: (rows: number, seed: Seed | Rng) => sampleListed('barsAndStripes.sample', dist, rows, seed),
  };
  return dist;
}

function isBarsOrStripes(x: ArrayLike<number>, n: number): boolean {
  let rowsConstant = true;
  let colsConstant = true;
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < n; j++) {
      if (x[i * n + j] !== x[i * n]) rowsConstant = false;
      if (x[i * n + j] !== x[j]) colsConstant = false;
    }
  }
  return rowsConstant || colsConstant;
}
