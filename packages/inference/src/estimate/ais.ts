/**
 * Annealed importance sampling (Neal 2001) of an RBM's log partition
 * function, from a base-rate model (Salakhutdinov & Murray 2008).
 *
 * @module
 */
import type { Rng } from '@stochnet/graph';
import type { Plan } from '@stochnet/model';
import { forkStreams } from '../alea-streams.js';
import { baseRng, MAX_CHAINS } from '../chains.js';
import type { RandomnessOptions } from '../chains.js';
import { anneal, AnnealState, baseLogZ } from './ais-anneal.js';
import { resolveBase } from './ais-base.js';
import { logWeightStats } from './log-weights.js';
import { resolveBetas } from './ais-schedule.js';
import { checkEntries, checkOptionsObject } from './checks.js';
import { intOption } from '../option-checks.js';
import type { DataRows } from './checks.js';
import { rbmParams, rbmSides } from './rbm-params.js';
import type { RbmParams } from './rbm-params.js';

/** Options of {@link aisLogZ}. */
export interface AisOptions extends RandomnessOptions {
  /** Independent annealing runs, a positive integer; default 100. Run r uses the substream `fork('ais/' + r)`. */
  readonly runs?: number | undefined;
  /**
   * The β schedule: a step count K (the schedule of `aisBetaSchedule(K)`) or
   * an explicit list that starts at exactly 0, ends at exactly 1 and
   * strictly increases. Default: Salakhutdinov & Murray's 14,500 steps.
   */
  readonly betas?: number | readonly number[] | Float64Array | undefined;
  /**
   * The base model's visible biases: rows of data `{ data, rows }` (their
   * smoothed base rates, see `baseRateBiases`), or an explicit list of one
   * finite bias per visible unit. Default: the model's own visible biases.
   */
  readonly base?: DataRows | readonly number[] | Float64Array | undefined;
  /** Pseudo-count of the base rates when `base` is data; default 1. */
  readonly smoothing?: number | undefined;
}

/** The result of an AIS estimate of log Z. */
export interface AisResult {
  /** The estimate of log Z. */
  readonly logZ: number;
  /** Lower end of the ±3-standard-error interval, mapped into the log domain (see remarks of {@link aisLogZ}). */
  readonly logZLow: number;
  /** Upper end of that interval. */
  readonly logZHigh: number;
  /** Effective sample size of the runs' importance weights, (Σw)² / Σw², in [1, runs]. */
  readonly ess: number;
  /** Each run's log importance weight (float64), length `runs`. */
  readonly logWeights: Float64Array;
  /** log Z of the base model, Σ_i softplus(b_A,i) + nh·log 2. */
  readonly logZBase: number;
  /** Number of annealing runs. */
  readonly runs: number;
  /** Number of β steps K. */
  readonly steps: number;
}

/** @internal Everything an AIS call needs, checked before any work. */
export interface AisSetup {
  readonly p: RbmParams;
  readonly bA: Float64Array;
  readonly betas: Float64Array;
  readonly runs: number;
  readonly base: Rng;
}

/** @internal Checks the plan and the shared AIS options, in order, before any work or draw. */
export function aisSetup(fn: string, plan: Plan, opts: AisOptions | undefined, fallbackBase?: DataRows): AisSetup {
  const sides = rbmSides(fn, plan, 'AIS here anneals from a base-rate RBM; for small models of other kinds use exactLogZ, for sigmoid belief nets importanceLogLikelihood');
  checkOptionsObject(fn, opts);
  const nv = plan.blocks[sides.vis]!.size;
  const nh = plan.blocks[sides.hid]!.size;
  const runs = intOption(fn, 'runs', opts?.runs, 100, 1, MAX_CHAINS);
  checkEntries(fn, 'runs', runs * (nv + nh), `runs × units (${runs} × ${nv + nh})`);
  const betas = resolveBetas(fn, opts?.betas);
  const vOff = plan.blocks[sides.vis]!.offset;
  const bA = resolveBase(fn, opts?.base ?? fallbackBase, opts?.smoothing, nv, () => Float64Array.from(plan.bias.subarray(vOff, vOff + nv)));
  const base = baseRng(fn, opts ?? {});
  return { p: rbmParams(fn, plan, sides), bA, betas, runs, base };
}

/** @internal The runs' streams: run r draws exactly as `base.fork(label + r)`. */
export function runStreams(base: Rng, label: string, runs: number): Rng[] {
  return forkStreams(base, label, runs);
}

/**
 * Estimates log Z of an RBM by annealed importance sampling.
 *
 * @remarks
 * Intermediate distributions p_β(v, h) ∝ exp(−(1 − β) E_A(v, h) − β E(v, h))
 * run from the base model A (β = 0: visible biases b_A, zero weights and
 * hidden biases, so log Z_A = Σ_i softplus(b_A,i) + nh·log 2 and v is drawn
 * exactly) to the model (β = 1) (Neal 2001; Salakhutdinov & Murray 2008).
 * Summing h out, log p*_β(v) = ((1 − β) b_A + β b)ᵀv + Σ_j softplus(β (c_j +
 * (vW)_j)). Each run draws v_0 from A, then for k = 1..K adds
 * log p*_βk(v_{k−1}) − log p*_β(k−1)(v_{k−1}) to its log-weight (float64)
 * and moves v by one block-Gibbs transition h ~ p_βk(h | v),
 * v ~ p_βk(v | h), which leaves p_βk invariant. The mean weight is an
 * unbiased estimate of Z / Z_A, so
 * logZ = log Z_A + log mean_r e^(log w_r): by Jensen's inequality its
 * expectation is at most log Z, a stochastic lower bound (see
 * `reverseAisLogZ` for the matching upper bound, and `aisLogLikelihood` for
 * the sandwich).
 *
 * The interval: with w̄ the mean weight and s its standard error (sample
 * standard deviation of the R weights / √R), logZLow = log Z_A + log(w̄ − 3s)
 * (−Infinity when w̄ ≤ 3s) and logZHigh = log Z_A + log(w̄ + 3s), as in
 * Salakhutdinov & Murray's code. It describes the spread of the runs, not
 * the annealing bias, and is only as good as the weights' sample variance
 * (heavy-tailed weights make it too narrow; watch `ess`). With one run it
 * is (−Infinity, Infinity).
 *
 * Cost: runs × K × (2·nv·nh multiply-adds + nh + nv random draws). All
 * randomness comes from the seed; run r reads only `fork('ais/' + r)`, so
 * adding runs never changes the earlier runs' weights.
 *
 * @param plan - an `rbm` plan (weights are read in float64 whatever its dtype)
 * @param opts - seed (required), runs, β schedule and base model
 * @returns the estimate, its interval, ESS and the runs' log-weights
 * @throws GraphStructureError when the plan is not an rbm
 * @throws LayeringError unless exactly one group has role `visible`
 * @throws ConfigError naming the option: runs ≤ 0, a bad β list (not from 0 to 1, not increasing), bad smoothing or base biases
 * @throws ShapeError when base data or biases have the wrong width
 * @throws BinaryDataError naming the row and column of non-binary base data
 * @throws TooLargeError when runs or steps exceed their limits (2^24; runs × units ≤ 2^28)
 * @throws SeedError when no valid seed or rng is given
 *
 * @example
 * ```ts
 * import { rbm, normal } from '@stochnet/graph';
 * import { compile, exactLogZ } from '@stochnet/model';
 * import { aisLogZ } from '@stochnet/inference';
 * const plan = compile(rbm(8, 4, { seed: 1, init: normal(0, 0.5) }), { dtype: 'float64' });
 * const est = aisLogZ(plan, { seed: 7, runs: 50, betas: 500 });
 * console.log(Math.abs(est.logZ - exactLogZ(plan)) < 0.1); // true
 * ```
 */
export function aisLogZ(plan: Plan, opts: AisOptions): AisResult {
  const s = aisSetup('aisLogZ', plan, opts);
  return forwardAis(s, plan);
}

/** @internal Runs checked forward AIS. */
export function forwardAis(s: AisSetup, plan: Plan): AisResult {
  const state = new AnnealState(s.p, s.bA, s.runs, runStreams(s.base, 'ais/', s.runs), plan.backend);
  state.drawBase();
  const logw = anneal(state, s.betas);
  const z0 = baseLogZ(s.bA, s.p.nh);
  const st = logWeightStats(logw);
  return {
    logZ: z0 + st.logMean,
    logZLow: z0 + st.logMinus,
    logZHigh: z0 + st.logPlus,
    ess: st.ess,
    logWeights: logw,
    logZBase: z0,
    runs: s.runs,
    steps: s.betas.length - 1,
  };
}
