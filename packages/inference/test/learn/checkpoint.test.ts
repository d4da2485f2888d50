/**
 * B.5 #2: checkpoint/resume equivalence. Train 10 epochs, checkpoint, pass
 * the checkpoint through JSON text, resume for 10 more: the result equals
 * 20 epochs straight through byte for byte — parameters, optimiser
 * velocity, persistent chains, every stream state, counters and history
 * (the two runs' own checkpoints are string-equal). For every rule, both
 * dtypes, a general Boltzmann machine, sparsity and early stopping.
 * Malformed checkpoints are rejected with typed errors.
 */
import { describe, expect, it } from 'vitest';
import { boltzmann, normal, rbm } from '@stochnet/graph';
import { compile } from '@stochnet/model';
import type { Dtype } from '@stochnet/model';
import { checkpoint, resumeTraining, train } from '@stochnet/inference';
import type { TrainCheckpoint, TrainOptions } from '@stochnet/inference';
import { expectRejectsWithoutMutation } from '../../../../test/support/no-mutation.js';
import { interactingBm, patterns } from './support/nets.js';

const DATA = patterns([
  [1, 1, 0, 0],
  [0, 0, 1, 1],
  [1, 1, 0, 0],
  [0, 0, 1, 1],
  [1, 0, 1, 0],
]);
const DATA3 = patterns([
  [1, 1, 0],
  [0, 0, 1],
  [0, 1, 1],
]);

function roundTrip(c: TrainCheckpoint): TrainCheckpoint {
  return JSON.parse(JSON.stringify(c)) as TrainCheckpoint;
}

function expectResumeEqualsStraight(plan: ReturnType<typeof compile>, data: typeof DATA, opts: TrainOptions): void {
  const straight = train(plan, data, { ...opts, epochs: 20 });
  const first = train(plan, data, { ...opts, epochs: 10 });
  // Validation data is not saved: the resumed run takes it again.
  const resumed = resumeTraining(roundTrip(checkpoint(first.state)), data, opts.validation === undefined ? { epochs: 20 } : { epochs: 20, validation: opts.validation });
  expect(resumed.history.length).toBe(20);
  expect(JSON.stringify(checkpoint(resumed.state))).toBe(JSON.stringify(checkpoint(straight.state)));
  const a = [resumed.plan.bias, ...resumed.plan.weights.map((w) => w.weights)];
  const b = [straight.plan.bias, ...straight.plan.weights.map((w) => w.weights)];
  a.forEach((x, k) => expect(new Uint8Array(x.buffer)).toEqual(new Uint8Array(b[k]!.buffer)));
}

describe('checkpoint and resume: 10 + 10 epochs equal 20 straight, byte for byte', () => {
  for (const dtype of ['float32', 'float64'] as Dtype[]) {
    for (const method of ['cd', 'pcd', 'pt'] as const) {
      it(`${method}, ${dtype}`, () => {
        const plan = compile(rbm(4, 3, { seed: 'cp', init: normal(0, 0.5) }), { dtype });
        expectResumeEqualsStraight(plan, DATA, { method, epochs: 20, batchSize: 2, learningRate: 0.05, seed: `cp/${method}`, replicas: 3, sparsity: { target: 0.2, cost: 0.1 }, weightDecay: 1e-3 });
      });
    }
  }

  it('a general Boltzmann machine with interacting hidden units (PCD, Gibbs positive phase)', () => {
    const plan = compile(interactingBm());
    expectResumeEqualsStraight(plan, DATA3, { method: 'pcd', epochs: 20, batchSize: 2, learningRate: 0.05, seed: 'cp/bm', positive: { method: 'gibbs', sweeps: 3 } });
  });

  it('with early stopping in progress', () => {
    const plan = compile(boltzmann(4, { seed: 'cp', init: normal(0, 0.5) }));
    expectResumeEqualsStraight(plan, DATA, { method: 'cd', epochs: 20, batchSize: 2, learningRate: 0.05, seed: 'cp/es', earlyStopping: { patience: 50 }, validation: DATA });
  });

  it('keeps callbacks, metrics and validation data out of the checkpoint; resume takes them again', () => {
    const plan = compile(rbm(4, 2, { seed: 1 }));
    const first = train(plan, DATA, { method: 'cd', epochs: 2, batchSize: 5, learningRate: 0.1, seed: 1, metrics: { one: () => 1 }, onEpoch: () => undefined });
    const saved = roundTrip(checkpoint(first.state));
    expect(Object.keys(saved.options).sort()).toEqual(['batchSize', 'epochs', 'learningRate', 'method', 'seed']);
    let epochs = 0;
    const resumed = resumeTraining(saved, DATA, { epochs: 4, metrics: { two: () => 2 }, onEpoch: () => void epochs++ });
    expect(epochs).toBe(2);
    expect(resumed.history[3]!.train['two']).toBe(2);
    expect(resumed.history[0]!.train['one']).toBe(1);
  });
});

describe('malformed checkpoints', () => {
  const plan = compile(rbm(4, 2, { seed: 1 }));
  const good = roundTrip(checkpoint(train(plan, DATA, { method: 'pcd', epochs: 1, batchSize: 5, learningRate: 0.1, seed: 1 }).state));
  const broken = (edit: (c: Record<string, unknown>) => void): TrainCheckpoint => {
    const c = roundTrip(good) as unknown as Record<string, unknown>;
    edit(c);
    return c as unknown as TrainCheckpoint;
  };

  it('wrong format or version', () => {
    expectRejectsWithoutMutation(() => resumeTraining(broken((c) => (c['format'] = 'x')), DATA, {}), { code: 'SCHEMA', inputs: [DATA] });
    expectRejectsWithoutMutation(() => resumeTraining(broken((c) => (c['version'] = 2)), DATA, {}), { code: 'VERSION', inputs: [DATA] });
  });

  it('missing or mismatched fields', () => {
    expectRejectsWithoutMutation(() => resumeTraining(broken((c) => delete c['network']), DATA, {}), { code: 'SCHEMA', inputs: [DATA] });
    expectRejectsWithoutMutation(() => resumeTraining(broken((c) => (c['history'] = [])), DATA, {}), { code: 'SCHEMA', inputs: [DATA] });
    expectRejectsWithoutMutation(() => resumeTraining(broken((c) => ((c['optimiser'] as { velocity: unknown[] }).velocity.length = 1)), DATA, {}), { code: 'SCHEMA', inputs: [DATA] });
    expectRejectsWithoutMutation(() => resumeTraining(broken((c) => ((c['learner'] as { method: string }).method = 'cd')), DATA, {}), { code: 'SCHEMA', inputs: [DATA] });
  });

  it('resume options are checked like train options', () => {
    expectRejectsWithoutMutation(() => resumeTraining(good, DATA, { learningRate: -1 }), { code: 'CONFIG', inputs: [DATA, good] });
  });
});
