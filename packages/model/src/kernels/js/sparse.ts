/**
 * The `js` backend's sparse kernel: a dense batch times a CSR matrix.
 *
 * @module
 */
import type { CsrMatrix, FloatArray } from '../../backend.js';
import { assertDim, assertLength, assertNoOverlap, assertObject } from './assert.js';

/**
 * Sparse-times-dense accumulate, `C ← C + alpha · X · S`, X dense
 * batch×S.rows and S sparse S.rows×S.cols in CSR form.
 *
 * @remarks
 * Every stored entry contributes, zero or not, so the result equals the dense
 * product with S's missing entries taken as 0 (NaN and ±Infinity propagate as
 * they would there). The CSR structure itself (rowPtr non-decreasing, every
 * colIdx in [0, S.cols)) is the caller's invariant, checked when a plan is
 * compiled; the kernel checks lengths only.
 * Shapes: x batch×S.rows and c batch×S.cols row-major; S.rowPtr holds
 * S.rows + 1, S.colIdx and S.values hold S.rowPtr[S.rows]. c must not
 * overlap x or S.values. Mutates: c. Allocates: nothing.
 * Complexity: O(batch · nnz).
 *
 * @param c - the output, batch×S.cols, accumulated into
 * @param x - the dense left factor, batch×S.rows
 * @param s - the sparse right factor
 * @param batch - number of rows of x and c
 * @param alpha - the scale
 * @throws ShapeError when a dimension is invalid or a buffer is too short
 * @throws ValidationError (code `ALIASING`) when c overlaps x or S.values
 */
export function spmm(c: FloatArray, x: FloatArray, s: CsrMatrix, batch: number, alpha: number): void {
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
  for (let b = 0; b < batch; b++) {
    const xo = b * rows;
    const co = b * cols;
    for (let r = 0; r < rows; r++) {
      const xv = alpha * x[xo + r]!;
      const end = rowPtr[r + 1]!;
      for (let p = rowPtr[r]!; p < end; p++) {
        const j = co + colIdx[p]!;
        c[j] = c[j]! + xv * values[p]!;
      }
    }
  }
}
