/**
 * Seeded randomness: the one seed rule, streams, substreams and saved state.
 *
 * stochnet never draws from the global, unseeded generator. Every random draw comes from an
 * {@link Rng} made from a seed by seedrandom's Alea generator.
 *
 * @module
 */
import seedrandom from 'seedrandom';
import * as E from 'fp-ts/lib/Either.js';
import { SeedError, ValidationError } from './errors.js';

/** A user seed: a string, or a safe integer (turned into its decimal string). */
export type Seed = string | number;

/** The saved state of an {@link Rng}: plain JSON data. */
export interface RngState {
  /** The generator algorithm. */
  readonly algorithm: 'alea';
  /** The canonical seed string the stream was made from. */
  readonly seed: string;
  /** The generator's internal state. */
  readonly state: { readonly c: number; readonly s0: number; readonly s1: number; readonly s2: number };
}

/** A seeded stream of uniform random numbers. */
export interface Rng {
  /** The canonical seed string this stream was made from. */
  readonly seed: string;
  /** A uniform number in [0, 1) with 32 bits of resolution. */
  next(): number;
  /** A uniform number in [0, 1) with 53 bits of resolution. */
  nextDouble(): number;
  /** A uniform integer in [0, n) for a positive integer n ≤ 2^32; any other n is a ValidationError. */
  nextInt(n: number): number;
  /**
   * Fills `out` with uniforms in [0, 1) (32-bit resolution); returns `out`.
   * In a Float32Array a draw that would round up to 1 is stored as the
   * largest float32 below 1, so every stored value stays below 1. Any other
   * `out` is a ValidationError, and the stream does not advance.
   */
  fill<T extends Float32Array | Float64Array>(out: T): T;
  /** A standard normal draw (Box–Muller on two 53-bit uniforms). */
  nextNormal(): number;
  /** The state now, to save and later {@link restoreRng}. */
  state(): RngState;
  /**
   * An independent substream named `label`, derived from this stream's seed
   * (not from how far it has advanced): `fork('chain/3')` gives the same
   * stream however many other chains exist.
   */
  fork(label: string): Rng;
}

interface AleaPrng {
  (): number;
  double(): number;
  state(): { c: number; s0: number; s1: number; s2: number };
}

/**
 * The one seed rule: a string is used as it is; a safe integer becomes its
 * decimal string (so `111` and `'111'` give the same stream, and `-0` is
 * `'0'`). Anything else (undefined, null, NaN, fractions, objects, arrays,
 * functions, bigints) is a {@link SeedError}: stochnet never seeds itself.
 *
 * @param seed - the value to canonicalise
 * @returns the canonical seed string, or the SeedError
 *
 * @example
 * ```ts
 * import { canonicalSeed } from '@stochnet/graph';
 * import * as E from 'fp-ts/Either';
 * console.log(canonicalSeed(111)); // { _tag: 'Right', right: '111' }
 * console.log(E.isLeft(canonicalSeed(Number.NaN))); // true
 * ```
 */
export function canonicalSeed(seed: unknown): E.Either<SeedError, string> {
  if (typeof seed === 'string') return E.right(seed);
  if (typeof seed === 'number' && Number.isSafeInteger(seed)) return E.right(String(seed === 0 ? 0 : seed));
  const received = seed === null ? 'null' : Array.isArray(seed) ? 'array' : typeof seed === 'number' ? String(seed) : typeof seed;
  return E.left(
    new SeedError(
      `seed must be a string or a safe integer, got ${received}; pass an explicit seed such as 42 or 'run-1'`,
      { received },
    ),
  );
}

/** The largest float32 below 1, 1 − 2^−24. */
const FLOAT32_BELOW_ONE = 1 - 2 ** -24;
const MAX_INT_RANGE = 2 ** 32;

function checkRange(n: number): void {
  if (typeof n !== 'number' || !Number.isSafeInteger(n) || n < 1 || n > MAX_INT_RANGE) {
    throw new ValidationError(`nextInt needs a positive integer n ≤ 2^32, got ${String(n)}`, {
      argument: 'n',
      expected: 'integer in [1, 2^32]',
      received: n,
    });
  }
}

function fromAlea(seed: string, prng: AleaPrng): Rng {
  const rng: Rng = {
    seed,
    next: () => prng(),
    nextDouble: () => prng.double(),
    nextInt: (n) => {
      checkRange(n);
      return Math.floor(prng() * n);
    },
    fill: (out) => {
      if (!(out instanceof Float64Array) && !(out instanceof Float32Array)) {
        throw new ValidationError('fill needs a Float32Array or Float64Array to fill', { argument: 'out', expected: 'Float32Array or Float64Array' });
      }
      if (out instanceof Float32Array) {
        // Draws above 1 − 2^−25 round to 1 in float32; p = 1 must still always fire (u < p).
        for (let i = 0; i < out.length; i++) {
          const u = prng();
          out[i] = Math.fround(u) === 1 ? FLOAT32_BELOW_ONE : u;
        }
      } else {
        for (let i = 0; i < out.length; i++) out[i] = prng();
      }
      return out;
    },
    nextNormal: () => {
      // 1 - u lies in (0, 1], so the logarithm is finite.
      const u = 1 - prng.double();
      const v = prng.double();
      return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
    },
    state: () => ({ algorithm: 'alea', seed, state: { ...prng.state() } }),
    fork: (label) => createRng(`${seed}/${label}`),
  };
  return rng;
}

/**
 * Makes a seeded stream. Same seed, same draws, on every engine.
 *
 * @param seed - a string or safe integer (see {@link canonicalSeed})
 * @returns a fresh stream
 * @throws SeedError when the seed is not accepted
 *
 * @example
 * ```ts
 * import { createRng } from '@stochnet/graph';
 * const a = createRng(7), b = createRng('7');
 * console.log(a.next() === b.next()); // true
 * ```
 */
export function createRng(seed: Seed): Rng {
  const canon = canonicalSeed(seed);
  if (E.isLeft(canon)) throw canon.left;
  return fromAlea(canon.right, seedrandom.alea(canon.right, { state: true }) as unknown as AleaPrng);
}

/**
 * Continues a stream from a saved {@link RngState}: the draws equal those of
 * the uninterrupted stream.
 *
 * @param saved - a state from {@link Rng.state}
 * @returns the stream, positioned where it was saved
 * @throws SeedError when `saved` is not a valid state
 *
 * @example
 * ```ts
 * import { createRng, restoreRng } from '@stochnet/graph';
 * const r = createRng(1);
 * r.next();
 * const copy = restoreRng(r.state());
 * console.log(copy.next() === r.next()); // true
 * ```
 */
export function restoreRng(saved: RngState): Rng {
  const s = saved as unknown as Record<string, unknown> | null;
  const st = s !== null && typeof s === 'object' ? (s['state'] as Record<string, unknown> | null) : null;
  const ok =
    s !== null &&
    typeof s === 'object' &&
    s['algorithm'] === 'alea' &&
    typeof s['seed'] === 'string' &&
    st !== null &&
    typeof st === 'object' &&
    ['c', 's0', 's1', 's2'].every((k) => typeof st[k] === 'number' && Number.isFinite(st[k]));
  if (!ok) throw new SeedError('saved RNG state is malformed; pass the object returned by rng.state()', {});
  const state = { c: st['c'] as number, s0: st['s0'] as number, s1: st['s1'] as number, s2: st['s2'] as number };
  return fromAlea(saved.seed, seedrandom.alea('', { state }) as unknown as AleaPrng);
}
