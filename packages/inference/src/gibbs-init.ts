/**
 * Block-Gibbs chains: the state (chains × units, per-chain streams, clamped
 * evidence) and `initGibbs`, which checks everything before any work.
 *
 * @module
 */
import { BinaryDataError, ConfigError, GraphStructureError, ShapeError, ValidationError } from '@stochnet/graph';
import type { Rng } from '@stochnet/graph';
import type { FloatArray, Plan } from '@stochnet/model';
import { baseRng, chainRngs, checkChains } from './chains.js';
import type { RandomnessOptions } from './chains.js';
import { resolveEvidence } from './evidence.js';
import type { Evidence, ResolvedEvidence } from './evidence.js';
import { checkPlan } from './plan-kind.js';
import { describeValue } from './option-checks.js';
import { checkInit } from './sample-options.js';

/** How chains start: all zeros, each unit Bernoulli(½) from the chain's stream, or given states. */
export type GibbsInit = 'zeros' | 'random' | Float64Array | Float32Array | Uint8Array;

/** Options of {@link initGibbs}. Give exactly one of `seed` and `rng`. */
export interface GibbsOptions extends RandomnessOptions {
  /** Number of independent chains; default 1. At most MAX_CHAINS. */
  readonly chains?: number | undefined;
  /** Units held at observed values in every sweep (see `Evidence`). */
  readonly clamp?: Evidence | undefined;
  /**
   * Starting states (default `'zeros'`): `'random'` draws each unit from the
   * chain's own stream; an array holds one state (plan.size, shared) or one
   * per chain (chains × plan.size) of 0/1 values. Clamped units are then set
   * to their observed values.
   */
  readonly init?: GibbsInit | undefined;
}

/**
 * The state of a set of block-Gibbs chains. `gibbsStep` and `runGibbs`
 * update `states`, the streams in `rngs` and `sweeps` in place.
 */
export interface GibbsState {
  /** The plan the chains sample from (its live parameters are read each sweep). */
  readonly plan: Plan;
  /** Number of chains. */
  readonly chains: number;
  /** chains × plan.size unit values, row-major (row c is chain c), in the plan's dtype. */
  readonly states: FloatArray;
  /** Chain c's own stream, `rng.fork('chain/' + c)` of the sampler's stream. */
  readonly rngs: readonly Rng[];
  /** The clamped units and their values, or null when nothing is clamped. */
  readonly evidence: ResolvedEvidence | null;
  /** The canonical seed of the sampler's stream the chains were forked from. */
  readonly seed: string;
  /** Sweeps done so far. */
  sweeps: number;
}

/** @internal Throws unless `state` looks like a GibbsState (O(1) checks). */
export function checkGibbsState(fn: string, state: unknown): asserts state is GibbsState {
  const s = state as Partial<GibbsState> | null;
  const ok =
    s !== null &&
    typeof s === 'object' &&
    typeof s.chains === 'number' &&
    Array.isArray(s.rngs) &&
    s.rngs.length === s.chains &&
    (s.states instanceof Float64Array || s.states instanceof Float32Array);
  if (!ok) throw new ValidationError(`${fn}: state must be a GibbsState made by initGibbs or restoreChains`, { function: fn, argument: 'state' });
  checkPlan(fn, s.plan);
  if (s.states!.length !== s.chains! * s.plan.size) {
    throw new ShapeError(`${fn}: state.states has length ${s.states!.length}, expected chains × plan.size = ${s.chains! * s.plan.size}`, {
      function: fn,
      argument: 'state.states',
      expected: s.chains! * s.plan.size,
      received: s.states!.length,
    });
  }
}

/**
 * @internal Throws a BinaryDataError naming the chain and unit unless every
 * state value lies in [0, 1] (states are live arrays a caller may edit;
 * mean-field values are allowed). O(chains × units), no allocation.
 */
export function checkStateValues(fn: string, state: GibbsState): void {
  const { states } = state;
  const n = state.plan.size;
  for (let i = 0; i < states.length; i++) {
    const v = states[i]!;
    if (v >= 0 && v <= 1) continue;
    const row = Math.floor(i / n);
    throw new BinaryDataError(`${fn}: state.states at chain ${row}, unit ${i % n} is ${v}; unit values lie in [0, 1] (0/1 states, or probabilities after a mean-field sweep)`, {
      function: fn,
      argument: 'state.states',
      row,
      column: i % n,
      received: v,
    });
  }
}

/** @internal Throws a GraphStructureError naming the sampler to use when the plan has no undirected part. */
export function checkHasUndirected(fn: string, plan: Plan): void {
  if (plan.schedules.gibbs.length > 0) return;
  throw new GraphStructureError(
    `${fn}: this ${plan.kind} plan has no undirected couplings, so block Gibbs has nothing to sweep; ` +
      'use ancestralSample for its joint distribution, or initPosterior / runPosterior for hidden units given evidence',
    { function: fn, kind: plan.kind, sampler: 'gibbs', instead: ['ancestralSample', 'initPosterior'] },
  );
}

function checkGibbsInit(fn: string, init: unknown, plan: Plan, chains: number): void {
  if (init === undefined || init === 'zeros' || init === 'random') return;
  if (!(init instanceof Float64Array || init instanceof Float32Array || init instanceof Uint8Array)) {
    throw new ConfigError(`${fn}: option init must be 'zeros', 'random' or a typed array of 0/1 states, got ${describeValue(init)}`, {
      function: fn,
      option: 'init',
      received: describeValue(init),
    });
  }
  checkInit(fn, init, chains, plan.size);
}

/** @internal Writes the observed values of every chain into `states`. */
function applyEvidence(states: FloatArray, ev: ResolvedEvidence, chains: number, size: number): void {
  const m = ev.units.length;
  for (let r = 0; r < chains; r++) {
    const src = (ev.rows === 1 ? 0 : r) * m;
    for (let j = 0; j < m; j++) states[r * size + ev.units[j]!] = ev.values[src + j]!;
  }
}

/**
 * Starts `chains` block-Gibbs chains on a plan with undirected couplings.
 *
 * @remarks
 * Randomness: chain c draws only from `rng.fork('chain/' + c)` of the
 * sampler's stream (`createRng(seed)`, or the given `rng`, whose position is
 * irrelevant: forks derive from its seed). Adding chains never changes the
 * draws of existing chains. `'random'` starts consume plan.size uniforms of
 * each chain's stream (unit i is 1 when u < ½); other starts consume nothing.
 * Everything is checked before anything is allocated or drawn: a failed call
 * changes nothing and consumes no randomness. Clamped units are set to their
 * values here and never change in later sweeps. The chains' streams are
 * views on one typed array (32 bytes and ~0.3 µs per chain; each still a
 * full Rng drawing exactly as its fork), so even millions of chains start
 * quickly; their states (chains × plan.size) are what costs memory.
 *
 * @param plan - a compiled plan with at least one undirected coupling
 * @param opts - chains, seed or rng, evidence to clamp, and the start
 * @returns the chains' state
 * @throws ValidationError when plan is not a compiled Plan
 * @throws SeedError when neither seed nor rng is given, the seed is not accepted, or rng is not an Rng
 * @throws ConfigError when chains is not a positive integer, init is unknown, or both seed and rng are given
 * @throws TooLargeError when chains exceeds MAX_CHAINS or chains × plan.size exceeds MAX_CHAIN_ENTRIES
 * @throws GraphStructureError when the plan has no undirected coupling (use ancestral sampling)
 * @throws UnknownUnitError, ShapeError, BinaryDataError or DuplicateEdgeError for bad evidence (see resolveEvidence) or a bad init array
 *
 * @example
 * ```ts
 * import { rbm } from '@stochnet/graph';
 * import { compile } from '@stochnet/model';
 * import { initGibbs } from '@stochnet/inference';
 * const plan = compile(rbm(4, 2, { seed: 1 }));
 * const state = initGibbs(plan, { chains: 3, seed: 'demo', clamp: [{ group: 'v', units: [0], values: [1] }] });
 * console.log(state.states.length, state.rngs[2]!.seed); // 18 'demo/chain/2'
 * ```
 *
 * @example
 * Inpainting: clamp the top half of an image on an RBM's visible layer and
 * sample the bottom half.
 * ```ts
 * import { rbm } from '@stochnet/graph';
 * import { compile } from '@stochnet/model';
 * import { gibbsStep, initGibbs, runGibbs } from '@stochnet/inference';
 * const plan = compile(rbm(16, 8, { seed: 1, shape: [4, 4] })); // 4×4 images
 * const image = [1, 1, 0, 0, 1, 1, 0, 0, 0, 0, 1, 1, 0, 0, 1, 1];
 * const top = { group: 'v', units: [0, 1, 2, 3, 4, 5, 6, 7], values: image.slice(0, 8) };
 * const state = initGibbs(plan, { chains: 10, seed: 'inpaint', clamp: [top] });
 * runGibbs(state, 100);
 * gibbsStep(state, undefined, { meanField: true }); // bottom half as probabilities p(v | h)
 * const v = plan.blocks.find((b) => b.group === 'v')!;
 * const chain0 = Array.from(state.states.subarray(v.offset, v.offset + 16));
 * console.log(chain0.slice(0, 8).join() === image.slice(0, 8).join()); // true: the top half is kept
 * console.log(chain0.slice(8).every((p) => p > 0 && p < 1)); // true: the rest are probabilities
 * ```
 */
export function initGibbs(plan: Plan, opts: GibbsOptions): GibbsState {
  const fn = 'initGibbs';
  checkPlan(fn, plan);
  if (opts === null || typeof opts !== 'object') {
    throw new ConfigError(`${fn}: options must be an object such as { chains: 10, seed: 1 }`, { function: fn, option: 'options' });
  }
  const chains = opts.chains === undefined ? 1 : opts.chains;
  checkChains(fn, chains, plan.size);
  const base = baseRng(fn, opts);
  checkHasUndirected(fn, plan);
  checkGibbsInit(fn, opts.init, plan, chains);
  const evidence = opts.clamp === undefined ? null : resolveEvidence(fn, plan, opts.clamp, chains);
  // Everything is checked: allocate and draw.
  const n = plan.size;
  const states = plan.dtype === 'float64' ? new Float64Array(chains * n) : new Float32Array(chains * n);
  const rngs = chainRngs(base, chains);
  const init = opts.init ?? 'zeros';
  if (init === 'random') {
    for (let r = 0; r < chains; r++) {
      const rng = rngs[r]!;
      for (let i = 0; i < n; i++) states[r * n + i] = rng.next() < 0.5 ? 1 : 0;
    }
  } else if (init !== 'zeros') {
    if (init.length === n) for (let r = 0; r < chains; r++) states.set(init, r * n);
    else states.set(init);
  }
  if (evidence !== null) applyEvidence(states, evidence, chains, n);
  return { plan, chains, states, rngs, evidence, seed: base.seed, sweeps: 0 };
}
