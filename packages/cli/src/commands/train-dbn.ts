/**
 * Training a deep belief net greedily, one RBM a layer, and optionally
 * fine-tuning it as a classifier on the data's labels.
 *
 * @module
 */
import { dbn, normal } from '@stochnet/graph';
import { fineTuneDbn, trainDbn } from '@stochnet/inference';
import type { TrainingData } from '@stochnet/inference';
import type { Backend } from '@stochnet/model';
import { UsageError } from '../errors.js';
import type { ProgressLine } from '../progress.js';
import type { TrainConfig } from './train-config.js';
import { epochAxis } from './outcome.js';
import type { Chart, TrainOutcome } from './outcome.js';

/** Labelled rows for fine-tuning. */
export interface Labelled {
  readonly data: TrainingData;
  readonly labels: Uint8Array | null;
}

/** The learning rate of fine-tuning by backpropagation. */
export const FINE_TUNE_RATE = 0.1;

/** @internal Checks, before any work, that fine-tuning has labels. */
export function checkFineTune(cfg: TrainConfig, train: Labelled): void {
  if (cfg.fineTune > 0 && train.labels === null) {
    throw new UsageError('--fine-tune needs labelled data: the digits, --idx IMAGES,LABELS or --csv with --label-column', { option: '--fine-tune' });
  }
}

/** @internal Trains a DBN [cols, ...hidden]; with fineTune > 0 also a classifier. */
export function runDbnTraining(cfg: TrainConfig, backend: Backend, train: Labelled, test: Labelled | null, shape: readonly [number, number], progress: ProgressLine): TrainOutcome {
  checkFineTune(cfg, train);
  const sizes = [train.data.cols, ...cfg.hidden];
  const layers = cfg.hidden.length;
  const stages = layers + (cfg.fineTune > 0 ? 1 : 0);
  progress.update(0, `layer 1/${layers}`);
  const result = trainDbn(dbn(sizes, { seed: cfg.seed, shape, init: normal(0, cfg.initSd) }), train.data, {
    backend,
    method: 'cd',
    k: 1,
    epochs: cfg.epochs,
    batchSize: cfg.batchSize,
    learningRate: cfg.learningRate,
    seed: cfg.seed,
    weightDecay: cfg.weightDecay,
    ...(cfg.lrDecay === 1 ? {} : { schedule: { type: 'exponential' as const, decay: cfg.lrDecay } }),
    ...(cfg.momentum === undefined ? {} : { momentum: cfg.momentum }),
    onLayer: (k, r) => {
      const recon = r.history.at(-1)?.train['reconstruction'];
      const text = `layer ${k + 1}/${layers} trained  recon ${recon?.toFixed(4) ?? '?'}`;
      progress.update((k + 1) / stages, text);
      progress.note((k + 1) / stages, text);
    },
  });
  const series = result.layers.map((l, k) => ({
    name: `RBM ${k + 1} (${sizes[k]}–${sizes[k + 1]})`,
    x: epochAxis(l.history.length),
    values: l.history.map((r) => r.train['reconstruction'] ?? Number.NaN),
  }));
  const curve: Chart = { series, title: `dbn ${sizes.join('-')}, greedy CD-1 per layer`, yLabel: 'reconstruction error (mean squared)' };
  if (cfg.fineTune === 0) {
    return { network: result.network(), plan: result.plan, curve, fineTuneCurve: null, recognition: null, classifier: null, lines: [] };
  }
  const labels = train.labels!;
  const testSet = test !== null && test.labels !== null ? { test: { data: test.data, labels: test.labels } } : {};
  const tuned = fineTuneDbn(result, train.data, labels, {
    epochs: cfg.fineTune,
    batchSize: cfg.batchSize,
    learningRate: FINE_TUNE_RATE,
    seed: cfg.seed,
    classes: Math.max(2, labels.reduce((a, b) => Math.max(a, b), 0) + 1),
    ...testSet,
    onEpoch: (r) => {
      const text = `fine-tune epoch ${r.epoch + 1}/${cfg.fineTune}  loss ${r.loss.toFixed(4)}  accuracy ${r.trainAccuracy.toFixed(3)}`;
      progress.update((layers + (r.epoch + 1) / cfg.fineTune) / stages, text);
      progress.note((layers + (r.epoch + 1) / cfg.fineTune) / stages, text);
    },
  });
  const x = epochAxis(tuned.history.length);
  const fineTuneCurve: Chart = {
    series: [
      { name: 'training accuracy', x, values: tuned.history.map((r) => r.trainAccuracy) },
      { name: 'training loss (nats)', x, values: tuned.history.map((r) => r.loss) },
    ],
    title: 'fine-tuning the DBN as a classifier',
    yLabel: 'accuracy / cross-entropy',
  };
  const lines = [`training accuracy after fine-tuning: ${(tuned.history.at(-1)?.trainAccuracy ?? Number.NaN).toFixed(4)}`];
  if (tuned.testAccuracy !== null) lines.push(`held-out accuracy: ${tuned.testAccuracy.toFixed(4)} (${test?.data.rows ?? 0} examples)`);
  return { network: result.network(), plan: result.plan, curve, fineTuneCurve, recognition: null, classifier: tuned.net, lines };
}
