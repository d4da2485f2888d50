/**
 * D3: exact kernel invariance. One sequential Gibbs sweep assembled from the
 * library's single-site conditionals leaves the exact distribution invariant
 * (‖πK − π‖∞ ≤ 1e-12); so does RBM block Gibbs T = P(h|v)·P(v|h). Negative
 * controls on M1: a synchronous update and a dropped bias move π by TV > 0.05.
 */
import { describe, expect, it } from 'vitest';
import type { Plan } from '@stochnet/model';
import { compile, conditional, exactLogLikelihood, exactLogProbabilities, hiddenGivenVisible, visibleGivenHidden } from '@stochnet/model';
import { chainGraph, m1, m1h, m2a, m2b, m3, m4, smallDbn } from './support/fixtures.js';
import { stateOf } from './support/reference.js';

const f64 = { dtype: 'float64' } as const;

/** π after one sweep of single-site updates of units 0..n−1 in order, conditionals from `cond`. */
function sweep(pi: Float64Array, n: number, cond: (s: Float64Array, i: number) => number): Float64Array {
  let cur = pi;
  for (let i = 0; i < n; i++) {
    const next = new Float64Array(cur.length);
    for (let x = 0; x < cur.length; x++) {
      const c = cond(stateOf(x, n), i);
      next[x | (1 << i)]! += cur[x]! * c;
      next[x & ~(1 << i)]! += cur[x]! * (1 - c);
    }
    cur = next;
  }
  return cur;
}

/** π after one synchronous update: every unit drawn from its conditional at the old state. */
function synchronous(pi: Float64Array, n: number, cond: (s: Float64Array, i: number) => number): Float64Array {
  const next = new Float64Array(pi.length);
  for (let x = 0; x < pi.length; x++) {
    const s = stateOf(x, n);
    const c = Array.from({ length: n }, (_, i) => cond(s, i));
    for (let y = 0; y < pi.length; y++) {
      let p = pi[x]!;
      for (let i = 0; i < n; i++) p *= (y >> i) & 1 ? c[i]! : 1 - c[i]!;
      next[y]! += p;
    }
  }
  return next;
}

const maxAbs = (a: Float64Array, b: Float64Array): number => a.reduce((m, v, i) => Math.max(m, Math.abs(v - b[i]!)), 0);
const tv = (a: Float64Array, b: Float64Array): number => a.reduce((s, v, i) => s + Math.abs(v - b[i]!), 0) / 2;
const exactPi = (plan: Plan): Float64Array => exactLogProbabilities(plan).map(Math.exp);

describe('D3 exact kernel invariance', () => {
  for (const make of [m1, m1h, m3, m4, smallDbn, chainGraph]) {
    it(`${make.name}: ‖πK − π‖∞ ≤ 1e-12 for one sequential sweep of the library's conditionals`, () => {
      const plan = compile(make(), f64);
      const pi = exactPi(plan);
      const after = sweep(pi, plan.size, (s, i) => conditional(plan, s, i));
      expect(maxAbs(after, pi)).toBeLessThanOrEqual(1e-12);
    });
  }

  for (const make of [m2a, m2b]) {
    it(`${make.name}: RBM block Gibbs T = P(h|v)·P(v|h) leaves π_v invariant`, () => {
      const plan = compile(make(), f64);
      const nv = plan.blocks.find((b) => b.role === 'visible')!.size;
      const nh = plan.size - nv;
      const piV = Float64Array.from({ length: 2 ** nv }, (_, v) => Math.exp(exactLogLikelihood(plan, stateOf(v, nv), 1)));
      expect(Math.abs(piV.reduce((a, b) => a + b, 0) - 1)).toBeLessThanOrEqual(1e-12);
      const after = new Float64Array(2 ** nv);
      for (let v = 0; v < 2 ** nv; v++) {
        const ph = hiddenGivenVisible(plan, stateOf(v, nv));
        for (let h = 0; h < 2 ** nh; h++) {
          let p = piV[v]!;
          for (let j = 0; j < nh; j++) p *= (h >> j) & 1 ? ph[j]! : 1 - ph[j]!;
          const pv = visibleGivenHidden(plan, stateOf(h, nh));
          for (let w = 0; w < 2 ** nv; w++) {
            let q = p;
            for (let i = 0; i < nv; i++) q *= (w >> i) & 1 ? pv[i]! : 1 - pv[i]!;
            after[w]! += q;
          }
        }
      }
      expect(maxAbs(after, piV)).toBeLessThanOrEqual(1e-12);
    });
  }

  it('negative control (M1): a synchronous update moves π by TV > 0.05', () => {
    const plan = compile(m1(), f64);
    const pi = exactPi(plan);
    expect(tv(synchronous(pi, plan.size, (s, i) => conditional(plan, s, i)), pi)).toBeGreaterThan(0.05);
  });

  it('negative control (M1): dropping one unit bias moves π by TV > 0.05', () => {
    const plan = compile(m1(), f64);
    const pi = exactPi(plan);
    const broken = compile(m1(), f64);
    // Drop the bias of the unit whose bias is largest in magnitude.
    let k = 0;
    for (let i = 1; i < broken.size; i++) if (Math.abs(broken.bias[i]!) > Math.abs(broken.bias[k]!)) k = i;
    broken.bias[k] = 0;
    const after = sweep(pi, plan.size, (s, i) => conditional(broken, s, i));
    expect(tv(after, pi)).toBeGreaterThan(0.05);
  });
});
