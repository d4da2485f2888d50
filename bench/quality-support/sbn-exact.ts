/**
 * Exact log-likelihoods of a two-layer sigmoid belief net (visible ← one
 * hidden group) by enumerating every hidden configuration once for all rows:
 * log p(v) = log Σ_h exp(log p(h) + v·a(h) − Σ_i softplus(a_i(h))) with
 * a(h) = b + Wᵀh. Configurations are visited in Gray-code order, so one
 * hidden unit j flips per step: a(h) changes by ±W_j, log p(h) by one term,
 * and every row's v·a(h) by ±(v·W_j), precomputed per row and unit. Each
 * row keeps a running max-shifted log-sum-exp in float64 (terms more than
 * 60 nats below the running maximum add less than e^−60 relative each and
 * are skipped); v·a(h) is recomputed from scratch every 4096 steps so
 * rounding never accumulates. The model package's `exactLogLikelihood`
 * walks each row's 2^n configurations separately (about 12 µs each here),
 * far too slow for hundreds of rows × 2^20; this computes the same sums.
 */
import { logBernoulli, softplus } from '@stochnet/model';
import type { Plan } from '@stochnet/model';

const REFRESH = 4096;
const SKIP = 60;

/** Exact (1/rows) Σ_r log p(v_r) for an sbn plan with one visible and one hidden group. */
export function exactSbnLogLikelihood(plan: Plan, data: Uint8Array, rows: number): number {
  const each = exactSbnRowLogLikelihoods(plan, data, rows);
  return each.reduce((s, x) => s + x, 0) / rows;
}

/** Exact log p(v_r) of every row, in one pass over the 2^hidden configurations. */
export function exactSbnRowLogLikelihoods(plan: Plan, data: Uint8Array, rows: number): Float64Array {
  const vb = plan.blocks.find((b) => b.role === 'visible')!;
  const hb = plan.blocks.find((b) => b.role !== 'visible')!;
  const w = plan.weights[0]!; // hidden (rows) → visible (cols)
  if (plan.kind !== 'sbn' || plan.blocks.length !== 2 || w.rows !== hb.size || w.cols !== vb.size) throw new Error('exactSbnRowLogLikelihoods: needs a two-layer sbn plan');
  const nv = vb.size;
  const nh = hb.size;
  const W = Float64Array.from(w.weights);
  const bh = Float64Array.from(plan.bias.subarray(hb.offset, hb.offset + nh));
  const a = Float64Array.from(plan.bias.subarray(vb.offset, vb.offset + nv));
  // dW[j·rows + r] = v_r · W_j: the change of row r's v·a when unit j turns on.
  const dW = new Float64Array(nh * rows);
  for (let j = 0; j < nh; j++) for (let r = 0; r < rows; r++) for (let i = 0; i < nv; i++) dW[j * rows + r]! += data[r * nv + i]! * W[j * nv + i]!;
  const dot = new Float64Array(rows);
  const refresh = (): void => {
    for (let r = 0; r < rows; r++) {
      let s = 0;
      for (let i = 0; i < nv; i++) s += data[r * nv + i]! * a[i]!;
      dot[r] = s;
    }
  };
  refresh();
  const h = new Uint8Array(nh);
  let logPh = 0;
  for (let j = 0; j < nh; j++) logPh += logBernoulli(bh[j]!, 0);
  const max = new Float64Array(rows).fill(-Infinity);
  const sum = new Float64Array(rows);
  const states = 2 ** nh;
  for (let t = 0; t < states; t++) {
    if (t > 0) {
      const j = 31 - Math.clz32(t & -t); // Gray code: unit j flips between t − 1 and t
      const s = h[j] === 1 ? -1 : 1;
      logPh += logBernoulli(bh[j]!, 1 - h[j]!) - logBernoulli(bh[j]!, h[j]!);
      h[j] = 1 - h[j]!;
      for (let i = 0; i < nv; i++) a[i]! += s * W[j * nv + i]!;
      if (t % REFRESH === 0) refresh();
      else for (let r = 0; r < rows; r++) dot[r]! += s * dW[j * rows + r]!;
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
  const out = new Float64Array(rows);
  for (let r = 0; r < rows; r++) out[r] = max[r]! + Math.log(sum[r]!);
  return out;
}
