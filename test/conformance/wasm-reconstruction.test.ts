/**
 * The reconstruction error (the training loop's per-epoch metric) on the
 * wasm backend: for a dense RBM it runs in the plan's dtype on the backend,
 * with the selected-row kernels when the rows are 0/1, and must agree with
 * the js backend's (float64: to 1e-12; float32: to 1e-6) for both storage
 * orientations, 0/1 and fractional rows, and both losses.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { createRng, network, normal, rbm } from '@stochnet/graph';
import { compile, jsBackend } from '@stochnet/model';
import type { Backend, Dtype } from '@stochnet/model';
import { reconstructionError, train } from '@stochnet/inference';
import { createWasmBackend } from '@stochnet/wasm';

let wasm!: Backend;
beforeAll(async () => {
  wasm = await createWasmBackend({ random: 'stream' }); // training's uniforms as the js backend draws them
});

function rows(n: number, cols: number, binary: boolean): Float64Array {
  const r = createRng(`wasm-recon/${binary}`);
  return Float64Array.from({ length: n * cols }, () => (binary ? (r.next() < 0.3 ? 1 : 0) : r.next()));
}

const hiddenFirst = network({ seed: 5 }).layer('a', 23).layer('z', 37, { role: 'visible' }).connect('a', 'z', { undirected: true, init: normal(0, 0.5) }).build();

describe('reconstruction error on the wasm backend', () => {
  for (const dtype of ['float64', 'float32'] as Dtype[]) {
    const tol = dtype === 'float64' ? 1e-12 : 1e-6;
    it(`${dtype}: equals the js backend's for both orientations and both losses (300 rows: two tiles)`, () => {
      for (const net of [rbm(37, 23, { seed: 'recon', init: normal(0, 0.5) }), hiddenFirst]) {
        const v = rows(300, 37, true);
        for (const loss of ['squared', 'cross-entropy'] as const) {
          const a = reconstructionError(compile(net, { dtype, backend: wasm }), v, 300, { loss });
          const b = reconstructionError(compile(net, { dtype, backend: jsBackend }), v, 300, { loss });
          expect(Math.abs(a - b), `${loss}`).toBeLessThan(tol);
        }
      }
    });
  }

  it('fractional rows in training (allowProbabilities) take the dense product and agree too', () => {
    const v = rows(40, 37, false);
    const opts = { method: 'cd', epochs: 2, batchSize: 10, learningRate: 0.1, seed: 'recon', allowProbabilities: true } as const;
    const viaWasm = train(compile(rbm(37, 23, { seed: 2 }), { dtype: 'float64', backend: wasm }), { values: v, rows: 40, cols: 37 }, opts);
    const viaJs = train(compile(rbm(37, 23, { seed: 2 }), { dtype: 'float64', backend: jsBackend }), { values: v, rows: 40, cols: 37 }, opts);
    expect(Math.abs(viaWasm.history[1]!.train['reconstruction']! - viaJs.history[1]!.train['reconstruction']!)).toBeLessThan(1e-9);
  });
});
