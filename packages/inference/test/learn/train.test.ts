/**
 * The training loop: it never changes the caller's plan or network; same
 * seed, same bytes; epoch substreams (adding epochs never changes earlier
 * ones); batching with a short last batch; callbacks and progress;
 * metrics, validation data and early stopping; probabilities as data;
 * every rule on every undirected topology (RBM dense, masked and sparse;
 * semi-restricted, interacting hidden units, DBM; fully visible) improves
 * the exact log-likelihood of a small data set.
 */
import { describe, expect, it } from 'vitest';
import { boltzmann, normal, rbm } from '@stochnet/graph';
import type { Network } from '@stochnet/graph';
import { clonePlan, compile, exactLogLikelihood } from '@stochnet/model';
import type { Plan } from '@stochnet/model';
import { train } from '@stochnet/inference';
import type { BatchEvent, EpochEvent, TrainOptions } from '@stochnet/inference';
import { snapshot } from '../../../../test/support/no-mutation.js';
import { dbm, interactingBm, maskedRbm, patterns, semiRestricted, sparseRbm } from './support/nets.js';

const DATA4 = patterns([
  [1, 1, 0, 0],
  [0, 0, 1, 1],
  [1, 1, 0, 0],
  [0, 0, 1, 1],
  [1, 1, 1, 0],
]);
const DATA3 = patterns([
  [1, 1, 0],
  [0, 0, 1],
  [1, 1, 0],
  [0, 1, 1],
]);

function bytes(plan: Plan): number[] {
  return [plan.bias, ...plan.weights.map((w) => w.weights)].flatMap((a) => Array.from(new Uint8Array(a.buffer, a.byteOffset, a.byteLength)));
}

describe('train', () => {
  it('leaves the input plan and network unchanged and returns a trained copy', () => {
    const net = rbm(4, 3, { seed: 1 });
    const plan = compile(net);
    const before = [snapshot(net), snapshot(plan), snapshot(DATA4)];
    const result = train(plan, DATA4, { method: 'pcd', epochs: 3, batchSize: 2, learningRate: 0.1, seed: 1 });
    expect([snapshot(net), snapshot(plan), snapshot(DATA4)]).toEqual(before);
    expect(result.plan).not.toBe(plan);
    expect(bytes(result.plan)).not.toEqual(bytes(plan));
    const out: Network = result.network();
    const id = net.structure.couplings[0]!.id;
    expect(Array.from(out.couplings.get(id)!.weights)).toEqual(Array.from(result.plan.weights[0]!.weights));
  });

  it('is deterministic: same seed, same bytes; another seed, other bytes', () => {
    for (const method of ['cd', 'pcd', 'pt'] as const) {
      const plan = compile(rbm(4, 3, { seed: 2 }));
      const opts: TrainOptions = { method, epochs: 4, batchSize: 2, learningRate: 0.1, seed: 'det', replicas: 3 };
      expect(bytes(train(plan, DATA4, opts).plan)).toEqual(bytes(train(plan, DATA4, opts).plan));
      expect(bytes(train(plan, DATA4, { ...opts, seed: 'other' }).plan)).not.toEqual(bytes(train(plan, DATA4, opts).plan));
    }
  });

  it('adding epochs never changes the earlier ones', () => {
    const plan = compile(rbm(4, 3, { seed: 3 }));
    const at3: Plan[] = [];
    const opts: TrainOptions = { method: 'cd', epochs: 3, batchSize: 2, learningRate: 0.1, seed: 's' };
    const short = train(plan, DATA4, opts);
    const long = train(plan, DATA4, { ...opts, epochs: 6, onEpoch: (e) => e.epoch === 2 && void at3.push(clonePlan(e.plan)) });
    expect(bytes(at3[0]!)).toEqual(bytes(short.plan));
    expect(long.history.slice(0, 3)).toEqual(short.history);
  });

  it('runs every row once per epoch in batches (the last one short), with callbacks and progress', () => {
    const plan = compile(rbm(4, 3, { seed: 4 }));
    const batches: BatchEvent[] = [];
    const epochs: EpochEvent[] = [];
    const result = train(plan, DATA4, { method: 'cd', epochs: 3, batchSize: 2, learningRate: 0.1, seed: 1, onBatch: (b) => batches.push(b), onEpoch: (e) => epochs.push(e) });
    expect(batches.length).toBe(9);
    expect(batches.map((b) => b.step)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9]);
    expect(batches.every((b) => b.batches === 3)).toBe(true);
    expect(batches[8]!.progress).toBe(1);
    expect(epochs.map((e) => [e.epoch, e.epochs, e.record.steps])).toEqual([
      [0, 3, 3],
      [1, 3, 6],
      [2, 3, 9],
    ]);
    expect(result.history.map((h) => h.momentum)).toEqual([0.5, 0.5, 0.5]);
    expect(result.state.epoch).toBe(3);
  });

  it('records named metrics on training and validation data, and stops early restoring the best epoch', () => {
    const plan = compile(rbm(4, 3, { seed: 5 }));
    let calls = 0;
    const rising = (): number => ++calls;
    const kept: Plan[] = [];
    const result = train(plan, DATA4, {
      method: 'cd',
      epochs: 20,
      batchSize: 5,
      learningRate: 0.1,
      seed: 1,
      validation: DATA4,
      metrics: { rising },
      earlyStopping: { metric: 'rising', patience: 2 },
      onEpoch: (e) => void kept.push(clonePlan(e.plan)),
    });
    expect(result.history.length).toBe(3);
    expect(result.stoppedEarly).toBe(true);
    expect(result.bestEpoch).toBe(0);
    expect(Object.keys(result.history[0]!.train).sort()).toEqual(['reconstruction', 'rising']);
    expect(result.history[0]!.validation!['rising']).toBeGreaterThan(result.history[0]!.train['rising']!);
    expect(bytes(result.plan)).toEqual(bytes(kept[0]!));
    const noRestore = train(plan, DATA4, { method: 'cd', epochs: 20, batchSize: 5, learningRate: 0.1, seed: 1, earlyStopping: { metric: () => 1, patience: 1, restoreBest: false } });
    expect(noRestore.history.length).toBe(2);
    expect(noRestore.bestEpoch).toBe(0);
  });

  it('accepts probabilities with allowProbabilities', () => {
    const plan = compile(rbm(3, 2, { seed: 6 }));
    const data = { values: Float64Array.of(0.9, 0.1, 0.5, 0.2, 0.8, 1), rows: 2, cols: 3 };
    for (const method of ['cd', 'pcd'] as const) {
      const r = train(plan, data, { method, epochs: 2, batchSize: 2, learningRate: 0.1, seed: 1, allowProbabilities: true });
      expect(bytes(r.plan)).not.toEqual(bytes(plan));
    }
  });

  describe('improves the exact log-likelihood on every topology', () => {
    const cases: [string, Network, typeof DATA4, Partial<TrainOptions>][] = [
      ['dense RBM', rbm(4, 3, { seed: 7, init: normal(0, 0.1) }), DATA4, {}],
      ['masked RBM', maskedRbm(), DATA4, {}],
      ['sparse RBM', sparseRbm(), DATA4, {}],
      ['fully visible BM', boltzmann(4, { seed: 8, init: normal(0, 0.1) }), DATA4, {}],
      ['semi-restricted BM', semiRestricted(), DATA3, {}],
      ['BM with interacting hidden units (Gibbs positive phase)', interactingBm(), DATA3, { positive: { method: 'gibbs', sweeps: 5 } }],
      ['BM with interacting hidden units (mean-field positive phase)', interactingBm(), DATA3, { positive: { method: 'mean-field', iterations: 10 } }],
      ['deep BM', dbm(), DATA3, {}],
    ];
    for (const [name, net, data, extra] of cases) {
      it(name, () => {
        const plan = compile(net, { dtype: 'float64' });
        const ll0 = exactLogLikelihood(plan, data.values, data.rows);
        for (const method of ['cd', 'pcd', 'pt'] as const) {
          const r = train(plan, data, { method, epochs: 60, batchSize: 2, learningRate: 0.05, momentum: 0.5, chains: 20, replicas: 4, seed: `ll/${name}`, ...extra });
          expect(exactLogLikelihood(r.plan, data.values, data.rows), `${name} ${method}`).toBeGreaterThan(ll0 + 0.1);
        }
      });
    }
  });
});
