/**
 * Numerical stability of training (TESTING.md B.7) and catalogue #30.
 * - N3: saturated models (M5: 6-unit BM, W and b ~ N(0, 10²); an RBM with
 *   fields up to several hundred) train 100 steps with every rule and keep
 *   finite parameters, a finite exact log-likelihood and free energies.
 * - N4: learning rate 1e3 on M5 with maxGradNorm = 1 keeps finite weights
 *   and every step within η·maxGradNorm; clipping is off by default. CD,
 *   PCD and PT gradients are bounded (|g| ≤ 1 per component), so without
 *   clipping a rate of 1e3 still leaves float64 parameters finite: it grows
 *   them at most linearly. Divergence to non-finite values needs a step
 *   that overflows the dtype (here float32, PCD, learning rate 1e38): then
 * - #30: TrainingDivergedError names the epoch, batch, step, parameter
 *   block and index; its plan is the trained copy at the last finite
 *   parameters (equal to a run stopped one step earlier), and the caller's
 *   plan is unchanged.
 */
import { describe, expect, it } from 'vitest';
import { normal, rbm } from '@stochnet/graph';
import { compile, exactLogLikelihood, freeEnergy } from '@stochnet/model';
import type { Plan } from '@stochnet/model';
import { TrainingDivergedError, train } from '@stochnet/inference';
import type { TrainOptions } from '@stochnet/inference';
import { m5 } from '../../../../test/support/fixtures.js';
import { snapshot } from '../../../../test/support/no-mutation.js';
import { patterns } from './support/nets.js';

const DATA6 = patterns([
  [1, 0, 1, 0, 1, 0],
  [0, 1, 0, 1, 0, 1],
  [1, 1, 1, 0, 0, 0],
  [0, 0, 0, 1, 1, 1],
]);
const DATA4 = patterns([
  [1, 1, 0, 0],
  [0, 0, 1, 1],
  [1, 0, 1, 0],
  [0, 1, 0, 1],
]);

function finite(plan: Plan): boolean {
  return plan.bias.every(Number.isFinite) && plan.weights.every((w) => w.weights.every(Number.isFinite));
}

function bytes(plan: Plan): number[] {
  return [plan.bias, ...plan.weights.map((w) => w.weights)].flatMap((a) => Array.from(new Uint8Array(a.buffer, a.byteOffset, a.byteLength)));
}

describe('N3 saturated models train with finite parameters', () => {
  it('M5 (W, b ~ N(0, 10²)) for 100 steps with CD, PCD and PT', () => {
    const plan = compile(m5('M5', 10), { dtype: 'float64' });
    for (const method of ['cd', 'pcd', 'pt'] as const) {
      const r = train(plan, DATA6, { method, epochs: 100, batchSize: 4, learningRate: 0.1, seed: `N3/${method}`, replicas: 4 });
      expect(finite(r.plan)).toBe(true);
      expect(Number.isFinite(exactLogLikelihood(r.plan, DATA6.values, 4))).toBe(true);
    }
  });

  it('an RBM with fields of several hundred: free energies stay finite', () => {
    const plan = compile(rbm(4, 3, { seed: 'N3', init: normal(0, 200), visibleBias: normal(0, 20), hiddenBias: normal(0, 20) }), { dtype: 'float64' });
    for (const method of ['cd', 'pcd', 'pt'] as const) {
      const r = train(plan, DATA4, { method, epochs: 100, batchSize: 4, learningRate: 0.1, seed: `N3r/${method}`, replicas: 4 });
      expect(finite(r.plan)).toBe(true);
      for (let v = 0; v < 16; v++) expect(Number.isFinite(freeEnergy(r.plan, Float64Array.from({ length: 4 }, (_, i) => (v >> i) & 1)))).toBe(true);
      const ll = exactLogLikelihood(r.plan, DATA4.values, 4);
      expect(Number.isNaN(ll)).toBe(false);
    }
  });
});

describe('N4 learning rate 1e3 on M5', () => {
  const plan = compile(m5('M5', 10), { dtype: 'float64' });
  const opts: TrainOptions = { method: 'pcd', epochs: 100, batchSize: 4, learningRate: 1e3, seed: 'N4' };

  it('with maxGradNorm: finite weights, every step within η·maxGradNorm', () => {
    const norms: number[] = [];
    const r = train(plan, DATA6, { ...opts, maxGradNorm: 1, onBatch: (b) => void norms.push(b.stepNorm) });
    expect(finite(r.plan)).toBe(true);
    expect(norms.length).toBe(100);
    expect(Math.max(...norms)).toBeLessThanOrEqual(1e3);
  });

  it('clipping is off by default: steps exceed η·1, and weights stay finite (bounded gradients)', () => {
    const norms: number[] = [];
    const r = train(plan, DATA6, { ...opts, onBatch: (b) => void norms.push(b.stepNorm) });
    expect(Math.max(...norms)).toBeGreaterThan(1e3);
    expect(finite(r.plan)).toBe(true);
  });
});

describe('#30 a step that overflows throws TrainingDivergedError and rolls back', () => {
  it('names the step and parameter; the error carries the last finite parameters', () => {
    const plan = compile(m5('M5', 10));
    const before = snapshot(plan);
    const opts: TrainOptions = { method: 'pcd', epochs: 100, batchSize: 4, learningRate: 1e38, seed: '#30' };
    let err: unknown;
    try {
      train(plan, DATA6, opts);
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(TrainingDivergedError);
    const e = err as TrainingDivergedError;
    expect(e.code).toBe('TRAINING_DIVERGED');
    const d = e.details as { epoch: number; batch: number; step: number; block: string; index: number };
    expect(d.batch).toBe(0);
    expect(d.step).toBe(d.epoch);
    expect(typeof d.block).toBe('string');
    expect(Number.isInteger(d.index)).toBe(true);
    expect(e.plan).not.toBeNull();
    expect(finite(e.plan!)).toBe(true);
    expect(bytes(e.plan!)).toEqual(bytes(train(plan, DATA6, { ...opts, epochs: d.epoch }).plan));
    expect(snapshot(plan)).toEqual(before);
  });
});
