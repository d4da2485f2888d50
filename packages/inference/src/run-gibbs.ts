/**
 * Many block-Gibbs sweeps in one call, with per-sweep flips and an optional
 * energy trace per chain.
 *
 * @module
 */
import { ConfigError, TooLargeError } from '@stochnet/graph';
import { intOption } from './option-checks.js';
import { energiesAt } from './diagnostics.js';
import { checkGibbsState, checkStateValues } from './gibbs-init.js';
import type { GibbsState } from './gibbs-init.js';
import { checkWorkspace } from './gibbs-workspace.js';
import type { GibbsWorkspace } from './gibbs-workspace.js';
import { sweepInPlace, workspaceOf } from './gibbs.js';
import { MAX_CHAIN_ENTRIES } from './chains.js';

/**
 * The most sweeps one `runGibbs` call runs: 2^24. Larger requests throw a
 * `TooLargeError` before any work; call runGibbs again to continue.
 *
 * @example
 * ```ts
 * import { MAX_SWEEPS } from '@stochnet/inference';
 * console.log(MAX_SWEEPS === 2 ** 24); // true
 * ```
 */
export const MAX_SWEEPS = 2 ** 24;

/** Options of {@link runGibbs}. */
export interface RunGibbsOptions {
  /** `'energy'` records every chain's energy after every sweep (rbm and boltzmann plans). */
  readonly trace?: 'energy' | undefined;
  /** Scratch buffers for this plan and chain count (see createGibbsWorkspace). */
  readonly workspace?: GibbsWorkspace | undefined;
}

/** What a run of sweeps did. */
export interface GibbsRun {
  /** Number of sweeps run. */
  readonly sweeps: number;
  /** Flips in each sweep, summed over chains (see GibbsInfo.flips). */
  readonly flips: Float64Array;
  /** Flip rate of each sweep (see GibbsInfo.flipRate). */
  readonly flipRate: Float64Array;
  /** With `trace: 'energy'`: sweeps × chains energies, row t after sweep t + 1; otherwise null. */
  readonly energy: Float64Array | null;
}

/**
 * Runs `sweeps` block-Gibbs sweeps of every chain, in place, recording flips
 * and optionally an energy trace.
 *
 * @remarks
 * Equivalent to calling `gibbsStep(state, workspace)` `sweeps` times (same
 * draws, same final state). With `trace: 'energy'` the energy
 * E(s) = −Σ_{i<j} W_ij s_i s_j − Σ_i b_i s_i of every chain is recorded after
 * every sweep, for mixing diagnostics (see effectiveSampleSize). Everything
 * is checked before the first sweep: a failed call changes nothing and
 * consumes no randomness.
 *
 * @param state - chains from initGibbs or restoreChains
 * @param sweeps - number of sweeps, a positive integer up to MAX_SWEEPS
 * @param opts - trace and workspace
 * @returns per-sweep flips and the optional energy trace
 * @throws ConfigError when sweeps is not a positive integer, trace is unknown or
 *   not available for the plan's kind, or the workspace does not fit
 * @throws TooLargeError when sweeps exceeds MAX_SWEEPS or the trace would exceed MAX_CHAIN_ENTRIES values
 * @throws ValidationError when state is not a GibbsState
 * @throws BinaryDataError when a state value lies outside [0, 1] (states edited by hand)
 *
 * @example
 * ```ts
 * import { boltzmann } from '@stochnet/graph';
 * import { compile } from '@stochnet/model';
 * import { initGibbs, runGibbs } from '@stochnet/inference';
 * const plan = compile(boltzmann(5, { seed: 2 }));
 * const state = initGibbs(plan, { chains: 2, seed: 'run' });
 * const run = runGibbs(state, 20, { trace: 'energy' });
 * console.log(run.flips.length, run.energy!.length); // 20 40
 * ```
 */
export function runGibbs(state: GibbsState, sweeps: number, opts?: RunGibbsOptions): GibbsRun {
  const fn = 'runGibbs';
  checkGibbsState(fn, state);
  intOption(fn, 'sweeps', sweeps, undefined, 1, MAX_SWEEPS);
  const o = opts ?? {};
  if (o === null || typeof o !== 'object') {
    throw new ConfigError(`${fn}: options must be an object such as { trace: 'energy' }`, { function: fn, option: 'options' });
  }
  const trace = o.trace;
  if (trace !== undefined && trace !== 'energy') {
    throw new ConfigError(`${fn}: option trace must be 'energy' or absent, got ${String(trace)}`, { function: fn, option: 'trace', received: trace });
  }
  const { plan, chains } = state;
  if (trace === 'energy' && plan.kind !== 'rbm' && plan.kind !== 'boltzmann') {
    throw new ConfigError(`${fn}: option trace 'energy' needs an rbm or boltzmann plan, but this plan is ${plan.kind}; record logProb yourself instead`, {
      function: fn,
      option: 'trace',
      kind: plan.kind,
    });
  }
  if (trace === 'energy' && sweeps * chains > MAX_CHAIN_ENTRIES) {
    throw new TooLargeError(`${fn}: an energy trace of ${sweeps} sweeps × ${chains} chains exceeds 2^28 values; run in several calls`, {
      function: fn,
      option: 'trace',
      received: sweeps * chains,
      limit: MAX_CHAIN_ENTRIES,
    });
  }
  if (o.workspace !== undefined) checkWorkspace(fn, o.workspace, plan, chains);
  checkStateValues(fn, state);
  const ws = o.workspace ?? workspaceOf(state);
  const flips = new Float64Array(sweeps);
  const flipRate = new Float64Array(sweeps);
  const energy = trace === 'energy' ? new Float64Array(sweeps * chains) : null;
  for (let t = 0; t < sweeps; t++) {
    const f = sweepInPlace(state, ws, false);
    const updates = ws.tally[0]!;
    flips[t] = f;
    flipRate[t] = updates === 0 ? 0 : f / updates;
    if (energy !== null) energiesAt(energy, t * chains, state, ws.row);
  }
  return { sweeps, flips, flipRate, energy };
}
