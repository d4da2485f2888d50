/**
 * What a stochnet network is: groups of stochastic units, couplings and their
 * parameters, as immutable values; the builder, presets, edits, validation,
 * graph queries, JSON, and the seeded randomness every package shares.
 *
 * @packageDocumentation
 */
export * from './errors.js';
export type * from './types.js';
export { canonicalSeed, createRng, restoreRng } from './rng.js';
export type { Seed, Rng, RngState } from './rng.js';
