/** Twin of docs/learning.md: every code block of the guide, run (with the guide's small sizes). */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { rbm, sbn, visibleBiasFromData } from '@stochnet/graph';
import { compile, exactLogLikelihood } from '@stochnet/model';
import { classificationAccuracy, fineTuneDbn, trainDbn, trainSbn, train } from '@stochnet/inference';
import type { TrainOptions } from '@stochnet/inference';
import { digitsSplit } from '@stochnet/data';

let log: ReturnType<typeof vi.spyOn>;
beforeEach(() => {
  log = vi.spyOn(console, 'log').mockImplementation(() => undefined);
});
afterEach(() => log.mockRestore());
const printed = (): unknown[][] => log.mock.calls as unknown[][];

const { train: digits, test } = digitsSplit(1, { binarize: true });
const data = { values: digits.images.subarray(0, 300 * 64), rows: 300, cols: 64 };
const held = { values: test.images, rows: test.rows, cols: 64 };

describe('learning', () => {
  it('three rules for Boltzmann machines', () => {
    const start = compile(rbm(64, 8, { seed: 1, visibleBias: visibleBiasFromData(data.values, data.rows, 64) }), { dtype: 'float64' });
    const rules: TrainOptions['method'][] = ['cd', 'pcd', 'pt'];
    for (const method of rules) {
      const result = train(start, data, { method, k: 1, chains: 20, replicas: 4, epochs: 5, batchSize: 5, learningRate: 0.15, momentum: 0, seed: 1 });
      console.log(method, exactLogLikelihood(result.plan, held.values, held.rows).toFixed(2)); // cd -23.57, pcd -24.23, pt -24.48 (from -25.27)
    }

    const lines = printed();
    expect(lines).toEqual([
      ['cd', '-23.57'],
      ['pcd', '-24.23'],
      ['pt', '-24.48'],
    ]);
    const initial = exactLogLikelihood(start, held.values, held.rows);
    expect(initial.toFixed(2)).toBe('-25.27');
    expect(Number(lines[0]![1])).toBeGreaterThan(initial + 1);
  });

  it('monitoring the likelihood and stopping early', () => {
    const start = compile(rbm(64, 8, { seed: 1, visibleBias: visibleBiasFromData(data.values, data.rows, 64) }), { dtype: 'float64' });
    const result = train(start, data, {
      method: 'cd',
      epochs: 20,
      batchSize: 5,
      learningRate: 0.1,
      momentum: { initial: 0.5, final: 0.9, switchEpoch: 5 },
      weightDecay: 1e-4,
      seed: 2,
      validation: held,
      metrics: { logLikelihood: (plan, rows) => exactLogLikelihood(plan, rows.values, rows.rows) },
      earlyStopping: { metric: 'logLikelihood', mode: 'max', patience: 3 },
    });
    const best = result.history[result.bestEpoch!]!;
    console.log(result.stoppedEarly, result.bestEpoch, best.validation!['logLikelihood']!.toFixed(2)); // true 4 -22.72

    const [line] = printed();
    expect(line).toEqual([true, 4, '-22.72']);
    expect(Number(line![2])).toBeGreaterThan(exactLogLikelihood(start, held.values, held.rows));
    // restoreBest (the default) leaves the best epoch's parameters in the result.
    expect(exactLogLikelihood(result.plan, held.values, held.rows).toFixed(2)).toBe(line![2]);
  });

  it('belief nets: Gibbs-based learning and wake-sleep', () => {
    const net = compile(sbn([64, 8], { seed: 1, visibleBias: visibleBiasFromData(data.values, data.rows, 64) }), { dtype: 'float64' });
    const loop = { epochs: 3, batchSize: 5, seed: 1 };
    const gibbs = trainSbn(net, data, { method: 'sbn-gibbs', sweeps: 1, burnIn: 10, learningRate: 0.1, momentum: 0.5, ...loop });
    const wakeSleep = trainSbn(net, data, { method: 'wake-sleep', learningRate: 0.3, momentum: 0, ...loop });
    for (const result of [gibbs, wakeSleep]) console.log(exactLogLikelihood(result.plan, held.values, held.rows).toFixed(2)); // -22.58, then -23.72 (from -25.26)
    console.log(wakeSleep.recognition!.layers.map((l) => `${l.inputs} → ${l.outputs}`)); // [ '64 → 8' ]: q(h | v)

    const lines = printed();
    const initial = exactLogLikelihood(net, held.values, held.rows);
    expect(Number(lines[0]![0])).toBeGreaterThan(initial + 0.5);
    expect(Number(lines[1]![0])).toBeGreaterThan(initial);
    expect([lines[0]![0], lines[1]![0], initial.toFixed(2)]).toEqual(['-22.58', '-23.72', '-25.26']);
    expect(lines[2]![0]).toEqual(['64 → 8']);
  });

  it('DBN pretraining and fine-tuning', () => {
    const labels = digits.labels.subarray(0, 300);
    const pretrained = trainDbn([64, 32, 32], data, { epochs: 4, batchSize: 5, learningRate: 0.1, momentum: 0, seed: 1 });
    const tuned = fineTuneDbn(pretrained, data, labels, { epochs: 20, batchSize: 10, learningRate: 0.1, momentum: 0.9, seed: 1, classes: 10 });
    console.log(classificationAccuracy(tuned.net, test.images, test.labels).toFixed(2)); // 0.68 of the test digits right

    expect(printed()[0]).toEqual(['0.68']);
  });
});
