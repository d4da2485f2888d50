/**
 * P10: metamorphic relations checked by exact enumeration — relabelling,
 * spin flip, an RBM written as a general Boltzmann machine (masked and
 * sparse laterals), an all-root SBN, and zero-weight edges.
 */
import { describe, expect, it } from 'vitest';
import { network, normal } from '@stochnet/graph';
import type { Network } from '@stochnet/graph';
import { compile, conditional, exactLogProbabilities, exactLogZ, exactMarginals, logBernoulli } from '@stochnet/model';
import { m1, m2c, m3 } from './support/fixtures.js';
import { stateOf } from './support/reference.js';

const f64 = { dtype: 'float64' } as const;
const lp = (net: Network): Float64Array => exactLogProbabilities(compile(net, f64));
const bm = (bias: Float64Array, w: Float64Array): Network =>
  network().layer('x', bias.length, { role: 'visible', bias }).connect('x', 'x', { undirected: true, weights: w }).build();

function m1Params(): { b: Float64Array; w: Float64Array } {
  const net = m1();
  return { b: net.biases.get('x' as never)!, w: net.couplings.get('x--x' as never)!.weights };
}

describe('P10 metamorphic relations', () => {
  it('relabelling units permutes the distribution', () => {
    const { b, w } = m1Params();
    const n = 6;
    const perm = [3, 0, 5, 1, 4, 2]; // new unit k is old unit perm[k]
    const b2 = Float64Array.from(perm, (p) => b[p]!);
    const w2 = new Float64Array(n * n);
    for (let k = 0; k < n; k++) for (let l = 0; l < n; l++) w2[k * n + l] = w[perm[k]! * n + perm[l]!]!;
    const a = lp(bm(b, w));
    const c = lp(bm(b2, w2));
    for (let x = 0; x < 64; x++) {
      let y = 0;
      for (let k = 0; k < n; k++) if ((x >> perm[k]!) & 1) y |= 1 << k;
      expect(Math.abs(c[y]! - a[x]!)).toBeLessThanOrEqual(1e-12);
    }
  });

  it('the spin flip s_k → 1 − s_k with the matching b, W transform leaves the distribution invariant', () => {
    const { b, w } = m1Params();
    const n = 6;
    const k = 2;
    const b2 = Float64Array.from(b);
    const w2 = Float64Array.from(w);
    b2[k] = -b[k]!;
    for (let j = 0; j < n; j++) {
      if (j === k) continue;
      b2[j] = b[j]! + w[k * n + j]!;
      w2[k * n + j] = -w[k * n + j]!;
      w2[j * n + k] = -w[j * n + k]!;
    }
    const a = lp(bm(b, w));
    const c = lp(bm(b2, w2));
    for (let x = 0; x < 64; x++) expect(Math.abs(c[x ^ (1 << k)]! - a[x]!)).toBeLessThanOrEqual(1e-12);
  });

  it('an RBM and the same model as one group with a masked or sparse lateral coupling agree exactly', () => {
    const net = m2c();
    const plan = compile(net, f64);
    expect(plan.kind).toBe('rbm');
    // Layout of the RBM: groups sorted by id, so h (3 units) then v (4 units).
    const W = net.couplings.get('v--h' as never)!.weights; // 4×3, v rows
    const bias = Float64Array.of(...net.biases.get('h' as never)!, ...net.biases.get('v' as never)!);
    const full = new Float64Array(49);
    const mask = new Uint8Array(49);
    const pairs: [number, number, number][] = [];
    for (let i = 0; i < 4; i++) {
      for (let j = 0; j < 3; j++) {
        const a = j;
        const c = 3 + i;
        full[a * 7 + c] = full[c * 7 + a] = W[i * 3 + j]!;
        mask[a * 7 + c] = mask[c * 7 + a] = 1;
        pairs.push([a, c, W[i * 3 + j]!]);
      }
    }
    const masked = network().layer('x', 7, { bias }).connect('x', 'x', { undirected: true, weights: full, mask }).build();
    const sparse = network().layer('x', 7, { bias }).connect('x', 'x', { undirected: true, sparse: pairs }).build();
    const ref = exactLogProbabilities(plan);
    for (const other of [masked, sparse]) {
      const p2 = compile(other, f64);
      expect(p2.kind).toBe('boltzmann');
      const lp2 = exactLogProbabilities(p2);
      for (let x = 0; x < 128; x++) expect(Math.abs(lp2[x]! - ref[x]!)).toBeLessThanOrEqual(1e-12);
      expect(Math.abs(exactLogZ(p2) - exactLogZ(plan))).toBeLessThanOrEqual(1e-12);
      const m = exactMarginals(plan);
      exactMarginals(p2).forEach((v, i) => expect(Math.abs(v - m[i]!)).toBeLessThanOrEqual(1e-12));
      for (let x = 0; x < 128; x += 5) {
        const s = stateOf(x, 7);
        for (let i = 0; i < 7; i++) expect(Math.abs(conditional(p2, s, i) - conditional(plan, s, i))).toBeLessThanOrEqual(1e-12);
      }
    }
  });

  it('an SBN whose units are all roots is a product of independent Bernoullis', () => {
    const net = network({ seed: 'roots' }).layer('a', 2, { bias: normal(0, 1), role: 'visible' }).layer('b', 3, { bias: normal(0, 1) }).build();
    const plan = compile(net, f64);
    const table = exactLogProbabilities(plan);
    for (let x = 0; x < 32; x++) {
      let e = 0;
      for (let i = 0; i < 5; i++) e += logBernoulli(plan.bias[i]!, (x >> i) & 1);
      expect(Math.abs(table[x]! - e)).toBeLessThanOrEqual(1e-12);
    }
  });

  it('adding an edge of weight 0 changes nothing (probabilities within 1e-15)', () => {
    const close = (a: Float64Array, b: Float64Array): void => {
      expect(a.length).toBe(b.length);
      for (let x = 0; x < a.length; x++) expect(Math.abs(Math.exp(a[x]!) - Math.exp(b[x]!))).toBeLessThanOrEqual(1e-15);
    };
    // Directed: M3 plus a zero-weight skip edge h2[0] → v[1].
    const sbn = m3();
    const sbnPlus = network({ seed: 'M3' })
      .layer('v', 2, { role: 'visible', bias: sbn.biases.get('v' as never)! })
      .layer('h1', 2, { bias: sbn.biases.get('h1' as never)! })
      .layer('h2', 2, { bias: sbn.biases.get('h2' as never)! })
      .connect('h1', 'v', { weights: sbn.couplings.get('h1->v' as never)!.weights })
      .connect('h2', 'h1', { weights: sbn.couplings.get('h2->h1' as never)!.weights })
      .edge('h2[0]', 'v[1]', 0)
      .build();
    close(lp(sbn), lp(sbnPlus));
    // Undirected: M2c plus a zero-weight visible lateral pair.
    const r = m2c();
    const rPlus = network()
      .layer('v', 4, { role: 'visible', bias: r.biases.get('v' as never)! })
      .layer('h', 3, { bias: r.biases.get('h' as never)! })
      .connect('v', 'h', { undirected: true, weights: r.couplings.get('v--h' as never)!.weights })
      .edge('v[0]', 'v[2]', 0, { undirected: true })
      .build();
    close(lp(r), lp(rPlus));
  });
});
