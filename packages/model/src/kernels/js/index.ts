/**
 * The portable `js` backend: plain TypeScript kernels that run on every
 * engine, the reference every faster backend is checked against.
 *
 * @module
 */
import type { Backend } from '../../backend.js';
import { addBias, bernoulli, biasSigmoid, ger, softplusRowSums } from './elementwise.js';
import { gemm } from './gemm.js';
import { spmm } from './sparse.js';

/**
 * The portable reference backend: a cache-blocked GEMM and plain loops for
 * the other kernels, for Float32Array and Float64Array alike.
 *
 * @remarks
 * Every kernel checks its dimensions and buffer lengths once at entry and
 * throws a ShapeError (details: kernel, argument, expected, received) before
 * writing anything. Buffers may be longer than their shape needs; only the
 * leading elements are used. Kernels allocate nothing in steady state.
 *
 * @example
 * ```ts
 * import { jsBackend } from '@stochnet/model';
 * const a = Float64Array.of(1, 2, 3, 4); // 2×2
 * const b = Float64Array.of(5, 6, 7, 8); // 2×2
 * const c = new Float64Array(4);
 * jsBackend.gemm(c, a, b, { m: 2, n: 2, k: 2, transA: false, transB: false, alpha: 1, beta: 0 });
 * console.log(Array.from(c)); // [19, 22, 43, 50]
 * ```
 */
export const jsBackend: Backend = Object.freeze({
  name: 'js',
  gemm,
  biasSigmoid,
  addBias,
  bernoulli,
  ger,
  spmm,
  softplusRowSums,
});
