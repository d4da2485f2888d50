/**
 * An RBM trained on the 8×8 digits shipped with @stochnet/data, with
 * pictures of its filters and samples and a learning curve written to a
 * folder.
 */
import { join } from 'node:path';
import { rbm, visibleBiasFromData } from '@stochnet/graph';
import type { Seed } from '@stochnet/graph';
import { compile, exactLogLikelihood } from '@stochnet/model';
import { dbnSample, train } from '@stochnet/inference';
import type { MomentumSchedule, TrainingData } from '@stochnet/inference';
import { curveSvg, digitsSplit, filtersGrid, imageGrid, selectRows } from '@stochnet/data';
import { writePng, writeSvg } from '@stochnet/data/node';

/** Sizes, hyperparameters and seed of a run. */
export interface RbmDigitsOptions {
  /** Hidden units (at most 20 keeps the exact log-likelihood cheap). */
  readonly hidden: number;
  /** Training rows used (at most the 1500 of the split). */
  readonly rows: number;
  /** Epochs of training. */
  readonly epochs: number;
  /** Rows per batch. */
  readonly batchSize: number;
  /** The learning rate. */
  readonly learningRate: number;
  /** The rule: contrastive divergence, persistent CD or parallel tempering. */
  readonly method: 'cd' | 'pcd' | 'pt';
  /** PCD and PT: persistent chains (default: the batch size). */
  readonly chains?: number | undefined;
  /** PT: replicas per chain (default 10). */
  readonly replicas?: number | undefined;
  /** Print the exact test log-likelihood every this many epochs (0: only at the end). */
  readonly every: number;
  /** Gibbs steps per update. */
  readonly k: number;
  /** Momentum of the updates, in [0, 1), or a schedule from `initial` to `final` at epoch `switchEpoch`. */
  readonly momentum: number | MomentumSchedule;
  /** Samples drawn for the picture. */
  readonly samples: number;
  /** Gibbs sweeps before each sample is taken. */
  readonly gibbsSteps: number;
  /** The folder the pictures are written to. */
  readonly out: string;
  /** The seed of every random draw. */
  readonly seed: Seed;
}

/** The settings of a full run (the folder is filled in by the caller). */
export const FULL: Omit<RbmDigitsOptions, 'out'> = {
  hidden: 20,
  rows: 1500,
  epochs: 30,
  batchSize: 20,
  learningRate: 0.05,
  method: 'cd',
  k: 1,
  momentum: 0,
  every: 10,
  samples: 100,
  gibbsSteps: 1000,
  seed: 'rbm-digits',
};
/** The settings of a quick run. */
export const QUICK: Omit<RbmDigitsOptions, 'out'> = { ...FULL, hidden: 12, rows: 500, epochs: 5, batchSize: 5, learningRate: 0.1, every: 0, samples: 36, gibbsSteps: 200 };

/** What a run produced. */
export interface RbmDigitsResult {
  /** Exact mean test log-likelihood (nats per digit) before training. */
  readonly initialTestLogLikelihood: number;
  /** The same after training. */
  readonly testLogLikelihood: number;
  /** Reconstruction error (mean squared, per pixel) on the training rows after each epoch. */
  readonly reconstruction: readonly number[];
  /** The files written. */
  readonly files: readonly string[];
}

/**
 * Runs the example.
 *
 * @param opts - sizes, hyperparameters, output folder and seed
 * @param print - receives each output line
 * @returns the figures printed and the files written
 */
export async function runRbmDigits(opts: RbmDigitsOptions, print: (line: string) => void): Promise<RbmDigitsResult> {
  const split = digitsSplit(opts.seed, { binarize: true });
  const rows = Math.min(opts.rows, split.train.rows);
  const picked = selectRows(split.train, Uint32Array.from({ length: rows }, (_, i) => i));
  const data: TrainingData = { values: picked.images, rows, cols: 64 };
  const test = split.test;

  // Visible biases start at the log-odds of each pixel's mean, weights at N(0, 0.01²).
  const net = rbm(64, opts.hidden, { seed: opts.seed, shape: [8, 8], visibleBias: visibleBiasFromData(data.values, rows, 64) });
  const plan = compile(net, { dtype: 'float64' });
  const initialTestLogLikelihood = exactLogLikelihood(plan, test.images, test.rows);
  const extra = `${opts.chains === undefined ? '' : `, ${opts.chains} chains`}${opts.replicas === undefined ? '' : `, ${opts.replicas} replicas`}`;
  print(`RBM 64 × ${opts.hidden}, ${opts.method.toUpperCase()}-${opts.k}${extra}, ${rows} training digits, ${opts.epochs} epochs of batches of ${opts.batchSize}, learning rate ${opts.learningRate}, momentum ${typeof opts.momentum === 'number' ? opts.momentum : `${opts.momentum.initial} → ${opts.momentum.final} at epoch ${opts.momentum.switchEpoch}`}`);

  const result = train(plan, data, {
    method: opts.method,
    k: opts.k,
    epochs: opts.epochs,
    batchSize: opts.batchSize,
    learningRate: opts.learningRate,
    momentum: opts.momentum,
    ...(opts.chains === undefined ? {} : { chains: opts.chains }),
    ...(opts.replicas === undefined ? {} : { replicas: opts.replicas }),
    seed: opts.seed,
    onEpoch: ({ epoch, record, plan: current }) => {
      if (opts.every > 0 && (epoch + 1) % opts.every === 0 && epoch + 1 < opts.epochs) {
        const ll = exactLogLikelihood(current, test.images, test.rows);
        print(`  epoch ${epoch + 1}: reconstruction error ${record.train['reconstruction']!.toFixed(4)}, exact test log-likelihood ${ll.toFixed(2)}`);
      }
    },
  });
  const testLogLikelihood = exactLogLikelihood(result.plan, test.images, test.rows);
  const last = result.history[result.history.length - 1]!;
  print(`  epoch ${result.history.length}: reconstruction error ${last.train['reconstruction']!.toFixed(4)}`);
  print(`exact test log-likelihood: ${initialTestLogLikelihood.toFixed(2)} → ${testLogLikelihood.toFixed(2)} nats per digit`);

  // Pictures: one tile of 8×8 weights per hidden unit; samples after long Gibbs runs; the learning curve.
  const { visible } = dbnSample(result.plan, { samples: opts.samples, gibbsSteps: opts.gibbsSteps, seed: opts.seed });
  const reconstruction = result.history.map((h) => h.train['reconstruction']!);
  const files = [join(opts.out, 'filters.png'), join(opts.out, 'samples.png'), join(opts.out, 'training.svg')];
  await writePng(files[0]!, filtersGrid(result.plan, { cols: Math.ceil(Math.sqrt(opts.hidden)), scale: 6 }));
  await writePng(files[1]!, imageGrid(visible, { tileShape: [8, 8], count: opts.samples, scale: 6 }));
  await writeSvg(files[2]!, curveSvg([{ name: 'reconstruction error', values: reconstruction }], { title: 'RBM on digits', xLabel: 'epoch', yLabel: 'mean squared error per pixel' }));
  for (const f of files) print(`wrote ${f}`);
  return { initialTestLogLikelihood, testLogLikelihood, reconstruction, files };
}
