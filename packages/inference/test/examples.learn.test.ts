/**
 * Twins of the @example blocks of the learning rules, the optimiser, the
 * training loop and checkpoints: the same code, with its printed values
 * asserted.
 */
import { describe, expect, it } from 'vitest';
import { boltzmann, createRng, normal, rbm } from '@stochnet/graph';
import { compile, zeroGradient } from '@stochnet/model';
import {
  DEFAULT_MOMENTUM,
  MAX_GIBBS_STEPS,
  MAX_REPLICAS,
  Optimiser,
  TrainingDivergedError,
  checkpoint,
  createLearner,
  createOptimiser,
  restoreLearner,
  resumeTraining,
  train,
} from '@stochnet/inference';

describe('examples: learning rules', () => {
  it('MAX_GIBBS_STEPS and MAX_REPLICAS', () => {
    expect(MAX_GIBBS_STEPS === 2 ** 20).toBe(true);
    expect(MAX_REPLICAS).toBe(1024);
  });

  it('createLearner', () => {
    const plan = compile(rbm(4, 3, { seed: 1 }), { dtype: 'float64' });
    const cd = createLearner(plan, { method: 'cd', k: 1 });
    const g = cd.gradient(zeroGradient(plan), Uint8Array.of(1, 0, 1, 0, 0, 1, 0, 1), 2, createRng('update/0'));
    expect([g.weights[0]!.length, cd.info().updates]).toEqual([12, 1]);
  });

  it('restoreLearner', () => {
    const plan = compile(rbm(3, 2, { seed: 2 }), { dtype: 'float64' });
    const opts = { method: 'pcd', k: 1, chains: 4, seed: 'chains' } as const;
    const data = Uint8Array.of(1, 0, 1, 0, 1, 0);
    const a = createLearner(plan, opts);
    a.gradient(zeroGradient(plan), data, 2, createRng('u/0'));
    const b = restoreLearner(plan, opts, JSON.parse(JSON.stringify(a.save())));
    const ga = a.gradient(zeroGradient(plan), data, 2, createRng('u/1'));
    const gb = b.gradient(zeroGradient(plan), data, 2, createRng('u/1'));
    expect(ga.weights[0]!.join() === gb.weights[0]!.join()).toBe(true);
  });
});

describe('examples: optimiser', () => {
  it('DEFAULT_MOMENTUM', () => {
    expect([DEFAULT_MOMENTUM.initial, DEFAULT_MOMENTUM.final, DEFAULT_MOMENTUM.switchEpoch]).toEqual([0.5, 0.9, 5]);
  });

  it('Optimiser', () => {
    const plan = compile(rbm(2, 1, { seed: 1 }), { dtype: 'float64' });
    const opt = new Optimiser(plan, { learningRate: 0.1, momentum: 0.5 });
    const g = zeroGradient(plan);
    g.bias[0] = 1;
    opt.step(g, { epoch: 0, batch: 0, step: 0 });
    const info = opt.step(g, { epoch: 0, batch: 1, step: 1 });
    expect(info.stepNorm).toBe(0.15000000000000002);
  });

  it('createOptimiser', () => {
    const plan = compile(rbm(2, 1, { seed: 1 }), { dtype: 'float64' });
    const opt = createOptimiser(plan, { learningRate: 0.5, momentum: 0 });
    const g = zeroGradient(plan);
    g.bias[0] = 1;
    const before = plan.bias[0]!;
    opt.step(g, { epoch: 0, batch: 0, step: 0 });
    expect(plan.bias[0]! - before).toBe(0.5);
  });
});

describe('examples: training', () => {
  it('train', () => {
    const plan = compile(rbm(4, 2, { seed: 1 }), { dtype: 'float64' });
    const values = Uint8Array.of(1, 1, 0, 0, 0, 0, 1, 1, 1, 1, 0, 0, 0, 0, 1, 1);
    const result = train(plan, { values, rows: 4, cols: 4 }, { method: 'cd', k: 1, epochs: 20, batchSize: 2, learningRate: 0.1, seed: 7 });
    const h = result.history;
    expect([h.length, h[19]!.train['reconstruction']! < h[0]!.train['reconstruction']!]).toEqual([20, true]);
  });

  it('TrainingDivergedError', () => {
    const plan = compile(boltzmann(6, { seed: 5, init: normal(0, 20), bias: normal(0, 20) }));
    const values = Uint8Array.from({ length: 24 }, (_, i) => ((i * 7) % 3 === 0 ? 1 : 0));
    let printed: unknown[] = [];
    try {
      train(plan, { values, rows: 4, cols: 6 }, { method: 'pcd', epochs: 50, batchSize: 4, learningRate: 1e38, seed: 1 });
    } catch (e) {
      if (e instanceof TrainingDivergedError) printed = [e.code, e.plan!.bias.every(Number.isFinite)];
    }
    expect(printed).toEqual(['TRAINING_DIVERGED', true]);
  });

  it('checkpoint', () => {
    const plan = compile(rbm(3, 2, { seed: 1 }));
    const data = { values: Uint8Array.of(1, 0, 1, 0, 1, 0), rows: 2, cols: 3 };
    const saved = checkpoint(train(plan, data, { method: 'pcd', epochs: 2, batchSize: 2, learningRate: 0.1, seed: 3 }).state);
    expect([saved.epoch, JSON.parse(JSON.stringify(saved)).format]).toEqual([2, 'stochnet-checkpoint']);
  });

  it('resumeTraining', () => {
    const plan = compile(rbm(3, 2, { seed: 1 }));
    const data = { values: Uint8Array.of(1, 0, 1, 0, 1, 0, 1, 1, 0), rows: 3, cols: 3 };
    const opts = { method: 'pcd', epochs: 4, batchSize: 2, learningRate: 0.1, seed: 3 } as const;
    const half = train(plan, data, { ...opts, epochs: 2 });
    const resumed = resumeTraining(JSON.parse(JSON.stringify(checkpoint(half.state))), data, { epochs: 4 });
    const straight = train(plan, data, opts);
    expect(resumed.plan.weights[0]!.weights.join() === straight.plan.weights[0]!.weights.join()).toBe(true);
  });
});
