// a·b + c per lane, the GEMM kernels' one step: a single fused multiply-add
// where the build enables relaxed SIMD (the relaxed binary; the engine rounds
// once with FMA hardware, twice without), else a multiply then an add.
// ASC_FEATURE_RELAXED_SIMD is a compile-time constant, so each binary holds
// one form only.

/** a·b + c for four f32 lanes. */
// @ts-ignore: decorator
@inline export function madd32(a: v128, b: v128, c: v128): v128 {
  if (ASC_FEATURE_RELAXED_SIMD) return f32x4.relaxed_madd(a, b, c);
  return f32x4.add(c, f32x4.mul(a, b));
}

/** a·b + c for two f64 lanes. */
// @ts-ignore: decorator
@inline export function madd64(a: v128, b: v128, c: v128): v128 {
  if (ASC_FEATURE_RELAXED_SIMD) return f64x2.relaxed_madd(a, b, c);
  return f64x2.add(c, f64x2.mul(a, b));
}
