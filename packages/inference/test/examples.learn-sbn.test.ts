/**
 * Twins of the @example blocks of the belief-net rules (Gibbs-based SBN
 * learning, wake-sleep, recognition nets), DBN training, fine-tuning and
 * classification: the same code, with its printed values asserted.
 */
import { describe, expect, it } from 'vitest';
import { createRng, sbn } from '@stochnet/graph';
import { compile, createSigmoidNet, exactLogLikelihood, zeroGradient } from '@stochnet/model';
import {
  classificationAccuracy,
  classify,
  createRecognitionNet,
  createSbnGibbsLearner,
  createWakeSleepLearner,
  fineTuneDbn,
  trainDbn,
  trainSbn,
} from '@stochnet/inference';

describe('examples: belief-net learning', () => {
  it('createSbnGibbsLearner', () => {
    const plan = compile(sbn([4, 2], { seed: 1 }), { dtype: 'float64' });
    const learner = createSbnGibbsLearner(plan, { method: 'sbn-gibbs', sweeps: 2, seed: 3 });
    const g = learner.gradient(zeroGradient(plan), Uint8Array.of(1, 0, 1, 0, 0, 1, 0, 1), 2, createRng('update/0'));
    expect(g.weights[0]!.length).toBe(8);
    expect(learner.info()).toEqual({ updates: 1, chains: 2 });
  });

  it('createRecognitionNet', () => {
    const rec = createRecognitionNet(compile(sbn([64, 20, 10], { seed: 1 })), { seed: 2 });
    expect(rec.layers.map((l) => `${l.inputs}->${l.outputs}`)).toEqual(['64->20', '20->10']);
    expect(rec.output).toBe('logistic');
  });

  it('createWakeSleepLearner', () => {
    const plan = compile(sbn([4, 2], { seed: 1 }), { dtype: 'float64' });
    const ws = createWakeSleepLearner(plan, { method: 'wake-sleep', learningRate: 0.1, seed: 2 });
    ws.gradient(zeroGradient(plan), Uint8Array.of(1, 0, 1, 0), 1, createRng('update/0'));
    expect(ws.recognition.layers[0]!.weights.length).toBe(8);
  });

  it('trainSbn', () => {
    const plan = compile(sbn([4, 2], { seed: 1 }), { dtype: 'float64' });
    const values = Uint8Array.of(1, 1, 0, 0, 0, 0, 1, 1, 1, 1, 0, 0, 0, 0, 1, 1);
    const data = { values, rows: 4, cols: 4 };
    const result = trainSbn(plan, data, { method: 'sbn-gibbs', epochs: 100, batchSize: 2, learningRate: 0.1, momentum: 0.5, seed: 3 });
    expect(exactLogLikelihood(result.plan, values, 4) > exactLogLikelihood(plan, values, 4)).toBe(true);
  });

  it('trainDbn', () => {
    const values = Uint8Array.of(1, 1, 0, 0, 0, 0, 1, 1, 1, 1, 0, 0, 0, 0, 1, 1);
    const result = trainDbn([4, 3, 2], { values, rows: 4, cols: 4 }, { epochs: 5, batchSize: 2, learningRate: 0.1, seed: 1 });
    expect([result.plan.kind, result.layers.length, result.recognition.layers.map((l) => l.outputs)]).toEqual(['dbn', 2, [3, 2]]);
  });

  it('fineTuneDbn', () => {
    const values = Uint8Array.of(1, 1, 0, 0, 0, 0, 1, 1, 1, 0, 0, 0, 0, 0, 0, 1);
    const labels = Uint8Array.of(0, 1, 0, 1);
    const data = { values, rows: 4, cols: 4 };
    const dbn = trainDbn([4, 3, 3], data, { epochs: 10, batchSize: 2, learningRate: 0.1, seed: 1 });
    const tuned = fineTuneDbn(dbn, data, labels, { epochs: 100, batchSize: 2, learningRate: 0.5, seed: 2, test: { data, labels } });
    expect(tuned.testAccuracy).toBe(1);
  });

  it('classify', () => {
    const net = createSigmoidNet([{ inputs: 1, outputs: 2, weights: Float64Array.of(-5, 5), bias: new Float64Array(2) }], 'softmax');
    expect(Array.from(classify(net, Float64Array.of(0, 1)))).toEqual([0, 1]);
  });

  it('classificationAccuracy', () => {
    const net = createSigmoidNet([{ inputs: 1, outputs: 2, weights: Float64Array.of(-5, 5), bias: new Float64Array(2) }], 'softmax');
    expect(classificationAccuracy(net, Float64Array.of(0, 1, 1), Uint8Array.of(0, 1, 0))).toBe(0.6666666666666666);
  });
});
