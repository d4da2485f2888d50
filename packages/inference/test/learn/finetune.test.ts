/**
 * Fine-tuning a DBN by backpropagation (Hinton & Salakhutdinov 2006): the
 * loss decreases; the gradient it descends agrees with central differences
 * of the mean loss (TESTING B.2 rule); a separable toy task is learned to
 * accuracy 1; early stopping restores the best validation epoch; classify
 * and classificationAccuracy; determinism.
 */
import { describe, expect, it } from 'vitest';
import { createRng } from '@stochnet/graph';
import { appendOutputLayer, createSigmoidNet, lossAndGradient, zeroSigmoidNetGradient } from '@stochnet/model';
import type { SigmoidNet } from '@stochnet/model';
import { classificationAccuracy, classify, fineTuneDbn, trainDbn } from '@stochnet/inference';

/**
 * A separable toy task: 12 pixels in 3 blocks of 4; class c has block c fully on and every other pixel
 * on with probability 0.25, never a whole other block (so block sums separate the classes).
 */
function toy(n: number, seed: string): { data: { values: Uint8Array; rows: number; cols: number }; labels: Uint8Array } {
  const protos = [
    [1, 1, 1, 1, 0, 0, 0, 0, 0, 0, 0, 0],
    [0, 0, 0, 0, 1, 1, 1, 1, 0, 0, 0, 0],
    [0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 1],
  ];
  const rng = createRng(seed);
  const values = new Uint8Array(n * 12);
  const labels = new Uint8Array(n);
  for (let r = 0; r < n; r++) {
    const c = r % 3;
    labels[r] = c;
    for (let b = 0; b < 3; b++) {
      for (;;) {
        let on = 0;
        for (let i = 4 * b; i < 4 * b + 4; i++) on += values[r * 12 + i] = protos[c]![i]! === 1 || rng.next() < 0.25 ? 1 : 0;
        if (b === c || on < 4) break;
      }
    }
  }
  return { data: { values, rows: n, cols: 12 }, labels };
}

const train = toy(150, 'train');
const valid = toy(60, 'valid');
const test = toy(90, 'test');

function meanLoss(net: SigmoidNet, x: Float64Array, y: Uint8Array, rows: number): number {
  return lossAndGradient(zeroSigmoidNetGradient(net), net, x, y, rows);
}

describe('fineTuneDbn', () => {
  const pre = trainDbn([12, 8, 6], train.data, { epochs: 10, batchSize: 10, learningRate: 0.1, seed: 1 });

  it('decreases the loss and reaches accuracy 1 on a separable toy task', () => {
    const r = fineTuneDbn(pre, train.data, train.labels, { epochs: 30, batchSize: 10, learningRate: 0.1, seed: 2, test });
    expect(r.history.length).toBe(30);
    expect(r.history[29]!.loss).toBeLessThan(0.5 * r.history[0]!.loss);
    expect(r.testAccuracy).toBe(1);
    expect(r.net.layers.map((l) => l.outputs)).toEqual([8, 6, 3]);
    expect(r.net.output).toBe('softmax');
  });

  it('descends a gradient that agrees with central differences of the mean loss', () => {
    const net = appendOutputLayer(pre.recognition, 3, { rng: createRng('out'), sd: 0.5 });
    const x = Float64Array.from(train.data.values.subarray(0, 20 * 12));
    const y = train.labels.subarray(0, 20);
    const grads = zeroSigmoidNetGradient(net);
    lossAndGradient(grads, net, x, y, 20);
    const rng = createRng('fd');
    for (let t = 0; t < 30; t++) {
      const k = rng.nextInt(net.layers.length);
      const l = net.layers[k]!;
      const useBias = rng.next() < 0.3;
      const arr = useBias ? l.bias : l.weights;
      const i = rng.nextInt(arr.length);
      const theta = arr[i]!;
      const h = 1e-5 * Math.max(1, Math.abs(theta));
      arr[i] = theta + h;
      const up = meanLoss(net, x, y, 20);
      arr[i] = theta - h;
      const down = meanLoss(net, x, y, 20);
      arr[i] = theta;
      const numeric = (up - down) / (2 * h);
      const analytic = (useBias ? grads.layers[k]!.bias : grads.layers[k]!.weights)[i]!;
      expect(Math.abs(analytic - numeric)).toBeLessThanOrEqual(1e-7 + 1e-6 * Math.abs(numeric));
    }
  });

  it('stops early on validation accuracy and restores the best epoch', () => {
    // A validation set with 12 of its 60 labels wrong: accuracy stays below 1 and its loss rises as the net grows confident.
    const noisy = { data: valid.data, labels: valid.labels.map((y, r) => (r % 5 === 0 ? (y + 1) % 3 : y)) };
    const r = fineTuneDbn(pre.plan, train.data, train.labels, { epochs: 200, batchSize: 10, learningRate: 0.1, seed: 3, validation: noisy, patience: 5 });
    expect(r.stoppedEarly).toBe(true);
    expect(r.bestEpoch).not.toBeNull();
    const best = Math.max(...r.history.map((e) => e.validationAccuracy!));
    const bestEpoch = r.history[r.bestEpoch!]!;
    expect(bestEpoch.validationAccuracy).toBe(best);
    const ties = r.history.filter((e) => e.validationAccuracy === best);
    expect(Math.min(...ties.map((e) => e.validationLoss!))).toBe(bestEpoch.validationLoss); // ties broken by validation loss
    expect(r.history.length).toBe(r.bestEpoch! + 6); // patience 5 after the last improvement
    expect(classificationAccuracy(r.net, noisy.data.values, noisy.labels)).toBe(best);
  });

  it('is deterministic and leaves the pre-trained DBN unchanged', () => {
    const before = Array.from(pre.recognition.layers[0]!.weights);
    const opts = { epochs: 3, batchSize: 7, learningRate: 0.1, seed: 'same' } as const;
    const a = fineTuneDbn(pre, train.data, train.labels, opts).net;
    const b = fineTuneDbn(pre, train.data, train.labels, opts).net;
    expect(a.layers.map((l) => Array.from(l.weights))).toEqual(b.layers.map((l) => Array.from(l.weights)));
    expect(Array.from(pre.recognition.layers[0]!.weights)).toEqual(before);
  });
});

describe('classify', () => {
  it('takes the arg-max class (ties to the lower class) and thresholds a single logistic output at 1/2', () => {
    const soft = createSigmoidNet([{ inputs: 2, outputs: 3, weights: Float64Array.of(1, 0, 0, 0, 1, 0), bias: new Float64Array(3) }], 'softmax');
    expect(Array.from(classify(soft, Float64Array.of(1, 0, 0, 1, 0, 0)))).toEqual([0, 1, 0]);
    const one = createSigmoidNet([{ inputs: 1, outputs: 1, weights: Float64Array.of(4), bias: Float64Array.of(-2) }], 'logistic');
    expect(Array.from(classify(one, Uint8Array.of(0, 1)))).toEqual([0, 1]);
    expect(classificationAccuracy(one, Uint8Array.of(0, 1), [0, 0])).toBe(0.5);
  });
});
