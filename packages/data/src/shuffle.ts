/**
 * The one shuffle rule of the package: a seeded Fisher–Yates permutation,
 * specified exactly so that other tools can reproduce it.
 *
 * @module
 */
import { ConfigError, createRng } from '@stochnet/graph';
import type { Rng, Seed } from '@stochnet/graph';
import { intOption } from './check.js';

/** The largest row count the shuffles and splits accept (2^31 − 1). */
export const MAX_ROWS = 2 ** 31 - 1;

function isRng(x: unknown): x is Rng {
  return x !== null && typeof x === 'object' && typeof (x as Rng).nextInt === 'function' && typeof (x as Rng).seed === 'string';
}

/** An Rng from a seed (a fresh stream) or an Rng (used as it is, and advanced); throws SeedError for a bad seed. */
export function rngFrom(source: Seed | Rng): Rng {
  return isRng(source) ? source : createRng(source);
}

/**
 * Writes a seeded permutation of 0..out.length−1 into `out`.
 *
 * @remarks
 * The rule (Fisher–Yates, Durstenfeld's form): start from the identity
 * `a = [0, 1, …, n−1]`; for `i = n−1` down to 1, draw `j = rng.nextInt(i + 1)`
 * and swap `a[i]` and `a[j]`. `rng.nextInt(m)` is `floor(m · u)` with `u`
 * the next output of seedrandom's Alea generator seeded with the canonical
 * seed string (see `createRng` in @stochnet/graph). Exactly n − 1 draws are
 * taken.
 *
 * Shapes: `out` of any length n ≤ {@link MAX_ROWS}. Mutates: `out`, the
 * stream. Allocates: nothing. Complexity: O(n).
 *
 * @param out - destination, overwritten
 * @param rng - the stream to draw from
 * @returns `out`
 *
 * @example
 * ```ts
 * import { createRng } from '@stochnet/graph';
 * import { shuffledIndicesInto } from '@stochnet/data';
 * const out = shuffledIndicesInto(new Uint32Array(5), createRng(1));
 * console.log(Array.from(out).sort()); // [ 0, 1, 2, 3, 4 ]
 * ```
 */
export function shuffledIndicesInto(out: Uint32Array, rng: Rng): Uint32Array {
  if (!(out instanceof Uint32Array)) throw new ConfigError('shuffledIndicesInto: out must be a Uint32Array', { option: 'out' });
  if (!isRng(rng)) throw new ConfigError('shuffledIndicesInto: rng must be an Rng from createRng', { option: 'rng' });
  const n = out.length;
  for (let i = 0; i < n; i++) out[i] = i;
  for (let i = n - 1; i > 0; i--) {
    const j = rng.nextInt(i + 1);
    const t = out[i]!;
    out[i] = out[j]!;
    out[j] = t;
  }
  return out;
}

/**
 * A seeded permutation of 0..n−1 (the rule of {@link shuffledIndicesInto}).
 *
 * @param n - the number of indices, an integer in [0, 2^31 − 1]
 * @param seed - a seed (string or safe integer) or an Rng to draw from
 * @returns a fresh permutation
 * @throws ConfigError for a bad `n`; SeedError for a bad seed
 *
 * @example
 * ```ts
 * import { shuffledIndices } from '@stochnet/data';
 * const a = shuffledIndices(10, 42), b = shuffledIndices(10, '42');
 * console.log(a.join() === b.join()); // true
 * ```
 */
export function shuffledIndices(n: number, seed: Seed | Rng): Uint32Array {
  intOption('shuffledIndices', 'n', n, 0, MAX_ROWS);
  return shuffledIndicesInto(new Uint32Array(n), rngFrom(seed));
}
