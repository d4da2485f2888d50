// The fused bias + logistic kernel, σ(x + bias), with a SIMD exponential
// for f32 and the accurate scalar exp (musl's, < 1 ulp) for f64 and for
// every f32 lane outside the SIMD range.
//
// f32 exp (Cephes expf): e^t = 2^n·e^r with n = round(t·log2 e) and
// r = t − n·ln 2 in two parts (Cody–Waite), |r| ≤ ln2/2, e^r by the
// degree-7 minimax polynomial 1 + r + r²·P(r). Its error is about 1 ulp of
// f32; σ then adds one rounding for 1 + e and one for the division. The
// conformance tolerance is 2e-6 relative (+1e-7·|z|); the measured bound is
// in the package tests. Lanes with |z| > 80 (2^n leaving the normal range)
// or NaN fall back to the scalar path, so tails are exact: σ(±800) = 1 or 0.

const LOG2E: f32 = 1.44269504088896341;
const C1: f32 = 0.693359375;
const C2: f32 = -2.12194440e-4;
const P0: f32 = 1.9875691500e-4;
const P1: f32 = 1.3981999507e-3;
const P2: f32 = 8.3334519073e-3;
const P3: f32 = 4.1665795894e-2;
const P4: f32 = 1.6666665459e-1;
const P5: f32 = 5.0000001201e-1;
/** Largest |z| the SIMD path takes: e^−80 = 1.8e−35 is still a normal f32. */
const SIMD_LIMIT: f32 = 80;

/** e^t for each lane, t in [−80, 0]. */
// @ts-ignore: decorator
@inline export function expNegF32x4(t: v128): v128 {
  const n = f32x4.nearest(f32x4.mul(t, f32x4.splat(LOG2E)));
  let r = f32x4.sub(t, f32x4.mul(n, f32x4.splat(C1)));
  r = f32x4.sub(r, f32x4.mul(n, f32x4.splat(C2)));
  let p = f32x4.splat(P0);
  p = f32x4.add(f32x4.mul(p, r), f32x4.splat(P1));
  p = f32x4.add(f32x4.mul(p, r), f32x4.splat(P2));
  p = f32x4.add(f32x4.mul(p, r), f32x4.splat(P3));
  p = f32x4.add(f32x4.mul(p, r), f32x4.splat(P4));
  p = f32x4.add(f32x4.mul(p, r), f32x4.splat(P5));
  const e = f32x4.add(f32x4.add(f32x4.mul(f32x4.mul(p, r), r), r), f32x4.splat(1));
  // 2^n by building the exponent bits: n ≥ −116 here, so (n + 127) << 23 is normal.
  const scale = i32x4.shl(i32x4.add(i32x4.trunc_sat_f32x4_s(n), i32x4.splat(127)), 23);
  return f32x4.mul(e, scale);
}

/** σ(z) for each lane (|z| ≤ 80): 1/(1 + e^−z) for z ≥ 0, e^z/(1 + e^z) below. */
// @ts-ignore: decorator
@inline export function sigmoidF32x4(z: v128): v128 {
  const e = expNegF32x4(f32x4.neg(f32x4.abs(z)));
  const num = v128.bitselect(f32x4.splat(1), e, f32x4.ge(z, f32x4.splat(0)));
  return f32x4.div(num, f32x4.add(f32x4.splat(1), e));
}

/** The stable logistic in f64 (the js backend's formula). */
// @ts-ignore: decorator
@inline export function sigmoid64(z: f64): f64 {
  if (z >= 0) return 1 / (1 + Math.exp(-z));
  const e = Math.exp(z);
  return e / (1 + e);
}

/** out[r·cols + j] = σ(x[r·cols + j] + bias[j]) for f32 (out may equal x). */
export function biasSigmoidF32(out: usize, x: usize, bias: usize, rows: i32, cols: i32): void {
  const limit = f32x4.splat(SIMD_LIMIT);
  for (let r = 0; r < rows; r++) {
    const o = <usize>r * <usize>cols << 2;
    let j = 0;
    for (; j + 4 <= cols; j += 4) {
      const q = <usize>j << 2;
      const z = f32x4.add(v128.load(x + o + q), v128.load(bias + q));
      if (i32x4.all_true(f32x4.le(f32x4.abs(z), limit))) {
        v128.store(out + o + q, sigmoidF32x4(z));
      } else {
        for (let l = 0; l < 4; l++) {
          const zl = <f64>load<f32>(x + o + q + (<usize>l << 2)) + <f64>load<f32>(bias + q + (<usize>l << 2));
          store<f32>(out + o + q + (<usize>l << 2), <f32>sigmoid64(zl));
        }
      }
    }
    for (; j < cols; j++) {
      const q = <usize>j << 2;
      store<f32>(out + o + q, <f32>sigmoid64(<f64>load<f32>(x + o + q) + <f64>load<f32>(bias + q)));
    }
  }
}

/** out[r·cols + j] = σ(x[r·cols + j] + bias[j]) for f64 (out may equal x). */
export function biasSigmoidF64(out: usize, x: usize, bias: usize, rows: i32, cols: i32): void {
  for (let r = 0; r < rows; r++) {
    const o = <usize>r * <usize>cols << 3;
    for (let j = 0; j < cols; j++) {
      const q = <usize>j << 3;
      store<f64>(out + o + q, sigmoid64(load<f64>(x + o + q) + load<f64>(bias + q)));
    }
  }
}

/** σ(x) in f32 for n lanes by the SIMD path (testing the exp: |x| ≤ 80). */
export function sigmoidSimdF32(out: usize, x: usize, n: i32): void {
  let i = 0;
  for (; i + 4 <= n; i += 4) v128.store(out + (<usize>i << 2), sigmoidF32x4(v128.load(x + (<usize>i << 2))));
  for (; i < n; i++) store<f32>(out + (<usize>i << 2), <f32>sigmoid64(<f64>load<f32>(x + (<usize>i << 2))));
}
