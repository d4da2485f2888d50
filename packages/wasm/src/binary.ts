/**
 * The wasm backend's kernels for a 0/1 left factor (see
 * `BinaryStateKernels` in `@stochnet/model`): sums of selected rows in
 * place of the dense products, checked like every other kernel.
 *
 * @module
 */
import type { FloatArray } from '@stochnet/model';
import { assertDim, assertLength, assertNoOverlap } from './checks.js';
import { type Context, widthOf } from './dense.js';
import { selectParallel } from './parallel.js';

function checkDims(kernel: string, rows: number, k: number, n: number): void {
  assertDim(kernel, 'rows', rows);
  assertDim(kernel, 'k', k);
  assertDim(kernel, 'n', n);
}

/**
 * `C ← X · B` for X (rows×k) of 0/1 and B (k×n).
 *
 * @internal
 */
export function selectRowsSum(ctx: Context, c: FloatArray, x: FloatArray, b: FloatArray, rows: number, k: number, n: number): void {
  const fn = 'selectRowsSum';
  checkDims(fn, rows, k, n);
  assertLength(fn, 'c', c, rows * n, 'rows·n');
  assertLength(fn, 'x', x, rows * k, 'rows·k');
  assertLength(fn, 'b', b, k * n, 'k·n');
  if (rows * n === 0) return;
  assertNoOverlap(fn, 'c', c, 'x', x);
  assertNoOverlap(fn, 'c', c, 'b', b);
  const w = widthOf(c, x, b);
  const { heap, ex } = ctx;
  heap.reset();
  const pc = heap.place(c, rows * n, w), px = heap.place(x, rows * k, w), pb = heap.place(b, k * n, w);
  const bytes = 4 * (rows + 1 + rows * k), scratch = heap.alloc(bytes);
  heap.copyIn(x, rows * k, px, w);
  heap.copyIn(b, k * n, pb, w);
  const args = [pc, px, pb, rows, k, n, w === 8 ? 1 : 0];
  if (!selectParallel(ctx, 'selectRowsSumCols', args, n, rows * k * n, scratch, bytes)) ex.selectRowsSum(pc, px, pb, rows, k, n, w === 8 ? 1 : 0, scratch);
  heap.copyOut(c, rows * n, pc, w);
}

/**
 * `G ← Xᵀ · Y` for X (rows×k) of 0/1 and Y (rows×n).
 *
 * @internal
 */
export function selectedRowsOuter(ctx: Context, g: FloatArray, x: FloatArray, y: FloatArray, rows: number, k: number, n: number): void {
  const fn = 'selectedRowsOuter';
  checkDims(fn, rows, k, n);
  assertLength(fn, 'g', g, k * n, 'k·n');
  assertLength(fn, 'x', x, rows * k, 'rows·k');
  assertLength(fn, 'y', y, rows * n, 'rows·n');
  if (k * n === 0) return;
  assertNoOverlap(fn, 'g', g, 'x', x);
  assertNoOverlap(fn, 'g', g, 'y', y);
  const w = widthOf(g, x, y);
  const { heap, ex } = ctx;
  heap.reset();
  const pg = heap.place(g, k * n, w), px = heap.place(x, rows * k, w), py = heap.place(y, rows * n, w);
  const bytes = 4 * (k + 1 + rows * k), scratch = heap.alloc(bytes);
  heap.copyIn(x, rows * k, px, w);
  heap.copyIn(y, rows * n, py, w);
  const args = [pg, px, py, rows, k, n, w === 8 ? 1 : 0];
  if (!selectParallel(ctx, 'selectedRowsOuterCols', args, n, rows * k * n, scratch, bytes)) ex.selectedRowsOuter(pg, px, py, rows, k, n, w === 8 ? 1 : 0, scratch);
  heap.copyOut(g, k * n, pg, w);
}
