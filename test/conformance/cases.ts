/**
 * The case lists the conformance suite runs: shapes chosen to hit edge cases
 * (a dimension of 0 or 1, primes, sizes that are not multiples of any block
 * size) and, for GEMM, shapes that cross the `js` backend's block boundaries
 * (MC = 128 rows, NC = 512 columns, KC = 256 depth) in every dimension.
 */
import type { Dtype } from '@stochnet/model';
import type { GemmCase } from './checks-dense.js';

/** Both storage precisions. */
export const DTYPES: readonly Dtype[] = ['float32', 'float64'];

/** [m, n, k] for the GEMM sweep. */
export const GEMM_SHAPES: readonly (readonly [number, number, number])[] = [
  [1, 1, 1], [1, 7, 5], [7, 1, 5], [5, 7, 1], [2, 9, 6], [9, 2, 6],
  [0, 3, 4], [3, 0, 4], [3, 4, 0],
  [4, 4, 4], [5, 6, 7], [16, 16, 16], [17, 19, 23], [37, 37, 37], [37, 41, 43],
  [64, 1, 37], [1, 64, 37], [3, 100, 50], [100, 3, 50], [1, 300, 200], [300, 1, 200],
  [129, 20, 40], [8, 515, 20], [8, 20, 260], [70, 90, 130],
];

/** A shape crossing every block boundary at once, run with one (alpha, beta). */
export const GEMM_MULTI_BLOCK: readonly [number, number, number] = [131, 515, 259];

/** (alpha, beta) variants; `nanInC` pre-fills C with NaN, which beta = 0 must overwrite. */
export const GEMM_SCALES: readonly { alpha: number; beta: number; nanInC?: boolean }[] = [
  { alpha: 1, beta: 0 },
  { alpha: 1, beta: 0, nanInC: true },
  { alpha: -0.5, beta: 1 },
  { alpha: 2, beta: -1.5 },
  { alpha: 0, beta: 0.5 },
];

/** Every (transA, transB) combination. */
export const TRANSPOSES: readonly (readonly [boolean, boolean])[] = [
  [false, false], [false, true], [true, false], [true, true],
];

/** The GEMM cases for one shape and dtype: every transpose × every scale variant. */
export function gemmCases(dtype: Dtype, [m, n, k]: readonly [number, number, number]): GemmCase[] {
  const out: GemmCase[] = [];
  for (const [transA, transB] of TRANSPOSES) {
    for (const s of GEMM_SCALES) out.push({ dtype, m, n, k, transA, transB, ...s });
  }
  return out;
}

/** [rows, cols] for the element-wise kernels and ger. */
export const MATRIX_SHAPES: readonly (readonly [number, number])[] = [
  [0, 5], [5, 0], [1, 1], [1, 37], [37, 1], [16, 37], [100, 13], [64, 65],
];

/** [batch, rows, cols, density] for spmm. */
export const SPMM_SHAPES: readonly (readonly [number, number, number, number])[] = [
  [0, 5, 4, 0.5], [3, 0, 4, 0.5], [3, 5, 0, 0.5], [1, 1, 1, 1], [1, 37, 41, 0.1],
  [3, 37, 41, 0.5], [16, 64, 33, 0.2], [5, 13, 17, 1], [4, 20, 20, 0],
];

/** Lengths for the Bernoulli sweep. */
export const BERNOULLI_LENGTHS: readonly number[] = [0, 1, 37, 1000];
