/**
 * End to end on the wasm backend: CD-1 gradients of an RBM agree with the
 * js backend's on the same data and the same random stream (float64: to
 * 1e-10; float32: to the float32 tolerance, the hidden draws being equal
 * because Bernoulli compares the same uniforms exactly), and a short
 * training run on the embedded digits reaches the same reconstruction error.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { createRng, rbm } from '@stochnet/graph';
import { compile, jsBackend, zeroGradient } from '@stochnet/model';
import type { Backend, Dtype, Gradient } from '@stochnet/model';
import { createLearner, train } from '@stochnet/inference';
import { loadDigits } from '@stochnet/data';
import { createWasmBackend } from '@stochnet/wasm';
import type { WasmBackend } from '@stochnet/wasm';

let wasm!: Backend;
beforeAll(async () => {
  wasm = await createWasmBackend();
});

function data(rows: number, cols: number, density = 0.4): Uint8Array {
  const r = createRng('wasm-cd/data');
  const v = new Uint8Array(rows * cols);
  for (let i = 0; i < v.length; i++) v[i] = r.next() < density ? 1 : 0;
  return v;
}

/** The gradient of the third update; density below 0.4 takes the wasm backend's selected-row kernels. */
function cdGradient(backend: Backend, dtype: Dtype, k: number, density = 0.4, method: 'cd' | 'pcd' = 'cd'): Gradient {
  const plan = compile(rbm(37, 23, { seed: 'wasm-cd' }), { dtype, backend });
  const learner = createLearner(plan, method === 'cd' ? { method, k } : { method, k, seed: 'wasm-cd/chains' });
  const g = zeroGradient(plan);
  for (let t = 0; t < 3; t++) learner.gradient(g, data(20, 37, density), 20, createRng(`wasm-cd/update/${t}`));
  return g;
}

function maxDiff(a: Gradient, b: Gradient): number {
  let worst = 0;
  const pairs: [Float64Array, Float64Array][] = [[a.bias, b.bias], ...a.weights.map((w, i): [Float64Array, Float64Array] => [w, b.weights[i]!])];
  for (const [x, y] of pairs) for (let i = 0; i < x.length; i++) worst = Math.max(worst, Math.abs(x[i]! - y[i]!));
  return worst;
}

describe('wasm backend end to end: CD gradients and training', () => {
  it.each<[Dtype, number, number]>([
    ['float64', 1, 1e-10],
    ['float64', 3, 1e-10],
    ['float32', 1, 1e-5],
  ])('CD-k gradients (%s, k = %d) equal the js backend to %d', (dtype, k, tol) => {
    const js = cdGradient(jsBackend, dtype, k);
    const w = cdGradient(wasm, dtype, k);
    expect(maxDiff(w, js)).toBeLessThan(tol);
    expect(maxDiff(js, zeroGradient(compile(rbm(37, 23, { seed: 'wasm-cd' }))))).toBeGreaterThan(0.01);
  });

  it.each<[Dtype, number, 'cd' | 'pcd', number]>([
    ['float64', 0.15, 'cd', 1e-10],
    ['float32', 0.15, 'cd', 1e-5],
    ['float64', 0.7, 'cd', 1e-10],
    ['float32', 0.7, 'cd', 1e-5],
    ['float64', 0.15, 'pcd', 1e-10],
  ])('%s data of density %d (%s): selected-row and dense paths both equal js', (dtype, density, method, tol) => {
    expect(maxDiff(cdGradient(wasm, dtype, 1, density, method), cdGradient(jsBackend, dtype, 1, density, method))).toBeLessThan(tol);
  });

  it('the CD fast path takes the selected-row kernels for sparse binary batches only', () => {
    const calls = { select: 0, outer: 0 };
    const counting = Object.freeze({
      ...(wasm as WasmBackend),
      selectRowsSum: (...a: Parameters<WasmBackend['selectRowsSum']>) => void (calls.select++, (wasm as WasmBackend).selectRowsSum(...a)),
      selectedRowsOuter: (...a: Parameters<WasmBackend['selectedRowsOuter']>) => void (calls.outer++, (wasm as WasmBackend).selectedRowsOuter(...a)),
    });
    cdGradient(counting, 'float32', 1, 0.15);
    expect(calls).toEqual({ select: 3, outer: 3 });
    cdGradient(counting, 'float32', 1, 0.7);
    expect(calls).toEqual({ select: 3, outer: 3 });
  });

  it('a gradient from a different stream differs (negative control)', () => {
    const plan = compile(rbm(37, 23, { seed: 'wasm-cd' }), { dtype: 'float64', backend: wasm });
    const learner = createLearner(plan, { method: 'cd', k: 1 });
    const other = learner.gradient(zeroGradient(plan), data(20, 37), 20, createRng('wasm-cd/other'));
    const same = cdGradient(jsBackend, 'float64', 1);
    expect(maxDiff(other, same)).toBeGreaterThan(1e-3);
  });

  it('two epochs of CD-1 on the digits reach the js reconstruction error (float64 to 1e-9, float32 within 1%)', async () => {
    // train() runs CD on the backend's resident session; 'stream' uniforms are the js learner's draws.
    const wasm = await createWasmBackend({ random: 'stream' });
    const digits = loadDigits({ binarize: true });
    const d = { values: digits.images.subarray(0, 400 * digits.cols), rows: 400, cols: digits.cols };
    const opts = { method: 'cd', k: 1, epochs: 2, batchSize: 10, learningRate: 0.05, momentum: 0, seed: 5 } as const;
    for (const dtype of ['float64', 'float32'] as const) {
      const run = (backend: Backend): number =>
        train(compile(rbm(64, 50, { seed: 2 }), { dtype, backend }), d, opts).history.at(-1)!.train['reconstruction']!;
      const [js, w] = [run(jsBackend), run(wasm)];
      expect(Math.abs(w - js) / js).toBeLessThan(dtype === 'float64' ? 1e-9 : 0.01);
    }
  });
});
