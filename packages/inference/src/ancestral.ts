/**
 * Ancestral sampling of directed (sigmoid belief) nets, with likelihood
 * weighting when some units are observed.
 *
 * @module
 */
import { ConfigError, ShapeError, ValidationError } from '@stochnet/graph';
import type { Rng } from '@stochnet/graph';
import type { FloatArray, Plan } from '@stochnet/model';
import { AncestralPass, forkUniforms } from './ancestral-pass.js';
import { baseRng } from './chains.js';
import type { RandomnessOptions } from './chains.js';
import { resolveEvidence } from './evidence.js';
import type { Evidence, ResolvedEvidence } from './evidence.js';
import { checkOptions, checkStateBuffer, checkStateEntries, stateBuffer } from './sample-options.js';
import { intOption } from './option-checks.js';
import { checkPlanKind, directedOnly } from './plan-kind.js';

/** Options of {@link ancestralSample} and {@link ancestralSampleInto}. */
export interface AncestralOptions extends RandomnessOptions {
  /** Number of samples, a positive integer. */
  readonly samples: number;
  /**
   * Observed units. When given, the samples are likelihood-weighted: observed
   * units hold their values and each sample carries a log-weight.
   */
  readonly evidence?: Evidence;
}

/** Samples from {@link ancestralSample}. */
export interface AncestralResult {
  /** samples × plan.size states, row-major, in the plan's state layout. */
  readonly states: FloatArray;
  /**
   * With evidence: log w_r = Σ over observed units log p(s_o | parents) for
   * each sample r. Absent without evidence (every weight is 1).
   */
  readonly logWeights?: Float64Array;
}

interface Checked {
  readonly samples: number;
  readonly ev: ResolvedEvidence | null;
  readonly root: Rng;
}

function checkArgs(fn: string, plan: Plan, opts: AncestralOptions): Checked {
  checkPlanKind(fn, plan, ['sbn'], directedOnly);
  checkOptions(fn, opts);
  const samples = intOption(fn, 'samples', opts.samples, undefined, 1, Number.MAX_SAFE_INTEGER);
  checkStateEntries(fn, 'samples', samples, plan);
  const ev = opts.evidence === undefined ? null : resolveEvidence(fn, plan, opts.evidence, samples);
  return { samples, ev, root: baseRng(fn, opts) };
}

/**
 * Draws independent samples from a sigmoid belief net by ancestral sampling;
 * with evidence, draws likelihood-weighted samples.
 *
 * @remarks
 * Blocks are visited in `plan.schedules.ancestral` order (parents first) and
 * each block is drawn at once: s_i ~ Bernoulli(σ(b_i + Σ_j w_ij s_j)) over
 * its parents j: p through the backend's `biasSigmoid`, then s = [u < p]
 * (the `bernoulli` kernel's rule). Any DAG works: layered or not, with skip
 * connections.
 *
 * With `evidence`, this is likelihood weighting (Fung and Chang 1990; Shachter
 * and Peot 1990), an importance sampler: observed units are set to their
 * values instead of drawn, and sample r gets log-weight
 * log w_r = Σ_o log p(s_o | parents(o)) (through logBernoulli, exact at
 * saturated logits). The samples are NOT draws from p(h | evidence); the
 * self-normalised estimate Σ_r w_r f(s_r) / Σ_r w_r converges to
 * E[f | evidence]. For exact conditional samples use the posterior Gibbs
 * sampler ({@link initPosterior}, {@link runPosterior}). If every log-weight
 * is −Infinity, the evidence has probability 0 (possible only with infinite
 * parameters set on the plan).
 *
 * Randomness: sample i draws `plan.size` uniforms, one per unit in
 * state-layout order, from its own substream `rng.fork('sample/' + i)`
 * (held in a fast typed-array form, bit-identical). Sample i depends only on
 * i and the seed, so asking for more samples never changes the first ones,
 * and the caller's `rng` is never advanced.
 *
 * @param plan - a compiled sigmoid belief net (kind `sbn`)
 * @param opts - samples, seed or rng, evidence
 * @returns the states, and the log-weights when evidence is given
 * @throws ConfigError when samples is not a positive integer, or both seed and rng are given
 * @throws TooLargeError when samples × plan.size exceeds 2^28 (before allocating)
 * @throws GraphStructureError when the plan has undirected couplings (naming dbnSample or the Gibbs sampler)
 * @throws SeedError when neither seed nor rng is given, or the seed is not accepted
 * @throws UnknownUnitError, ShapeError, BinaryDataError for bad evidence (see resolveEvidence)
 *
 * @example
 * ```ts
 * import { sbn } from '@stochnet/graph';
 * import { compile } from '@stochnet/model';
 * import { ancestralSample } from '@stochnet/inference';
 * const plan = compile(sbn([4, 3, 2], { seed: 1 }));
 * const { states } = ancestralSample(plan, { samples: 5, seed: 42 });
 * console.log(states.length); // 5 × 9 = 45
 * ```
 *
 * @example
 * Likelihood weighting on the rain / sprinkler / wet-grass net: estimate
 * P(rain | wet grass) by self-normalised importance sampling.
 * ```ts
 * import { network } from '@stochnet/graph';
 * import { compile } from '@stochnet/model';
 * import { ancestralSample } from '@stochnet/inference';
 * const net = network()
 *   .unit('rain', { bias: -1 })
 *   .unit('sprinkler', { bias: -0.5 })
 *   .unit('wet', { bias: -4, role: 'visible' })
 *   .edge('rain', 'sprinkler', -2)
 *   .edge('rain', 'wet', 5)
 *   .edge('sprinkler', 'wet', 4)
 *   .build();
 * const plan = compile(net, { dtype: 'float64' }); // units: rain 0, sprinkler 1, wet 2
 * const n = 20000;
 * const { states, logWeights } = ancestralSample(plan, { samples: n, seed: 1, evidence: [{ unit: 'wet', values: [1] }] });
 * let num = 0;
 * let den = 0;
 * for (let r = 0; r < n; r++) {
 *   const w = Math.exp(logWeights![r]!);
 *   num += w * states[r * 3]!;
 *   den += w;
 * }
 * console.log((num / den).toFixed(2)); // 0.58 (exact: 0.5801)
 * ```
 */
export function ancestralSample(plan: Plan, opts: AncestralOptions): AncestralResult {
  const fn = 'ancestralSample';
  const { samples, ev, root } = checkArgs(fn, plan, opts);
  const states = stateBuffer(plan, samples * plan.size);
  const logWeights = ev === null ? null : new Float64Array(samples);
  new AncestralPass(plan, ev).run(states, samples, forkUniforms(root, 'sample', plan.size), plan.schedules.ancestral, logWeights);
  return logWeights === null ? { states } : { states, logWeights };
}

/**
 * {@link ancestralSample} writing into caller-owned buffers.
 *
 * @remarks
 * Same draws as {@link ancestralSample} for the same options. `out.states`
 * may be a Float32Array or Float64Array of samples × plan.size entries.
 * With evidence, `out.logWeights` (length samples) is required and
 * overwritten; without evidence it is optional and set to 0 (weight 1).
 *
 * @param out - destination: states (samples × plan.size) and, with evidence, logWeights (samples)
 * @param plan - a compiled sigmoid belief net (kind `sbn`)
 * @param opts - samples, seed or rng, evidence
 * @returns nothing; `out` holds the samples
 * @throws ConfigError when samples is not a positive integer, both seed and rng are given, or evidence is given without out.logWeights
 * @throws ShapeError or ValidationError when an output buffer has the wrong type or length
 * @throws TooLargeError, GraphStructureError, SeedError, and evidence errors as {@link ancestralSample}
 *
 * @example
 * ```ts
 * import { sbn } from '@stochnet/graph';
 * import { compile } from '@stochnet/model';
 * import { ancestralSampleInto } from '@stochnet/inference';
 * const plan = compile(sbn([3, 2], { seed: 1 }));
 * const out = { states: new Float32Array(10 * plan.size) };
 * ancestralSampleInto(out, plan, { samples: 10, seed: 'run-1' });
 * console.log(out.states.every((s) => s === 0 || s === 1)); // true
 * ```
 */
export function ancestralSampleInto(out: AncestralResult, plan: Plan, opts: AncestralOptions): void {
  const fn = 'ancestralSampleInto';
  if (out === null || typeof out !== 'object') {
    throw new ValidationError(`${fn}: out must be { states, logWeights? }`, { function: fn, argument: 'out' });
  }
  const { samples, ev, root } = checkArgs(fn, plan, opts);
  checkStateBuffer(fn, 'out.states', out.states, samples * plan.size);
  const lw = out.logWeights;
  if (ev !== null && lw === undefined) {
    throw new ConfigError(`${fn}: evidence was given, so out.logWeights (a Float64Array of ${samples}) is needed for the weights`, {
      function: fn,
      option: 'logWeights',
    });
  }
  if (lw !== undefined && (!(lw instanceof Float64Array) || lw.length !== samples)) {
    throw new ShapeError(`${fn}: out.logWeights must be a Float64Array of length ${samples}`, {
      function: fn,
      argument: 'out.logWeights',
      expected: samples,
      received: lw instanceof Float64Array ? lw.length : typeof lw,
    });
  }
  lw?.fill(0);
  new AncestralPass(plan, ev).run(out.states, samples, forkUniforms(root, 'sample', plan.size), plan.schedules.ancestral, ev === null ? null : lw!);
}
