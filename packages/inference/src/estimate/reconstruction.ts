/**
 * Reconstruction error of an RBM: how far the mean-field reconstruction
 * σ(σ(vW + c)Wᵀ + b) lies from the data.
 *
 * @module
 */
import { softplus, sigmoid } from '@stochnet/model';
import type { Plan, StateArray } from '@stochnet/model';
import { checkData, checkOptionsObject, choiceOption, TILE_ROWS } from './checks.js';
import { copyRows, gemmShape, hiddenInputsInto, rbmParams, rbmSides, visibleInputsInto } from './rbm-params.js';

/** How {@link reconstructionError} scores a reconstruction. */
export type ReconstructionLoss = 'squared' | 'cross-entropy';

/** Options of {@link reconstructionError}. */
export interface ReconstructionOptions {
  /** `'squared'` (default): mean squared error per unit; `'cross-entropy'`: mean Bernoulli cross-entropy per unit, in nats. */
  readonly loss?: ReconstructionLoss | undefined;
}

/**
 * The mean reconstruction error of data rows under an RBM, per unit.
 *
 * @remarks
 * With mean-field hidden probabilities h = σ(vW + c) and reconstruction
 * logits a = hWᵀ + b, the reconstruction is r = σ(a) and
 * - `'squared'`: (1/(rows·nv)) Σ_r Σ_i (r_i − v_i)², in [0, 1];
 * - `'cross-entropy'`: (1/(rows·nv)) Σ_r Σ_i −[v_i log r_i + (1 − v_i) log(1 − r_i)],
 *   computed as softplus(a_i) − v_i a_i (never a log of a sigmoid).
 * Both are means per unit (divide by nothing more; multiply by nv for a
 * per-example sum). Reconstruction error is a cheap training monitor, not
 * a likelihood: it can fall while the model gets worse (Hinton 2010, §5).
 * Rows run in tiles of 256 through the backend's gemm, in float64, with
 * buffers allocated once per call (no per-row allocation).
 *
 * @param plan - an `rbm` plan
 * @param data - rows × (visible units) 0/1 values, row-major
 * @param rows - number of rows
 * @param opts - the loss
 * @returns the mean error per unit
 * @throws GraphStructureError when the plan is not an rbm
 * @throws LayeringError unless exactly one group has role `visible`
 * @throws ShapeError when `rows` is not a positive integer or `data` has the wrong length
 * @throws BinaryDataError naming the row and column of a value that is not 0 or 1
 * @throws ConfigError when `loss` is not `'squared'` or `'cross-entropy'`
 *
 * @example
 * ```ts
 * import { rbm } from '@stochnet/graph';
 * import { compile } from '@stochnet/model';
 * import { reconstructionError } from '@stochnet/inference';
 * const plan = compile(rbm(2, 3, { seed: 1 }), { dtype: 'float64' });
 * plan.weights[0]!.weights.fill(0); // every reconstruction is σ(0) = 0.5
 * console.log(reconstructionError(plan, Uint8Array.of(1, 0), 1)); // 0.25
 * ```
 */
export function reconstructionError(plan: Plan, data: StateArray, rows: number, opts?: ReconstructionOptions): number {
  const fn = 'reconstructionError';
  const sides = rbmSides(fn, plan, 'reconstruction needs a visible and a hidden layer; for other kinds use pseudoLogLikelihood or exactLogLikelihood');
  checkOptionsObject(fn, opts);
  const loss = choiceOption<ReconstructionLoss>(fn, 'loss', opts?.loss, ['squared', 'cross-entropy'], 'squared');
  const nv = plan.blocks[sides.vis]!.size;
  checkData(fn, 'data', data, rows, nv);
  const p = rbmParams(fn, plan, sides);
  const tile = Math.min(rows, TILE_ROWS);
  const v = new Float64Array(tile * nv);
  const h = new Float64Array(tile * p.nh);
  const a = new Float64Array(tile * nv);
  const shape = gemmShape();
  const backend = plan.backend;
  let total = 0;
  for (let r0 = 0; r0 < rows; r0 += tile) {
    const n = Math.min(tile, rows - r0);
    copyRows(v, data, r0, n, nv);
    hiddenInputsInto(h, p, v, n, backend, shape);
    for (let k = 0; k < n * p.nh; k++) h[k] = sigmoid(h[k]!);
    visibleInputsInto(a, p, h, n, 1, backend, shape);
    backend.addBias(a, p.b, n, nv);
    for (let k = 0; k < n * nv; k++) {
      const ak = a[k]!;
      const vk = v[k]!;
      if (loss === 'squared') {
        const d = sigmoid(ak) - vk;
        total += d * d;
      } else total += softplus(ak) - vk * ak;
    }
  }
  return total / (rows * nv);
}
