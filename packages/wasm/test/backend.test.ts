import { describe, expect, it } from 'vitest';
import { ConfigError, createRng } from '@stochnet/graph';
import { jsBackend } from '@stochnet/model';
import type { FloatArray, GemmShape } from '@stochnet/model';
import { createWasmBackend } from '@stochnet/wasm';

function random(seed: string, n: number, f64: boolean): FloatArray {
  const r = createRng(seed);
  const out = f64 ? new Float64Array(n) : new Float32Array(n);
  for (let i = 0; i < n; i++) out[i] = r.nextDouble() * 2 - 1;
  return out;
}

function maxRelDiff(a: ArrayLike<number>, b: ArrayLike<number>): number {
  let worst = 0;
  for (let i = 0; i < a.length; i++) worst = Math.max(worst, Math.abs(a[i]! - b[i]!) / Math.max(1, Math.abs(b[i]!)));
  return worst;
}

describe('createWasmBackend', () => {
  it.each([
    ['threads: 0', { threads: 0 }],
    ['threads: 1.5', { threads: 1.5 }],
    ['threads: 65', { threads: 65 }],
    ["threads: 'two'", { threads: 'two' }],
    ['threads: NaN', { threads: Number.NaN }],
    ['an unknown key', { thread: 1 }],
    ["random: 'philox'", { random: 'philox' }],
    ['random: null', { random: null }],
    ['a number', 3],
  ])('rejects %s with a ConfigError', async (_label, options) => {
    await expect(createWasmBackend(options as never)).rejects.toBeInstanceOf(ConfigError);
  });

  it('accepts threads: 1 and no options', async () => {
    expect((await createWasmBackend({ threads: 1 })).name).toBe('wasm');
    expect((await createWasmBackend()).name).toBe('wasm');
  });

  it('runs mixed float32/float64 arguments in float64, like js', async () => {
    const wasm = await createWasmBackend();
    const [m, n, k] = [23, 37, 41];
    const shape: GemmShape = { m, n, k, transA: false, transB: true, alpha: 0.5, beta: 1 };
    const a = random('a', m * k, true), b = random('b', k * n, false);
    const c1 = random('c', m * n, false), c2 = c1.slice();
    jsBackend.gemm(c1, a, b, shape);
    wasm.gemm(c2, a, b, shape);
    expect(maxRelDiff(c2, c1)).toBeLessThan(1e-7);
    const p = random('p', 500, false).map(Math.abs), u = random('u', 500, true).map(Math.abs);
    const o1 = new Float32Array(500), o2 = new Float32Array(500);
    jsBackend.bernoulli(o1, p, u, 500);
    wasm.bernoulli(o2, p, u, 500);
    expect(Array.from(o2)).toEqual(Array.from(o1));
  });

  it('grows its memory for large operands and stays correct for small ones after', async () => {
    const wasm = await createWasmBackend();
    for (const [m, n, k] of [[300, 700, 900], [5, 6, 7], [64, 65, 66]] as const) {
      const shape: GemmShape = { m, n, k, transA: true, transB: false, alpha: 1, beta: 0 };
      const a = random(`a${m}`, m * k, false), b = random(`b${m}`, k * n, false);
      const c1 = new Float32Array(m * n), c2 = new Float32Array(m * n);
      jsBackend.gemm(c1, a, b, shape);
      wasm.gemm(c2, a, b, shape);
      expect(maxRelDiff(c2, c1)).toBeLessThan(1e-5 * Math.sqrt(k));
    }
  });

  it('keeps backends independent (each owns its memory)', async () => {
    const [w1, w2] = [await createWasmBackend(), await createWasmBackend()];
    const x = Float32Array.of(0, 1, -1), bias = new Float32Array(3);
    const o1 = new Float32Array(3), o2 = new Float32Array(3);
    w1.biasSigmoid(o1, x, bias, 1, 3);
    w2.biasSigmoid(o2, x, bias, 1, 3);
    expect(Array.from(o1)).toEqual(Array.from(o2));
    expect(o1[0]).toBe(0.5);
  });

  it('propagates NaN through the logistic in both precisions', async () => {
    const wasm = await createWasmBackend();
    for (const x of [Float32Array.of(Number.NaN, 0, 1, 2, 3), Float64Array.of(Number.NaN, 0, 1, 2, 3)]) {
      const out = x.slice();
      wasm.biasSigmoid(out, x, x.constructor === Float32Array ? new Float32Array(5) : new Float64Array(5), 1, 5);
      expect(Number.isNaN(out[0])).toBe(true);
      expect(out[1]).toBe(0.5);
    }
  });
});
