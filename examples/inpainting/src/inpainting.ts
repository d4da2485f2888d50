/**
 * Inpainting with an RBM: train on the digits, clamp the top half of each
 * held-out digit, sample the bottom half, and score it pixel by pixel
 * against the truth.
 */
import { rbm, visibleBiasFromData } from '@stochnet/graph';
import type { Seed } from '@stochnet/graph';
import { compile, visibleGivenHidden } from '@stochnet/model';
import type { Plan } from '@stochnet/model';
import { createGibbsWorkspace, gibbsStep, initGibbs, runGibbs, train } from '@stochnet/inference';
import { digitsSplit } from '@stochnet/data';

/** Sizes and seed of a run. */
export interface InpaintingOptions {
  /** Hidden units of the RBM. */
  readonly hidden: number;
  /** Training rows (at most 1500). */
  readonly rows: number;
  /** Epochs of CD-1. */
  readonly epochs: number;
  /** Rows per batch. */
  readonly batchSize: number;
  /** The learning rate (no momentum). */
  readonly learningRate: number;
  /** Held-out digits to inpaint (at most 297). */
  readonly images: number;
  /** Gibbs sweeps discarded before averaging. */
  readonly burnIn: number;
  /** Gibbs sweeps averaged. */
  readonly sweeps: number;
  /** The seed of every random draw. */
  readonly seed: Seed;
}

/** The sizes of a full run. */
export const FULL: InpaintingOptions = { hidden: 50, rows: 1500, epochs: 30, batchSize: 20, learningRate: 0.05, images: 297, burnIn: 50, sweeps: 100, seed: 'inpaint' };
/** The sizes of a quick run. */
export const QUICK: InpaintingOptions = { hidden: 30, rows: 500, epochs: 10, batchSize: 5, learningRate: 0.1, images: 100, burnIn: 20, sweeps: 20, seed: 'inpaint' };

/** The scores of a run: fractions of bottom-half pixels predicted right. */
export interface InpaintingResult {
  /** Predicting every pixel by the training data's most common value for it. */
  readonly baseline: number;
  /** One sampled completion per image. */
  readonly oneSample: number;
  /** Thresholding the posterior mean p(v | h) averaged over the kept sweeps. */
  readonly posteriorMean: number;
}

const TOP = Array.from({ length: 32 }, (_, i) => i); // rows 0–3 of the 8×8 image

function blockOf(plan: Plan, group: string): { offset: number; size: number } {
  const b = plan.blocks.find((x) => x.group === group);
  if (b === undefined) throw new Error(`no group '${group}'`);
  return b;
}

/**
 * Runs the example.
 *
 * @param opts - sizes and seed
 * @param print - receives each output line
 * @returns the three accuracies printed
 */
export function runInpainting(opts: InpaintingOptions, print: (line: string) => void): InpaintingResult {
  const { train: trainSet, test } = digitsSplit(opts.seed, { binarize: true });
  const rows = Math.min(opts.rows, trainSet.rows);
  const values = trainSet.images.subarray(0, rows * 64);
  const net = rbm(64, opts.hidden, { seed: opts.seed, shape: [8, 8], visibleBias: visibleBiasFromData(values, rows, 64) });
  const trained = train(compile(net, { dtype: 'float64' }), { values, rows, cols: 64 }, {
    method: 'cd',
    k: 1,
    epochs: opts.epochs,
    batchSize: opts.batchSize,
    learningRate: opts.learningRate,
    momentum: 0,
    seed: opts.seed,
  }).plan;
  print(`RBM 64 × ${opts.hidden} trained by CD-1 for ${opts.epochs} epochs on ${rows} digits`);

  // Each chain holds one held-out digit with its top half clamped (one row of evidence per chain).
  const n = Math.min(opts.images, test.rows);
  const top = new Uint8Array(n * 32);
  for (let r = 0; r < n; r++) for (let i = 0; i < 32; i++) top[r * 32 + i] = test.images[r * 64 + i]!;
  const state = initGibbs(trained, { chains: n, seed: opts.seed, init: 'random', clamp: [{ group: 'v', units: TOP, values: top }] });
  runGibbs(state, opts.burnIn);

  // Average p(v | h) of the bottom half over the kept sweeps (each sweep's h is a posterior sample).
  const v = blockOf(trained, 'v');
  const h = blockOf(trained, 'h');
  const hidden = new Float64Array(n * h.size);
  const mean = new Float64Array(n * 64);
  const ws = createGibbsWorkspace(trained, n);
  for (let t = 0; t < opts.sweeps; t++) {
    gibbsStep(state, ws);
    for (let r = 0; r < n; r++) for (let j = 0; j < h.size; j++) hidden[r * h.size + j] = state.states[r * trained.size + h.offset + j]!;
    const p = visibleGivenHidden(trained, hidden, n);
    for (let k = 0; k < mean.length; k++) mean[k]! += p[k]! / opts.sweeps;
  }

  // Score the bottom half (pixels 32–63) against the truth.
  const colMean = new Float64Array(64);
  for (let r = 0; r < rows; r++) for (let i = 0; i < 64; i++) colMean[i]! += values[r * 64 + i]! / rows;
  let base = 0;
  let one = 0;
  let avg = 0;
  for (let r = 0; r < n; r++) {
    for (let i = 32; i < 64; i++) {
      const truth = test.images[r * 64 + i]!;
      base += Number((colMean[i]! > 0.5 ? 1 : 0) === truth);
      one += Number(state.states[r * trained.size + v.offset + i] === truth);
      avg += Number((mean[r * 64 + i]! > 0.5 ? 1 : 0) === truth);
    }
  }
  const scored = n * 32;
  const result = { baseline: base / scored, oneSample: one / scored, posteriorMean: avg / scored };
  print(`bottom-half pixel accuracy on ${n} held-out digits:`);
  print(`  most common value per pixel   ${result.baseline.toFixed(3)}`);
  print(`  one Gibbs sample              ${result.oneSample.toFixed(3)}`);
  print(`  posterior mean over ${opts.sweeps} sweeps ${result.posteriorMean.toFixed(3)}`);
  return result;
}
