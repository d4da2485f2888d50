/**
 * accumulateStatistics and dataMinusModel against a per-row, per-entry
 * reference on every connectivity: dense, masked, sparse, dense lateral,
 * sparse lateral and directed blocks, with probabilities as inputs.
 */
import { describe, expect, it } from 'vitest';
import { createRng } from '@stochnet/graph';
import type { Network } from '@stochnet/graph';
import { accumulateStatistics, compile, createStatisticsWorkspace, dataMinusModel, zeroGradient } from '@stochnet/model';
import type { Gradient, Plan } from '@stochnet/model';
import { isingGrid, makeNet } from './support/nets.js';

/** Σ_rows scale·s_i s_j per stored entry, the slow obvious way. */
function reference(plan: Plan, states: ArrayLike<number>, batch: number, scale: number): Gradient {
  const g = zeroGradient(plan);
  for (let r = 0; r < batch; r++) {
    const s = (i: number): number => states[r * plan.size + i]!;
    for (let i = 0; i < plan.size; i++) g.bias[i]! += scale * s(i);
    plan.weights.forEach((w, k) => {
      const a = plan.blocks[w.from]!.offset;
      const b = plan.blocks[w.to]!.offset;
      const out = g.weights[k]!;
      if (w.sparse !== null) {
        for (let i = 0; i < w.rows; i++) {
          for (let p = w.sparse.rowPtr[i]!; p < w.sparse.rowPtr[i + 1]!; p++) out[p]! += scale * s(a + i) * s(b + w.sparse.colIdx[p]!);
        }
        return;
      }
      for (let i = 0; i < w.rows; i++) {
        for (let j = 0; j < w.cols; j++) {
          if (w.mask !== null && w.mask[i * w.cols + j] === 0) continue;
          if (w.from === w.to && i === j) continue;
          out[i * w.cols + j]! += scale * s(a + i) * s(b + j);
        }
      }
    });
  }
  return g;
}

function expectClose(actual: Gradient, expected: Gradient, tol = 1e-13): void {
  const flat = (g: Gradient): number[] => [...g.bias, ...g.weights.flatMap((w) => [...w])];
  const a = flat(actual);
  const e = flat(expected);
  expect(a.length).toBe(e.length);
  const worst = a.reduce((m, v, i) => Math.max(m, Math.abs(v - e[i]!)), 0);
  expect(worst).toBeLessThanOrEqual(tol);
}

const NETS: [string, Network][] = [
  ['dense RBM', makeNet([{ id: 'v', size: 3, role: 'visible' }, { id: 'h', size: 2 }], [{ id: 'v--h', from: 'v', to: 'h' }])],
  [
    'masked RBM',
    makeNet([{ id: 'v', size: 3, role: 'visible' }, { id: 'h', size: 2 }], [{ id: 'v--h', from: 'v', to: 'h', connectivity: 'masked', mask: [1, 0, 0, 1, 1, 1] }]),
  ],
  ['dense lateral BM', makeNet([{ id: 'x', size: 5, role: 'visible' }], [{ id: 'x--x', from: 'x', to: 'x' }])],
  ['sparse lateral BM', isingGrid(3)],
  [
    'SBN with sparse and masked directed blocks',
    makeNet(
      [{ id: 'v', size: 4, role: 'visible' }, { id: 'h1', size: 3 }, { id: 'h2', size: 2 }],
      [
        { id: 'h1->v', from: 'h1', to: 'v', directed: true, connectivity: 'sparse', rows: [0, 0, 1, 2, 2], cols: [0, 3, 1, 2, 3] },
        { id: 'h2->h1', from: 'h2', to: 'h1', directed: true, connectivity: 'masked', mask: [1, 1, 0, 0, 1, 1] },
      ],
    ),
  ],
];

describe.each(NETS)('accumulateStatistics on a %s', (_, net) => {
  const plan = compile(net, { dtype: 'float64' });
  const batch = 5;
  const rng = createRng(`stats/${_}`);
  const probs = Float64Array.from({ length: batch * plan.size }, () => rng.nextDouble());
  const binary = Float64Array.from(probs, (p) => (p < 0.5 ? 0 : 1));

  it.each([
    ['binary states', binary],
    ['probabilities', probs],
  ])('equals the per-entry reference for %s and adds to what the gradient holds', (__, states) => {
    const grad = zeroGradient(plan);
    grad.bias.fill(0.25);
    const prior = reference(plan, states, batch, 0.5);
    prior.bias.forEach((_v, i) => (grad.bias[i] = 0.25 + prior.bias[i]!));
    grad.weights.forEach((w, k) => w.set(prior.weights[k]!));
    accumulateStatistics(grad, plan, states, batch, -0.37);
    const expected = reference(plan, states, batch, 0.5 - 0.37);
    expected.bias.forEach((v, i) => (expected.bias[i] = v + 0.25));
    expectClose(grad, expected);
  });

  it('keeps masked entries 0 and a dense lateral block symmetric with a zero diagonal', () => {
    const grad = zeroGradient(plan);
    accumulateStatistics(grad, plan, probs, batch, 1, createStatisticsWorkspace(plan, 9));
    plan.weights.forEach((w, k) => {
      const g = grad.weights[k]!;
      if (w.mask !== null) w.mask.forEach((m, i) => m === 0 && expect(g[i]).toBe(0));
      if (w.sparse === null && w.from === w.to) {
        for (let i = 0; i < w.rows; i++) {
          expect(g[i * w.cols + i]).toBe(0);
          for (let j = 0; j < i; j++) expect(g[i * w.cols + j]).toBe(g[j * w.cols + i]);
        }
      }
    });
  });

  it('gives the same bits from a float32 copy of exactly representable states', () => {
    const a = zeroGradient(plan);
    const b = zeroGradient(plan);
    accumulateStatistics(a, plan, binary, batch, 0.2);
    accumulateStatistics(b, plan, Float32Array.from(binary), batch, 0.2);
    expect(a).toEqual(b);
  });
});

describe('dataMinusModel', () => {
  it('subtracts entry by entry and may write into an input', () => {
    const plan = compile(NETS[0]![1], { dtype: 'float64' });
    const rng = createRng('dmm');
    const fill = (g: Gradient): Gradient => {
      g.bias.forEach((_, i) => (g.bias[i] = rng.nextNormal()));
      g.weights.forEach((w) => w.forEach((_, i) => (w[i] = rng.nextNormal())));
      return g;
    };
    const pos = fill(zeroGradient(plan));
    const neg = fill(zeroGradient(plan));
    const out = dataMinusModel(zeroGradient(plan), pos, neg);
    out.bias.forEach((v, i) => expect(v).toBe(pos.bias[i]! - neg.bias[i]!));
    out.weights.forEach((w, k) => w.forEach((v, i) => expect(v).toBe(pos.weights[k]![i]! - neg.weights[k]![i]!)));
    expect(dataMinusModel(pos, pos, neg)).toEqual(out);
  });
});
