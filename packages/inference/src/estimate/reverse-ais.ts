/**
 * Reverse annealed importance sampling of an RBM's log partition function:
 * annealing from the model back to the base model, whose estimate tends to
 * lie above log Z (Burda, Grosse & Salakhutdinov 2015).
 *
 * @module
 */
import type { Plan } from '@stochnet/model';
import { anneal, AnnealState, baseLogZ } from './ais-anneal.js';
import { aisSetup, runStreams } from './ais.js';
import type { AisOptions, AisResult, AisSetup } from './ais.js';
import { checkDataRows, MAX_STEPS } from './checks.js';
import { intOption } from '../option-checks.js';
import { logWeightStats } from './log-weights.js';
import type { DataRows } from './checks.js';

/** Options of {@link reverseAisLogZ}. */
export interface ReverseAisOptions extends AisOptions {
  /**
   * Start states: rows of visible vectors `{ data, rows }`, run r starting
   * at row r mod rows (e.g. exact samples, or the data for a RAISE-style
   * estimate). Default: each run draws from the base model.
   */
  readonly init?: DataRows | undefined;
  /** Block-Gibbs sweeps at β = 1 from the start states before annealing, a non-negative integer; default 1000. */
  readonly burnIn?: number | undefined;
}

/** @internal The reverse-only options, checked. */
export function reverseSetup(fn: string, s: AisSetup, opts: ReverseAisOptions | undefined): { readonly init: DataRows | undefined; readonly burnIn: number } {
  const burnIn = intOption(fn, 'burnIn', opts?.burnIn, 1000, 0, MAX_STEPS);
  const init = opts?.init;
  if (init !== undefined) checkDataRows(fn, 'init', init, s.p.nv);
  return { init, burnIn };
}

/** @internal Runs checked reverse AIS. */
export function reverseAis(s: AisSetup, plan: Plan, init: DataRows | undefined, burnIn: number): AisResult {
  const state = new AnnealState(s.p, s.bA, s.runs, runStreams(s.base, 'reverse-ais/', s.runs), plan.backend);
  if (init === undefined) state.drawBase();
  else {
    const nv = s.p.nv;
    for (let r = 0; r < s.runs; r++) {
      const src = (r % init.rows) * nv;
      for (let i = 0; i < nv; i++) state.v[r * nv + i] = init.data[src + i]!;
    }
    state.refresh();
  }
  for (let t = 0; t < burnIn; t++) state.transition(1);
  const seq = s.betas.slice().reverse();
  const logw = anneal(state, seq);
  const z0 = baseLogZ(s.bA, s.p.nh);
  const st = logWeightStats(logw);
  // The weights estimate Z_A / Z: log Z = log Z_A − log mean w, and the interval flips.
  return {
    logZ: z0 - st.logMean,
    logZLow: z0 - st.logPlus,
    logZHigh: z0 - st.logMinus,
    ess: st.ess,
    logWeights: logw,
    logZBase: z0,
    runs: s.runs,
    steps: s.betas.length - 1,
  };
}

/**
 * Estimates log Z of an RBM by reverse annealed importance sampling, an
 * estimate that tends to lie above log Z.
 *
 * @remarks
 * The same chain as `aisLogZ` run backwards: start from states v_K of the
 * model p_B (β = 1), and for k = K..1 add log p*_β(k−1)(v_k) − log p*_βk(v_k)
 * to the log-weight and move by a block-Gibbs transition at β_(k−1). When
 * the start states are exact samples of p_B, the mean weight is an
 * unbiased estimate of Z_A / Z, so logZ = log Z_A − log mean_r e^(log w_r)
 * is a stochastic upper bound on log Z (Jensen), mirroring the forward
 * estimate's lower bound: together they sandwich log Z (Burda, Grosse &
 * Salakhutdinov 2015; Grosse, Ghahramani & Adams 2015).
 *
 * Honest caveat: a trained RBM cannot be sampled exactly, so the start
 * states are approximate. By default each run draws from the base model
 * and runs `burnIn` (1000) block-Gibbs sweeps of the model; with `init`
 * the runs start from given rows (data-initialised starts, as in Burda et
 * al.'s RAISE, or exact samples) and then run `burnIn` sweeps. If those
 * states are not distributed as p_B, the upper-bound property holds only
 * approximately: a chain that has not mixed (missing modes) can land
 * below log Z. The interval is that of `aisLogZ`, mapped through
 * log Z_A − log(·). Run r reads only `fork('reverse-ais/' + r)`.
 *
 * @param plan - an `rbm` plan
 * @param opts - seed (required), runs, β schedule, base model, start states and burn-in
 * @returns the estimate, its interval, ESS and the runs' log-weights (of Z_A / Z)
 * @throws GraphStructureError when the plan is not an rbm
 * @throws LayeringError unless exactly one group has role `visible`
 * @throws ConfigError naming the option (runs, betas, base, smoothing, burnIn)
 * @throws ShapeError when base data, base biases or init rows have the wrong width
 * @throws BinaryDataError naming the row and column of non-binary base or init data
 * @throws TooLargeError when runs, steps or burnIn exceed their limits
 * @throws SeedError when no valid seed or rng is given
 *
 * @example
 * ```ts
 * import { rbm, normal } from '@stochnet/graph';
 * import { compile, exactLogZ } from '@stochnet/model';
 * import { reverseAisLogZ } from '@stochnet/inference';
 * const plan = compile(rbm(8, 4, { seed: 1, init: normal(0, 0.5) }), { dtype: 'float64' });
 * const est = reverseAisLogZ(plan, { seed: 7, runs: 50, betas: 500, burnIn: 100 });
 * console.log(Math.abs(est.logZ - exactLogZ(plan)) < 0.1); // true
 * ```
 */
export function reverseAisLogZ(plan: Plan, opts: ReverseAisOptions): AisResult {
  const fn = 'reverseAisLogZ';
  const s = aisSetup(fn, plan, opts);
  const r = reverseSetup(fn, s, opts);
  return reverseAis(s, plan, r.init, r.burnIn);
}
