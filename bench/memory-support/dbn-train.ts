/**
 * Child process of bench/memory.ts: trains a 784-500-500-2000 DBN for one
 * epoch per layer on synthetic binary rows and prints one JSON line with
 * its resident-set sizes (bytes), so the parent measures a fresh process.
 *
 * Argument: the number of training rows (default 2000).
 */
import { createRng } from '@stochnet/graph';
import { trainDbn } from '@stochnet/inference';
import { fastestBackend } from '@stochnet/wasm';

const rows = Number(process.argv[2] ?? '2000');
const sizes = [784, 500, 500, 2000] as const;
const batchSize = 100;

// The kernels the CLI and the demo pick: WebAssembly (two threads where available), else js.
const { backend, description } = await fastestBackend();
globalThis.gc?.();
const baseline = process.memoryUsage().rss;

const r = createRng('bench/memory/data');
const values = new Uint8Array(rows * sizes[0]);
for (let i = 0; i < values.length; i++) values[i] = r.next() < 0.314 ? 1 : 0;

const t0 = performance.now();
trainDbn([...sizes], { values, rows, cols: sizes[0] }, { epochs: 1, batchSize, learningRate: 0.05, momentum: 0, dtype: 'float32', backend, seed: 'bench/memory' });
const seconds = (performance.now() - t0) / 1000;

// Parameters: every weight and bias of the DBN's RBMs, float32.
let params = 0;
for (let k = 0; k + 1 < sizes.length; k++) params += sizes[k]! * sizes[k + 1]! + sizes[k]! + sizes[k + 1]!;
// The largest layer's per-batch buffers: the batch, p(h|v), h, p(v|h), p(h|p(v|h)) (float32).
let batch = 0;
for (let k = 0; k + 1 < sizes.length; k++) batch = Math.max(batch, batchSize * (2 * sizes[k]! + 3 * sizes[k + 1]!));
// Training data held for the upper layers: p(h | input) of every row, float64, for layers 1 and 2.
const data = rows * sizes[0] + rows * (sizes[1] + sizes[2]) * 8;
console.log(JSON.stringify({
  backend: description,
  rows,
  seconds,
  baselineRss: baseline,
  peakRss: process.resourceUsage().maxRSS * 1024,
  parameterBytes: params * 4,
  batchBytes: batch * 4,
  dataBytes: data,
}));
