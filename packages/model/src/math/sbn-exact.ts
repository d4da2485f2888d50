/**
 * Exact log-likelihoods of a two-layer sigmoid belief net (one hidden group
 * above one visible group) with every row in one walk over the hidden
 * configurations, instead of one walk per row:
 * log p(v) = log Σ_h exp(log p(h) + v·a(h) − Σ_i softplus(a_i(h))), with
 * a(h) = b + Wᵀh the visible units' fields. Configurations are visited in
 * Gray-code order, so one hidden unit j flips per step: a(h) moves by ±W_j,
 * log p(h) by one term, and each row's v·a(h) by ±(v·W_j), precomputed per
 * row and unit; the softplus sum is shared by all rows. Each row keeps a
 * running max-shifted sum in float64. A term more than 60 nats below its
 * row's running maximum adds less than e^−60 relative, so it is skipped:
 * over at most 2^30 terms that changes a result by less than 1e−16
 * relative, below float64 resolution. a(h), log p(h) and every row's v·a(h)
 * are recomputed from scratch every 4096 steps, so rounding never
 * accumulates.
 *
 * @module
 */
import { logBernoulli, softplus } from '../numerics.js';
import type { Plan } from '../plan.js';
import { ctz } from './enumerate.js';
import type { StateArray } from './state.js';

const REFRESH = 4096;
const SKIP = 60;

/** @internal Whether the plan is a two-layer SBN: one hidden block above one visible block, one dense or masked coupling. */
export function isTwoLayerSbn(plan: Plan): boolean {
  if (plan.kind !== 'sbn' || plan.blocks.length !== 2 || plan.weights.length !== 1) return false;
  const w = plan.weights[0]!;
  const from = plan.blocks[w.from]!;
  const to = plan.blocks[w.to]!;
  return w.sparse === null && from.role !== 'visible' && to.role === 'visible' && w.rows === from.size && w.cols === to.size;
}

/**
 * @internal The hidden units of a plan {@link isTwoLayerSbn} accepts (the
 * walk visits 2^hidden configurations).
 */
export function twoLayerSbnHidden(plan: Plan): number {
  return plan.blocks[plan.weights[0]!.from]!.size;
}

/** @internal The exact mean log-likelihood of checked 0/1 rows under a plan {@link isTwoLayerSbn} accepts. */
export function twoLayerSbnLogLikelihood(plan: Plan, data: StateArray, rows: number): number {
  const w = plan.weights[0]!;
  const hb = plan.blocks[w.from]!;
  const vb = plan.blocks[w.to]!;
  const nv = vb.size;
  const nh = hb.size;
  const W = Float64Array.from(w.weights); // hidden × visible
  const bh = Float64Array.from(plan.bias.subarray(hb.offset, hb.offset + nh));
  const a = Float64Array.from(plan.bias.subarray(vb.offset, vb.offset + nv));
  // dW[j·rows + r] = v_r · W_j: the change of row r's v·a when unit j turns on.
  const dW = new Float64Array(nh * rows);
  for (let j = 0; j < nh; j++) {
    for (let r = 0; r < rows; r++) {
      let s = 0;
      for (let i = 0; i < nv; i++) s += data[r * nv + i]! * W[j * nv + i]!;
      dW[j * rows + r] = s;
    }
  }
  const dot = new Float64Array(rows);
  const h = new Uint8Array(nh);
  let logPh = 0;
  // Recomputes a(h), log p(h) and every row's v·a(h) from the current h.
  const refresh = (): void => {
    a.set(plan.bias.subarray(vb.offset, vb.offset + nv));
    logPh = 0;
    for (let j = 0; j < nh; j++) {
      logPh += logBernoulli(bh[j]!, h[j]!);
      if (h[j] === 1) for (let i = 0; i < nv; i++) a[i]! += W[j * nv + i]!;
    }
    for (let r = 0; r < rows; r++) {
      let s = 0;
      for (let i = 0; i < nv; i++) s += data[r * nv + i]! * a[i]!;
      dot[r] = s;
    }
  };
  refresh();
  const max = new Float64Array(rows).fill(-Infinity);
  const sum = new Float64Array(rows);
  const states = 2 ** nh;
  for (let t = 0; t < states; t++) {
    if (t > 0) {
      // Gray code: the unit that flips between configurations t − 1 and t is the lowest set bit of t.
      const j = ctz(t);
      const s = h[j] === 1 ? -1 : 1;
      h[j] = 1 - h[j]!;
      if (t % REFRESH === 0) refresh();
      else {
        logPh += logBernoulli(bh[j]!, h[j]!) - logBernoulli(bh[j]!, 1 - h[j]!);
        for (let i = 0; i < nv; i++) a[i]! += s * W[j * nv + i]!;
        for (let r = 0; r < rows; r++) dot[r]! += s * dW[j * rows + r]!;
      }
    }
    let sp = 0;
    for (let i = 0; i < nv; i++) sp += softplus(a[i]!);
    const base = logPh - sp;
    for (let r = 0; r < rows; r++) {
      const x = base + dot[r]!;
      const m = max[r]!;
      if (x > m) {
        sum[r] = sum[r]! * Math.exp(m - x) + 1;
        max[r] = x;
      } else if (x > m - SKIP) sum[r]! += Math.exp(x - m);
    }
  }
  let total = 0;
  for (let r = 0; r < rows; r++) total += max[r]! + Math.log(sum[r]!);
  return total / rows;
}
