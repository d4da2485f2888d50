/**
 * Quality benchmark, DBN part: a DBN 64-100-100 pre-trained greedily (CD-1
 * RBMs on hidden probabilities) and fine-tuned with backprop (softmax
 * output, momentum, weight decay, early stopping on validation accuracy),
 * scored by test accuracy.
 */
import { fineTuneDbn, trainDbn } from '@stochnet/inference';
import type { FineTuneResult, TrainDbnOptions } from '@stochnet/inference';
import { fmt, now, since } from './evaluate.js';
import type { Rows } from './evaluate.js';

const PRETRAIN: TrainDbnOptions = { method: 'cd', k: 1, epochs: 20, batchSize: 10, learningRate: 0.05, weightDecay: 1e-4, seed: 'quality/dbn', propagate: 'probabilities' };
const RATES = [0.05, 0.1] as const;
const FINE = { epochs: 60, batchSize: 10, momentum: 0.9, weightDecay: 1e-4, patience: 10, seed: 'quality/finetune' } as const;

/** Runs the DBN part and prints its lines; returns the test accuracy. */
export function dbnSection(fit: Rows, fitLabels: Uint8Array, validation: Rows, valLabels: Uint8Array, test: Rows, testLabels: Uint8Array): number {
  console.log('\nDBN 64-100-100, pre-trained and fine-tuned (test accuracy on the 297 test digits)');
  const t0 = now();
  const pre = trainDbn([64, 100, 100], fit, PRETRAIN);
  console.log(`  pre-training: CD-1 RBMs, lr ${PRETRAIN.learningRate}, ${PRETRAIN.epochs} epochs per layer, batch ${PRETRAIN.batchSize}, momentum 0.5→0.9, weight decay ${PRETRAIN.weightDecay}, next layer learns from hidden probabilities (${since(t0).toFixed(1)} s)`);
  let best: { lr: number; result: FineTuneResult; seconds: number } | null = null;
  for (const lr of RATES) {
    const t1 = now();
    const result = fineTuneDbn(pre, fit, fitLabels, { ...FINE, learningRate: lr, validation: { data: validation, labels: valLabels }, test: { data: test, labels: testLabels } });
    const seconds = since(t1);
    const valAcc = result.history[result.bestEpoch!]!.validationAccuracy!;
    console.log(`    fine-tune lr ${lr}: best validation accuracy ${fmt(valAcc, 4, 6)} at epoch ${result.bestEpoch} of ${result.history.length} (${seconds.toFixed(1)} s)`);
    if (best === null || valAcc > best.result.history[best.result.bestEpoch!]!.validationAccuracy!) best = { lr, result, seconds };
  }
  const b = best!;
  console.log(
    `  chosen: fine-tune lr ${b.lr}, momentum ${FINE.momentum}, weight decay ${FINE.weightDecay}, batch ${FINE.batchSize}, ≤ ${FINE.epochs} epochs, patience ${FINE.patience} (best validation epoch restored): test accuracy ${fmt(b.result.testAccuracy!, 4, 6)}`,
  );
  return b.result.testAccuracy!;
}
