/**
 * The demo's second part: an RBM learns the handwritten digits shipped with
 * @stochnet/data, and leaves its filters, samples, reconstructions,
 * learning curve and model in a folder. Written against the public entry
 * points only, so it reads as a program to copy.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { normal, rbm, toJSON, visibleBiasFromData } from '@stochnet/graph';
import type { Seed } from '@stochnet/graph';
import { compile, exactLogLikelihood, hiddenGivenVisible, visibleGivenHidden } from '@stochnet/model';
import { initGibbs, runGibbs, train } from '@stochnet/inference';
import { curvePng, curveSvg, digitsSplit, filtersGrid, imageGrid } from '@stochnet/data';
import { writePng, writeSvg } from '@stochnet/data/node';
import { ProgressLine } from '@stochnet/cli';
import { fastestBackend } from '@stochnet/wasm';
import type { CliStream } from '@stochnet/cli';

/** Sizes, hyperparameters and pictures of a run. */
export interface DigitsDemoOptions {
  /** Hidden units; at most 20 keeps the exact log-likelihood to a few seconds. */
  readonly hidden: number;
  /** Epochs of PCD. */
  readonly epochs: number;
  /** Gibbs steps of the persistent chains per update. */
  readonly k: number;
  /** Persistent chains. */
  readonly chains: number;
  /** Examples per update. */
  readonly batchSize: number;
  /** The first epoch's learning rate. */
  readonly learningRate: number;
  /** The learning rate shrinks by this factor every epoch. */
  readonly decay: number;
  /** L2 weight decay. */
  readonly weightDecay: number;
  /** Samples in samples.png. */
  readonly samples: number;
  /** Gibbs sweeps from a random start behind each sample. */
  readonly sweeps: number;
  /** The seed of every random draw. */
  readonly seed: Seed;
}

/** The settings of `pnpm demo`: about half a minute on two cores. */
export const DIGITS_DEMO: DigitsDemoOptions = {
  hidden: 20,
  epochs: 60,
  k: 5,
  chains: 100,
  batchSize: 20,
  learningRate: 0.05,
  decay: 0.95,
  weightDecay: 0.0005,
  samples: 40,
  sweeps: 1000,
  seed: 1,
};

/** What a run produced. */
export interface DigitsDemoResult {
  /** Exact mean log p(v) of the 297 held-out digits, in nats. */
  readonly testLogLikelihood: number;
  /** The same for a model of independent pixels fitted to the training digits. */
  readonly baselineLogLikelihood: number;
  /** Reconstruction error per epoch on the held-out digits. */
  readonly curve: readonly number[];
  /** The files written, by name. */
  readonly files: readonly string[];
}

const TILES = { scale: 8, padding: 4 } as const;

/** Mean log p(v) under independent pixels with the training digits' (smoothed) frequencies. */
function independentPixels(train: Uint8Array, rows: number, test: Uint8Array, testRows: number, cols: number): number {
  let total = 0;
  for (let i = 0; i < cols; i++) {
    let on = 0;
    for (let r = 0; r < rows; r++) on += train[r * cols + i]!;
    const p = (on + 1) / (rows + 2);
    for (let r = 0; r < testRows; r++) total += Math.log(test[r * cols + i] === 1 ? p : 1 - p);
  }
  return total / testRows;
}

/**
 * Trains an RBM on the digits by persistent contrastive divergence and
 * writes the pictures and the model into `out`.
 *
 * @param options - sizes and hyperparameters (see DIGITS_DEMO)
 * @param out - the folder to fill
 * @param stdout - where the progress bar and lines go
 * @returns the held-out log-likelihood and the files written
 */
export async function digitsDemo(options: DigitsDemoOptions, out: string, stdout: CliStream): Promise<DigitsDemoResult> {
  const o = options;
  const print = (line: string): void => stdout.write(`${line}\n`);
  const { train: digits, test } = digitsSplit(1, { binarize: true }); // 1500 / 297, pixel > 7
  const data = { values: digits.images, rows: digits.rows, cols: digits.cols };
  const heldOut = { values: test.images, rows: test.rows, cols: test.cols };

  // An RBM of 64 visible units (an 8×8 picture) and o.hidden hidden units.
  const net = rbm(64, o.hidden, { seed: o.seed, shape: [8, 8], init: normal(0, 0.1), visibleBias: visibleBiasFromData(digits.images, digits.rows, 64) });
  // The fastest kernels this runtime offers: WebAssembly SIMD, or the js backend where it cannot load.
  const { backend, description } = await fastestBackend();
  print(`an RBM of 64 visible and ${o.hidden} hidden units learns ${digits.rows} digits by PCD-${o.k} (${o.chains} persistent chains), ${o.epochs} epochs, on the ${description} kernels:`);
  const progress = new ProgressLine(stdout, 'train');
  let status = '';
  const result = train(compile(net, { backend }), data, {
    method: 'pcd',
    k: o.k,
    chains: o.chains,
    epochs: o.epochs,
    batchSize: o.batchSize,
    learningRate: o.learningRate,
    schedule: { type: 'exponential', decay: o.decay },
    weightDecay: o.weightDecay,
    seed: o.seed,
    validation: heldOut,
    onBatch: (e) => progress.update(e.progress, `epoch ${e.epoch + 1}/${o.epochs}${status}`),
    onEpoch: (e) => {
      status = `  held-out reconstruction error ${e.record.validation?.['reconstruction']?.toFixed(4)}`;
      progress.note(e.progress, `epoch ${e.epoch + 1}/${o.epochs}${status}`);
    },
  });
  progress.finish();
  const plan = result.plan;

  // The exact log-likelihood: log Z by enumerating all 2^hidden hidden states.
  const testLogLikelihood = exactLogLikelihood(compile(result.network(), { dtype: 'float64' }), test.images, test.rows);
  const baselineLogLikelihood = independentPixels(digits.images, digits.rows, test.images, test.rows, 64);

  // Samples: long Gibbs runs from random starts; show p(v | h) of the last hidden states.
  const chains = initGibbs(plan, { chains: o.samples, seed: `${String(o.seed)}/samples`, init: 'random' });
  runGibbs(chains, o.sweeps);
  const h = plan.blocks.find((b) => b.group === 'h')!;
  const hidden = new Float64Array(o.samples * o.hidden);
  for (let c = 0; c < o.samples; c++) hidden.set(chains.states.subarray(c * plan.size + h.offset, c * plan.size + h.offset + o.hidden), c * o.hidden);
  const samples = visibleGivenHidden(plan, hidden, o.samples);

  // Reconstructions of 20 held-out digits: v → p(h | v) → p(v | h), shown under the originals.
  const n = 20;
  const originals = test.images.subarray(0, n * 64);
  const recon = visibleGivenHidden(plan, hiddenGivenVisible(plan, originals, n), n, { values: 'unit-interval' });
  const pairs = new Float64Array(2 * n * 64);
  for (let k = 0; k < n; k++) {
    const row = Math.floor(k / 10) * 20 + (k % 10);
    pairs.set(originals.subarray(k * 64, (k + 1) * 64), row * 64);
    pairs.set(recon.subarray(k * 64, (k + 1) * 64), (row + 10) * 64);
  }

  await mkdir(out, { recursive: true });
  const grid = { tileShape: [8, 8] as const, cols: 10, normalise: { min: 0, max: 1 }, ...TILES };
  const curve = result.history.map((r) => r.validation?.['reconstruction'] ?? Number.NaN);
  const series = [
    { name: 'training digits', values: result.history.map((r) => r.train['reconstruction'] ?? Number.NaN), x: result.history.map((r) => r.epoch + 1) },
    { name: 'held-out digits', values: curve, x: result.history.map((r) => r.epoch + 1) },
  ];
  const chart = { title: `RBM 64-${o.hidden} on the digits, PCD-${o.k}`, xLabel: 'epoch', yLabel: 'reconstruction error (mean squared)' };
  await writePng(join(out, 'filters.png'), filtersGrid(plan, { cols: Math.min(10, o.hidden), ...TILES }));
  await writePng(join(out, 'samples.png'), imageGrid(samples, { ...grid, count: o.samples }));
  await writePng(join(out, 'reconstructions.png'), imageGrid(pairs, { ...grid, count: 2 * n }));
  await writePng(join(out, 'digits.png'), imageGrid(test, { ...grid, count: o.samples }));
  await writeSvg(join(out, 'curve.svg'), curveSvg(series, chart));
  await writeFile(join(out, 'curve.png'), curvePng(series, chart));
  await writeFile(join(out, 'model.json'), toJSON(result.network()));
  const files = ['filters.png', 'samples.png', 'reconstructions.png', 'digits.png', 'curve.svg', 'curve.png', 'model.json'];
  return { testLogLikelihood, baselineLogLikelihood, curve, files };
}
