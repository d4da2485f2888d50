/**
 * The block-Gibbs sweep, in BlackJAX shape: `initGibbs` makes a state,
 * `gibbsStep(state)` advances every chain by one sweep in place and returns
 * what happened.
 *
 * @module
 */
import { ConfigError } from '@stochnet/graph';
import { blockFieldInto } from '@stochnet/model';
import type { FloatArray, Plan } from '@stochnet/model';
import { checkGibbsState, checkStateValues } from './gibbs-init.js';
import type { GibbsState } from './gibbs-init.js';
import { checkWorkspace, createGibbsWorkspace } from './gibbs-workspace.js';
import type { GibbsWorkspace, PartBuffers } from './gibbs-workspace.js';
import { partFields } from './part-field.js';
import { fillUniformsMulti } from './uniforms.js';

/** Options of {@link gibbsStep}. */
export interface GibbsStepOptions {
  /**
   * Write probabilities instead of samples: `true` for every step of the
   * sweep, `'last'` for its last step only; default false (sample).
   */
  readonly meanField?: boolean | 'last' | undefined;
}

/** What one sweep did. */
export interface GibbsInfo {
  /** The number of sweeps the state has done, this one included. */
  readonly sweep: number;
  /** Units whose value changed in this sweep, summed over all chains. */
  readonly flips: number;
  /** `flips` divided by the number of free unit updates in the sweep (chains × free units). */
  readonly flipRate: number;
}

const defaultWorkspaces = new WeakMap<GibbsState, GibbsWorkspace>();

/** @internal The workspace kept for a state whose caller passed none. */
export function workspaceOf(state: GibbsState): GibbsWorkspace {
  let ws = defaultWorkspaces.get(state);
  if (ws === undefined || ws.plan !== state.plan || ws.chains !== state.chains) {
    ws = createGibbsWorkspace(state.plan, state.chains);
    defaultWorkspaces.set(state, ws);
  }
  return ws;
}

/** @internal The meanField option, checked. */
function meanFieldOf(fn: string, opts: GibbsStepOptions | undefined): boolean | 'last' {
  if (opts === undefined) return false;
  if (opts === null || typeof opts !== 'object') {
    throw new ConfigError(`${fn}: options must be an object such as { meanField: 'last' }`, { function: fn, option: 'options' });
  }
  const mf = opts.meanField;
  if (mf === undefined) return false;
  if (mf === true || mf === false || mf === 'last') return mf;
  throw new ConfigError(`${fn}: option meanField must be true, false or 'last', got ${String(mf)}`, {
    function: fn,
    option: 'meanField',
    received: mf,
  });
}

/**
 * Writes the part's free units from `p` (chains × k): the values themselves
 * when `u` is null (mean field), else draws s = [u < p] (the bernoulli
 * kernel's rule, compared in float64), with no draw buffer and no kernel
 * call. Returns how many values changed. Comparisons are counted as
 * numbers, not branched on: a draw is a coin flip the branch predictor
 * cannot learn.
 */
function writePart(states: FloatArray, pb: PartBuffers, p: FloatArray, u: Float64Array | null, chains: number, size: number, observed: Uint8Array | null): number {
  const { k, units, start } = pb;
  let flips = 0;
  if (observed === null && start >= 0) {
    for (let r = 0; r < chains; r++) {
      const row = r * size + start;
      const at = r * k;
      for (let t = 0; t < k; t++) {
        const v = u === null ? p[at + t]! : +(u[at + t]! < p[at + t]!);
        flips += +(states[row + t] !== v);
        states[row + t] = v;
      }
    }
    return flips;
  }
  for (let r = 0; r < chains; r++) {
    const row = r * size;
    const at = r * k;
    for (let t = 0; t < k; t++) {
      const g = units[t]!;
      if (observed !== null && observed[g] === 1) continue;
      const v = u === null ? p[at + t]! : +(u[at + t]! < p[at + t]!);
      flips += +(states[row + g] !== v);
      states[row + g] = v;
    }
  }
  return flips;
}

/** @internal Fields of one part into pb.pre. */
function fieldsOf(plan: Plan, ws: GibbsWorkspace, pb: PartBuffers, states: FloatArray, chains: number): void {
  if (pb.part.units === null) blockFieldInto(pb.pre, plan, states, chains, pb.part.block, ws.fieldOptions);
  else partFields(pb.pre, plan, states, chains, pb.part.block, pb.part.units);
}

/**
 * @internal One sweep over every step of the plan's Gibbs schedule, inputs
 * already checked. Returns the flips; the number of free unit updates goes
 * to ws.tally[0] (no allocation).
 */
export function sweepInPlace(state: GibbsState, ws: GibbsWorkspace, meanField: boolean | 'last'): number {
  const { plan, chains, states, rngs } = state;
  const size = plan.size;
  const observed = state.evidence === null || state.evidence.units.length === 0 ? null : state.evidence.isObserved;
  // A part whose units are all clamped is skipped, and draws no uniforms.
  let p = 0;
  let free = 0;
  for (const step of ws.steps) {
    for (const pb of step) {
      let f = pb.k;
      if (observed !== null) for (let t = 0; t < pb.k; t++) f -= observed[pb.units[t]!]!;
      ws.active[p++] = f > 0 ? 1 : 0;
      free += f;
    }
  }
  fillUniformsMulti(ws.uniforms, ws.widths, ws.active, rngs, chains);
  const backend = plan.backend;
  const last = ws.steps.length - 1;
  let flips = 0;
  p = 0;
  for (let s = 0; s <= last; s++) {
    const probabilities = meanField === true || (meanField === 'last' && s === last);
    for (const pb of ws.steps[s]!) {
      if (ws.active[p++] === 0) continue;
      fieldsOf(plan, ws, pb, states, chains);
      backend.biasSigmoid(pb.prob, pb.pre, pb.zero, chains, pb.k);
      flips += writePart(states, pb, pb.prob, probabilities ? null : pb.u, chains, size, observed);
    }
  }
  state.sweeps++;
  ws.tally[0] = free * chains;
  return flips;
}

/**
 * Advances every chain by one block-Gibbs sweep, in place.
 *
 * @remarks
 * A sweep runs the steps of `plan.schedules.gibbs` in order (a colouring of
 * the undirected couplings: an RBM is [{v}, {h}]). Each step computes the
 * fields x of its units from the current states (whole blocks with the
 * model's `blockFieldInto`, units of a lateral colouring one by one), then
 * p = σ(x) with the backend's `biasSigmoid`, then draws s = [u < p] (the
 * rule of the backends' `bernoulli` kernel, applied as the draws are
 * written) from uniforms u of each chain's own stream (filled for the whole
 * sweep at its start, in schedule order).
 * Units of one step are conditionally independent given the rest, so this
 * is exact Gibbs sampling of p(s) ∝ e^(−E(s)) (Geman & Geman 1984).
 * Clamped units are never written; a part whose units are all clamped is
 * skipped and draws no uniforms. For dbn and general plans only the
 * undirected part is swept (groups in directed couplings only keep their
 * values), each unit conditioned on its undirected neighbours and directed
 * parents but not its children: it samples the top-level undirected model,
 * not a posterior (use posterior Gibbs for that).
 *
 * Mean field: with `meanField: true` (every step) or `'last'` (last step
 * only) the units get p instead of a draw; the uniforms are consumed all
 * the same, so later sweeps draw the same numbers either way. Later steps
 * read those probabilities as mean-field inputs. To read visible
 * probabilities of an RBM, end with a `meanField: true` sweep: v then holds
 * p(v | h) for the previous sweep's h.
 *
 * Mutates: state.states, the streams in state.rngs, state.sweeps and the
 * workspace. Allocates: only the returned info; pass a workspace from
 * createGibbsWorkspace, or the state's own is made once on first use.
 * Every state value is checked to lie in [0, 1] before the sweep (states
 * are live arrays a caller may edit), so a rejected call changes nothing.
 *
 * @param state - chains from initGibbs or restoreChains
 * @param workspace - scratch buffers for this plan and chain count
 * @param opts - mean-field option
 * @returns flips in this sweep
 * @throws ValidationError when state is not a GibbsState
 * @throws ConfigError when the workspace belongs to another plan or chain count, or meanField is unknown
 * @throws BinaryDataError when a state value lies outside [0, 1] (states edited by hand; checked before the sweep, so nothing changes)
 *
 * @example
 * ```ts
 * import { rbm } from '@stochnet/graph';
 * import { compile } from '@stochnet/model';
 * import { createGibbsWorkspace, gibbsStep, initGibbs } from '@stochnet/inference';
 * const plan = compile(rbm(6, 3, { seed: 1 }));
 * const state = initGibbs(plan, { chains: 4, seed: 7 });
 * const ws = createGibbsWorkspace(plan, 4);
 * for (let t = 0; t < 10; t++) gibbsStep(state, ws);
 * const info = gibbsStep(state, ws);
 * console.log(info.sweep, info.flips >= 0); // 11 true
 * ```
 */
export function gibbsStep(state: GibbsState, workspace?: GibbsWorkspace, opts?: GibbsStepOptions): GibbsInfo {
  const fn = 'gibbsStep';
  checkGibbsState(fn, state);
  const meanField = meanFieldOf(fn, opts);
  if (workspace !== undefined) checkWorkspace(fn, workspace, state.plan, state.chains);
  checkStateValues(fn, state);
  const ws = workspace ?? workspaceOf(state);
  const flips = sweepInPlace(state, ws, meanField);
  const updates = ws.tally[0]!;
  return { sweep: state.sweeps, flips, flipRate: updates === 0 ? 0 : flips / updates };
}
