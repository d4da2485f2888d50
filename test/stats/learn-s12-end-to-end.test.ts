/**
 * S12 (TESTING.md B.1, regression tier, not a probability guarantee):
 * learning end to end. M2b (RBM 4v × 2h; the plan names M2a, but its data
 * lives on 4 visible units) trained on a fixed 2-pattern data set (1100 and
 * 0011, 5 copies each) must raise the exact log-likelihood by at least Δ
 * and put at least q of the model's mass on the two patterns.
 *
 * Δ and q are half the worst values over 50 development seeds ('dev/0' …
 * 'dev/49', this file's options):
 * - CD-1 (lr 0.05, batch 2, 100 epochs, default momentum): worst gain
 *   1.825, worst mass 0.968 → Δ = 0.91, q = 0.48.
 * - PCD-1 (lr 0.05, momentum 0.5, 50 chains, batch 2, 100 epochs): worst
 *   gain 1.300, worst mass 0.854 → Δ = 0.65, q = 0.43.
 * (Initially LL₀ = −3.00 and the mass on the patterns is 0.106.)
 *
 * Negative control: the same loop built from the public learner and
 * optimiser with the gradient's sign flipped must fail.
 */
import { describe, expect, it } from 'vitest';
import { createRng } from '@stochnet/graph';
import { clonePlan, compile, exactLogLikelihood, zeroGradient } from '@stochnet/model';
import type { Plan } from '@stochnet/model';
import { createLearner, createOptimiser, train } from '@stochnet/inference';
import type { TrainOptions } from '@stochnet/inference';
import { m2b } from '../support/fixtures.js';

const PATTERNS = [
  [1, 1, 0, 0],
  [0, 0, 1, 1],
];
const values = Uint8Array.from(Array.from({ length: 10 }, (_, r) => PATTERNS[r % 2]!).flat());
const data = { values, rows: 10, cols: 4 };
const plan = compile(m2b(), { dtype: 'float64' });
const LL0 = exactLogLikelihood(plan, values, 10);

const mass = (p: Plan): number => PATTERNS.reduce((s, v) => s + Math.exp(exactLogLikelihood(p, Uint8Array.from(v), 1)), 0);

const RULES: [string, TrainOptions, number, number][] = [
  ['CD-1', { method: 'cd', k: 1, epochs: 100, batchSize: 2, learningRate: 0.05, seed: '' }, 0.91, 0.48],
  ['PCD-1', { method: 'pcd', k: 1, epochs: 100, batchSize: 2, learningRate: 0.05, momentum: 0.5, chains: 50, seed: '' }, 0.65, 0.43],
];

describe('S12 learning end to end on M2b', () => {
  for (const [name, opts, delta, q] of RULES) {
    it(`${name} gains ≥ ${delta} nats and puts ≥ ${q} mass on the patterns`, () => {
      for (const seed of ['S12/0', 'S12/1', 'S12/2']) {
        const trained = train(plan, data, { ...opts, seed }).plan;
        expect(exactLogLikelihood(trained, values, 10) - LL0, `${name} ${seed}`).toBeGreaterThanOrEqual(delta);
        expect(mass(trained), `${name} ${seed}`).toBeGreaterThanOrEqual(q);
      }
    });
  }

  it('negative control: ascending the flipped gradient fails', () => {
    const work = clonePlan(plan);
    const learner = createLearner(work, { method: 'cd', k: 1 });
    const optimiser = createOptimiser(work, { learningRate: 0.05 });
    const g = zeroGradient(work);
    let step = 0;
    for (let e = 0; e < 100; e++) {
      for (let b = 0; b < 5; b++) {
        learner.gradient(g, values.subarray(b * 8, b * 8 + 8), 2, createRng('S12/control').fork(`${e}/${b}`));
        g.bias.forEach((x, i) => (g.bias[i] = -x));
        g.weights.forEach((w) => w.forEach((x, i) => (w[i] = -x)));
        optimiser.step(g, { epoch: e, batch: b, step: step++ });
      }
    }
    expect(exactLogLikelihood(work, values, 10) - LL0).toBeLessThan(0.91);
    expect(mass(work)).toBeLessThan(0.43);
  });
});
