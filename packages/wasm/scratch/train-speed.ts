import { createRng, rbm } from '@stochnet/graph';
import { compile, jsBackend } from '@stochnet/model';
import type { Backend } from '@stochnet/model';
import { train } from '@stochnet/inference';
import { loadDigits } from '@stochnet/data';
import { createWasmBackend } from '@stochnet/wasm';

const wasm = await createWasmBackend();
function synth(rows: number, cols: number, density: number): Uint8Array {
  const r = createRng('synth');
  const v = new Uint8Array(rows * cols);
  for (let i = 0; i < v.length; i++) v[i] = r.next() < density ? 1 : 0;
  return v;
}
function time(backend: Backend, values: Uint8Array, rows: number, cols: number, nh: number, batch: number, epochs: number) {
  const plan = compile(rbm(cols, nh, { seed: 1 }), { backend });
  const t0 = performance.now();
  const res = train(plan, { values, rows, cols }, { method: 'cd', k: 1, epochs, batchSize: batch, learningRate: 0.05, momentum: 0, seed: 3 });
  const s = (performance.now() - t0) / 1000;
  return { rate: (rows * epochs) / s, rec: res.history.at(-1)!.train['reconstruction'] };
}
const d = loadDigits({ binarize: true });
for (const b of [jsBackend, wasm]) console.log('W2', b.name, time(b, d.images, d.rows, d.cols, 100, 10, 10));
const w1 = synth(4000, 784, 0.3);
for (const b of [jsBackend, wasm]) console.log('W1 synth 4000', b.name, time(b, w1, 4000, 784, 500, 100, 1));
