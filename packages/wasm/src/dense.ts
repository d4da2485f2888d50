/**
 * The wasm backend's matrix kernels (gemm, ger, spmm): entry checks as in
 * the `js` backend, then arguments staged into linear memory (in place when
 * they already live there) and the SIMD kernels called. Float32 arguments
 * run the f32 kernels; any float64 argument runs everything in f64 (values
 * widen exactly, results round once on the way out).
 *
 * @module
 */
import type { CsrMatrix, FloatArray, GemmShape } from '@stochnet/model';
import { assertDim, assertLength, assertNoOverlap, assertObject } from './checks.js';
import type { Heap } from './heap.js';
import type { KernelExports } from './module.js';
import { gemmParallel } from './parallel.js';
import type { Pool } from './pool.js';

/** The kernels, their memory and the helper threads, if any. @internal */
export interface Context {
  readonly heap: Heap;
  readonly ex: KernelExports;
  pool?: Pool | undefined;
}

/** Products with m·n·k at or below this skip packing (as do m ≤ 2 and column outputs). */
const SMALL = 4096;

/** 4 when every array is a Float32Array, else 8. @internal */
export function widthOf(...arrays: FloatArray[]): 4 | 8 {
  for (const a of arrays) if (!(a instanceof Float32Array)) return 8;
  return 4;
}

/** C ← beta·C in place on the caller's array (no kernel call needed). */
function scaleInPlace(c: FloatArray, len: number, beta: number): void {
  if (beta === 1) return;
  if (beta === 0) c.fill(0, 0, len);
  else for (let i = 0; i < len; i++) c[i] = c[i]! * beta;
}

/**
 * `C ← alpha · op(A) · op(B) + beta · C`; see Backend.gemm.
 *
 * @internal
 */
export function gemm(ctx: Context, c: FloatArray, a: FloatArray, b: FloatArray, shape: GemmShape): void {
  assertObject('gemm', 'shape', shape);
  const { m, n, k, alpha, beta } = shape;
  assertDim('gemm', 'm', m);
  assertDim('gemm', 'n', n);
  assertDim('gemm', 'k', k);
  assertLength('gemm', 'c', c, m * n, 'm·n');
  assertLength('gemm', 'a', a, m * k, 'm·k');
  assertLength('gemm', 'b', b, k * n, 'k·n');
  if (m * n === 0) return;
  assertNoOverlap('gemm', 'c', c, 'a', a);
  assertNoOverlap('gemm', 'c', c, 'b', b);
  const len = m * n;
  if (k === 0 || alpha === 0) {
    scaleInPlace(c, len, beta);
    return;
  }
  const tA = shape.transA ? 1 : 0, tB = shape.transB ? 1 : 0;
  const w = widthOf(c, a, b);
  const { heap, ex } = ctx;
  heap.reset();
  const pc = heap.place(c, len, w), pa = heap.place(a, m * k, w), pb = heap.place(b, k * n, w);
  const column = n === 1 && m > 1;
  const direct = column || m <= 2 || m * n * k <= SMALL;
  const scratch = direct ? 0 : heap.alloc(w === 4 ? ex.gemmF32Scratch() : ex.gemmF64Scratch());
  if (beta !== 0) heap.copyIn(c, len, pc, w);
  heap.copyIn(a, m * k, pa, w);
  heap.copyIn(b, k * n, pb, w);
  if (direct) {
    if (beta !== 1) (w === 4 ? ex.scaleF32 : ex.scaleF64)(pc, len, beta);
    const run = w === 4 ? ex.gemmDirectF32 : ex.gemmDirectF64;
    // A column C is laid out like the row Cᵀ = op(B)ᵀ·op(A)ᵀ: run that instead.
    if (column) run(pc, pb, pa, 1, m, k, 0, 1 - tA, alpha);
    else run(pc, pa, pb, m, n, k, tA, tB, alpha);
  } else if (!gemmParallel(ctx, w, pc, pa, pb, m, n, k, tA, tB, alpha, beta, scratch)) {
    (w === 4 ? ex.gemmF32 : ex.gemmF64)(pc, pa, pb, m, n, k, tA, tB, alpha, beta, scratch);
  }
  heap.copyOut(c, len, pc, w);
}

/**
 * Rank-1 accumulate, `G[i·n + j] += alpha · x[i] · y[j]`; see Backend.ger.
 *
 * @internal
 */
export function ger(ctx: Context, g: FloatArray, x: FloatArray, y: FloatArray, m: number, n: number, alpha: number): void {
  assertDim('ger', 'm', m);
  assertDim('ger', 'n', n);
  assertLength('ger', 'g', g, m * n, 'm·n');
  assertLength('ger', 'x', x, m, 'm');
  assertLength('ger', 'y', y, n, 'n');
  assertNoOverlap('ger', 'g', g, 'x', x);
  assertNoOverlap('ger', 'g', g, 'y', y);
  if (m * n === 0) return;
  const w = widthOf(g, x, y);
  const { heap, ex } = ctx;
  heap.reset();
  const pg = heap.place(g, m * n, w), px = heap.place(x, m, w), py = heap.place(y, n, w);
  heap.copyIn(g, m * n, pg, w);
  heap.copyIn(x, m, px, w);
  heap.copyIn(y, n, py, w);
  (w === 4 ? ex.gerF32 : ex.gerF64)(pg, px, py, m, n, alpha);
  heap.copyOut(g, m * n, pg, w);
}

/**
 * Sparse-times-dense accumulate, `C ← C + alpha · X · S`; see Backend.spmm.
 *
 * @internal
 */
export function spmm(ctx: Context, c: FloatArray, x: FloatArray, s: CsrMatrix, batch: number, alpha: number): void {
  assertObject('spmm', 's', s);
  const { rows, cols, rowPtr, colIdx, values } = s;
  assertDim('spmm', 'batch', batch);
  assertDim('spmm', 's.rows', rows);
  assertDim('spmm', 's.cols', cols);
  assertLength('spmm', 's.rowPtr', rowPtr, rows + 1, 's.rows + 1');
  const nnz = rowPtr[rows]!;
  assertDim('spmm', 's.rowPtr[s.rows]', nnz);
  assertLength('spmm', 's.colIdx', colIdx, nnz, 's.rowPtr[s.rows]');
  assertLength('spmm', 's.values', values, nnz, 's.rowPtr[s.rows]');
  assertLength('spmm', 'x', x, batch * rows, 'batch·s.rows');
  assertLength('spmm', 'c', c, batch * cols, 'batch·s.cols');
  assertNoOverlap('spmm', 'c', c, 'x', x);
  assertNoOverlap('spmm', 'c', c, 's.values', values);
  if (batch * cols === 0 || nnz === 0) return;
  const w = widthOf(c, x, values);
  const { heap, ex } = ctx;
  heap.reset();
  const pc = heap.place(c, batch * cols, w), px = heap.place(x, batch * rows, w);
  const pr = heap.place(rowPtr, rows + 1, 4), pi = heap.place(colIdx, nnz, 4), pv = heap.place(values, nnz, w);
  heap.copyIn(c, batch * cols, pc, w);
  heap.copyIn(x, batch * rows, px, w);
  heap.copyIn(rowPtr, rows + 1, pr, 4);
  heap.copyIn(colIdx, nnz, pi, 4);
  heap.copyIn(values, nnz, pv, w);
  (w === 4 ? ex.spmmF32 : ex.spmmF64)(pc, px, pr, pi, pv, batch, rows, cols, alpha);
  heap.copyOut(c, batch * cols, pc, w);
}
