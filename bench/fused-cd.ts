/**
 * CD-1 through `train()` with `evaluate: false` (the peers do not evaluate
 * per epoch), float32, the shared recipe (lr 0.05, momentum 0, W ~ N(0, 0.01),
 * b = c = 0): W2 (UCI digits 1797×64 → 100, batch 10, 10 epochs) and W1
 * (784 → 500, batch 100, one epoch on Fashion-MNIST's first 20,000 images
 * or the synthetic stand-in of bench/speed-cases.ts), samples per second on
 * the js backend, on the wasm kernels through the learner and optimiser
 * (no session), and on the fused wasm session ('counter' and 'stream'
 * uniforms); also PCD-5 with 100 chains on the digits (the demo's
 * settings) on the same paths. Back-to-back medians of 3 runs in one
 * process.
 *
 * Run alone: `node --import tsx bench/fused-cd.ts`.
 */
import { pathToFileURL } from 'node:url';
import { rbm } from '@stochnet/graph';
import { compile, jsBackend } from '@stochnet/model';
import type { Backend } from '@stochnet/model';
import { train } from '@stochnet/inference';
import { createWasmBackend } from '@stochnet/wasm';
import { head, median, seconds, trainCd1, w1Data, w2Data } from './speed-cases.js';
import type { BinaryData } from './speed-cases.js';

/** Samples per second of one CD-1 run of the shared recipe with evaluate: false. */
function rate(backend: Backend, data: BinaryData, hidden: number, batchSize: number, epochs: number): number {
  return trainCd1(backend, data, hidden, batchSize, epochs).samplesPerSecond;
}

/** Samples per second of PCD-5 with 100 chains on the digits (the demo's settings: 64 → 20, batch 20, lr 0.05, momentum 0.5), 10 epochs. */
function pcdRate(backend: Backend, data: BinaryData): number {
  const plan = compile(rbm(data.cols, 20, { seed: 'bench/pcd' }), { dtype: 'float32', backend });
  const opts = { method: 'pcd', k: 5, chains: 100, epochs: 10, batchSize: 20, learningRate: 0.05, momentum: 0.5, seed: 'bench/pcd', evaluate: false } as const;
  const t = seconds(() => train(plan, { values: data.values, rows: data.rows, cols: data.cols }, opts));
  return (data.rows * 10) / t;
}

/** Prints W2, PCD-5 on the digits, and W1 figures for each path. */
export async function run(): Promise<void> {
  const counter = await createWasmBackend({ random: 'counter' });
  const stream = await createWasmBackend({ random: 'stream' });
  // The wasm kernels without the session capability: train() takes the learner + optimiser path.
  const kernels: Backend = { ...counter, rbmSession: undefined } as unknown as Backend;
  const paths: [string, Backend, number][] = [
    ['js backend (learner + optimiser)', jsBackend, 0.1],
    ['wasm kernels (learner + optimiser)', kernels, 1],
    ['wasm fused session, counter', counter, 1],
    ['wasm fused session, stream', stream, 1],
  ];
  const w2 = w2Data();
  console.log(`W2  CD-1 64 → 100, batch 10, 10 epochs, float32, evaluate: false — ${w2.label}`);
  for (const [label, backend] of paths) {
    rate(backend, w2, 100, 10, 1);
    const r = median([0, 1, 2].map(() => rate(backend, w2, 100, 10, 10)));
    console.log(`   ${label.padEnd(40)} ${Math.round(r).toLocaleString('en-US').padStart(10)} samples/s`);
  }
  console.log(`PCD-5, 100 chains, 64 → 20, batch 20, 10 epochs, float32, evaluate: false (the demo's settings) — ${w2.label}`);
  for (const [label, backend] of paths) {
    pcdRate(backend, head(w2, 200));
    const r = median([0, 1, 2].map(() => pcdRate(backend, w2)));
    console.log(`   ${label.padEnd(40)} ${Math.round(r).toLocaleString('en-US').padStart(10)} samples/s`);
  }
  const { train: w1 } = await w1Data();
  console.log(`W1  CD-1 784 → 500, batch 100, 1 epoch, float32, evaluate: false — ${w1.label}`);
  for (const [label, backend, share] of paths) {
    const d = head(w1, Math.round(w1.rows * (share === 1 ? 0.25 : 0.02)));
    rate(backend, head(d, 200), 500, 100, 1);
    const r = median([0, 1, 2].map(() => rate(backend, d, 500, 100, 1)));
    console.log(`   ${label.padEnd(40)} ${Math.round(r).toLocaleString('en-US').padStart(10)} samples/s  (${d.rows} rows)`);
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) await run();
