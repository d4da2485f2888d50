// Philox4x32-10 (Salmon, Moraes, Dror, Shaw 2011, "Parallel random numbers:
// as easy as 1, 2, 3"; the Random123 reference): a counter-based generator,
// output = bijection_key(counter), so any element's uniforms can be made
// from its index alone. Round: (hi0, lo0) = M0·c0, (hi1, lo1) = M1·c2 (32×32
// → 64-bit products), c ← (hi1 ⊕ c1 ⊕ k0, lo1, hi0 ⊕ c3 ⊕ k1, lo0); the key
// is bumped by the Weyl constants (W0, W1) between rounds. The four words of
// the last call live in OUT0..OUT3.

const M0: u64 = 0xD2511F53;
const M1: u64 = 0xCD9E8D57;
const W0: u32 = 0x9E3779B9;
const W1: u32 = 0xBB67AE85;

export let OUT0: u32 = 0;
export let OUT1: u32 = 0;
export let OUT2: u32 = 0;
export let OUT3: u32 = 0;

/** Philox4x32-10 of counter (c0, c1, c2, c3) under key (k0, k1), into OUT0..OUT3. */
// @ts-ignore: decorator
@inline export function philox(c0: u32, c1: u32, c2: u32, c3: u32, k0: u32, k1: u32): void {
  for (let r = 0; r < 10; r++) {
    const p0 = M0 * <u64>c0;
    const p1 = M1 * <u64>c2;
    const hi0 = <u32>(p0 >> 32), lo0 = <u32>p0;
    const hi1 = <u32>(p1 >> 32), lo1 = <u32>p1;
    c0 = hi1 ^ c1 ^ k0;
    c1 = lo1;
    c2 = hi0 ^ c3 ^ k1;
    c3 = lo0;
    k0 += W0;
    k1 += W1;
  }
  OUT0 = c0;
  OUT1 = c1;
  OUT2 = c2;
  OUT3 = c3;
}

/** Writes Philox4x32-10(counter, key) as four u32 at out (for the known-answer tests). */
export function philox4x32(out: usize, c0: u32, c1: u32, c2: u32, c3: u32, k0: u32, k1: u32): void {
  philox(c0, c1, c2, c3, k0, k1);
  store<u32>(out, OUT0);
  store<u32>(out, OUT1, 4);
  store<u32>(out, OUT2, 8);
  store<u32>(out, OUT3, 12);
}

/** Words 0..3 of four consecutive blocks after philoxX4, block j in lane j. */
export let X0: v128 = i32x4.splat(0);
export let X1: v128 = i32x4.splat(0);
export let X2: v128 = i32x4.splat(0);
export let X3: v128 = i32x4.splat(0);

/**
 * Philox4x32-10 of the four counters (b + j, c1, 0, 0), j < 4, under key
 * (k0, k1), one block per SIMD lane (32×32 → 64-bit products by extmul),
 * into X0..X3: lane j of Xw is word w of block b + j.
 */
// @ts-ignore: decorator
@inline export function philoxX4(b: u32, c1s: u32, k0: u32, k1: u32): void {
  let c0 = i32x4(<i32>b, <i32>(b + 1), <i32>(b + 2), <i32>(b + 3));
  let c1 = i32x4.splat(<i32>c1s), c2 = i32x4.splat(0), c3 = i32x4.splat(0);
  const m0 = i32x4.splat(<i32>M0), m1 = i32x4.splat(<i32>M1);
  for (let r = 0; r < 10; r++) {
    const p0l = i64x2.extmul_low_i32x4_u(c0, m0), p0h = i64x2.extmul_high_i32x4_u(c0, m0);
    const p1l = i64x2.extmul_low_i32x4_u(c2, m1), p1h = i64x2.extmul_high_i32x4_u(c2, m1);
    const hi0 = v128.shuffle<u32>(p0l, p0h, 1, 3, 5, 7), lo0 = v128.shuffle<u32>(p0l, p0h, 0, 2, 4, 6);
    const hi1 = v128.shuffle<u32>(p1l, p1h, 1, 3, 5, 7), lo1 = v128.shuffle<u32>(p1l, p1h, 0, 2, 4, 6);
    c0 = v128.xor(v128.xor(hi1, c1), i32x4.splat(<i32>k0));
    c1 = lo1;
    c2 = v128.xor(v128.xor(hi0, c3), i32x4.splat(<i32>k1));
    c3 = lo0;
    k0 += W0;
    k1 += W1;
  }
  X0 = c0;
  X1 = c1;
  X2 = c2;
  X3 = c3;
}
