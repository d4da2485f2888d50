/**
 * Posterior Gibbs sampling for directed nets: single-site Markov-blanket
 * updates of every unobserved unit, for many chains at once, in the BlackJAX
 * shape (`initPosterior` → state, `posteriorStep(state)` → info).
 *
 * @module
 */
import { ConfigError, ValidationError } from '@stochnet/graph';
import type { FloatArray, Plan, StateArray } from '@stochnet/model';
import { AleaStreams } from './alea-streams.js';
import { AncestralPass, streamUniforms } from './ancestral-pass.js';
import { baseRng, checkChains } from './chains.js';
import type { RandomnessOptions } from './chains.js';
import { resolveEvidence } from './evidence.js';
import type { Evidence, ResolvedEvidence } from './evidence.js';
import { directedUnitGraph } from './posterior-graph.js';
import { checkObservedPossible, checkStatesPossible } from './posterior-checks.js';
import { sweep } from './posterior-sweep.js';
import { prepareCache, PosteriorWorkspace, refreshActivations } from './posterior-workspace.js';
import { MAX_SWEEPS } from './run-gibbs.js';
import { checkInit, checkOptions, stateBuffer } from './sample-options.js';
import { intOption } from './option-checks.js';
import { checkPlanKind, directedOnly } from './plan-kind.js';

/** Options of {@link initPosterior}. */
export interface PosteriorOptions extends RandomnessOptions {
  /** Number of chains, a positive integer. */
  readonly chains: number;
  /** Observed units (fixed for the whole run); `[]` samples the prior. */
  readonly evidence: Evidence;
  /**
   * Initial states: plan.size values (every chain) or chains × plan.size,
   * 0/1. Observed units take their evidence values whatever `init` holds.
   * When absent, each chain starts from an ancestral draw with the evidence set.
   */
  readonly init?: StateArray;
}

/** The state of a posterior sampler. `posteriorStep` updates it in place. */
export interface PosteriorState {
  /** The plan (kind `sbn`). */
  readonly plan: Plan;
  /** Number of chains. */
  readonly chains: number;
  /** Current states, chains × plan.size, in the plan's dtype. Observed units never change. */
  readonly states: FloatArray;
  /** The unobserved units, in update order (ascending state-vector index). */
  readonly order: Int32Array;
  /** The evidence the chains are conditioned on. */
  readonly evidence: ResolvedEvidence;
  /** Completed sweeps. */
  sweeps: number;
}

/** What one {@link posteriorStep} or {@link runPosterior} did. */
export interface PosteriorInfo {
  /** Units that changed value, summed over chains (and sweeps). */
  readonly flips: number;
}

/** Per-state internals: the chains' streams (chain c's is the stream of `rng.fork('chain/' + c)`). */
const internals = new WeakMap<object, AleaStreams>();

/**
 * Starts posterior Gibbs chains for a sigmoid belief net given evidence.
 *
 * @remarks
 * The target is p(h | evidence) for the unobserved units h. Chain c draws
 * from its own substream, the stream of `rng.fork('chain/' + c)` (held in a
 * fast typed-array form, bit-identical): first plan.size uniforms for its
 * ancestral initial state (when `init` is absent), then one uniform per
 * unobserved unit per sweep, in `state.order`. Adding chains never changes
 * existing ones; the caller's `rng` is never advanced.
 *
 * Zero-probability evidence is refused with a ZeroProbabilityEvidenceError
 * instead of sampling nonsense. Scope of the check: (1) for each observed
 * unit, whether its CPD gives the observed value probability exactly 0 for
 * every configuration of its unobserved parents (exact, per unit); (2)
 * whether any chain's initial state has probability exactly 0. With finite
 * parameters neither can happen: log-probabilities are computed in log space,
 * so evidence of tiny but positive probability (a logit of −1000) is sampled
 * correctly, not refused. Jointly contradictory evidence with infinite
 * parameters is caught by (2); with infinite weights (2) can also refuse a
 * possible evidence whose random initial state is impossible: pass `init`.
 *
 * @param plan - a compiled sigmoid belief net (kind `sbn`)
 * @param opts - chains, seed or rng, evidence, init
 * @returns the sampler state
 * @throws ConfigError when chains is not a positive integer or both seed and rng are given
 * @throws TooLargeError when chains or chains × plan.size exceed the limits
 * @throws GraphStructureError when the plan has undirected couplings
 * @throws SeedError when the seed is missing or not accepted
 * @throws UnknownUnitError, ShapeError, BinaryDataError for bad evidence or init
 * @throws ZeroProbabilityEvidenceError when the evidence has probability 0 (see remarks)
 *
 * @example
 * ```ts
 * import { sbn } from '@stochnet/graph';
 * import { compile } from '@stochnet/model';
 * import { initPosterior, runPosterior } from '@stochnet/inference';
 * const plan = compile(sbn([3, 2], { seed: 1 }));
 * const state = initPosterior(plan, { chains: 4, seed: 7, evidence: [{ group: 'v', values: [1, 0, 1] }] });
 * runPosterior(state, 10);
 * console.log(state.sweeps, state.states.length); // 10 20
 * ```
 */
export function initPosterior(plan: Plan, opts: PosteriorOptions): PosteriorState {
  const fn = 'initPosterior';
  checkPlanKind(fn, plan, ['sbn'], directedOnly);
  checkOptions(fn, opts);
  checkChains(fn, opts.chains, plan.size);
  const chains = opts.chains;
  if (opts.evidence === undefined) {
    throw new ConfigError(`${fn}: option evidence is required (use [] to sample the prior)`, { function: fn, option: 'evidence' });
  }
  const ev = resolveEvidence(fn, plan, opts.evidence, chains);
  const init = opts.init === undefined ? null : checkInit(fn, opts.init, chains, plan.size);
  const base = baseRng(fn, opts);
  const g = directedUnitGraph(plan);
  checkObservedPossible(fn, plan, g, ev);
  const n = plan.size;
  const states = stateBuffer(plan, chains * n);
  const streams = new AleaStreams(chains);
  for (let c = 0; c < chains; c++) streams.seed(c, `${base.seed}/chain/${c}`);
  if (init === null) {
    new AncestralPass(plan, ev).run(states, chains, streamUniforms(streams, n), plan.schedules.ancestral, null);
  } else {
    for (let c = 0; c < chains; c++) for (let u = 0; u < n; u++) states[c * n + u] = init.length === n ? init[u]! : init[c * n + u]!;
    const k = ev.units.length;
    for (let c = 0; c < chains; c++) {
      for (let j = 0; j < k; j++) states[c * n + ev.units[j]!] = ev.values[(ev.rows === 1 ? 0 : c) * k + j]!;
    }
  }
  const ws = new PosteriorWorkspace(plan, chains, g.child.length);
  refreshActivations(ws, g, states);
  checkStatesPossible(fn, ws, states);
  const order = Int32Array.from({ length: n }, (_, u) => u).filter((u) => ev.isObserved[u] === 0);
  const state: PosteriorState = { plan, chains, states, order, evidence: ev, sweeps: 0 };
  internals.set(state, streams);
  return state;
}

function checkState(fn: string, state: PosteriorState): AleaStreams {
  const streams = state !== null && typeof state === 'object' ? internals.get(state) : undefined;
  if (streams === undefined) {
    throw new ValidationError(`${fn}: state must come from initPosterior`, { function: fn, argument: 'state' });
  }
  return streams;
}

function checkWorkspace(fn: string, state: PosteriorState, ws: PosteriorWorkspace | undefined): PosteriorWorkspace {
  if (ws === undefined) return new PosteriorWorkspace(state.plan, state.chains, directedUnitGraph(state.plan).child.length);
  if (!(ws instanceof PosteriorWorkspace) || ws.plan !== state.plan || ws.chains !== state.chains) {
    throw new ConfigError(`${fn}: option workspace was made for another sampler; make one with createPosteriorWorkspace(state)`, {
      function: fn,
      option: 'workspace',
    });
  }
  return ws;
}

/**
 * Makes the scratch buffers for {@link posteriorStep} and {@link runPosterior}.
 *
 * @param state - the sampler state the workspace serves
 * @returns a workspace for this state's plan and chain count
 * @throws ValidationError when `state` does not come from initPosterior
 *
 * @example
 * ```ts
 * import { sbn } from '@stochnet/graph';
 * import { compile } from '@stochnet/model';
 * import { createPosteriorWorkspace, initPosterior, posteriorStep } from '@stochnet/inference';
 * const plan = compile(sbn([3, 2], { seed: 1 }));
 * const state = initPosterior(plan, { chains: 8, seed: 1, evidence: [] });
 * const ws = createPosteriorWorkspace(state);
 * for (let t = 0; t < 5; t++) posteriorStep(state, ws);
 * console.log(state.sweeps); // 5
 * ```
 */
export function createPosteriorWorkspace(state: PosteriorState): PosteriorWorkspace {
  checkState('createPosteriorWorkspace', state);
  return new PosteriorWorkspace(state.plan, state.chains, directedUnitGraph(state.plan).child.length);
}

/** Throws a ValidationError when an observed unit of some chain no longer holds its evidence value (states edited by hand). */
function checkObservedKept(fn: string, state: PosteriorState): void {
  const { units, values, rows } = state.evidence;
  const n = state.plan.size;
  const k = units.length;
  for (let c = 0; c < state.chains; c++) {
    const at = (rows === 1 ? 0 : c) * k;
    for (let j = 0; j < k; j++) {
      const u = units[j]!;
      if (state.states[c * n + u] === values[at + j]) continue;
      throw new ValidationError(`${fn}: chain ${c} holds observed unit ${u} at ${state.states[c * n + u]}, not its evidence value ${values[at + j]}; observed units must keep their values (start a new sampler for new evidence)`, {
        function: fn,
        argument: 'state.states',
        chain: c,
        unit: u,
        expected: values[at + j],
        received: state.states[c * n + u],
      });
    }
  }
}

/**
 * One sweep of posterior Gibbs: every unobserved unit of every chain, in the
 * fixed order `state.order` (ascending state-vector index), drawn from its
 * Markov-blanket conditional.
 *
 * @remarks
 * p(s_i = 1 | rest) = σ(logit_i) with logit_i = a_i + Σ_children
 * [log p(s_c | s_i = 1, rest) − log p(s_c | s_i = 0, rest)], where a_i =
 * b_i + Σ_parents w s is unit i's own field (Pearl 1988; Neal 1992). The
 * children's pre-activations are cached and, when unit i flips, each child's
 * changes by ±w_ic (rank-1, O(children) per flip). The cache lives in the
 * workspace: a step reuses it only when the same workspace ran this state's
 * previous step and the states, biases and weights are bit-for-bit
 * unchanged since (an exact O(chains·size + edges) comparison); otherwise,
 * and every 64 sweeps, it is rebuilt from the plan. Parameter updates
 * between steps (learning) are therefore always seen. Observed units never
 * change. A sequential sweep leaves p(h | evidence) invariant.
 *
 * @param state - the sampler state, updated in place
 * @param ws - scratch buffers from createPosteriorWorkspace (made per call when absent)
 * @returns the number of flips in this sweep
 * @throws ValidationError when `state` does not come from initPosterior
 * @throws ConfigError when `ws` was made for another state
 * @throws BinaryDataError when state.states was edited to hold a value other than 0/1 (nothing is changed)
 * @throws ValidationError when an observed unit was edited away from its evidence value (nothing is changed)
 *
 * @example
 * ```ts
 * import { sbn } from '@stochnet/graph';
 * import { compile } from '@stochnet/model';
 * import { initPosterior, posteriorStep } from '@stochnet/inference';
 * const plan = compile(sbn([2, 2], { seed: 3 }));
 * const state = initPosterior(plan, { chains: 2, seed: 'p', evidence: [{ unit: 'v[0]', values: [1] }] });
 * const { flips } = posteriorStep(state);
 * console.log(flips >= 0 && state.states[2] === 1); // true (v[0] sits at index 2)
 * ```
 */
export function posteriorStep(state: PosteriorState, ws?: PosteriorWorkspace): PosteriorInfo {
  const fn = 'posteriorStep';
  const streams = checkState(fn, state);
  const w = checkWorkspace(fn, state, ws);
  checkObservedKept(fn, state);
  const g = directedUnitGraph(state.plan);
  prepareCache(w, g, state, state.states, state.sweeps);
  const flips = sweep(w, g, state.states, state.order, streams);
  state.sweeps++;
  w.owner = state;
  w.ownerSweeps = state.sweeps;
  return { flips };
}

/**
 * Runs `sweeps` posterior Gibbs sweeps (see {@link posteriorStep}).
 *
 * @param state - the sampler state, updated in place
 * @param sweeps - number of sweeps, a positive integer (at most 2^24)
 * @param ws - scratch buffers (made once per call when absent)
 * @returns the flips summed over the sweeps
 * @throws ConfigError when sweeps is not a positive integer, or `ws` was made for another state
 * @throws TooLargeError when sweeps exceeds 2^24
 * @throws ValidationError when `state` does not come from initPosterior
 *
 * @example
 * ```ts
 * import { sbn } from '@stochnet/graph';
 * import { compile } from '@stochnet/model';
 * import { initPosterior, runPosterior } from '@stochnet/inference';
 * const plan = compile(sbn([4, 2], { seed: 2 }));
 * const state = initPosterior(plan, { chains: 100, seed: 5, evidence: [{ group: 'v', values: [1, 1, 0, 0] }] });
 * const { flips } = runPosterior(state, 20);
 * console.log(flips > 0); // true
 * ```
 */
export function runPosterior(state: PosteriorState, sweeps: number, ws?: PosteriorWorkspace): PosteriorInfo {
  const fn = 'runPosterior';
  checkState(fn, state);
  intOption(fn, 'sweeps', sweeps, undefined, 1, MAX_SWEEPS);
  const w = checkWorkspace(fn, state, ws);
  let flips = 0;
  for (let t = 0; t < sweeps; t++) flips += posteriorStep(state, w).flips;
  return { flips };
}
