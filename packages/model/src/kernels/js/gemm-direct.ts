/**
 * The unpacked GEMM path for small and single-row products.
 *
 * @module
 */
import type { FloatArray } from '../../backend.js';

/**
 * C += alpha·op(A)·op(B) without packing, for products too small to repay it
 * and for single-row or single-column ones (a padded 4×4 micro-tile would
 * waste three quarters of its work). Op(A)[i, p] = a[i·sai + p·sap]. With B
 * stored k×n the i-p-j (axpy) order streams rows of B and C, four rows of B
 * per pass over the C row; with B stored n×k, four dot products with rows of
 * B share each load of A.
 *
 * Shapes: as {@link gemm}. Mutates: c. Allocates: nothing. Complexity: O(m·n·k).
 */
export function gemmDirect(
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
  const sai = transA ? 1 : k, sap = transA ? m : 1;
  if (!transB) {
    const k4 = k - (k % 4);
    for (let i = 0; i < m; i++) {
      const ci = i * n, ai = i * sai;
      for (let p = 0; p < k; p += p < k4 ? 4 : 1) {
        const b0 = p * n;
        if (p < k4) {
          const a0 = alpha * a[ai + p * sap]!, a1 = alpha * a[ai + (p + 1) * sap]!;
          const a2 = alpha * a[ai + (p + 2) * sap]!, a3 = alpha * a[ai + (p + 3) * sap]!;
          const b1 = b0 + n, b2 = b1 + n, b3 = b2 + n;
          for (let j = 0; j < n; j++) {
            c[ci + j] = c[ci + j]! + (a0 * b[b0 + j]! + a1 * b[b1 + j]! + a2 * b[b2 + j]! + a3 * b[b3 + j]!);
          }
        } else {
          const a0 = alpha * a[ai + p * sap]!;
          for (let j = 0; j < n; j++) c[ci + j] = c[ci + j]! + a0 * b[b0 + j]!;
        }
      }
    }
    return;
  }
  const n4 = n - (n % 4);
  for (let i = 0; i < m; i++) {
    const ai = i * sai, ci = i * n;
    for (let j = 0; j < n; j += j < n4 ? 4 : 1) {
      const b0 = j * k;
      if (j < n4) {
        const b1 = b0 + k, b2 = b1 + k, b3 = b2 + k;
        let s0 = 0, s1 = 0, s2 = 0, s3 = 0;
        for (let p = 0; p < k; p++) {
          const av = a[ai + p * sap]!;
          s0 += av * b[b0 + p]!;
          s1 += av * b[b1 + p]!;
          s2 += av * b[b2 + p]!;
          s3 += av * b[b3 + p]!;
        }
        c[ci + j] = c[ci + j]! + alpha * s0;
        c[ci + j + 1] = c[ci + j + 1]! + alpha * s1;
        c[ci + j + 2] = c[ci + j + 2]! + alpha * s2;
        c[ci + j + 3] = c[ci + j + 3]! + alpha * s3;
      } else {
        let s = 0;
        for (let p = 0; p < k; p++) s += a[ai + p * sap]! * b[b0 + p]!;
        c[ci + j] = c[ci + j]! + alpha * s;
      }
    }
  }
}
