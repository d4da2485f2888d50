/**
 * The mean log-likelihood of data under an RBM, with log Z from annealed
 * importance sampling and a bracket from the forward/reverse sandwich.
 *
 * @module
 */
import { freeEnergyBatchInto } from '@stochnet/model';
import type { Plan, StateArray } from '@stochnet/model';
import { aisSetup, forwardAis } from './ais.js';
import type { AisResult } from './ais.js';
import { boolOption, checkData, TILE_ROWS } from './checks.js';
import { rbmSides } from './rbm-params.js';
import { reverseAis, reverseSetup } from './reverse-ais.js';
import type { ReverseAisOptions } from './reverse-ais.js';

/** Options of {@link aisLogLikelihood}: those of `reverseAisLogZ` (start states and burn-in apply to the reverse runs), plus `reverse`. */
export interface AisLikelihoodOptions extends ReverseAisOptions {
  /** Also run reverse AIS for the sandwich bracket (default true; doubles the cost). */
  readonly reverse?: boolean | undefined;
}

/** An AIS estimate of the mean log-likelihood and its bracket. */
export interface AisLikelihood {
  /** −mean F(v) − forward logZ: Salakhutdinov & Murray's estimate (tends to lie above the truth). */
  readonly logLikelihood: number;
  /** Lower end of the bracket (see {@link AisLikelihood.bracket}). */
  readonly lower: number;
  /** Upper end of the bracket. */
  readonly upper: number;
  /**
   * `'sandwich'`: lower = −mean F − reverse logZ, upper = −mean F − forward
   * logZ. `'forward-3sd'` (when `reverse` is false): the forward estimate's
   * ±3-standard-error interval, lower = −mean F − logZHigh, upper =
   * −mean F − logZLow.
   */
  readonly bracket: 'sandwich' | 'forward-3sd';
  /** Mean free energy of the rows. */
  readonly meanFreeEnergy: number;
  /** The forward AIS estimate of log Z. */
  readonly forward: AisResult;
  /** The reverse AIS estimate of log Z, or null when `reverse` is false. */
  readonly reverse: AisResult | null;
}

/**
 * Estimates the mean log-likelihood of data rows under an RBM by AIS, with
 * a bracket.
 *
 * @remarks
 * log p(v) = −F(v) − log Z. The free energies are exact (float64 sums over
 * tiles); log Z comes from `aisLogZ` (forward) and, unless `reverse` is
 * false, `reverseAisLogZ`. Forward AIS tends to under-estimate log Z and
 * reverse AIS to over-estimate it (both by Jensen's inequality; the
 * reverse one only as far as its start states are model samples, see
 * `reverseAisLogZ`), so the true mean log-likelihood tends to lie in
 * [lower, upper] = [−F̄ − logZ_rev, −F̄ − logZ_fwd]: the sandwich. A wide
 * bracket means more β steps or runs are needed. `logLikelihood` is the
 * forward estimate, the one usually reported. The same seed gives the
 * forward runs of `aisLogZ` (substreams `'ais/' + r`); reverse runs use
 * `'reverse-ais/' + r`. The base model defaults to the base rates of
 * `data` itself (any base gives an unbiased Z; pass the training rows as
 * `base` to follow Salakhutdinov & Murray exactly).
 *
 * @param plan - an `rbm` plan
 * @param data - rows × (visible units) 0/1 values, row-major
 * @param rows - number of rows
 * @param opts - seed (required) and the options of `reverseAisLogZ`, plus `reverse`
 * @returns the estimate, its bracket and both AIS results
 * @throws GraphStructureError when the plan is not an rbm
 * @throws LayeringError unless exactly one group has role `visible`
 * @throws ShapeError when `rows` is not a positive integer or a batch has the wrong width
 * @throws BinaryDataError naming the row and column of a value that is not 0 or 1
 * @throws ConfigError naming the option (runs, betas, base, smoothing, burnIn, reverse)
 * @throws TooLargeError when runs, steps or burnIn exceed their limits
 * @throws SeedError when no valid seed or rng is given
 *
 * @example
 * ```ts
 * import { rbm, normal } from '@stochnet/graph';
 * import { compile, exactLogLikelihood } from '@stochnet/model';
 * import { aisLogLikelihood } from '@stochnet/inference';
 * const plan = compile(rbm(8, 4, { seed: 1, init: normal(0, 0.5) }), { dtype: 'float64' });
 * const data = Uint8Array.of(1, 0, 1, 0, 1, 0, 1, 0, 0, 0, 1, 1, 0, 0, 1, 1);
 * const est = aisLogLikelihood(plan, data, 2, { seed: 7, runs: 50, betas: 500, burnIn: 100 });
 * const exact = exactLogLikelihood(plan, data, 2);
 * console.log(est.bracket, Math.abs(est.logLikelihood - exact) < 0.1); // sandwich true
 * ```
 */
export function aisLogLikelihood(plan: Plan, data: StateArray, rows: number, opts: AisLikelihoodOptions): AisLikelihood {
  const fn = 'aisLogLikelihood';
  const sides = rbmSides(fn, plan, 'for small models of other kinds use exactLogLikelihood, for sigmoid belief nets importanceLogLikelihood');
  const nv = plan.blocks[sides.vis]!.size;
  checkData(fn, 'data', data, rows, nv);
  const s = aisSetup(fn, plan, opts, { data, rows });
  const withReverse = boolOption(fn, 'reverse', opts.reverse, true);
  const rev = reverseSetup(fn, s, opts);
  let totalF = 0;
  const out = new Float64Array(Math.min(rows, TILE_ROWS));
  for (let r0 = 0; r0 < rows; r0 += TILE_ROWS) {
    const m = Math.min(TILE_ROWS, rows - r0);
    const o = out.subarray(0, m);
    freeEnergyBatchInto(o, plan, data.subarray(r0 * nv, (r0 + m) * nv), m);
    for (let r = 0; r < m; r++) totalF += o[r]!;
  }
  const meanF = totalF / rows;
  const forward = forwardAis(s, plan);
  const reverse = withReverse ? reverseAis(s, plan, rev.init, rev.burnIn) : null;
  const logLikelihood = -meanF - forward.logZ;
  if (reverse === null) {
    return { logLikelihood, lower: -meanF - forward.logZHigh, upper: -meanF - forward.logZLow, bracket: 'forward-3sd', meanFreeEnergy: meanF, forward, reverse };
  }
  return { logLikelihood, lower: -meanF - reverse.logZ, upper: logLikelihood, bracket: 'sandwich', meanFreeEnergy: meanF, forward, reverse };
}
