/**
 * Chains and their randomness: the chain-count limits, the one rule that
 * derives a chain's random stream from the sampler's seed, and the checks
 * shared by every multi-chain sampler.
 *
 * @module
 */
import { ConfigError, SeedError, TooLargeError, createRng } from '@stochnet/graph';
import type { Rng, Seed } from '@stochnet/graph';
import { forkStreams } from './alea-streams.js';

/**
 * The most chains one sampler runs: 2^24. Larger requests throw a
 * `TooLargeError` before anything is allocated.
 *
 * @example
 * ```ts
 * import { MAX_CHAINS } from '@stochnet/inference';
 * console.log(MAX_CHAINS === 2 ** 24); // true
 * ```
 */
export const MAX_CHAINS = 2 ** 24;

/**
 * The most state entries (chains × units) one sampler holds: 2^28, i.e.
 * 1 GiB of float32 states. Larger requests throw a `TooLargeError` before
 * anything is allocated.
 *
 * @example
 * ```ts
 * import { MAX_CHAIN_ENTRIES } from '@stochnet/inference';
 * console.log(MAX_CHAIN_ENTRIES === 2 ** 28); // true
 * ```
 */
export const MAX_CHAIN_ENTRIES = 2 ** 28;

/** Where a sampler's randomness comes from: a seed, or an existing stream (exactly one). */
export interface RandomnessOptions {
  /** A seed (string or safe integer, see `canonicalSeed` in @stochnet/graph). */
  readonly seed?: Seed | undefined;
  /** A stream; only its seed matters, since chains are forks of it (see {@link chainRng}). */
  readonly rng?: Rng | undefined;
}

/**
 * The random stream of chain `chain`: `base.fork('chain/' + chain)`.
 *
 * @remarks
 * A fork is derived from the base stream's seed alone (not from how far the
 * base has advanced), so chain c draws the same numbers however many chains
 * run beside it: running chains 0..9 and then 0..19 from one seed gives
 * identical first ten chains. With a seed s, chain c's stream is the stream
 * of seed `s + '/chain/' + c`.
 *
 * @param base - the sampler's stream
 * @param chain - the chain index, a non-negative integer
 * @returns the chain's own stream
 * @throws ConfigError when `chain` is not a non-negative safe integer
 *
 * @example
 * ```ts
 * import { createRng } from '@stochnet/graph';
 * import { chainRng } from '@stochnet/inference';
 * const a = chainRng(createRng(7), 3);
 * console.log(a.seed); // '7/chain/3'
 * ```
 */
export function chainRng(base: Rng, chain: number): Rng {
  if (typeof chain !== 'number' || !Number.isSafeInteger(chain) || chain < 0) {
    throw new ConfigError(`chainRng: chain must be a non-negative integer, got ${String(chain)}`, {
      function: 'chainRng',
      option: 'chain',
      received: chain,
    });
  }
  return base.fork(`chain/${chain}`);
}

/** @internal Throws unless `chains` is a positive integer within {@link MAX_CHAINS} and `chains × size` within {@link MAX_CHAIN_ENTRIES}. */
export function checkChains(fn: string, chains: unknown, size: number): asserts chains is number {
  if (typeof chains !== 'number' || !Number.isSafeInteger(chains) || chains <= 0) {
    throw new ConfigError(`${fn}: option chains must be a positive integer, got ${String(chains)}`, {
      function: fn,
      option: 'chains',
      expected: 'positive integer',
      received: chains,
    });
  }
  if (chains > MAX_CHAINS) {
    throw new TooLargeError(`${fn}: ${chains} chains exceeds the limit of 2^24 chains; run fewer chains per sampler`, {
      function: fn,
      option: 'chains',
      received: chains,
      limit: MAX_CHAINS,
    });
  }
  if (chains * size > MAX_CHAIN_ENTRIES) {
    throw new TooLargeError(`${fn}: ${chains} chains × ${size} units exceeds the limit of 2^28 state entries; run fewer chains`, {
      function: fn,
      option: 'chains',
      received: chains,
      units: size,
      limit: MAX_CHAIN_ENTRIES,
    });
  }
}

function isRng(x: unknown): x is Rng {
  if (x === null || typeof x !== 'object') return false;
  const r = x as Record<string, unknown>;
  return typeof r['fork'] === 'function' && typeof r['next'] === 'function' && typeof r['seed'] === 'string';
}

/**
 * @internal The base stream of a sampler from `{ seed }` or `{ rng }`,
 * checked before any randomness is made or consumed.
 */
export function baseRng(fn: string, opts: RandomnessOptions): Rng {
  const hasSeed = opts.seed !== undefined;
  const hasRng = opts.rng !== undefined;
  if (hasSeed && hasRng) {
    throw new ConfigError(`${fn}: give either option seed or option rng, not both`, { function: fn, option: 'seed' });
  }
  if (hasRng) {
    if (!isRng(opts.rng)) {
      throw new SeedError(`${fn}: option rng must be an Rng made by createRng or restoreRng`, { function: fn, option: 'rng' });
    }
    return opts.rng;
  }
  if (!hasSeed) {
    throw new SeedError(`${fn}: give option seed (a string or safe integer) or option rng; stochnet never seeds itself`, {
      function: fn,
      option: 'seed',
      received: 'undefined',
    });
  }
  return createRng(opts.seed as Seed);
}

/**
 * @internal The streams of chains `first .. first + count − 1`: chain c's
 * draws exactly as `base.fork('chain/' + c)`, held in one typed array (see
 * `forkStreams`).
 */
export function chainRngs(base: Rng, count: number, first = 0): Rng[] {
  return forkStreams(base, 'chain/', count, first);
}
