/**
 * G5 (TESTING.md B.2): the pseudo-log-likelihood gradient of fully visible
 * Boltzmann machines against central finite differences of
 * `pseudoLogLikelihood(...).mean`, pass rule |a − n| ≤ 1e-7 + 1e-6·|n| per
 * component (tied lateral pairs perturbed together), with the G7 negative
 * controls that must fail.
 */
import { describe, expect, it } from 'vitest';
import { createRng, network, normal } from '@stochnet/graph';
import { compile, zeroGradient } from '@stochnet/model';
import type { Gradient, Plan } from '@stochnet/model';
import { pseudoLogLikelihood, pseudoLogLikelihoodGradient, pseudoLogLikelihoodGradientInto } from '@stochnet/inference';
import { m1 } from '../../../model/test/support/fixtures.js';
import { gradientFailures } from '../../../model/test/support/tied-fd.js';
import { randomRows } from './support.js';

function mixedBm(): Plan {
  const net = network({ seed: 9 })
    .layer('a', 3, { role: 'visible', bias: normal(0, 0.5) })
    .layer('b', 3, { role: 'visible', bias: normal(0, 0.5) })
    .connect('a', 'b', { undirected: true, init: normal(0, 1), mask: [[1, 0, 1], [0, 1, 1], [1, 1, 0]] })
    .connect('a', 'a', { undirected: true, sparse: [[0, 1, 0.6], [0, 2, -0.9]] })
    .connect('b', 'b', { undirected: true, init: normal(0, 1) })
    .build();
  return compile(net, { dtype: 'float64' });
}

function clone(g: Gradient): Gradient {
  return { bias: Float64Array.from(g.bias), weights: g.weights.map((w) => Float64Array.from(w)) };
}

const cases: [string, () => Plan][] = [
  ['M1 (6-unit dense BM, sd 0.5)', () => compile(m1(), { dtype: 'float64' })],
  ['M1 with sd 1', () => compile(m1('M1h', 1), { dtype: 'float64' })],
  ['two groups: masked inter-group, sparse and dense laterals', mixedBm],
];

describe('G5: pseudo-likelihood gradient vs finite differences', () => {
  for (const [name, make] of cases) {
    it(name, () => {
      const plan = make();
      const rows = 40;
      const data = randomRows(createRng(`g5/${name}`), rows, plan.size);
      const grad = pseudoLogLikelihoodGradient(plan, data, rows);
      const f = (): number => pseudoLogLikelihood(plan, data, rows).mean;
      expect(gradientFailures(plan, grad, f)).toEqual([]);
      // The Into twin writes the same numbers and overwrites stale content.
      const out = zeroGradient(plan);
      out.bias.fill(7);
      pseudoLogLikelihoodGradientInto(out, plan, data, rows);
      expect(out).toEqual(grad);
    });
  }

  it('spans more than one 256-row tile', () => {
    const plan = compile(m1(), { dtype: 'float64' });
    const data = randomRows(createRng('g5/tiles'), 700, 6);
    const grad = pseudoLogLikelihoodGradient(plan, data, 700);
    expect(gradientFailures(plan, grad, () => pseudoLogLikelihood(plan, data, 700).mean)).toEqual([]);
  });
});

describe('G7 negative controls: broken gradients must fail the same check', () => {
  const plan = mixedBm();
  const data = randomRows(createRng('g7'), 40, plan.size);
  const grad = pseudoLogLikelihoodGradient(plan, data, 40);
  const f = (): number => pseudoLogLikelihood(plan, data, 40).mean;

  it('one weight entry with its sign flipped', () => {
    const bad = clone(grad);
    const w = bad.weights.findIndex((x) => x.some((y) => Math.abs(y) > 1e-3));
    const k = bad.weights[w]!.findIndex((y) => Math.abs(y) > 1e-3);
    bad.weights[w]![k] = -bad.weights[w]![k]!;
    expect(gradientFailures(plan, bad, f).length).toBeGreaterThan(0);
  });

  it('the inter-group block transposed', () => {
    const bad = clone(grad);
    const w = plan.weights.findIndex((x) => x.from !== x.to);
    const g = bad.weights[w]!;
    const t = Float64Array.from(g);
    for (let i = 0; i < 3; i++) for (let j = 0; j < 3; j++) g[i * 3 + j] = t[j * 3 + i]!;
    expect(gradientFailures(plan, bad, f).length).toBeGreaterThan(0);
  });

  it('bias terms dropped', () => {
    const bad = clone(grad);
    bad.bias.fill(0);
    expect(gradientFailures(plan, bad, f).length).toBeGreaterThan(0);
  });
});
