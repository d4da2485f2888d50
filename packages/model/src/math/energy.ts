/**
 * Energies of undirected plans: the Boltzmann energy E(s) of a full state
 * and the RBM free energy F(v) of a visible vector.
 *
 * @module
 */
import type { FloatArray } from '../backend.js';
import type { Plan } from '../plan.js';
import { accumulateCoupling, FieldWorkspace } from './field.js';
import { rbmLayout } from './rbm-layout.js';
import { checkBatch, checkKind, checkOut, checkPlan, checkState } from './state.js';
import type { StateArray } from './state.js';

/**
 * The energy of a full state of an undirected plan (kind `rbm` or `boltzmann`).
 *
 * @remarks
 * E(s) = −Σ_{i<j} W_ij s_i s_j − Σ_i b_i s_i, so p(s) = e^(−E(s)) / Z. A
 * dense lateral block stores each pair twice (W_ij = W_ji); it is counted
 * once. Accumulated in float64.
 *
 * @param plan - an undirected plan
 * @param state - a full 0/1 state, length `plan.size`
 * @returns E(state)
 * @throws GraphStructureError for directed kinds (sbn, dbn, general): use `logProb` instead
 * @throws ShapeError when the state has the wrong length
 * @throws BinaryDataError naming the index of a value that is not 0 or 1
 *
 * @example
 * ```ts
 * import { boltzmann } from '@stochnet/graph';
 * import { compile, energy } from '@stochnet/model';
 * const plan = compile(boltzmann(3, { seed: 1 }), { dtype: 'float64' });
 * console.log(energy(plan, new Float64Array(3))); // 0
 * ```
 */
export function energy(plan: Plan, state: StateArray): number {
  const fn = 'energy';
  checkPlan(fn, plan);
  checkKind(fn, plan, ['rbm', 'boltzmann'], 'a plan with directed couplings is normalised per factor: use logProb (or exactLogProbabilities) instead');
  checkState(fn, plan, state);
  let negE = 0;
  for (let i = 0; i < plan.size; i++) negE += plan.bias[i]! * state[i]!;
  for (const wb of plan.weights) {
    const a = plan.blocks[wb.from]!.offset;
    const b = plan.blocks[wb.to]!.offset;
    const lateral = wb.from === wb.to;
    const w = wb.weights;
    if (wb.sparse !== null) {
      const { rowPtr, colIdx } = wb.sparse;
      for (let r = 0; r < wb.rows; r++) {
        if (state[a + r] === 0) continue;
        for (let q = rowPtr[r]!; q < rowPtr[r + 1]!; q++) negE += w[q]! * state[b + colIdx[q]!]!;
      }
      continue;
    }
    for (let i = 0; i < wb.rows; i++) {
      if (state[a + i] === 0) continue;
      // Dense laterals hold both W_ij and W_ji: read the upper triangle only.
      for (let j = lateral ? i + 1 : 0; j < wb.cols; j++) negE += w[i * wb.cols + j]! * state[b + j]!;
    }
  }
  return 0 - negE; // never −0
}

/**
 * The RBM free energy of a batch of visible vectors, written into `out`.
 *
 * @remarks
 * F(v) = −bᵀv − Σ_j softplus(c_j + (vᵀW)_j), the hidden units summed out:
 * log p(v) = −F(v) − log Z. Computed with the backend's gemm (spmm for a
 * sparse coupling), addBias and softplusRowSums, accumulated in float64.
 *
 * @param out - destination, one free energy per row
 * @param plan - an `rbm` plan
 * @param v - batch × (visible units) 0/1 values, row-major
 * @param batch - number of rows
 * @returns nothing; `out` holds F(v) per row
 * @throws GraphStructureError when the plan is not an rbm
 * @throws LayeringError unless exactly one group has role `visible`
 * @throws ShapeError when a length disagrees with the batch and the plan
 * @throws BinaryDataError naming the row and column of a value that is not 0 or 1
 *
 * @example
 * ```ts
 * import { rbm } from '@stochnet/graph';
 * import { compile, freeEnergyBatchInto } from '@stochnet/model';
 * const plan = compile(rbm(3, 2, { seed: 1 }), { dtype: 'float64' });
 * const out = new Float64Array(2);
 * freeEnergyBatchInto(out, plan, Float64Array.of(0, 0, 0, 1, 1, 1), 2);
 * console.log(out.every(Number.isFinite)); // true
 * ```
 */
export function freeEnergyBatchInto(out: Float64Array, plan: Plan, v: StateArray, batch: number): void {
  const fn = 'freeEnergyBatchInto';
  checkPlan(fn, plan);
  const L = rbmLayout(fn, plan, 'for a boltzmann plan use energy or exactLogLikelihood');
  checkBatch(fn, 'v', v, batch, L.nv);
  checkOut(fn, out, batch, true);
  const ws = new FieldWorkspace(plan, batch);
  const x: FloatArray = v instanceof Uint8Array ? Float64Array.from(v) : v;
  const pre = new Float64Array(batch * L.nh);
  accumulateCoupling(pre, x, ws, L.w, L.visIsFrom ? 'to' : 'from', batch);
  const hOff = plan.blocks[L.hid]!.offset;
  const vOff = plan.blocks[L.vis]!.offset;
  plan.backend.addBias(pre, plan.bias.subarray(hOff, hOff + L.nh), batch, L.nh);
  plan.backend.softplusRowSums(out, pre, batch, L.nh);
  for (let r = 0; r < batch; r++) {
    let bv = 0;
    for (let i = 0; i < L.nv; i++) bv += plan.bias[vOff + i]! * x[r * L.nv + i]!;
    out[r] = -bv - out[r]!;
  }
}

/**
 * The RBM free energy of one visible vector.
 *
 * @remarks
 * F(v) = −bᵀv − Σ_j softplus(c_j + (vᵀW)_j); see {@link freeEnergyBatchInto}.
 *
 * @param plan - an `rbm` plan
 * @param v - the visible units' 0/1 values
 * @returns F(v)
 * @throws GraphStructureError when the plan is not an rbm (for boltzmann plans use energy)
 * @throws LayeringError unless exactly one group has role `visible`
 * @throws ShapeError when `v` does not have one entry per visible unit
 * @throws BinaryDataError naming the column of a value that is not 0 or 1
 *
 * @example
 * ```ts
 * import { rbm } from '@stochnet/graph';
 * import { compile, freeEnergy, softplus } from '@stochnet/model';
 * const plan = compile(rbm(2, 3, { seed: 1 }), { dtype: 'float64' }); // biases start at 0
 * const zero = freeEnergy(plan, Float64Array.of(0, 0));
 * console.log(Math.abs(zero + 3 * softplus(0)) < 1e-12); // true
 * ```
 */
export function freeEnergy(plan: Plan, v: StateArray): number {
  const out = new Float64Array(1);
  freeEnergyBatchInto(out, plan, v, 1);
  return out[0]!;
}
