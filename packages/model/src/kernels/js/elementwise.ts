/**
 * The `js` backend's element-wise and rank-1 kernels: fused bias + logistic,
 * bias add, Bernoulli draws from supplied uniforms, the outer-product update,
 * and row sums of softplus.
 *
 * @module
 */
import type { FloatArray } from '../../backend.js';
import { sigmoid, softplus } from '../../numerics.js';
import { assertDim, assertLength, assertNoOverlap } from './assert.js';

/**
 * Fused bias and logistic, `out[r·cols + j] = σ(x[r·cols + j] + bias[j])`,
 * with the stable σ (exactly 0 or 1 in the far tails, never NaN for finite input).
 *
 * @remarks
 * Shapes: x and out rows×cols row-major, bias cols; longer buffers are fine.
 * `out` may be `x` (in place). Mutates: out. Allocates: nothing.
 * Complexity: O(rows·cols).
 *
 * @param out - the probabilities, rows×cols
 * @param x - the pre-activations, rows×cols
 * @param bias - one bias per column
 * @param rows - number of rows
 * @param cols - number of columns
 * @throws ShapeError when a dimension is invalid or a buffer is too short
 */
export function biasSigmoid(out: FloatArray, x: FloatArray, bias: FloatArray, rows: number, cols: number): void {
  assertDim('biasSigmoid', 'rows', rows);
  assertDim('biasSigmoid', 'cols', cols);
  assertLength('biasSigmoid', 'out', out, rows * cols, 'rows·cols');
  assertLength('biasSigmoid', 'x', x, rows * cols, 'rows·cols');
  assertLength('biasSigmoid', 'bias', bias, cols, 'cols');
  for (let r = 0; r < rows; r++) {
    const o = r * cols;
    for (let j = 0; j < cols; j++) out[o + j] = sigmoid(x[o + j]! + bias[j]!);
  }
}

/**
 * Adds a bias row to every row, `x[r·cols + j] += bias[j]`.
 *
 * @remarks
 * Shapes: x rows×cols row-major, bias cols. Mutates: x. Allocates: nothing.
 * Complexity: O(rows·cols).
 *
 * @param x - the matrix to update, rows×cols
 * @param bias - one bias per column
 * @param rows - number of rows
 * @param cols - number of columns
 * @throws ShapeError when a dimension is invalid or a buffer is too short
 */
export function addBias(x: FloatArray, bias: FloatArray, rows: number, cols: number): void {
  assertDim('addBias', 'rows', rows);
  assertDim('addBias', 'cols', cols);
  assertLength('addBias', 'x', x, rows * cols, 'rows·cols');
  assertLength('addBias', 'bias', bias, cols, 'cols');
  for (let r = 0; r < rows; r++) {
    const o = r * cols;
    for (let j = 0; j < cols; j++) x[o + j] = x[o + j]! + bias[j]!;
  }
}

/**
 * Bernoulli draws from supplied uniforms, `out[i] = u[i] < p[i] ? 1 : 0`.
 *
 * @remarks
 * With u in [0, 1), p = 0 never fires and p = 1 always fires, exactly; the
 * strict `<` is what makes both hold (`<=` would fire at p = 0 when u = 0).
 * Shapes: out, p and u hold at least n. Mutates: out (first n). Allocates:
 * nothing. Complexity: O(n).
 *
 * @param out - the draws, 0 or 1
 * @param p - the probabilities
 * @param u - uniforms in [0, 1)
 * @param n - number of draws
 * @throws ShapeError when n is invalid or a buffer is too short
 */
export function bernoulli(out: FloatArray | Uint8Array, p: FloatArray, u: FloatArray, n: number): void {
  assertDim('bernoulli', 'n', n);
  assertLength('bernoulli', 'out', out, n, 'n');
  assertLength('bernoulli', 'p', p, n, 'n');
  assertLength('bernoulli', 'u', u, n, 'n');
  for (let i = 0; i < n; i++) out[i] = u[i]! < p[i]! ? 1 : 0;
}

/**
 * Rank-1 accumulate (outer product), `G[i·n + j] += alpha · x[i] · y[j]`.
 *
 * @remarks
 * Shapes: g m×n row-major, x m, y n. g must not overlap x or y. Mutates: g.
 * Allocates: nothing. Complexity: O(m·n).
 *
 * @param g - the matrix to update, m×n
 * @param x - the left vector, length m
 * @param y - the right vector, length n
 * @param m - rows of g
 * @param n - columns of g
 * @param alpha - the scale
 * @throws ShapeError when a dimension is invalid or a buffer is too short
 * @throws ValidationError (code `ALIASING`) when g overlaps x or y
 */
export function ger(g: FloatArray, x: FloatArray, y: FloatArray, m: number, n: number, alpha: number): void {
  assertDim('ger', 'm', m);
  assertDim('ger', 'n', n);
  assertLength('ger', 'g', g, m * n, 'm·n');
  assertLength('ger', 'x', x, m, 'm');
  assertLength('ger', 'y', y, n, 'n');
  assertNoOverlap('ger', 'g', g, 'x', x);
  assertNoOverlap('ger', 'g', g, 'y', y);
  for (let i = 0; i < m; i++) {
    const ax = alpha * x[i]!;
    const o = i * n;
    for (let j = 0; j < n; j++) g[o + j] = g[o + j]! + ax * y[j]!;
  }
}

/**
 * Row sums of softplus, `out[r] = Σ_j softplus(x[r·cols + j])`, accumulated
 * in float64 whatever the dtype of x.
 *
 * @remarks
 * softplus(x) = max(x, 0) + log1p(e^(−|x|)), finite for every finite x and
 * exact in the tails (softplus(800) = 800, softplus(−800) = 0).
 * Shapes: x rows×cols row-major, out rows. Mutates: out (first rows).
 * Allocates: nothing. Complexity: O(rows·cols).
 *
 * @param out - the row sums, length rows
 * @param x - the matrix, rows×cols
 * @param rows - number of rows
 * @param cols - number of columns
 * @throws ShapeError when a dimension is invalid or a buffer is too short
 */
export function softplusRowSums(out: Float64Array, x: FloatArray, rows: number, cols: number): void {
  assertDim('softplusRowSums', 'rows', rows);
  assertDim('softplusRowSums', 'cols', cols);
  assertLength('softplusRowSums', 'out', out, rows, 'rows');
  assertLength('softplusRowSums', 'x', x, rows * cols, 'rows·cols');
  for (let r = 0; r < rows; r++) {
    const o = r * cols;
    let s = 0;
    for (let j = 0; j < cols; j++) s += softplus(x[o + j]!);
    out[r] = s;
  }
}
