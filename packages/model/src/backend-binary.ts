/**
 * Optional kernels for products whose left factor holds only 0s and 1s
 * (data and sampled states of binary units): the product becomes a sum of
 * selected rows, with no multiplications and work proportional to the
 * number of ones. A backend may add them beside the {@link Backend}
 * kernels; callers check with {@link hasBinaryStateKernels} and fall back to
 * `gemm` otherwise. Results equal the dense product up to the order of the
 * float additions.
 *
 * @module
 */
import type { Backend, FloatArray } from './backend.js';

/**
 * The largest fraction of ones in a 0/1 left factor for which callers take
 * the {@link BinaryStateKernels} instead of `gemm`: below it the selected-row
 * sums do less work than the dense product (the crossover measured on a
 * 784-500 RBM with batches of 100 on the wasm backend).
 *
 * @example
 * ```ts
 * import { BINARY_DENSITY_LIMIT } from '@stochnet/model';
 * console.log(BINARY_DENSITY_LIMIT); // 0.4
 * ```
 */
export const BINARY_DENSITY_LIMIT = 0.4;

/** Kernels for a 0/1 left factor. */
export interface BinaryStateKernels {
  /**
   * `C ← X · B` for X (rows×k) whose entries are 0 or 1 and B (k×n), all
   * row-major: row r of C is the sum of the rows of B that row r of X
   * selects. Any nonzero entry of X selects (the caller guarantees 0/1).
   * Shapes: c rows×n, x rows×k, b k×n; c must not overlap x or b.
   * Mutates: c. Complexity: O(rows·k + nnz(X)·n).
   */
  selectRowsSum(c: FloatArray, x: FloatArray, b: FloatArray, rows: number, k: number, n: number): void;

  /**
   * `G ← Xᵀ · Y` for X (rows×k) whose entries are 0 or 1 and Y (rows×n):
   * row i of G is the sum of the rows of Y whose row of X has a 1 in
   * column i. Shapes: g k×n, x rows×k, y rows×n; g must not overlap x or y.
   * Mutates: g. Complexity: O(rows·k + nnz(X)·n).
   */
  selectedRowsOuter(g: FloatArray, x: FloatArray, y: FloatArray, rows: number, k: number, n: number): void;
}

/**
 * Whether a backend also provides the {@link BinaryStateKernels}.
 *
 * @param backend - any backend
 * @returns true when both kernels are functions
 *
 * @example
 * ```ts
 * import { hasBinaryStateKernels, jsBackend } from '@stochnet/model';
 * console.log(hasBinaryStateKernels(jsBackend)); // false
 * ```
 */
export function hasBinaryStateKernels(backend: Backend): backend is Backend & BinaryStateKernels {
  const b = backend as Backend & Partial<BinaryStateKernels>;
  return typeof b.selectRowsSum === 'function' && typeof b.selectedRowsOuter === 'function';
}
