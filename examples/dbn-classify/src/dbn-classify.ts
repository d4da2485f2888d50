/**
 * A deep belief net as a digit classifier: greedy layer-wise pretraining of
 * RBMs (Hinton, Osindero & Teh 2006), then fine-tuning of the up-pass with
 * a softmax layer by backpropagation, scored on held-out digits.
 */
import { dbn } from '@stochnet/graph';
import type { Seed } from '@stochnet/graph';
import { compile } from '@stochnet/model';
import { fineTuneDbn, trainDbn } from '@stochnet/inference';
import type { LabelledData } from '@stochnet/inference';
import { digitsSplit } from '@stochnet/data';

/** Sizes, hyperparameters and seed of a run. */
export interface DbnClassifyOptions {
  /** Hidden layer sizes, bottom-up (the visible layer of 64 pixels comes first). */
  readonly layers: readonly number[];
  /** Training rows (at most 1500; the last fifth of them is held out for validation). */
  readonly rows: number;
  /** Epochs of CD-1 per RBM. */
  readonly pretrainEpochs: number;
  /** Rows per batch in pretraining. */
  readonly pretrainBatch: number;
  /** Learning rate of pretraining (no momentum). */
  readonly pretrainRate: number;
  /** Epochs of fine-tuning (at most; validation accuracy stops it earlier). */
  readonly fineTuneEpochs: number;
  /** Also fine-tune the same architecture from its small random start, for comparison. */
  readonly compare: boolean;
  /** The seed of every random draw. */
  readonly seed: Seed;
}

/** The sizes of a full run. */
export const FULL: DbnClassifyOptions = {
  layers: [100, 100],
  rows: 1500,
  pretrainEpochs: 20,
  pretrainBatch: 10,
  pretrainRate: 0.1,
  fineTuneEpochs: 100,
  compare: true,
  seed: 'dbn-classify',
};
/** The sizes of a quick run. */
export const QUICK: DbnClassifyOptions = { ...FULL, layers: [50, 50], rows: 600, pretrainEpochs: 5, pretrainBatch: 5, fineTuneEpochs: 30, compare: false };

/** What a run found. */
export interface DbnClassifyResult {
  /** Test accuracy of the pretrained, fine-tuned classifier. */
  readonly testAccuracy: number;
  /** The epoch whose parameters were kept (best validation accuracy). */
  readonly bestEpoch: number | null;
  /** Test accuracy without pretraining, or null when not compared. */
  readonly randomStartAccuracy: number | null;
}

/**
 * Runs the example.
 *
 * @param opts - sizes, hyperparameters and seed
 * @param print - receives each output line
 * @returns the accuracies printed
 */
export function runDbnClassify(opts: DbnClassifyOptions, print: (line: string) => void): DbnClassifyResult {
  const { train, test } = digitsSplit(opts.seed, { binarize: true });
  const rows = Math.min(opts.rows, train.rows);
  const fit = Math.round(rows * 0.8);
  const part = (from: number, to: number): LabelledData => ({
    data: { values: train.images.subarray(from * 64, to * 64), rows: to - from, cols: 64 },
    labels: train.labels.subarray(from, to),
  });
  const training = part(0, fit);
  const validation = part(fit, rows);
  const testSet: LabelledData = { data: { values: test.images, rows: test.rows, cols: 64 }, labels: test.labels };
  const sizes = [64, ...opts.layers];
  print(`DBN ${sizes.join('-')}: ${training.data.rows} training, ${validation.data.rows} validation, ${test.rows} test digits`);

  // Greedy pretraining: one RBM per layer, each on the hidden probabilities of the one below.
  const pretrained = trainDbn(sizes, training.data, {
    method: 'cd',
    k: 1,
    epochs: opts.pretrainEpochs,
    batchSize: opts.pretrainBatch,
    learningRate: opts.pretrainRate,
    momentum: 0,
    seed: opts.seed,
    onLayer: (k, layer) => {
      const h = layer.history[layer.history.length - 1];
      print(`  RBM ${k + 1} (${layer.data.cols} → ${sizes[k + 1]}): reconstruction error ${h?.train['reconstruction']?.toFixed(4) ?? 'n/a'}`);
    },
  });

  // Fine-tuning: the up-pass plus a softmax layer, trained by backprop; the best validation epoch is kept.
  const tune = { epochs: opts.fineTuneEpochs, batchSize: 10, learningRate: 0.1, momentum: 0.9, seed: opts.seed, classes: 10, validation, patience: 10, test: testSet };
  const tuned = fineTuneDbn(pretrained, training.data, training.labels, tune);
  const last = tuned.history[tuned.history.length - 1]!;
  print(`fine-tuned ${tuned.history.length} epochs (best validation epoch ${String(tuned.bestEpoch)}), train accuracy ${last.trainAccuracy.toFixed(3)}`);
  print(`test accuracy with pretraining:    ${tuned.testAccuracy!.toFixed(3)}`);

  let randomStartAccuracy: number | null = null;
  if (opts.compare) {
    const start = compile(dbn(sizes, { seed: opts.seed }), { dtype: 'float64' });
    const plain = fineTuneDbn(start, training.data, training.labels, tune);
    const end = plain.history[plain.history.length - 1]!;
    randomStartAccuracy = plain.testAccuracy;
    print(`from small random weights: fine-tuned ${plain.history.length} epochs (best validation epoch ${String(plain.bestEpoch)}), train accuracy ${end.trainAccuracy.toFixed(3)}`);
    print(`test accuracy without pretraining: ${randomStartAccuracy!.toFixed(3)}`);
  }
  return { testAccuracy: tuned.testAccuracy!, bestEpoch: tuned.bestEpoch, randomStartAccuracy };
}
