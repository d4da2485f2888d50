/**
 * The measurements behind bench/speed.ts: the workloads of the speed issue
 * (W1 CD-1 on Fashion-MNIST or a synthetic stand-in, W2 CD-1 on the UCI
 * digits, W3 one GEMM, block-Gibbs sampling), each timed on one backend.
 * No `run` export: bench/run.ts runs speed.ts, which calls these.
 */
import { existsSync } from 'node:fs';
import { createRng, rbm, sbn } from '@stochnet/graph';
import { compile } from '@stochnet/model';
import type { Backend, FloatArray, GemmShape } from '@stochnet/model';
import { ancestralSampleInto, createGibbsWorkspace, gibbsStep, initGibbs, reconstructionError, train } from '@stochnet/inference';
import { loadDigits } from '@stochnet/data';
import { FASHION_MNIST_DIR, readMnist } from '@stochnet/data/node';

/** The median of a list of numbers. */
export function median(xs: readonly number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)]!;
}

/** Seconds one call of f takes. */
export function seconds(f: () => void): number {
  const t0 = process.hrtime.bigint();
  f();
  return Number(process.hrtime.bigint() - t0) / 1e9;
}

/** A binary data set for CD-1. */
export interface BinaryData {
  readonly values: Uint8Array;
  readonly rows: number;
  readonly cols: number;
  /** Where it came from, printed with every figure. */
  readonly label: string;
}

/** The first `rows` rows of a data set. */
export function head(d: BinaryData, rows: number): BinaryData {
  const r = Math.min(rows, d.rows);
  return { values: d.values.subarray(0, r * d.cols), rows: r, cols: d.cols, label: d.label };
}

function binarise(images: Uint8Array, rows: number, cols: number, threshold: number): Uint8Array {
  const out = new Uint8Array(rows * cols);
  for (let i = 0; i < out.length; i++) out[i] = images[i]! > threshold ? 1 : 0;
  return out;
}

/** Fashion-MNIST's binarised density (pixels > 127 over the first 20,000 training images: 0.3141), used by the synthetic stand-in. */
export const FASHION_DENSITY = 0.314;

/**
 * W1's data: the first 20,000 Fashion-MNIST training images and the 10,000
 * test images binarised at > 127 when the Debian package
 * dataset-fashion-mnist is installed; otherwise iid Bernoulli pixels of
 * the same shape and density (and no test set), labelled as synthetic.
 */
export async function w1Data(): Promise<{ train: BinaryData; test: BinaryData | null; real: boolean }> {
  if (existsSync(`${FASHION_MNIST_DIR}/train-images-idx3-ubyte.gz`) || existsSync(`${FASHION_MNIST_DIR}/train-images-idx3-ubyte`)) {
    const tr = await readMnist(FASHION_MNIST_DIR, 'train');
    const te = await readMnist(FASHION_MNIST_DIR, 't10k');
    const rows = 20_000;
    return {
      train: { values: binarise(tr.images, rows, tr.cols, 127), rows, cols: tr.cols, label: 'Fashion-MNIST train[0, 20000) > 127' },
      test: { values: binarise(te.images, te.rows, te.cols, 127), rows: te.rows, cols: te.cols, label: 'Fashion-MNIST t10k > 127' },
      real: true,
    };
  }
  const rows = 20_000, cols = 784;
  const r = createRng('bench/speed/w1-synthetic');
  const values = new Uint8Array(rows * cols);
  for (let i = 0; i < values.length; i++) values[i] = r.next() < FASHION_DENSITY ? 1 : 0;
  const label = `SYNTHETIC iid Bernoulli(${FASHION_DENSITY}) 20000×784 (Fashion-MNIST not installed)`;
  return { train: { values, rows, cols, label }, test: null, real: false };
}

/** W2's data: the 1797 UCI digits binarised at > 7. */
export function w2Data(): BinaryData {
  const d = loadDigits({ binarize: true });
  return { values: d.images, rows: d.rows, cols: d.cols, label: 'UCI digits 1797×64 > 7' };
}

/** One CD-1 run: samples per second and the final reconstruction errors. */
export interface TrainFigures {
  readonly samplesPerSecond: number;
  readonly seconds: number;
  readonly trainError: number;
  readonly testError: number | null;
}

/**
 * CD-1 with the shared peer recipe through `train()`: W ~ N(0, 0.01) (the rbm
 * preset's default), b = c = 0, learning rate 0.05, no momentum, float32,
 * `evaluate: false` (the peers do not evaluate during training). `train()`
 * shuffles each epoch (the recipe's batches are sequential; the shuffle
 * is in the time). The training and test reconstruction errors are
 * computed after the timed run.
 */
export function trainCd1(backend: Backend, data: BinaryData, hidden: number, batchSize: number, epochs: number, test: BinaryData | null = null): TrainFigures {
  const plan = compile(rbm(data.cols, hidden, { seed: 'bench/speed' }), { dtype: 'float32', backend });
  let result!: ReturnType<typeof train>;
  const t = seconds(() => {
    result = train(plan, { values: data.values, rows: data.rows, cols: data.cols }, {
      method: 'cd',
      k: 1,
      epochs,
      batchSize,
      learningRate: 0.05,
      momentum: 0,
      seed: 'bench/speed',
      evaluate: false,
    });
  });
  return {
    samplesPerSecond: (data.rows * epochs) / t,
    seconds: t,
    trainError: reconstructionError(result.plan, data.values, data.rows),
    testError: test === null ? null : reconstructionError(result.plan, test.values, test.rows),
  };
}

/** GFLOP/s of C = A·B (W3's 100×784 · 784×500) on a backend: best and median of `runs` timed calls after warm-up. */
export function gemmRate(backend: Backend, dtype: 'float32' | 'float64', runs: number): { median: number; best: number } {
  const [m, k, n] = [100, 784, 500];
  const make = (len: number): FloatArray => (dtype === 'float32' ? new Float32Array(len) : new Float64Array(len));
  const r = createRng('bench/speed/gemm');
  const a = make(m * k), b = make(k * n), c = make(m * n);
  for (let i = 0; i < a.length; i++) a[i] = r.next() - 0.5;
  for (let i = 0; i < b.length; i++) b[i] = r.next() - 0.5;
  const shape: GemmShape = { m, n, k, transA: false, transB: false, alpha: 1, beta: 0 };
  const reps = backend.name === 'js' ? 2 : 10;
  const once = (): number => seconds(() => {
    for (let i = 0; i < reps; i++) backend.gemm(c, a, b, shape);
  }) / reps;
  for (let w = 0; w < 3; w++) once();
  const times = Array.from({ length: runs }, once);
  const gflop = (2 * m * n * k) / 1e9;
  return { median: gflop / median(times), best: gflop / Math.min(...times) };
}

/** Block-Gibbs chain-sweeps per second on a 784-500 RBM (float32), 100 chains. */
export function gibbsRate(backend: Backend, runs: number): number {
  const plan = compile(rbm(784, 500, { seed: 1 }), { dtype: 'float32', backend });
  const chains = 100, sweeps = 5;
  const state = initGibbs(plan, { chains, seed: 'bench/speed/gibbs', init: 'random' });
  const ws = createGibbsWorkspace(plan, chains);
  const once = (): number => seconds(() => {
    for (let s = 0; s < sweeps; s++) gibbsStep(state, ws);
  });
  once();
  return (sweeps * chains) / median(Array.from({ length: runs }, once));
}

/** Ancestral samples per second on a 784-200-200 SBN (float32), 1,000 samples a call. */
export function ancestralRate(backend: Backend, runs: number): number {
  const plan = compile(sbn([784, 200, 200], { seed: 1 }), { dtype: 'float32', backend });
  const samples = 1000;
  const out = { states: new Float32Array(samples * plan.size) };
  let k = 0;
  const once = (): number => seconds(() => ancestralSampleInto(out, plan, { samples, seed: `bench/speed/ancestral/${k++}` }));
  once();
  return samples / median(Array.from({ length: runs }, once));
}
