/**
 * The free-energy gap between training and held-out data of an RBM: a
 * cheap overfitting monitor that needs no partition function.
 *
 * @module
 */
import { freeEnergyBatchInto } from '@stochnet/model';
import type { Plan } from '@stochnet/model';
import { checkDataRows, TILE_ROWS } from './checks.js';
import type { DataRows } from './checks.js';
import { rbmSides } from './rbm-params.js';

/** Mean free energies of two data sets and their difference. */
export interface FreeEnergyGap {
  /** Mean F(v) over the training rows. */
  readonly train: number;
  /** Mean F(v) over the held-out rows. */
  readonly heldOut: number;
  /** `heldOut − train`: near 0 while the model generalises, growing as it overfits. */
  readonly gap: number;
}

function meanFreeEnergy(plan: Plan, d: DataRows, nv: number, out: Float64Array): number {
  let total = 0;
  for (let r0 = 0; r0 < d.rows; r0 += TILE_ROWS) {
    const m = Math.min(TILE_ROWS, d.rows - r0);
    const o = out.subarray(0, m);
    freeEnergyBatchInto(o, plan, d.data.subarray(r0 * nv, (r0 + m) * nv), m);
    for (let r = 0; r < m; r++) total += o[r]!;
  }
  return total / d.rows;
}

/**
 * Mean free energy of training rows and of held-out rows under an RBM.
 *
 * @remarks
 * F(v) = −bᵀv − Σ_j softplus(c_j + (vW)_j), so log p(v) = −F(v) − log Z.
 * Since log Z is shared, `gap = mean F(held-out) − mean F(train)` equals
 * the difference of mean log-likelihoods (train − held-out) without
 * computing Z: a widening gap means overfitting (Hinton 2010, §6). Compare
 * held-out rows with a training subset of similar size. Float64 sums over
 * tiles of 256 rows.
 *
 * @param plan - an `rbm` plan
 * @param train - training rows `{ data, rows }`
 * @param heldOut - held-out rows `{ data, rows }`
 * @returns the two means and their difference
 * @throws GraphStructureError when the plan is not an rbm
 * @throws LayeringError unless exactly one group has role `visible`
 * @throws ShapeError when a batch has the wrong length or no rows
 * @throws BinaryDataError naming the batch, row and column of a value that is not 0 or 1
 *
 * @example
 * ```ts
 * import { rbm } from '@stochnet/graph';
 * import { compile } from '@stochnet/model';
 * import { freeEnergyGap } from '@stochnet/inference';
 * const plan = compile(rbm(2, 1, { seed: 1 }), { dtype: 'float64' });
 * const rows = { data: Uint8Array.of(1, 0, 0, 1), rows: 2 };
 * console.log(freeEnergyGap(plan, rows, rows).gap); // 0
 * ```
 */
export function freeEnergyGap(plan: Plan, train: DataRows, heldOut: DataRows): FreeEnergyGap {
  const fn = 'freeEnergyGap';
  const sides = rbmSides(fn, plan, 'the free energy sums out the hidden layer of an RBM; for other kinds compare exactLogLikelihood or importanceLogLikelihood');
  const nv = plan.blocks[sides.vis]!.size;
  checkDataRows(fn, 'train', train, nv);
  checkDataRows(fn, 'heldOut', heldOut, nv);
  const out = new Float64Array(Math.min(TILE_ROWS, Math.max(train.rows, heldOut.rows)));
  const t = meanFreeEnergy(plan, train, nv, out);
  const h = meanFreeEnergy(plan, heldOut, nv, out);
  return { train: t, heldOut: h, gap: h - t };
}
