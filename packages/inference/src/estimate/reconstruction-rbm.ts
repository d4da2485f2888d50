/**
 * The reconstruction pass of an RBM with one dense coupling, straight on
 * the plan's backend in the plan's dtype: per tile of rows, h = σ(vW + c)
 * (a sum of selected weight rows when the tile is 0/1 and the backend has
 * the binary-state kernels), then a = hWᵀ + b, scored in float64. This is
 * the training loop's per-epoch metric on its most common model, so it is
 * kept to two products per tile.
 *
 * @module
 */
import { hasBinaryStateKernels, sigmoid, softplus } from '@stochnet/model';
import type { FloatArray, GemmShape, Plan } from '@stochnet/model';
import { TILE_ROWS } from './checks.js';
import type { ReconstructionLoss } from './reconstruction.js';

/** @internal Whether {@link rbmReconstruction} applies: an rbm plan with one visible and one hidden block joined by one dense, unmasked coupling. */
export function isDenseRbm(plan: Plan): boolean {
  if (plan.kind !== 'rbm' || plan.blocks.length !== 2 || plan.weights.length !== 1) return false;
  const w = plan.weights[0]!;
  const visible = plan.blocks.filter((b) => b.role === 'visible').length;
  return visible === 1 && w.sparse === null && w.mask === null && !w.directed && w.from !== w.to;
}

/**
 * @internal The summed reconstruction loss of rows × nv data (not yet
 * divided by rows·nv) for a plan that {@link isDenseRbm} accepts; inputs
 * already checked.
 */
export function rbmReconstruction(plan: Plan, values: ArrayLike<number>, rows: number, loss: ReconstructionLoss): number {
  const vis = plan.blocks.findIndex((b) => b.role === 'visible');
  const hid = 1 - vis;
  const vb = plan.blocks[vis]!;
  const hb = plan.blocks[hid]!;
  const nv = vb.size;
  const nh = hb.size;
  const w = plan.weights[0]!;
  const visIsFrom = w.from === vis; // W stored nv × nh, else nh × nv
  const backend = plan.backend;
  const make = (n: number): FloatArray => (plan.dtype === 'float64' ? new Float64Array(n) : new Float32Array(n));
  const tile = Math.min(rows, TILE_ROWS);
  const v = make(tile * nv);
  const h = make(tile * nh);
  const a = make(tile * nv);
  const visBias = plan.bias.subarray(vb.offset, vb.offset + nv);
  const hidBias = plan.bias.subarray(hb.offset, hb.offset + nh);
  const selected = visIsFrom && hasBinaryStateKernels(backend) ? backend : null;
  const up: GemmShape = { m: 0, n: nh, k: nv, transA: false, transB: !visIsFrom, alpha: 1, beta: 0 };
  const down: GemmShape = { m: 0, n: nv, k: nh, transA: false, transB: visIsFrom, alpha: 1, beta: 0 };
  let total = 0;
  for (let r0 = 0; r0 < rows; r0 += tile) {
    const m = Math.min(tile, rows - r0);
    let binary = true;
    for (let q = 0; q < m * nv; q++) {
      const x = values[r0 * nv + q]!;
      v[q] = x;
      if (x !== 0 && x !== 1) binary = false;
    }
    const vt = m === tile ? v : v.subarray(0, m * nv);
    const ht = m === tile ? h : h.subarray(0, m * nh);
    const at = m === tile ? a : a.subarray(0, m * nv);
    if (binary && selected !== null) selected.selectRowsSum(ht, vt, w.weights, m, nv, nh);
    else {
      up.m = m;
      backend.gemm(ht, vt, w.weights, up);
    }
    backend.biasSigmoid(ht, ht, hidBias, m, nh);
    down.m = m;
    backend.gemm(at, ht, w.weights, down);
    backend.addBias(at, visBias, m, nv);
    for (let q = 0; q < m * nv; q++) {
      const z = at[q]!;
      const x = vt[q]!;
      if (loss === 'squared') {
        const d = sigmoid(z) - x;
        total += d * d;
      } else total += softplus(z) - x * z;
    }
  }
  return total;
}
