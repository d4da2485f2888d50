/**
 * A test-suite-sized run of the quality benchmark (bench/quality.ts): a few
 * epochs on a subset of the binarised UCI digits (the first 300 training and
 * 100 test rows of digitsSplit(1)). Each model's exact test log-likelihood
 * must improve on its initial model by a margin, and a fine-tuned DBN must
 * classify above a floor.
 *
 * Margins are half the worst gain over development seeds 1..5 (nats per
 * test row), measured with exactly these settings:
 *   RBM 64×10, CD-1, 10 epochs:         19.55, 20.06, 20.86, 21.04, 21.99 → margin 9.7
 *   SBN 64←8, sbn-gibbs, 10 epochs:     22.65, 22.71, 22.84, 23.08, 23.13 → margin 11.3
 *   SBN 64←8, wake-sleep, 10 epochs:    20.04, 20.57, 20.74, 20.78, 20.96 → margin 10.0
 *   DBN 64-32-32 (10 epochs per layer) fine-tuned 20 epochs, test accuracy:
 *                                        0.79, 0.81, 0.84, 0.87, 0.80 → floor 0.70
 */
import { describe, expect, it } from 'vitest';
import { rbm, sbn } from '@stochnet/graph';
import { compile, exactLogLikelihood } from '@stochnet/model';
import { fineTuneDbn, train, trainDbn, trainSbn } from '@stochnet/inference';
import { digitsSplit, selectRows } from '@stochnet/data';

const SEED = 1;
const split = digitsSplit(1, { binarize: true });
const sub = selectRows(split.train, Array.from({ length: 300 }, (_, i) => i));
const held = selectRows(split.test, Array.from({ length: 100 }, (_, i) => i));
const data = { values: sub.images, rows: 300, cols: 64 };
const test = { values: held.images, rows: 100, cols: 64 };

describe('quality (small): digits subset', () => {
  it('RBM 64×10 trained by CD-1 improves its exact test log-likelihood', () => {
    const plan = compile(rbm(64, 10, { seed: SEED }), { dtype: 'float64' });
    const r = train(plan, data, { method: 'cd', epochs: 10, batchSize: 10, learningRate: 0.1, seed: SEED });
    expect(exactLogLikelihood(r.plan, test.values, 100) - exactLogLikelihood(plan, test.values, 100)).toBeGreaterThan(9.7);
  });

  it('SBN 64←8 trained by Gibbs learning and by wake-sleep improves its exact test log-likelihood', () => {
    const plan = compile(sbn([64, 8], { seed: SEED }), { dtype: 'float64' });
    const before = exactLogLikelihood(plan, test.values, 100);
    const gibbs = trainSbn(plan, data, { method: 'sbn-gibbs', epochs: 10, batchSize: 10, learningRate: 0.1, seed: SEED });
    const ws = trainSbn(plan, data, { method: 'wake-sleep', epochs: 10, batchSize: 10, learningRate: 0.1, seed: SEED });
    expect(exactLogLikelihood(gibbs.plan, test.values, 100) - before).toBeGreaterThan(11.3);
    expect(exactLogLikelihood(ws.plan, test.values, 100) - before).toBeGreaterThan(10.0);
  });

  it('DBN 64-32-32 pre-trained and fine-tuned classifies the test rows above the floor', () => {
    const pre = trainDbn([64, 32, 32], data, { epochs: 10, batchSize: 10, learningRate: 0.1, seed: SEED });
    const ft = fineTuneDbn(pre, data, sub.labels!, { epochs: 20, batchSize: 10, learningRate: 0.1, seed: SEED, test: { data: test, labels: held.labels! } });
    expect(ft.testAccuracy!).toBeGreaterThan(0.7);
  });
});
