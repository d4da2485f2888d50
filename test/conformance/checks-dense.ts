/**
 * Conformance checks for the matrix kernels (gemm, ger, spmm): each runs one
 * case on a backend and compares with the float64 reference. Each returns an
 * Outcome instead of asserting, so the negative controls can show a broken
 * backend is caught by the very same check.
 */
import type { Rng } from '@stochnet/graph';
import type { Backend, Dtype } from '@stochnet/model';
import {
  type Outcome,
  alloc,
  compare,
  csrToDense,
  firstFailure,
  randomArray,
  randomCsr,
  refGemm,
  unchanged,
} from './reference.js';

/** Elements past the shape's end in every output buffer; they must stay untouched. */
const GUARD = 3;

/**
 * Error tolerance for a sum of k products whose absolute terms add up to
 * `scale`: 1e-12 relative (times k/100 past k = 100) in float64; 1e-5
 * relative times √k in float32, where storage rounds and a backend may
 * accumulate in single precision.
 */
export function sumTolerance(dtype: Dtype, k: number, scale: number): number {
  return dtype === 'float64' ? 1e-12 * Math.max(1, k / 100) * scale : 1e-5 * Math.sqrt(Math.max(1, k)) * scale;
}

/** One GEMM case. `nanInC` fills C with NaN before the call (meaningful with beta = 0). */
export interface GemmCase {
  readonly dtype: Dtype;
  readonly m: number;
  readonly n: number;
  readonly k: number;
  readonly transA: boolean;
  readonly transB: boolean;
  readonly alpha: number;
  readonly beta: number;
  readonly nanInC?: boolean;
}

/** A short label for a GEMM case, for messages and test names. */
export function gemmLabel(t: GemmCase): string {
  const op = `${t.transA ? 'Aᵀ' : 'A'}·${t.transB ? 'Bᵀ' : 'B'}`;
  return `${t.dtype} ${t.m}×${t.n}×${t.k} ${op} α=${t.alpha} β=${t.beta}${t.nanInC ? ' NaN-in-C' : ''}`;
}

/**
 * Runs `backend.gemm` on random A, B, C for the case and compares with the
 * reference; also checks A and B are not written and C's guard elements stay.
 */
export function checkGemm(backend: Backend, rng: Rng, t: GemmCase): Outcome {
  const { dtype, m, n, k, transA, transB, alpha, beta } = t;
  const a = randomArray(rng, dtype, m * k);
  const b = randomArray(rng, dtype, k * n);
  const c = randomArray(rng, dtype, m * n + GUARD);
  if (t.nanInC) c.fill(Number.NaN, 0, m * n);
  const a0 = a.slice(), b0 = b.slice(), c0 = c.slice();
  const ref = refGemm(c0, a0, b0, m, n, k, transA, transB, alpha, beta);
  backend.gemm(c, a, b, { m, n, k, transA, transB, alpha, beta });
  const label = `gemm ${gemmLabel(t)}`;
  return firstFailure([
    compare(label, c, ref.value, m * n, (i) => sumTolerance(dtype, k, ref.scale[i]!)),
    unchanged(`${label} guard after C`, c0, c, m * n),
    unchanged(`${label} input A`, a0, a),
    unchanged(`${label} input B`, b0, b),
  ]);
}

/** One ger case. */
export interface GerCase {
  readonly dtype: Dtype;
  readonly m: number;
  readonly n: number;
  readonly alpha: number;
}

/** Runs `backend.ger` (G += alpha·x·yᵀ) on random inputs and compares with the reference. */
export function checkGer(backend: Backend, rng: Rng, t: GerCase): Outcome {
  const { dtype, m, n, alpha } = t;
  const g = randomArray(rng, dtype, m * n + GUARD);
  const x = randomArray(rng, dtype, m), y = randomArray(rng, dtype, n);
  const g0 = g.slice();
  const ref = new Float64Array(m * n), scale = new Float64Array(m * n);
  for (let i = 0; i < m; i++) {
    for (let j = 0; j < n; j++) {
      const t1 = alpha * x[i]! * y[j]!;
      ref[i * n + j] = g0[i * n + j]! + t1;
      scale[i * n + j] = Math.abs(g0[i * n + j]!) + Math.abs(t1);
    }
  }
  backend.ger(g, x, y, m, n, alpha);
  const label = `ger ${dtype} ${m}×${n} α=${alpha}`;
  return firstFailure([
    compare(label, g, ref, m * n, (i) => sumTolerance(dtype, 1, scale[i]!)),
    unchanged(`${label} guard`, g0, g, m * n),
  ]);
}

/** One spmm case: X is batch×rows, S rows×cols with about `density` stored. */
export interface SpmmCase {
  readonly dtype: Dtype;
  readonly batch: number;
  readonly rows: number;
  readonly cols: number;
  readonly density: number;
  readonly alpha: number;
}

/** Runs `backend.spmm` (C += alpha·X·S) and compares with the dense product of the same S. */
export function checkSpmm(backend: Backend, rng: Rng, t: SpmmCase): Outcome {
  const { dtype, batch, rows, cols, alpha } = t;
  const s = randomCsr(rng, dtype, rows, cols, t.density);
  const x = randomArray(rng, dtype, batch * rows);
  const c = randomArray(rng, dtype, batch * cols + GUARD);
  const c0 = c.slice();
  const dense = csrToDense(s);
  const ref = new Float64Array(batch * cols), scale = new Float64Array(batch * cols);
  for (let bi = 0; bi < batch; bi++) {
    for (let j = 0; j < cols; j++) {
      let sum = 0, abs = 0;
      for (let r = 0; r < rows; r++) {
        const term = x[bi * rows + r]! * dense[r * cols + j]!;
        sum += term;
        abs += Math.abs(term);
      }
      ref[bi * cols + j] = c0[bi * cols + j]! + alpha * sum;
      scale[bi * cols + j] = Math.abs(c0[bi * cols + j]!) + Math.abs(alpha) * abs;
    }
  }
  backend.spmm(c, x, s, batch, alpha);
  const label = `spmm ${dtype} batch ${batch}, ${rows}×${cols}, nnz ${s.rowPtr[rows]}, α=${alpha}`;
  return firstFailure([
    compare(label, c, ref, batch * cols, (i) => sumTolerance(dtype, rows, scale[i]!)),
    unchanged(`${label} guard`, c0, c, batch * cols),
  ]);
}

/** The same spmm on an empty-structure matrix (nnz = 0) must leave C exactly as it was. */
export function checkSpmmEmpty(backend: Backend, dtype: Dtype): Outcome {
  const s = { rows: 4, cols: 3, rowPtr: new Int32Array(5), colIdx: new Int32Array(0), values: alloc(dtype, 0) };
  const x = alloc(dtype, 2 * 4).fill(1);
  const c = alloc(dtype, 2 * 3).fill(0.5);
  const c0 = c.slice();
  backend.spmm(c, x, s, 2, 3);
  return unchanged(`spmm ${dtype} with no stored entries`, c0, c);
}
