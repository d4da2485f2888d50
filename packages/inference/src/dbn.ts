/**
 * Sampling a deep belief net: block Gibbs in the top undirected pair, then
 * one ancestral pass down through the directed layers.
 *
 * @module
 */
import type { Rng } from '@stochnet/graph';
import type { FloatArray, Plan } from '@stochnet/model';
import { AncestralPass } from './ancestral-pass.js';
import type { UniformFill } from './ancestral-pass.js';
import { baseRng, checkChains } from './chains.js';
import type { RandomnessOptions } from './chains.js';
import { initGibbs } from './gibbs-init.js';
import type { GibbsInit } from './gibbs-init.js';
import { MAX_SWEEPS, runGibbs } from './run-gibbs.js';
import { checkOptions, stateBuffer } from './sample-options.js';
import { intOption } from './option-checks.js';
import { checkPlanKind } from './plan-kind.js';

/** Options of {@link dbnSample}. */
export interface DbnSampleOptions extends RandomnessOptions {
  /** Number of samples (independent chains), a positive integer. */
  readonly samples: number;
  /** Block-Gibbs sweeps in the top pair before the pass down, a positive integer (at most 2^24). */
  readonly gibbsSteps: number;
  /**
   * Start of the top-pair chains (see `GibbsInit`): `'random'` (default),
   * `'zeros'`, or 0/1 states (plan.size shared, or samples × plan.size; only
   * the top pair's values matter).
   */
  readonly init?: GibbsInit;
}

/** Samples from {@link dbnSample}. */
export interface DbnSample {
  /** samples × plan.size full states (top pair and every layer below), row-major. */
  readonly states: FloatArray;
  /** samples × (visible block size): the visible units of each sample. */
  readonly visible: FloatArray;
  /** Index in `plan.blocks` of the visible block. */
  readonly visibleBlock: number;
}

/** The block of role 'visible' when there is exactly one, else the last block in ancestral order. */
function visibleBlockOf(plan: Plan): number {
  const visible = plan.blocks.flatMap((b, i) => (b.role === 'visible' ? [i] : []));
  return visible.length === 1 ? visible[0]! : plan.schedules.ancestral[plan.schedules.ancestral.length - 1]!;
}

/** Uniforms from the chains' own streams: row r reads its next `size` draws from rngs[r]. */
function rngUniforms(rngs: readonly Rng[], size: number): UniformFill {
  return (uni, row0, count) => {
    for (let r = 0; r < count; r++) {
      const rng = rngs[row0 + r]!;
      for (let g = 0; g < size; g++) uni[r * size + g] = rng.next();
    }
  };
}

/**
 * Draws samples from a deep belief net: `gibbsSteps` sweeps of block Gibbs
 * in the top undirected pair, then one ancestral pass down the directed
 * layers.
 *
 * @remarks
 * A DBN (Hinton, Osindero and Teh 2006) is an RBM over its top pair (T1, T2)
 * with a sigmoid belief net hanging below: p(s) = p_RBM(t1, t2) ·
 * Π_below p(s_i | parents). Each sample is one chain of the block-Gibbs
 * sampler (initGibbs / runGibbs) on the top pair, started from `init`; after
 * `gibbsSteps` sweeps its top pair is approximately p_RBM (exactly so as the
 * steps grow; how many are enough depends on the RBM's mixing), and every
 * lower block is then drawn from σ(b + Σ parents) in ancestral order. An
 * `rbm` plan is accepted as a one-layer DBN (no pass down).
 *
 * Randomness: sample i uses only `rng.fork('chain/' + i)`: its Gibbs sweeps
 * first, then plan.size uniforms (one per unit, state-layout order) for the
 * pass down. Adding samples never changes existing ones; the caller's `rng`
 * is never advanced.
 *
 * @param plan - a compiled deep belief net (kind `dbn`, or `rbm`)
 * @param opts - samples, gibbsSteps, seed or rng, init
 * @returns the full states, the visible units and the visible block's index
 * @throws ConfigError when samples or gibbsSteps is not a positive integer, init is unknown, or both seed and rng are given
 * @throws TooLargeError when samples, samples × plan.size or gibbsSteps exceed the limits
 * @throws GraphStructureError for plans of another kind (naming the sampler to use)
 * @throws SeedError when the seed is missing or not accepted
 * @throws ShapeError, BinaryDataError for a bad init array
 *
 * @example
 * ```ts
 * import { dbn } from '@stochnet/graph';
 * import { compile } from '@stochnet/model';
 * import { dbnSample } from '@stochnet/inference';
 * const plan = compile(dbn([6, 4, 3], { seed: 1 }));
 * const { visible, states } = dbnSample(plan, { samples: 10, gibbsSteps: 50, seed: 3 });
 * console.log(visible.length, states.length); // 60 130
 * ```
 */
export function dbnSample(plan: Plan, opts: DbnSampleOptions): DbnSample {
  const fn = 'dbnSample';
  checkPlanKind(fn, plan, ['dbn', 'rbm'], (kind) =>
    kind === 'sbn'
      ? { text: 'use ancestralSample (no undirected couplings), or initPosterior for hidden units given evidence', use: ['ancestralSample', 'initPosterior'] }
      : { text: 'use the block-Gibbs sampler (initGibbs / runGibbs) for undirected or mixed topologies', use: ['initGibbs', 'runGibbs'] },
  );
  checkOptions(fn, opts);
  checkChains(fn, opts.samples, plan.size);
  const samples = opts.samples;
  const steps = intOption(fn, 'gibbsSteps', opts.gibbsSteps, undefined, 1, MAX_SWEEPS);
  const root = baseRng(fn, opts);
  // initGibbs checks init (and everything else) before it allocates or draws.
  const gibbs = initGibbs(plan, { chains: samples, rng: root, init: opts.init ?? 'random' });
  runGibbs(gibbs, steps);
  const top = plan.weights.find((w) => !w.directed)!;
  const below = plan.schedules.ancestral.filter((b) => b !== top.from && b !== top.to);
  const states = gibbs.states;
  if (below.length > 0) new AncestralPass(plan, null).run(states, samples, rngUniforms(gibbs.rngs, plan.size), below, null);
  const vb = visibleBlockOf(plan);
  const { offset, size } = plan.blocks[vb]!;
  const visible = stateBuffer(plan, samples * size);
  for (let r = 0; r < samples; r++) visible.set(states.subarray(r * plan.size + offset, r * plan.size + offset + size), r * size);
  return { states, visible, visibleBlock: vb };
}
