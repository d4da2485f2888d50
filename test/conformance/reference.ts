/**
 * Naive float64 references for every Backend kernel, random inputs from a
 * seeded Rng, and the element-wise comparison the conformance checks share.
 * The references are written for clarity, not speed, and share no code with
 * any backend.
 */
import type { Rng } from '@stochnet/graph';
import type { CsrMatrix, Dtype, FloatArray } from '@stochnet/model';

/** The outcome of one conformance check: pass, or the first mismatch found. */
export type Outcome = { readonly ok: true } | { readonly ok: false; readonly message: string };

/** A passing outcome. */
export const PASS: Outcome = { ok: true };

/** A failing outcome with a message naming the case and the mismatch. */
export function fail(message: string): Outcome {
  return { ok: false, message };
}

/** The first failing outcome of a list, or PASS. */
export function firstFailure(outcomes: Iterable<Outcome>): Outcome {
  for (const o of outcomes) if (!o.ok) return o;
  return PASS;
}

/** A new zeroed array of the given dtype. */
export function alloc(dtype: Dtype, len: number): FloatArray {
  return dtype === 'float32' ? new Float32Array(len) : new Float64Array(len);
}

/** A new array of the given dtype filled with uniforms in [lo, hi). */
export function randomArray(rng: Rng, dtype: Dtype, len: number, lo = -1, hi = 1): FloatArray {
  const out = alloc(dtype, len);
  for (let i = 0; i < len; i++) out[i] = lo + (hi - lo) * rng.nextDouble();
  return out;
}

/** Machine epsilon of a dtype (spacing of numbers just above 1). */
export function epsilon(dtype: Dtype): number {
  return dtype === 'float32' ? 2 ** -23 : 2 ** -52;
}

/**
 * Compares `got[i]` with `ref[i]` for i < n: each must satisfy
 * |got − ref| ≤ tol(i); a NaN where the reference is a number fails, and
 * NaN matches NaN.
 */
export function compare(
  label: string,
  got: ArrayLike<number>,
  ref: ArrayLike<number>,
  n: number,
  tol: (i: number) => number,
): Outcome {
  for (let i = 0; i < n; i++) {
    const g = got[i]!, r = ref[i]!;
    if (g === r || (Number.isNaN(g) && Number.isNaN(r))) continue;
    const t = tol(i);
    if (!(Math.abs(g - r) <= t)) {
      return fail(`${label}: index ${i} got ${g}, expected ${r} (tolerance ${t.toExponential(2)})`);
    }
  }
  return PASS;
}

/** Checks that `after` equals `before` element for element (bit for bit, NaN included). */
export function unchanged(label: string, before: ArrayLike<number>, after: ArrayLike<number>, from = 0): Outcome {
  for (let i = from; i < before.length; i++) {
    const b = before[i]!, a = after[i]!;
    if (!(Object.is(a, b) || a === b)) return fail(`${label}: element ${i} changed from ${b} to ${a}`);
  }
  return PASS;
}

/** op(A)[i, p] for row-major A that is m×k, or k×m when transposed. */
export function opA(a: ArrayLike<number>, trans: boolean, m: number, k: number, i: number, p: number): number {
  return trans ? a[p * m + i]! : a[i * k + p]!;
}

/** op(B)[p, j] for row-major B that is k×n, or n×k when transposed. */
export function opB(b: ArrayLike<number>, trans: boolean, n: number, k: number, p: number, j: number): number {
  return trans ? b[j * k + p]! : b[p * n + j]!;
}

/** Reference GEMM in float64: the result and, per entry, the sum of absolute terms (error scale). */
export function refGemm(
  c: ArrayLike<number>,
  a: ArrayLike<number>,
  b: ArrayLike<number>,
  m: number,
  n: number,
  k: number,
  transA: boolean,
  transB: boolean,
  alpha: number,
  beta: number,
): { value: Float64Array; scale: Float64Array } {
  const value = new Float64Array(m * n), scale = new Float64Array(m * n);
  for (let i = 0; i < m; i++) {
    for (let j = 0; j < n; j++) {
      let s = 0, abs = 0;
      if (alpha !== 0) {
        for (let p = 0; p < k; p++) {
          const t = opA(a, transA, m, k, i, p) * opB(b, transB, n, k, p, j);
          s += t;
          abs += Math.abs(t);
        }
      }
      const prev = beta === 0 ? 0 : beta * c[i * n + j]!;
      value[i * n + j] = alpha * s + prev;
      scale[i * n + j] = Math.abs(alpha) * abs + Math.abs(prev);
    }
  }
  return { value, scale };
}

/** The logistic through tanh, σ(z) = (1 + tanh(z/2)) / 2: a formula independent of the kernels'. */
export function refSigmoidTanh(z: number): number {
  return 0.5 * (1 + Math.tanh(z / 2));
}

/** The logistic with full relative accuracy in both tails (for relative comparisons). */
export function refSigmoid(z: number): number {
  return z >= 0 ? 1 / (1 + Math.exp(-z)) : Math.exp(z) / (1 + Math.exp(z));
}

/** softplus(z) = log(1 + e^z) in float64, stable: z + log1p(e^−z) for z > 0, log1p(e^z) otherwise. */
export function refSoftplus(z: number): number {
  return z > 0 ? z + Math.log1p(Math.exp(-z)) : Math.log1p(Math.exp(z));
}

/** A random CSR matrix with about `density` of its entries stored (sorted, unique columns). */
export function randomCsr(rng: Rng, dtype: Dtype, rows: number, cols: number, density: number): CsrMatrix {
  const rowPtr = new Int32Array(rows + 1);
  const cIdx: number[] = [];
  const vals: number[] = [];
  for (let r = 0; r < rows; r++) {
    for (let j = 0; j < cols; j++) {
      if (rng.nextDouble() < density) {
        cIdx.push(j);
        vals.push(2 * rng.nextDouble() - 1);
      }
    }
    rowPtr[r + 1] = cIdx.length;
  }
  const values = alloc(dtype, vals.length);
  values.set(vals);
  return { rows, cols, rowPtr, colIdx: Int32Array.from(cIdx), values };
}

/** The dense rows×cols matrix of a CSR matrix, in float64. */
export function csrToDense(s: CsrMatrix): Float64Array {
  const out = new Float64Array(s.rows * s.cols);
  for (let r = 0; r < s.rows; r++) {
    for (let p = s.rowPtr[r]!; p < s.rowPtr[r + 1]!; p++) {
      const q = r * s.cols + s.colIdx[p]!;
      out[q] = out[q]! + s.values[p]!;
    }
  }
  return out;
}
