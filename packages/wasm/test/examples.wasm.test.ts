import { expect, it } from 'vitest';
import { compile } from '@stochnet/model';
import { rbm } from '@stochnet/graph';
import { createWasmBackend, fastestBackend } from '@stochnet/wasm';

it('createWasmBackend example', async () => {
  const backend = await createWasmBackend();
  const c = new Float32Array(4);
  backend.gemm(c, Float32Array.of(1, 2, 3, 4), Float32Array.of(5, 6, 7, 8), { m: 2, n: 2, k: 2, transA: false, transB: false, alpha: 1, beta: 0 });
  expect([backend.name, Array.from(c)]).toEqual(['wasm', [19, 22, 43, 50]]);
  const plan = compile(rbm(6, 3, { seed: 1 }), { backend });
  expect(plan.backend.name).toBe('wasm');
  const threaded = await createWasmBackend({ threads: 2 });
  expect(threaded.threads).toBe(2);
  threaded.dispose();
});

it('fastestBackend example', async () => {
  const { backend, description } = await fastestBackend();
  const plan = compile(rbm(6, 3, { seed: 1 }), { backend });
  expect([plan.backend.name, description.startsWith(plan.backend.name)]).toEqual(['wasm', true]);
});

it('describeWasmBackend example', async () => {
  const { describeWasmBackend } = await import('@stochnet/wasm');
  expect(describeWasmBackend(await createWasmBackend())).toBe('wasm (WebAssembly SIMD, 1 thread)');
});
