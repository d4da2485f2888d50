/**
 * D2: conditionals. Every single-site conditional equals the ratio of the
 * exact joint (or, for a Boltzmann machine, σ(E(x_i=0) − E(x_i=1)) from the
 * energy function); RBM layer conditionals equal enumeration.
 */
import { describe, expect, it } from 'vitest';
import type { Network } from '@stochnet/graph';
import { compile, conditional, energy, exactLogProbabilities, hiddenGivenVisible, sigmoid, visibleGivenHidden } from '@stochnet/model';
import { chainGraph, m1, m1h, m2b, m2c, m3, m4, m5, smallDbn } from './support/fixtures.js';
import { stateOf } from './support/reference.js';

const f64 = { dtype: 'float64' } as const;

/** Checks conditional(plan, x, i) against p(x_i=1, x_−i)/p(x_−i) from the enumerated table. */
function checkAgainstTable(net: Network): void {
  const plan = compile(net, f64);
  const n = plan.size;
  const lp = exactLogProbabilities(plan);
  for (let x = 0; x < 2 ** n; x++) {
    const s = stateOf(x, n);
    for (let i = 0; i < n; i++) {
      const on = lp[x | (1 << i)]!;
      const off = lp[x & ~(1 << i)]!;
      const expected = sigmoid(on - off);
      expect(Math.abs(conditional(plan, s, i) - expected)).toBeLessThanOrEqual(1e-12);
    }
  }
}

describe('D2 conditionals', () => {
  for (const make of [m1, m1h, m5]) {
    it(`${make.name}: conditional = σ(E(x_i=0) − E(x_i=1)) for every state and unit`, () => {
      const plan = compile(make(), f64);
      let cases = 0;
      for (let x = 0; x < 64; x++) {
        const s = stateOf(x, 6);
        for (let i = 0; i < 6; i++) {
          const s0 = s.slice();
          const s1 = s.slice();
          s0[i] = 0;
          s1[i] = 1;
          expect(Math.abs(conditional(plan, s, i) - sigmoid(energy(plan, s0) - energy(plan, s1)))).toBeLessThanOrEqual(1e-12);
          cases++;
        }
      }
      expect(cases).toBe(384);
    });
  }

  it('SBN (M3) Markov-blanket conditionals equal the enumerated ratio', () => checkAgainstTable(m3()));
  it('DAG with skip edges (M4) conditionals equal the enumerated ratio', () => checkAgainstTable(m4()));
  it('DBN conditionals equal the enumerated ratio', () => {
    expect(compile(smallDbn(), f64).kind).toBe('dbn');
    checkAgainstTable(smallDbn());
  });
  it('chain graph with a parented undirected component: conditionals equal the enumerated ratio', () => {
    expect(compile(chainGraph(), f64).kind).toBe('general');
    checkAgainstTable(chainGraph());
  });
  it('RBM (M2c) single-site conditionals equal the enumerated ratio', () => checkAgainstTable(m2c()));

  for (const make of [m2b, m2c]) {
    it(`${make.name}: factorised p(h|v) and p(v|h) equal enumeration`, () => {
      const plan = compile(make(), f64);
      const lp = exactLogProbabilities(plan);
      const vis = plan.blocks.find((b) => b.role === 'visible')!;
      const hid = plan.blocks.find((b) => b.role !== 'visible')!;
      const index = (v: number, h: number): number => {
        let x = 0;
        for (let i = 0; i < vis.size; i++) if ((v >> i) & 1) x |= 1 << (vis.offset + i);
        for (let j = 0; j < hid.size; j++) if ((h >> j) & 1) x |= 1 << (hid.offset + j);
        return x;
      };
      for (let v = 0; v < 2 ** vis.size; v++) {
        const ph = hiddenGivenVisible(plan, stateOf(v, vis.size));
        let pv = 0;
        for (let h = 0; h < 2 ** hid.size; h++) pv += Math.exp(lp[index(v, h)]!);
        for (let h = 0; h < 2 ** hid.size; h++) {
          let prod = 1;
          for (let j = 0; j < hid.size; j++) prod *= (h >> j) & 1 ? ph[j]! : 1 - ph[j]!;
          expect(Math.abs(prod - Math.exp(lp[index(v, h)]!) / pv)).toBeLessThanOrEqual(1e-12);
        }
      }
      for (let h = 0; h < 2 ** hid.size; h++) {
        const pvh = visibleGivenHidden(plan, stateOf(h, hid.size));
        let ph = 0;
        for (let v = 0; v < 2 ** vis.size; v++) ph += Math.exp(lp[index(v, h)]!);
        for (let v = 0; v < 2 ** vis.size; v++) {
          let prod = 1;
          for (let i = 0; i < vis.size; i++) prod *= (v >> i) & 1 ? pvh[i]! : 1 - pvh[i]!;
          expect(Math.abs(prod - Math.exp(lp[index(v, h)]!) / ph)).toBeLessThanOrEqual(1e-12);
        }
      }
    });
  }
});
