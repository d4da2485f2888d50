/**
 * Twins of the @example blocks in src/numerics.ts, src/kernels/js/index.ts
 * and src/kernels/kernel-names.ts: each runs the example's code with
 * console.log captured and checks what it prints.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { jsBackend, kernelNames, logBernoulli, logSigmoid, logSumExp, sigmoid, softplus } from '@stochnet/model';
import type { KernelName } from '@stochnet/model';

let logged: unknown[][] = [];
beforeEach(() => {
  logged = [];
  vi.spyOn(console, 'log').mockImplementation((...args: unknown[]) => {
    logged.push(args);
  });
});
afterEach(() => {
  vi.restoreAllMocks();
});

describe('numerics examples', () => {
  it('sigmoid', () => {
    console.log(sigmoid(0)); // 0.5
    expect(logged).toEqual([[0.5]]);
  });

  it('softplus', () => {
    console.log(softplus(800)); // 800
    expect(logged).toEqual([[800]]);
  });

  it('logSigmoid', () => {
    console.log(logSigmoid(-1000)); // -1000
    expect(logged).toEqual([[-1000]]);
  });

  it('logSumExp', () => {
    console.log(logSumExp([1000, 1000])); // 1000.6931471805599
    expect(logged).toEqual([[1000.6931471805599]]);
  });

  it('logBernoulli', () => {
    console.log(logBernoulli(0, 1)); // -0.6931471805599453
    expect(logged).toEqual([[-0.6931471805599453]]);
  });
});

describe('kernel examples', () => {
  it('jsBackend', () => {
    const a = Float64Array.of(1, 2, 3, 4); // 2×2
    const b = Float64Array.of(5, 6, 7, 8); // 2×2
    const c = new Float64Array(4);
    jsBackend.gemm(c, a, b, { m: 2, n: 2, k: 2, transA: false, transB: false, alpha: 1, beta: 0 });
    console.log(Array.from(c)); // [19, 22, 43, 50]
    expect(logged).toEqual([[[19, 22, 43, 50]]]);
  });

  it('kernelNames', () => {
    for (const name of kernelNames) console.log(name, typeof jsBackend[name]); // gemm function, …
    expect(logged).toEqual([
      ['gemm', 'function'],
      ['biasSigmoid', 'function'],
      ['addBias', 'function'],
      ['bernoulli', 'function'],
      ['ger', 'function'],
      ['spmm', 'function'],
      ['softplusRowSums', 'function'],
    ]);
  });

  it('KernelName', () => {
    const k: KernelName = 'gemm';
    console.log(k); // 'gemm'
    expect(logged).toEqual([['gemm']]);
  });
});
