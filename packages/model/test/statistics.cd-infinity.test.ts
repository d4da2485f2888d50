/**
 * CD-∞ consistency: data statistics (accumulateStatistics on the data, with
 * p(h | v) for an RBM's hidden units) minus exact model statistics (from
 * exactMoments, laid out like the plan) equals exactGradient within 1e-12,
 * on RBMs and Boltzmann machines with dense and sparse lateral couplings.
 */
import { describe, expect, it } from 'vitest';
import type { Network } from '@stochnet/graph';
import { accumulateStatistics, compile, dataMinusModel, exactGradient, sigmoid, zeroGradient } from '@stochnet/model';
import type { Gradient, Plan } from '@stochnet/model';
import { m1, m2a } from './support/fixtures.js';
import { momentsInPlanLayout } from './support/moments-layout.js';
import { isingGrid, makeNet } from './support/nets.js';

/** Full-layout rows: visible units from the data; hidden units (RBM) at p(h | v). */
function completed(plan: Plan, data: readonly number[][]): Float64Array {
  const vis = plan.blocks.filter((b) => b.role === 'visible');
  const hid = plan.blocks.filter((b) => b.role !== 'visible');
  const out = new Float64Array(data.length * plan.size);
  data.forEach((row, r) => {
    const s = out.subarray(r * plan.size, (r + 1) * plan.size);
    let c = 0;
    for (const b of vis) for (let i = 0; i < b.size; i++) s[b.offset + i] = row[c++]!;
    for (const h of hid) {
      // hidden units of an RBM: p(h_j = 1 | v) = σ(c_j + Σ_i W_ij v_i)
      for (let j = 0; j < h.size; j++) {
        let x = plan.bias[h.offset + j]!;
        for (const k of h.undirected) {
          const w = plan.weights[k]!;
          const v = plan.blocks[w.from === plan.blocks.indexOf(h) ? w.to : w.from]!;
          for (let i = 0; i < v.size; i++) {
            const weight = w.from === plan.blocks.indexOf(h) ? w.weights[j * w.cols + i]! : w.weights[i * w.cols + j]!;
            x += weight * s[v.offset + i]!;
          }
        }
        s[h.offset + j] = sigmoid(x);
      }
    }
  });
  return out;
}

const CASES: [string, Network, number[][]][] = [
  ['RBM 3×2 (M2a)', m2a(), [[1, 0, 1], [0, 0, 1], [1, 1, 1], [1, 0, 1]]],
  [
    'masked RBM stored h→v',
    makeNet([{ id: 'v', size: 3, role: 'visible' }, { id: 'h', size: 2 }], [{ id: 'h--v', from: 'h', to: 'v', connectivity: 'masked', mask: [1, 1, 0, 0, 1, 1] }]),
    [[1, 1, 0], [0, 1, 1]],
  ],
  ['BM with a dense lateral coupling (M1)', m1(), [[1, 0, 1, 1, 0, 0], [0, 0, 1, 0, 1, 1], [1, 1, 1, 1, 1, 0]]],
  ['BM with a sparse lateral coupling', isingGrid(2), [[1, 0, 0, 1], [1, 1, 0, 0]]],
];

describe.each(CASES)('CD-∞ on a %s', (_, net, data) => {
  it('data minus exact model statistics equals exactGradient within 1e-12', () => {
    const plan = compile(net, { dtype: 'float64' });
    const positive = zeroGradient(plan);
    accumulateStatistics(positive, plan, completed(plan, data), data.length, 1 / data.length);
    const ours = dataMinusModel(zeroGradient(plan), positive, momentsInPlanLayout(plan));
    const exact = exactGradient(plan, Float64Array.from(data.flat()), data.length);
    const flat = (g: Gradient): number[] => [...g.bias, ...g.weights.flatMap((w) => [...w])];
    const a = flat(ours);
    const e = flat(exact);
    expect(a.length).toBe(e.length);
    a.forEach((v, i) => expect(Math.abs(v - e[i]!)).toBeLessThanOrEqual(1e-12));
    // not vacuous: the gradient is far from zero
    expect(Math.max(...e.map(Math.abs))).toBeGreaterThan(0.05);
  });
});
