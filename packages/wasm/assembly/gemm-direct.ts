// The unpacked GEMM path for products too small to repay packing and for
// single-row products (a padded 4-row micro-tile would waste three quarters
// of its work): C += alpha·op(A)·op(B), op(A)[i, p] = a[i·sai + p·sap].
// With B stored k×n, rows of B are streamed into the C row (SIMD over n for
// f32); with B stored n×k, each C entry is a dot product (SIMD over k for
// f32). Sums accumulate in the element type; beta is applied by the caller.

import { madd32, madd64 } from './madd';

// @ts-ignore: decorator
@inline function at<T>(base: usize, index: usize): T {
  return load<T>(base + index * sizeof<T>());
}

/** C += alpha·op(A)·op(B), one row of C at a time, for any element type. */
function direct<T>(c: usize, a: usize, b: usize, m: i32, n: i32, k: i32, transA: bool, transB: bool, alpha: T): void {
  const sai: usize = transA ? 1 : <usize>k, sap: usize = transA ? <usize>m : 1;
  for (let i = 0; i < m; i++) {
    const ci = c + <usize>i * <usize>n * sizeof<T>();
    const ai = <usize>i * sai;
    if (!transB) {
      for (let p = 0; p < k; p++) {
        const av: T = alpha * at<T>(a, ai + <usize>p * sap);
        const bp = b + <usize>p * <usize>n * sizeof<T>();
        let j = 0;
        if (sizeof<T>() == 4) {
          const v = f32x4.splat(<f32>av);
          for (; j + 4 <= n; j += 4) {
            const o = <usize>j << 2;
            v128.store(ci + o, madd32(v, v128.load(bp + o), v128.load(ci + o)));
          }
        } else {
          const v = f64x2.splat(<f64>av);
          for (; j + 2 <= n; j += 2) {
            const o = <usize>j << 3;
            v128.store(ci + o, madd64(v, v128.load(bp + o), v128.load(ci + o)));
          }
        }
        for (; j < n; j++) {
          const o = <usize>j * sizeof<T>();
          store<T>(ci + o, load<T>(ci + o) + av * load<T>(bp + o));
        }
      }
    } else {
      for (let j = 0; j < n; j++) {
        const bj = <usize>j * <usize>k;
        let s: T = 0;
        let p = 0;
        if (sizeof<T>() == 4 && !transA) {
          // Both rows contiguous: four partial sums per lane.
          let acc = f32x4.splat(0);
          const ap = a + (ai << 2), bp = b + (bj << 2);
          for (; p + 4 <= k; p += 4) acc = madd32(v128.load(ap + (<usize>p << 2)), v128.load(bp + (<usize>p << 2)), acc);
          s = <T>(f32x4.extract_lane(acc, 0) + f32x4.extract_lane(acc, 1) + (f32x4.extract_lane(acc, 2) + f32x4.extract_lane(acc, 3)));
        }
        for (; p < k; p++) s += at<T>(a, ai + <usize>p * sap) * at<T>(b, bj + <usize>p);
        const o = ci + <usize>j * sizeof<T>();
        store<T>(o, load<T>(o) + alpha * s);
      }
    }
  }
}

/** f32 C += alpha·op(A)·op(B) without packing. */
export function gemmDirectF32(c: usize, a: usize, b: usize, m: i32, n: i32, k: i32, transA: bool, transB: bool, alpha: f32): void {
  direct<f32>(c, a, b, m, n, k, transA, transB, alpha);
}

/** f64 C += alpha·op(A)·op(B) without packing. */
export function gemmDirectF64(c: usize, a: usize, b: usize, m: i32, n: i32, k: i32, transA: bool, transB: bool, alpha: f64): void {
  direct<f64>(c, a, b, m, n, k, transA, transB, alpha);
}

/** C ← beta·C over len elements; beta = 0 writes zeros (NaN in C included). */
export function scaleF32(c: usize, len: i32, beta: f32): void {
  for (let i = 0; i < len; i++) store<f32>(c + (<usize>i << 2), beta == 0 ? 0 : load<f32>(c + (<usize>i << 2)) * beta);
}

/** C ← beta·C over len elements; beta = 0 writes zeros (NaN in C included). */
export function scaleF64(c: usize, len: i32, beta: f64): void {
  for (let i = 0; i < len; i++) store<f64>(c + (<usize>i << 3), beta == 0 ? 0 : load<f64>(c + (<usize>i << 3)) * beta);
}
