/**
 * The bad-input catalogue (TESTING.md B.3) for training and the learning
 * rules: #8 wrong data width, #9 non-binary data, #10 empty data, #23 bad
 * hyperparameters, #24 absurd sizes, #25–26 seeds, and plans the rules do
 * not take. Every case throws its typed error before any work, through the
 * shared harness: the plan, its network, the data and any stream are
 * byte-equal afterwards (no randomness consumed). Independent problems are
 * all collected into `issues`.
 */
import { describe, expect, it } from 'vitest';
import { createRng, rbm, sbn, ShapeError, ValidationError } from '@stochnet/graph';
import { compile, zeroGradient } from '@stochnet/model';
import { createLearner, createOptimiser, restoreLearner, train } from '@stochnet/inference';
import type { LearnerSnapshot, TrainingData, TrainOptions } from '@stochnet/inference';
import { expectRejectsWithoutMutation } from '../../../../test/support/no-mutation.js';

const net = rbm(4, 3, { seed: 1 });
const plan = compile(net);
const values = Uint8Array.of(1, 0, 1, 0, 0, 1, 0, 1);
const data = { values, rows: 2, cols: 4 };
const ok: TrainOptions = { method: 'cd', k: 1, epochs: 2, batchSize: 2, learningRate: 0.1, seed: 1 };

function rejects(options: TrainOptions, code: string, d: TrainingData = data): Error & { details?: Record<string, unknown>; issues?: unknown[] } {
  return expectRejectsWithoutMutation(() => train(plan, d, options), { code, inputs: [net, plan, d, d.values, options] });
}

describe('#23 training hyperparameters → ConfigError naming the option', () => {
  const cases: [keyof TrainOptions, unknown[]][] = [
    ['k', [0, -1, 1.5, Number.NaN, '2']],
    ['learningRate', [0, -0.1, Number.NaN, Number.POSITIVE_INFINITY, undefined]],
    ['batchSize', [0, 2.5, undefined]],
    ['epochs', [-1, 1.5, undefined]],
    ['momentum', [-0.1, 1, 1.5, Number.NaN]],
    ['weightDecay', [-1e-4, Number.NaN]],
    ['l1', [-1]],
    ['maxGradNorm', [0, -1, Number.POSITIVE_INFINITY]],
    ['method', ['sgd', undefined]],
    ['sampleVisible', ['yes']],
    ['chains', [0]],
    ['betas', [[0.5, 0.1], [1, 1], [1, -0.5], []]],
  ];
  for (const [option, bad] of cases) {
    it(`${option} ∈ ${JSON.stringify(bad.map(String))}`, () => {
      for (const value of bad) {
        const opts = { ...ok, method: option === 'betas' || option === 'chains' ? 'pt' : ok.method, [option]: value } as TrainOptions;
        const err = rejects(opts, 'CONFIG');
        expect(err.details?.['option']).toBe(option);
      }
    });
  }

  it('nested options name their path', () => {
    const cases: [Partial<TrainOptions>, string][] = [
      [{ sparsity: { target: 1.5, cost: 0.1 } }, 'sparsity.target'],
      [{ schedule: { type: 'exponential', decay: 0 } }, 'schedule.decay'],
      [{ momentum: { initial: 0.5, final: 1, switchEpoch: 5 } }, 'momentum.final'],
      [{ positive: { method: 'gibbs', sweeps: 0 } }, 'positive.sweeps'],
      [{ earlyStopping: { patience: 0 } }, 'earlyStopping.patience'],
      [{ earlyStopping: { patience: 2, metric: 'unknown' } }, 'earlyStopping.metric'],
      [{ metrics: { m: 3 as unknown as () => number } }, 'metrics.m'],
    ];
    for (const [extra, option] of cases) expect(rejects({ ...ok, ...extra } as TrainOptions, 'CONFIG').details?.['option']).toBe(option);
  });

  it('collects every problem before throwing', () => {
    const err = rejects({ ...ok, k: 0, learningRate: -1, batchSize: 0, momentum: 2 }, 'CONFIG');
    const options = (err.issues as { details: Record<string, unknown> }[]).map((e) => e.details['option']);
    expect(options).toEqual(expect.arrayContaining(['k', 'learningRate', 'batchSize', 'momentum']));
  });
});

describe('#24 absurd sizes → TooLargeError before any allocation', () => {
  it('k = 1e9, chains 2^25, batch size 2^25, 2000 replicas', () => {
    rejects({ ...ok, k: 1e9 }, 'TOO_LARGE');
    rejects({ ...ok, method: 'pcd', chains: 2 ** 25 }, 'TOO_LARGE');
    rejects({ ...ok, batchSize: 2 ** 25 }, 'TOO_LARGE');
    rejects({ ...ok, method: 'pt', replicas: 2000 }, 'TOO_LARGE');
  });
});

describe('data', () => {
  it('#8 wrong width → ShapeError with expected and received', () => {
    const wide = { values: new Uint8Array(10), rows: 2, cols: 5 };
    const err = rejects(ok, 'SHAPE', wide);
    expect(err.details).toMatchObject({ expected: 4, received: 5 });
    rejects(ok, 'SHAPE', { values: new Uint8Array(7), rows: 2, cols: 4 });
  });

  it('#9 non-binary values → BinaryDataError naming row and column', () => {
    for (const bad of [0.5, 2, -1, Number.NaN]) {
      const v = Float64Array.from(values);
      v[5] = bad;
      const err = rejects(ok, 'NOT_BINARY', { values: v as unknown as Uint8Array, rows: 2, cols: 4 });
      expect(err.details).toMatchObject({ row: 1, column: 1 });
    }
  });

  it('#9 allowProbabilities accepts [0, 1] and still rejects values outside it', () => {
    const v = Float64Array.of(0.5, 0, 1, 0.25, 0.75, 1, 0, 0.1);
    expect(() => train(plan, { values: v, rows: 2, cols: 4 }, { ...ok, allowProbabilities: true })).not.toThrow();
    for (const bad of [1.1, -0.1, Number.NaN]) {
      const w = v.slice();
      w[2] = bad;
      expect(rejects({ ...ok, allowProbabilities: true }, 'NOT_BINARY', { values: w as unknown as Uint8Array, rows: 2, cols: 4 }).details).toMatchObject({ row: 0, column: 2 });
    }
  });

  it('#10 empty data → ShapeError; validation data is checked too', () => {
    rejects(ok, 'SHAPE', { values: new Uint8Array(0), rows: 0, cols: 4 });
    rejects({ ...ok, validation: { values: Uint8Array.of(1, 0, 3, 0), rows: 1, cols: 4 } }, 'NOT_BINARY');
  });
});

describe('seeds and plans', () => {
  it('#25–26 a missing or invalid seed → SeedError', () => {
    for (const seed of [undefined, null, Number.NaN, {}, [1], 1.5]) rejects({ ...ok, seed: seed as unknown as number }, 'SEED');
  });

  it('a directed plan → GraphStructureError', () => {
    const directed = compile(sbn([4, 2], { seed: 1 }));
    expectRejectsWithoutMutation(() => train(directed, data, ok), { code: 'STRUCTURE', inputs: [directed, values] });
  });
});

describe('learning rules and optimiser', () => {
  it('createLearner checks its options; PCD and PT need a seed', () => {
    expectRejectsWithoutMutation(() => createLearner(plan, { method: 'cd', k: 0 }), { code: 'CONFIG', inputs: [plan] });
    expectRejectsWithoutMutation(() => createLearner(plan, { method: 'pcd' }), { code: 'SEED', inputs: [plan] });
    expectRejectsWithoutMutation(() => createLearner(plan, { method: 'pt', seed: 1, betas: [1, 2] }), { code: 'CONFIG', inputs: [plan] });
  });

  it('learner.gradient rejects bad batches without drawing from the stream', () => {
    const learner = createLearner(plan, { method: 'cd' });
    const rng = createRng('untouched');
    const out = zeroGradient(plan);
    expectRejectsWithoutMutation(() => learner.gradient(out, Uint8Array.of(1, 0, 2, 0), 1, rng), { code: 'NOT_BINARY', inputs: [rng, out, plan] });
    expectRejectsWithoutMutation(() => learner.gradient(out, Uint8Array.of(1, 0, 1), 1, rng), { code: 'SHAPE', inputs: [rng, out, plan] });
    expectRejectsWithoutMutation(() => learner.gradient({ bias: new Float64Array(2), weights: [] }, values, 2, rng), { code: 'SHAPE', inputs: [rng, plan] });
    expectRejectsWithoutMutation(() => learner.gradient(out, values, 2, {} as never), { code: 'SEED', inputs: [out, plan] });
  });

  it('restoreLearner rejects a snapshot of another rule or a malformed one', () => {
    const pcd = createLearner(plan, { method: 'pcd', seed: 1 });
    pcd.gradient(zeroGradient(plan), values, 2, createRng(1));
    const saved = pcd.save();
    expectRejectsWithoutMutation(() => restoreLearner(plan, { method: 'pt', seed: 1 }, saved), { code: 'SCHEMA', inputs: [plan, saved] });
    expectRejectsWithoutMutation(() => restoreLearner(plan, { method: 'pcd', seed: 1 }, { format: 'x' } as unknown as LearnerSnapshot), { code: 'SCHEMA', inputs: [plan] });
  });

  it('createOptimiser checks its options', () => {
    expectRejectsWithoutMutation(() => createOptimiser(plan, { learningRate: Number.NaN }), { code: 'CONFIG', inputs: [plan] });
    expectRejectsWithoutMutation(() => createOptimiser(plan, { learningRate: 0.1, momentum: 1 }), { code: 'CONFIG', inputs: [plan] });
    expectRejectsWithoutMutation(() => createOptimiser({} as typeof plan, { learningRate: 0.1 }), { errorClass: ValidationError, inputs: [] });
  });

  it('optimiser.step rejects a misshapen gradient or place without writing anything', () => {
    const opt = createOptimiser(plan, { learningRate: 0.1, momentum: 0.5 });
    const good = zeroGradient(plan);
    good.bias.fill(0.1);
    opt.step(good, { epoch: 0, batch: 0, step: 0 });
    const velocity = opt.state().velocity;
    const short = { bias: good.bias.subarray(1), weights: good.weights };
    expectRejectsWithoutMutation(() => opt.step(short, { epoch: 0, batch: 1, step: 1 }), { errorClass: ShapeError, inputs: [plan, velocity] });
    expectRejectsWithoutMutation(() => opt.step(good, { epoch: 0, batch: 1, step: 1 }, short), { errorClass: ShapeError, inputs: [plan, velocity] });
    expectRejectsWithoutMutation(() => opt.step(good, { epoch: -1, batch: 0, step: 0 }), { errorClass: ValidationError, inputs: [plan, velocity] });
    expectRejectsWithoutMutation(() => opt.step(good, null as unknown as { epoch: 0; batch: 0; step: 0 }), { errorClass: ValidationError, inputs: [plan, velocity] });
  });
});
