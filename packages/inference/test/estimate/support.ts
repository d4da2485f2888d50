/**
 * Shared helpers of the estimator tests: RBM fixtures, direct (loop-based)
 * references, and exact sampling from small RBMs by enumerating the hidden side.
 */
import { normal, rbm } from '@stochnet/graph';
import type { Rng, Seed } from '@stochnet/graph';
import { compile, sigmoid, softplus } from '@stochnet/model';
import type { Plan } from '@stochnet/model';

/** A float64 RBM plan nv × nh with W ~ N(0, sd²) and biases ~ N(0, 0.5²). */
export function rbmPlan(nv: number, nh: number, sd: number, seed: Seed): Plan {
  return compile(rbm(nv, nh, { seed, init: normal(0, sd), visibleBias: normal(0, 0.5), hiddenBias: normal(0, 0.5) }), { dtype: 'float64' });
}

/** The RBM's parameters read straight from the plan: W (nv×nh), b, c. */
export function rbmArrays(plan: Plan): { nv: number; nh: number; w: Float64Array; b: Float64Array; c: Float64Array } {
  const vis = plan.blocks.findIndex((b) => b.role === 'visible');
  const hid = 1 - vis;
  const vb = plan.blocks[vis]!;
  const hb = plan.blocks[hid]!;
  const wb = plan.weights[0]!;
  if (wb.from !== vis) throw new Error('test helper expects the coupling stored visible × hidden');
  return {
    nv: vb.size,
    nh: hb.size,
    w: Float64Array.from(wb.weights),
    b: Float64Array.from(plan.bias.subarray(vb.offset, vb.offset + vb.size)),
    c: Float64Array.from(plan.bias.subarray(hb.offset, hb.offset + hb.size)),
  };
}

/** F(v) by a direct loop. */
export function freeEnergyRef(plan: Plan, v: ArrayLike<number>): number {
  const { nv, nh, w, b, c } = rbmArrays(plan);
  let f = 0;
  for (let i = 0; i < nv; i++) f -= b[i]! * v[i]!;
  for (let j = 0; j < nh; j++) {
    let x = c[j]!;
    for (let i = 0; i < nv; i++) x += v[i]! * w[i * nh + j]!;
    f -= softplus(x);
  }
  return f;
}

/** n exact samples of v from a small RBM: h by inverse CDF over its enumerated marginal, then v ~ p(v | h). */
export function exactRbmSamples(plan: Plan, n: number, rng: Rng): Uint8Array {
  const { nv, nh, w, b, c } = rbmArrays(plan);
  const H = 2 ** nh;
  const logp = new Float64Array(H);
  for (let x = 0; x < H; x++) {
    let s = 0;
    for (let j = 0; j < nh; j++) if ((x >> j) & 1) s += c[j]!;
    for (let i = 0; i < nv; i++) {
      let a = b[i]!;
      for (let j = 0; j < nh; j++) if ((x >> j) & 1) a += w[i * nh + j]!;
      s += softplus(a);
    }
    logp[x] = s;
  }
  const max = Math.max(...logp);
  const cdf = new Float64Array(H);
  let acc = 0;
  for (let x = 0; x < H; x++) cdf[x] = acc += Math.exp(logp[x]! - max);
  const out = new Uint8Array(n * nv);
  for (let s = 0; s < n; s++) {
    const u = rng.nextDouble() * acc;
    let x = 0;
    while (x < H - 1 && cdf[x]! <= u) x++;
    for (let i = 0; i < nv; i++) {
      let a = b[i]!;
      for (let j = 0; j < nh; j++) if ((x >> j) & 1) a += w[i * nh + j]!;
      out[s * nv + i] = rng.next() < sigmoid(a) ? 1 : 0;
    }
  }
  return out;
}

/** Seeded 0/1 rows. */
export function randomRows(rng: Rng, rows: number, cols: number, p = 0.5): Uint8Array {
  const out = new Uint8Array(rows * cols);
  for (let k = 0; k < out.length; k++) out[k] = rng.next() < p ? 1 : 0;
  return out;
}
