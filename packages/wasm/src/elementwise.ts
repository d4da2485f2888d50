/**
 * The wasm backend's element-wise kernels (biasSigmoid, addBias, bernoulli,
 * softplusRowSums): entry checks as in the `js` backend, arguments staged
 * into linear memory, the kernels called.
 *
 * @module
 */
import type { FloatArray } from '@stochnet/model';
import { assertDim, assertLength } from './checks.js';
import { type Context, widthOf } from './dense.js';
import { rowsParallel } from './parallel.js';

/**
 * Fused bias and logistic, `out[r·cols + j] = σ(x[r·cols + j] + bias[j])`; `out` may be `x`.
 *
 * @internal
 */
export function biasSigmoid(ctx: Context, out: FloatArray, x: FloatArray, bias: FloatArray, rows: number, cols: number): void {
  assertDim('biasSigmoid', 'rows', rows);
  assertDim('biasSigmoid', 'cols', cols);
  assertLength('biasSigmoid', 'out', out, rows * cols, 'rows·cols');
  assertLength('biasSigmoid', 'x', x, rows * cols, 'rows·cols');
  assertLength('biasSigmoid', 'bias', bias, cols, 'cols');
  const len = rows * cols;
  if (len === 0) return;
  // The f32 kernel only when the output is f32 too; a float64 output gets σ in f64.
  const w = widthOf(out, x, bias);
  const { heap, ex } = ctx;
  heap.reset();
  const same = out === x;
  const px = heap.place(x, len, w);
  const po = same ? px : heap.place(out, len, w);
  const pb = heap.place(bias, cols, w);
  heap.copyIn(x, len, px, w);
  heap.copyIn(bias, cols, pb, w);
  const fn = w === 4 ? 'biasSigmoidF32' : 'biasSigmoidF64';
  if (!rowsParallel(ctx, fn, po, px, pb, rows, cols, w)) ex[fn](po, px, pb, rows, cols);
  heap.copyOut(out, len, po, w);
}

/**
 * Adds a bias row to every row, `x[r·cols + j] += bias[j]`.
 *
 * @internal
 */
export function addBias(ctx: Context, x: FloatArray, bias: FloatArray, rows: number, cols: number): void {
  assertDim('addBias', 'rows', rows);
  assertDim('addBias', 'cols', cols);
  assertLength('addBias', 'x', x, rows * cols, 'rows·cols');
  assertLength('addBias', 'bias', bias, cols, 'cols');
  const len = rows * cols;
  if (len === 0) return;
  const w = widthOf(x, bias);
  const { heap, ex } = ctx;
  heap.reset();
  const px = heap.place(x, len, w), pb = heap.place(bias, cols, w);
  heap.copyIn(x, len, px, w);
  heap.copyIn(bias, cols, pb, w);
  (w === 4 ? ex.addBiasF32 : ex.addBiasF64)(px, pb, rows, cols);
  heap.copyOut(x, len, px, w);
}

/** Element width of a Bernoulli argument: 1 (Uint8Array), 4 or 8. */
function bytesOf(a: FloatArray | Uint8Array): 1 | 4 | 8 {
  return a instanceof Uint8Array ? 1 : a instanceof Float32Array ? 4 : 8;
}

/**
 * Bernoulli draws from supplied uniforms, `out[i] = u[i] < p[i] ? 1 : 0`,
 * compared exactly (a float32 p and a float64 u compare the values held).
 *
 * @internal
 */
export function bernoulli(ctx: Context, out: FloatArray | Uint8Array, p: FloatArray, u: FloatArray, n: number): void {
  assertDim('bernoulli', 'n', n);
  assertLength('bernoulli', 'out', out, n, 'n');
  assertLength('bernoulli', 'p', p, n, 'n');
  assertLength('bernoulli', 'u', u, n, 'n');
  if (n === 0) return;
  const wo = bytesOf(out), wp = bytesOf(p), wu = bytesOf(u);
  const { heap, ex } = ctx;
  heap.reset();
  const pp = heap.place(p, n, wp), pu = heap.place(u, n, wu);
  const po = heap.place(out, n, wo);
  heap.copyIn(p, n, pp, wp);
  heap.copyIn(u, n, pu, wu);
  ex[`bernoulli${wo === 1 ? 8 : wo === 4 ? 32 : 64}_${wp === 4 ? 32 : 64}_${wu === 4 ? 32 : 64}`](po, pp, pu, n);
  heap.copyOut(out, n, po, wo);
}

/**
 * Row sums of softplus, `out[r] = Σ_j softplus(x[r·cols + j])`, accumulated in float64.
 *
 * @internal
 */
export function softplusRowSums(ctx: Context, out: Float64Array, x: FloatArray, rows: number, cols: number): void {
  assertDim('softplusRowSums', 'rows', rows);
  assertDim('softplusRowSums', 'cols', cols);
  assertLength('softplusRowSums', 'out', out, rows, 'rows');
  assertLength('softplusRowSums', 'x', x, rows * cols, 'rows·cols');
  if (rows === 0) return;
  const w = widthOf(x);
  const { heap, ex } = ctx;
  heap.reset();
  const px = heap.place(x, rows * cols, w), po = heap.place(out, rows, 8);
  heap.copyIn(x, rows * cols, px, w);
  (w === 4 ? ex.softplusRowSumsF32 : ex.softplusRowSumsF64)(po, px, rows, cols);
  heap.copyOut(out, rows, po, 8);
}
