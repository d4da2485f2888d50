/**
 * Bad input to the belief-net rules, DBN training and fine-tuning (TESTING
 * B.3 #8–#10, #19, #23, #25): every case throws its typed, coded error
 * naming the option, row or column, before any work, and leaves the plan,
 * network, data and labels byte-equal (shared harness). Independent
 * problems are collected into `issues`. And no randomness from Math.random.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createRng, dbn, network, rbm, sbn } from '@stochnet/graph';
import { compile, zeroGradient } from '@stochnet/model';
import { createRecognitionNet, createSbnGibbsLearner, createWakeSleepLearner, fineTuneDbn, trainDbn, trainSbn } from '@stochnet/inference';
import type { TrainSbnOptions } from '@stochnet/inference';
import { expectRejectsWithoutMutation } from '../../../../test/support/no-mutation.js';

type Coded = Error & { details?: Record<string, unknown>; issues?: { code: string; details: Record<string, unknown> }[] };

const net = sbn([4, 2], { seed: 1 });
const plan = compile(net, { dtype: 'float64' });
const values = Uint8Array.of(1, 0, 1, 0, 0, 1, 0, 1);
const data = { values, rows: 2, cols: 4 };
const labels = Uint8Array.of(0, 1);

function rejectsSbn(options: unknown, code: string, d = data, p = plan): Coded {
  return expectRejectsWithoutMutation(() => trainSbn(p, d, options as TrainSbnOptions), { code, inputs: [net, p, d, d.values] }) as Coded;
}

describe('trainSbn and the belief-net learners', () => {
  const ok = { method: 'sbn-gibbs', epochs: 2, batchSize: 2, learningRate: 0.1, seed: 1 };
  it.each([
    ['sweeps', 0],
    ['burnIn', -1],
    ['chainsPerExample', 1.5],
    ['persistent', 'yes'],
    ['method', 'cd'],
    ['learningRate', -1],
    ['epochs', -1],
    ['momentum', 1],
  ])('option %s = %s → ConfigError naming it', (option, value) => {
    const e = rejectsSbn({ ...ok, [option]: value }, 'CONFIG');
    expect(e.details?.['option']).toBe(option);
  });

  it.each([
    ['recognitionMomentum', 1],
    ['recognitionRate', 0],
    ['recognitionSd', -1],
    ['fantasies', 0],
    ['recognition', 'net'],
  ])('wake-sleep option %s = %s → ConfigError naming it', (option, value) => {
    const e = rejectsSbn({ ...ok, method: 'wake-sleep', [option]: value }, 'CONFIG');
    expect(e.details?.['option']).toBe(option);
  });

  it('non-binary data names row and column; wrong width and empty data are ShapeErrors', () => {
    const bad = { values: Uint8Array.of(1, 0, 1, 0, 0, 2, 0, 1), rows: 2, cols: 4 };
    const e = rejectsSbn(ok, 'NOT_BINARY', bad);
    expect([e.details?.['row'], e.details?.['column']]).toEqual([1, 1]);
    rejectsSbn(ok, 'SHAPE', { values: Uint8Array.of(1, 0, 1, 0, 1, 0), rows: 2, cols: 3 });
    rejectsSbn(ok, 'SHAPE', { values: new Uint8Array(0), rows: 0, cols: 4 });
  });

  it('collects every independent problem', () => {
    const e = rejectsSbn({ ...ok, sweeps: 0, learningRate: -1, seed: undefined }, 'CONFIG');
    expect(e.issues!.map((i) => i.code).sort()).toEqual(['CONFIG', 'CONFIG', 'SEED']);
  });

  it('plans the rules do not take: RBM → STRUCTURE; non-layered SBN under wake-sleep → LAYERING; misfit recognition → SHAPE', () => {
    const r = compile(rbm(4, 2, { seed: 1 }));
    expectRejectsWithoutMutation(() => trainSbn(r, data, ok as TrainSbnOptions), { code: 'STRUCTURE', inputs: [r, values] });
    const dag = network({ seed: 1 }).layer('v', 4, { role: 'visible' }).layer('a', 1).layer('b', 1).connect('a', 'v').connect('b', 'v').build();
    const p = compile(dag);
    expectRejectsWithoutMutation(() => trainSbn(p, data, { ...ok, method: 'wake-sleep' } as TrainSbnOptions), { code: 'LAYERING', inputs: [p, values] });
    const wrong = createRecognitionNet(compile(sbn([4, 3], { seed: 1 })), { seed: 1 });
    rejectsSbn({ ...ok, method: 'wake-sleep', recognition: wrong }, 'SHAPE');
  });

  it('learner.gradient checks out, data, rng and indices', () => {
    const l = createSbnGibbsLearner(plan, { method: 'sbn-gibbs', seed: 1 });
    const g = zeroGradient(plan);
    const run = (f: () => unknown, code: string): void => void expectRejectsWithoutMutation(f, { code, inputs: [plan, g, values] });
    run(() => l.gradient(g, values, 2, createRng(1), Int32Array.of(0)), 'SHAPE');
    run(() => l.gradient(g, values, 2, createRng(1), Int32Array.of(0, -1)), 'INVALID');
    run(() => l.gradient(g, values, 2, null as never), 'SEED');
    run(() => l.gradient({ bias: new Float64Array(1), weights: [] }, values, 2, createRng(1)), 'SHAPE');
    expect(() => createSbnGibbsLearner(plan, { method: 'sbn-gibbs' })).toThrow(expect.objectContaining({ code: 'SEED' }));
    expect(() => createWakeSleepLearner(plan, { method: 'wake-sleep', seed: 1 })).toThrow(expect.objectContaining({ code: 'CONFIG' }));
  });
});

describe('trainDbn', () => {
  const ok = { epochs: 1, batchSize: 2, learningRate: 0.1, seed: 1 };
  it.each([
    ['method', 'pt'],
    ['propagate', 'means'],
    ['visibleBias', 0],
    ['dtype', 'float16'],
    ['k', 0],
    ['learningRate', 0],
    ['layers', 'all'],
  ])('option %s = %s → ConfigError naming it', (option, value) => {
    const e = expectRejectsWithoutMutation(() => trainDbn([4, 3, 2], data, { ...ok, [option]: value } as never), { code: 'CONFIG', inputs: [values] }) as Coded;
    expect(e.details?.['option']).toBe(option);
  });

  it('bad sizes, wrong widths, non-binary data, non-layered networks', () => {
    expectRejectsWithoutMutation(() => trainDbn([4, 0, 2], data, ok), { code: 'SHAPE', inputs: [values] });
    expectRejectsWithoutMutation(() => trainDbn([5, 3], data, ok), { code: 'SHAPE', inputs: [values] });
    const bad = { values: Float64Array.of(1, 0, 1, 0, 0, 0.5, 0, 1), rows: 2, cols: 4 };
    const e = expectRejectsWithoutMutation(() => trainDbn([4, 3], bad, ok), { code: 'NOT_BINARY', inputs: [bad.values] }) as Coded;
    expect([e.details?.['row'], e.details?.['column']]).toEqual([1, 1]);
    const d = dbn([4, 3, 2], { seed: 1 });
    expectRejectsWithoutMutation(() => trainDbn(d, data, { ...ok, layers: [{}, {}, {}] }), { code: 'CONFIG', inputs: [d, values] });
    expectRejectsWithoutMutation(() => trainDbn(net, data, ok), { code: 'STRUCTURE', inputs: [net, values] });
  });
});

describe('fineTuneDbn', () => {
  const pre = trainDbn([4, 3], data, { epochs: 1, batchSize: 2, learningRate: 0.1, seed: 1 });
  const ok = { epochs: 1, batchSize: 2, learningRate: 0.1, seed: 1 };
  const run = (l: ArrayLike<number>, d: typeof data | { values: Float64Array; rows: number; cols: number }, o: unknown, code: string): Coded =>
    expectRejectsWithoutMutation(() => fineTuneDbn(pre, d, l, o as never), { code, inputs: [pre.recognition, pre.plan, d.values, l] }) as Coded;

  it('labels out of range name the row; wrong label count; classes ≤ largest label', () => {
    expect(run(Uint8Array.of(0, 3), data, { ...ok, classes: 3 }, 'LABEL_RANGE').details?.['row']).toBe(1);
    expect(run(Float64Array.of(0, 1.5), data, ok, 'LABEL_RANGE').details?.['row']).toBe(1);
    run(Uint8Array.of(0), data, ok, 'SHAPE');
    expect(run(Uint8Array.of(0, 4), data, { ...ok, classes: 2 }, 'LABEL_RANGE').details?.['argument']).toBe('labels');
  });

  it('wrong widths and non-finite inputs name the place', () => {
    run(labels, { values: Uint8Array.of(1, 0, 1, 0, 1, 0), rows: 2, cols: 3 }, ok, 'SHAPE');
    const e = run(labels, { values: Float64Array.of(1, 0, 1, 0, 0, Number.NaN, 0, 1), rows: 2, cols: 4 }, ok, 'NON_FINITE');
    expect([e.details?.['row'], e.details?.['column']]).toEqual([1, 1]);
    run(labels, data, { ...ok, test: { data: { values: Uint8Array.of(1, 0, 1), rows: 1, cols: 3 }, labels: [0] } }, 'SHAPE');
  });

  it.each([
    ['epochs', -1],
    ['batchSize', 0],
    ['learningRate', Number.NaN],
    ['momentum', 1],
    ['weightDecay', -1],
    ['classes', 1],
    ['outputSd', -1],
    ['patience', 3],
  ])('option %s = %s → ConfigError naming it', (option, value) => {
    expect(run(labels, data, { ...ok, [option]: value }, 'CONFIG').details?.['option']).toBe(option);
  });

  it('a missing seed is a SeedError; a non-layered plan a LayeringError', () => {
    run(labels, data, { ...ok, seed: undefined }, 'SEED');
    const dag = compile(network({ seed: 1 }).layer('v', 4, { role: 'visible' }).layer('a', 1).layer('b', 1).connect('a', 'v').connect('b', 'v').build());
    expectRejectsWithoutMutation(() => fineTuneDbn(dag, data, labels, ok), { code: 'LAYERING', inputs: [dag, values] });
  });
});

describe('randomness comes only from the seeded streams', () => {
  afterEach(() => vi.restoreAllMocks());
  it('never calls Math.random (sbn-gibbs, wake-sleep, trainDbn, fineTuneDbn)', () => {
    const spy = vi.spyOn(Math, 'random').mockImplementation(() => {
      throw new Error('Math.random called');
    });
    trainSbn(plan, data, { method: 'sbn-gibbs', epochs: 2, batchSize: 1, learningRate: 0.1, seed: 1 });
    trainSbn(plan, data, { method: 'sbn-gibbs', persistent: false, epochs: 1, batchSize: 2, learningRate: 0.1, seed: 1 });
    trainSbn(plan, data, { method: 'wake-sleep', epochs: 2, batchSize: 1, learningRate: 0.1, seed: 1 });
    const pre = trainDbn([4, 3, 2], data, { epochs: 2, batchSize: 1, learningRate: 0.1, seed: 1, propagate: 'samples' });
    fineTuneDbn(pre, data, labels, { epochs: 2, batchSize: 1, learningRate: 0.1, seed: 1 });
    expect(spy).not.toHaveBeenCalled();
  });
});
