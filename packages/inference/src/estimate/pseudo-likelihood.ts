/**
 * Pseudo-log-likelihood (Besag 1975) of fully visible Boltzmann machines
 * and RBMs: the sum over units of log p(v_i | v_−i), exact over every unit
 * or estimated from one random unit per example as scikit-learn does.
 *
 * @module
 */
import { GraphStructureError } from '@stochnet/graph';
import { blockFieldInto, FieldWorkspace, logSigmoid, softplus } from '@stochnet/model';
import type { Plan, StateArray } from '@stochnet/model';
import { baseRng } from '../chains.js';
import type { RandomnessOptions } from '../chains.js';
import { boolOption, checkData, checkEntries, checkOptionsObject, TILE_ROWS } from './checks.js';
import { checkPlanKind } from '../plan-kind.js';
import { copyRows, gemmShape, hiddenInputsInto, rbmParams, rbmSides } from './rbm-params.js';
import type { RbmParams } from './rbm-params.js';

/** Options of {@link pseudoLogLikelihood}. */
export interface PseudoLikelihoodOptions extends RandomnessOptions {
  /**
   * `false` (default): exact, every unit of every example. `true`: one unit
   * chosen uniformly at random per example, its term scaled by the number
   * of units (scikit-learn's `BernoulliRBM.score_samples`); needs `seed` or `rng`.
   */
  readonly stochastic?: boolean | undefined;
}

/** A pseudo-log-likelihood and its normalisations. */
export interface PseudoLikelihood {
  /** The mean over examples of Σ_i log p(v_i | v_−i): per example, summed over units (nats). */
  readonly mean: number;
  /** `mean / units`: the mean per unit (nats). */
  readonly perUnit: number;
  /** Number of units summed over per example. */
  readonly units: number;
  /** Per-example values (each summed over units), length `rows`. */
  readonly perRow: Float64Array;
  /** Whether the one-unit-per-example estimator was used. */
  readonly stochastic: boolean;
}

/** @internal The plan's kind and data width, checked: an rbm, or an undirected plan whose every unit is visible. */
export function pllWidth(fn: string, plan: unknown): { readonly rbm: boolean; readonly width: number; readonly sides: { vis: number; hid: number } | null } {
  checkPlanKind(fn, plan, ['rbm', 'boltzmann'], 'directed plans have a tractable log p per example: use exactLogLikelihood or importanceLogLikelihood');
  if (plan.kind === 'rbm') {
    const sides = rbmSides(fn, plan, '');
    return { rbm: true, width: plan.blocks[sides.vis]!.size, sides };
  }
  const hidden = plan.blocks.filter((b) => b.role !== 'visible');
  if (hidden.length > 0) {
    throw new GraphStructureError(`${fn} needs every unit of a boltzmann plan visible, but group ${hidden[0]!.group} has role ${hidden[0]!.role}; hidden units would have to be summed out: use exactLogLikelihood (small models)`, {
      function: fn,
      group: hidden[0]!.group,
      role: hidden[0]!.role,
    });
  }
  return { rbm: false, width: plan.size, sides: null };
}

/** log p(v_i | v_−i) for an RBM row with x = c + vW: −softplus(F(v) − F(v with i flipped)). */
function rbmTerm(p: RbmParams, v: Float64Array, vo: number, x: Float64Array, xo: number, spx: Float64Array, i: number): number {
  const d = 1 - 2 * v[vo + i]!;
  let diff = p.b[i]! * d;
  const wi = i * p.nh;
  for (let j = 0; j < p.nh; j++) diff += softplus(x[xo + j]! + d * p.w[wi + j]!) - spx[j]!;
  return -softplus(diff);
}

/**
 * The pseudo-log-likelihood of data rows: per example, summed over units.
 *
 * @remarks
 * PLL(v) = Σ_i log p(v_i | v_−i) (Besag 1975). For an RBM the hidden units
 * are summed out through the free energy F:
 * log p(v_i | v_−i) = −softplus(F(v) − F(ṽ_i)), with ṽ_i = v with unit i
 * flipped, so F(v) − F(ṽ_i) = b_i d_i + Σ_j [softplus(x_j + d_i W_ij) −
 * softplus(x_j)], d_i = 1 − 2v_i, x = c + vW. For a fully visible
 * Boltzmann machine log p(v_i | v_−i) = log σ((2v_i − 1) f_i) with
 * f_i = b_i + Σ_j W_ij v_j.
 *
 * Normalisation (scikit-learn#23179 mixed these up): `mean` is per example
 * and summed over the units, so a 2-unit model with independent units
 * p(v_i = 1) = 1/2 scores 2·log(1/2); `perUnit` divides that by the number
 * of units. The stochastic estimator picks one unit i uniformly per example
 * (from the seed's substream `'pll'`, one draw per row in order) and
 * returns units · log p(v_i | v_−i), an unbiased estimate of the same
 * per-example sum. Computed in float64. Cost of the exact form: one gemm
 * plus rows × nv × nh softplus evaluations for an rbm (rows × units² for a
 * Boltzmann machine); the stochastic form needs rows × nh for an rbm.
 *
 * @param plan - an `rbm` plan, or a `boltzmann` plan whose groups all have role `visible`
 * @param data - rows × (visible units) 0/1 values (for a boltzmann plan, full states in layout order)
 * @param rows - number of rows
 * @param opts - the stochastic estimator and its seed
 * @returns the mean per example, the mean per unit, and the per-example values
 * @throws GraphStructureError for directed kinds, or a boltzmann plan with hidden units
 * @throws LayeringError for an rbm plan without exactly one visible-role group
 * @throws ShapeError when `rows` is not a positive integer or `data` has the wrong length
 * @throws BinaryDataError naming the row and column of a value that is not 0 or 1
 * @throws ConfigError when `stochastic` is not a boolean
 * @throws SeedError when `stochastic` is true and no valid seed or rng is given
 *
 * @example
 * ```ts
 * import { boltzmann, zeros } from '@stochnet/graph';
 * import { compile } from '@stochnet/model';
 * import { pseudoLogLikelihood } from '@stochnet/inference';
 * const plan = compile(boltzmann(2, { seed: 1, init: zeros() }), { dtype: 'float64' });
 * const pll = pseudoLogLikelihood(plan, Uint8Array.of(1, 0), 1);
 * console.log(pll.mean, pll.perUnit); // 2·log(1/2) = -1.3862943611198906, -0.6931471805599453
 * ```
 */
export function pseudoLogLikelihood(plan: Plan, data: StateArray, rows: number, opts?: PseudoLikelihoodOptions): PseudoLikelihood {
  const fn = 'pseudoLogLikelihood';
  const kind = pllWidth(fn, plan);
  checkOptionsObject(fn, opts);
  const stochastic = boolOption(fn, 'stochastic', opts?.stochastic, false);
  const n = kind.width;
  checkData(fn, 'data', data, rows, n);
  const tile = Math.min(rows, TILE_ROWS);
  checkEntries(fn, 'data', tile * plan.size, 'tile rows × units');
  const picks = new Int32Array(stochastic ? rows : 0);
  // A seed is checked whenever one is given, and required by the stochastic estimator.
  const base = stochastic || opts?.seed !== undefined || opts?.rng !== undefined ? baseRng(fn, opts ?? {}) : null;
  if (stochastic && base !== null) {
    const rng = base.fork('pll');
    for (let r = 0; r < rows; r++) picks[r] = rng.nextInt(n);
  }
  const perRow = new Float64Array(rows);
  const v = new Float64Array(tile * n);
  if (kind.sides !== null) {
    const p = rbmParams(fn, plan, kind.sides);
    const x = new Float64Array(tile * p.nh);
    const spx = new Float64Array(p.nh);
    const shape = gemmShape();
    for (let r0 = 0; r0 < rows; r0 += tile) {
      const m = Math.min(tile, rows - r0);
      copyRows(v, data, r0, m, n);
      hiddenInputsInto(x, p, v, m, plan.backend, shape);
      for (let r = 0; r < m; r++) {
        const xo = r * p.nh;
        for (let j = 0; j < p.nh; j++) spx[j] = softplus(x[xo + j]!);
        let s = 0;
        if (stochastic) s = n * rbmTerm(p, v, r * n, x, xo, spx, picks[r0 + r]!);
        else for (let i = 0; i < n; i++) s += rbmTerm(p, v, r * n, x, xo, spx, i);
        perRow[r0 + r] = s;
      }
    }
  } else {
    const f = new Float64Array(tile * n);
    const scratch = new Float64Array(tile * Math.max(...plan.blocks.map((b) => b.size)));
    const ws = new FieldWorkspace(plan, tile);
    for (let r0 = 0; r0 < rows; r0 += tile) {
      const m = Math.min(tile, rows - r0);
      copyRows(v, data, r0, m, n);
      fullFieldsInto(f, plan, v, m, ws, scratch);
      for (let r = 0; r < m; r++) {
        const o = r * n;
        let s = 0;
        if (stochastic) {
          const i = picks[r0 + r]!;
          s = n * logSigmoid((2 * v[o + i]! - 1) * f[o + i]!);
        } else for (let i = 0; i < n; i++) s += logSigmoid((2 * v[o + i]! - 1) * f[o + i]!);
        perRow[r0 + r] = s;
      }
    }
  }
  let total = 0;
  for (let r = 0; r < rows; r++) total += perRow[r]!;
  const mean = total / rows;
  return { mean, perUnit: mean / n, units: n, perRow, stochastic };
}

/**
 * @internal Writes the field f_i = b_i + Σ_j W_ij s_j of every unit of an
 * undirected plan for `rows` full states `s` (rows × plan.size) into `f`
 * (same layout), block by block through `blockFieldInto`; `scratch` holds
 * at least rows × (largest block) entries.
 */
export function fullFieldsInto(f: Float64Array, plan: Plan, s: Float64Array, rows: number, ws: FieldWorkspace, scratch: Float64Array): void {
  const n = plan.size;
  const states = s.subarray(0, rows * n);
  plan.blocks.forEach((blk, b) => {
    const out = scratch.subarray(0, rows * blk.size);
    blockFieldInto(out, plan, states, rows, b, { workspace: ws });
    for (let r = 0; r < rows; r++) for (let i = 0; i < blk.size; i++) f[r * n + blk.offset + i] = out[r * blk.size + i]!;
  });
}
