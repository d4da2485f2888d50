/**
 * The `js` backend's GEMM: cache-blocked in the GotoBLAS arrangement (KC-deep
 * panels of op(B) kept in L2, MC×KC blocks of op(A) in L1/L2, a 4×4
 * register-blocked micro-kernel), with small products done directly.
 *
 * @module
 */
import type { FloatArray, GemmShape } from '../../backend.js';
import { assertDim, assertLength, assertNoOverlap, assertObject } from './assert.js';
import { gemmDirect } from './gemm-direct.js';
import { MR, NR, macroKernel, packA, packB } from './gemm-panels.js';

/** Depth of a packed panel: KC·NR float64 of op(B) stay in L1 while a tile is computed. */
const KC = 256;
/** Rows of op(A) packed at once (MC·KC·8 bytes = 256 KiB, L2-resident). */
const MC = 128;
/** Columns of op(B) packed at once (KC·NC·8 bytes = 1 MiB, L2/L3-resident). */
const NC = 512;
/** Products with m·n·k at or below this skip packing and run directly (as do m ≤ 2 or n = 1). */
const SMALL = 4096;

// Module-level scratch: grows to the largest block seen, then is reused, so
// steady-state calls allocate nothing. Kernels never re-enter, so one set suffices.
let scratchA = new Float64Array(0);
let scratchB = new Float64Array(0);
const tile = new Float64Array(MR * NR);

/**
 * The packing buffers as they are now, for tests that check steady-state
 * calls reuse them rather than allocate.
 *
 * @returns the current packed-A and packed-B scratch arrays
 */
export function gemmScratch(): { readonly a: Float64Array; readonly b: Float64Array } {
  return { a: scratchA, b: scratchB };
}

/** C ← beta·C over the first `len` entries; beta = 0 writes zeros (NaN in C included). */
function scaleC(c: FloatArray, len: number, beta: number): void {
  if (beta === 1) return;
  if (beta === 0) {
    c.fill(0, 0, len);
    return;
  }
  for (let i = 0; i < len; i++) c[i] = c[i]! * beta;
}

/**
 * C += alpha·op(A)·op(B), blocked: for each NC-wide, KC-deep panel of op(B)
 * (packed once), each MC-tall block of op(A) is packed and multiplied by the
 * macro-kernel.
 */
function gemmBlocked(
  c: FloatArray,
  a: FloatArray,
  b: FloatArray,
  m: number,
  n: number,
  k: number,
  transA: boolean,
  transB: boolean,
  alpha: number,
): void {
  const kcMax = Math.min(KC, k);
  const needA = Math.min(MC, Math.ceil(m / MR) * MR) * kcMax;
  const needB = Math.min(NC, Math.ceil(n / NR) * NR) * kcMax;
  if (scratchA.length < needA) scratchA = new Float64Array(needA);
  if (scratchB.length < needB) scratchB = new Float64Array(needB);
  const ap = scratchA, bp = scratchB;
  for (let jc = 0; jc < n; jc += NC) {
    const nc = Math.min(NC, n - jc);
    for (let pc = 0; pc < k; pc += KC) {
      const kc = Math.min(KC, k - pc);
      packB(bp, b, transB, n, k, pc, kc, jc, nc);
      for (let ic = 0; ic < m; ic += MC) {
        const mc = Math.min(MC, m - ic);
        packA(ap, a, transA, m, k, ic, mc, pc, kc);
        macroKernel(c, n, ic, mc, jc, nc, kc, alpha, ap, bp, tile);
      }
    }
  }
}

/**
 * General matrix multiply, `C ← alpha · op(A) · op(B) + beta · C`, all
 * row-major, for Float32Array or Float64Array (the same code path; products
 * accumulate in float64 registers and are stored in C's precision).
 *
 * @remarks
 * Shapes: op(A) is m×k (A stored k×m when `transA`), op(B) is k×n (B stored
 * n×k when `transB`), C is m×n; each buffer may be longer, only its leading
 * elements are used. `beta = 0` overwrites C, so NaN in C does not survive;
 * `alpha = 0` or `k = 0` leaves `beta · C` without reading A or B.
 * C must not share memory with A or B.
 * Mutates: c (its first m·n elements).
 * Allocates: nothing in steady state; the packing scratch grows to at most
 * (128·256 + 256·512) float64 the first time a larger block is seen.
 * Complexity: O(m·n·k) time, O(1) extra space.
 *
 * @param c - the output C, m×n
 * @param a - A, m×k (k×m when `shape.transA`)
 * @param b - B, k×n (n×k when `shape.transB`)
 * @param shape - dimensions, transposes and scales
 * @throws ShapeError when a dimension is not a non-negative integer or a buffer is too short
 * @throws ValidationError (code `ALIASING`) when c overlaps a or b
 */
export function gemm(c: FloatArray, a: FloatArray, b: FloatArray, shape: GemmShape): void {
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
  scaleC(c, m * n, beta);
  if (k === 0 || alpha === 0) return;
  const { transA, transB } = shape;
  if (n === 1 && m > 1) {
    // C is a column, laid out like the row Cᵀ = op(B)ᵀ·op(A)ᵀ: run that instead,
    // with b as the 1×k left factor and a read transposed relative to before.
    gemmDirect(c, b, a, 1, m, k, false, !transA, alpha);
  } else if (m <= 2 || m * n * k <= SMALL) {
    gemmDirect(c, a, b, m, n, k, transA, transB, alpha);
  } else {
    gemmBlocked(c, a, b, m, n, k, transA, transB, alpha);
  }
}
