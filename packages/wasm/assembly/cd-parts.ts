// The elementwise parts of a resident CD step: Bernoulli draws (from
// Philox4x32-10 by element index, or from supplied f64 uniforms), column
// sums of differences, the SGD-with-momentum update with its finiteness
// check, and the transpose that keeps Wᵀ beside W.

import { philox, philoxX4, OUT0, OUT1, OUT2, OUT3, X0, X1, X2, X3 } from './philox';

/** 2^−24: a 24-bit integer times this is an f32 in [0, 1), exactly. */
const TO_F32: f32 = 5.9604644775390625e-8;
/** 2^−32: a 32-bit integer times this is an f64 in [0, 1), exactly. */
const TO_F64: f64 = 2.3283064365386963e-10;

/** A 32-bit word as an f32 uniform in [0, 1): its top 24 bits times 2^−24. */
// @ts-ignore: decorator
@inline function counterUniformF32(word: u32): f32 {
  return <f32>(word >>> 8) * TO_F32;
}

/** A 32-bit word as an f64 uniform in [0, 1): the word times 2^−32. */
// @ts-ignore: decorator
@inline function counterUniformF64(word: u32): f64 {
  return <f64>word * TO_F64;
}

/**
 * The counter-mode uniforms u_e, e < n, of stage `stage` under key (k0, k1),
 * exactly as sampleHidden compares them (written as f64), for tests.
 */
export function counterUniforms(out: usize, n: i32, f64: bool, stage: u32, k0: u32, k1: u32): void {
  for (let e = 0; e < n; e++) {
    if ((e & 3) == 0) philox(<u32>(e >>> 2), stage, 0, 0, k0, k1);
    const l = e & 3;
    const word = l == 0 ? OUT0 : l == 1 ? OUT1 : l == 2 ? OUT2 : OUT3;
    store<f64>(out + (<usize>e << 3), f64 ? counterUniformF64(word) : <f64>counterUniformF32(word));
  }
}

/** sampleHidden in counter mode (for tests: the SIMD and scalar draws against counterUniforms). */
export function counterSample(out: usize, p: usize, n: i32, f64: bool, stage: u32, k0: u32, k1: u32): i32 {
  return sampleHidden(out, p, n, f64, true, stage, k0, k1, 0);
}

/**
 * out[e] = [u_e < p[e]] for e < n (f32 when !f64), returning the number of
 * ones. Counter mode: u_e is lane e mod 4 of Philox4x32-10 at counter
 * (⌊e/4⌋, stage, 0, 0) under key (k0, k1), as (word >>> 8)·2^−24 in f32 or
 * word·2^−32 in f64. Stream mode: u_e = load<f64>(u + 8e), compared in f64.
 */
export function sampleHidden(out: usize, p: usize, n: i32, f64: bool, counter: bool, stage: u32, k0: u32, k1: u32, u: usize): i32 {
  let ones = 0;
  if (!counter) {
    for (let e = 0; e < n; e++) {
      const pe: f64 = f64 ? load<f64>(p + (<usize>e << 3)) : <f64>load<f32>(p + (<usize>e << 2));
      const on = load<f64>(u + (<usize>e << 3)) < pe;
      ones += <i32>on;
      if (f64) store<f64>(out + (<usize>e << 3), on ? 1 : 0);
      else store<f32>(out + (<usize>e << 2), on ? 1 : 0);
    }
    return ones;
  }
  const one = f32x4.splat(1);
  const scale = f32x4.splat(TO_F32);
  let e = 0;
  if (!f64) {
    // Sixteen f32 draws at a time: four Philox blocks in the lanes, transposed so each vector is one block's words.
    for (; e + 16 <= n; e += 16) {
      philoxX4(<u32>(e >>> 2), stage, k0, k1);
      const t0 = v128.shuffle<u32>(X0, X1, 0, 4, 1, 5), t1 = v128.shuffle<u32>(X0, X1, 2, 6, 3, 7);
      const t2 = v128.shuffle<u32>(X2, X3, 0, 4, 1, 5), t3 = v128.shuffle<u32>(X2, X3, 2, 6, 3, 7);
      for (let j = 0; j < 4; j++) {
        const words = j == 0 ? v128.shuffle<u64>(t0, t2, 0, 2) : j == 1 ? v128.shuffle<u64>(t0, t2, 1, 3) : j == 2 ? v128.shuffle<u64>(t1, t3, 0, 2) : v128.shuffle<u64>(t1, t3, 1, 3);
        const q = <usize>(e + 4 * j) << 2;
        const on = f32x4.lt(f32x4.mul(f32x4.convert_i32x4_u(i32x4.shr_u(words, 8)), scale), v128.load(p + q));
        v128.store(out + q, v128.and(on, one));
        ones += <i32>popcnt<u32>(i32x4.bitmask(on));
      }
    }
  }
  for (; e < n; e += 4) {
    philox(<u32>(e >>> 2), stage, 0, 0, k0, k1);
    if (!f64 && e + 4 <= n) {
      const w = i32x4.shr_u(i32x4(<i32>OUT0, <i32>OUT1, <i32>OUT2, <i32>OUT3), 8);
      const uv = f32x4.mul(f32x4.convert_i32x4_u(w), scale);
      const on = f32x4.lt(uv, v128.load(p + (<usize>e << 2)));
      v128.store(out + (<usize>e << 2), v128.and(on, one));
      ones += <i32>popcnt<u32>(i32x4.bitmask(on));
      continue;
    }
    for (let l = 0; l < 4 && e + l < n; l++) {
      const word = l == 0 ? OUT0 : l == 1 ? OUT1 : l == 2 ? OUT2 : OUT3;
      const q = <usize>(e + l);
      let on: bool;
      if (f64) {
        on = counterUniformF64(word) < load<f64>(p + (q << 3));
        store<f64>(out + (q << 3), on ? 1 : 0);
      } else {
        on = counterUniformF32(word) < load<f32>(p + (q << 2));
        store<f32>(out + (q << 2), on ? 1 : 0);
      }
      ones += <i32>on;
    }
  }
  return ones;
}

/** out[j] = Σ_r (a[r·cols + j] − b[r·cols + j]) in f64, for rows × cols arrays of f32 or f64. */
export function columnDiffSums(out: usize, a: usize, b: usize, rows: i32, cols: i32, f64: bool): void {
  memory.fill(out, 0, <usize>cols << 3);
  for (let r = 0; r < rows; r++) {
    const base = <usize>r * <usize>cols;
    let j = 0;
    if (!f64) {
      // Four f32 columns at a time, widened to f64 before subtracting (exact, as in the scalar loop).
      for (; j + 4 <= cols; j += 4) {
        const x = v128.load(a + ((base + <usize>j) << 2)), y = v128.load(b + ((base + <usize>j) << 2));
        const o = out + (<usize>j << 3);
        const dl = f64x2.sub(f64x2.promote_low_f32x4(x), f64x2.promote_low_f32x4(y));
        const dh = f64x2.sub(f64x2.promote_low_f32x4(v128.shuffle<u32>(x, x, 2, 3, 0, 1)), f64x2.promote_low_f32x4(v128.shuffle<u32>(y, y, 2, 3, 0, 1)));
        v128.store(o, f64x2.add(v128.load(o), dl));
        v128.store(o, f64x2.add(v128.load(o, 16), dh), 16);
      }
    }
    for (; j < cols; j++) {
      const q = base + <usize>j;
      const d: f64 = f64 ? load<f64>(a + (q << 3)) - load<f64>(b + (q << 3)) : <f64>load<f32>(a + (q << 2)) - <f64>load<f32>(b + (q << 2));
      store<f64>(out + (<usize>j << 3), load<f64>(out + (<usize>j << 3)) + d);
    }
  }
}

/** out[j] += scale · Σ_r a[r·cols + j] in f64 (each row's value times scale, added row by row), for rows × cols a of f32 or f64. */
export function columnSums(out: usize, a: usize, rows: i32, cols: i32, f64: bool, scale: f64): void {
  for (let r = 0; r < rows; r++) {
    const base = <usize>r * <usize>cols;
    for (let j = 0; j < cols; j++) {
      const q = base + <usize>j;
      const x: f64 = f64 ? load<f64>(a + (q << 3)) : <f64>load<f32>(a + (q << 2));
      store<f64>(out + (<usize>j << 3), load<f64>(out + (<usize>j << 3)) + scale * x);
    }
  }
}

/** x[i] ← −x[i] for i < n (f32 or f64), by flipping sign bits. */
export function negate(x: usize, n: i32, f64: bool): void {
  const bytes = <usize>n << (f64 ? 3 : 2);
  const mask = f64 ? i64x2.splat(0x8000000000000000) : i32x4.splat(0x80000000);
  let q: usize = 0;
  for (; q + 16 <= bytes; q += 16) v128.store(x + q, v128.xor(v128.load(x + q), mask));
  for (; q < bytes; q += f64 ? 8 : 4) {
    if (f64) store<f64>(x + q, -load<f64>(x + q));
    else store<f32>(x + q, -load<f32>(x + q));
  }
}

/** Math.sign as the JavaScript optimiser uses it (sign(0) = 0). */
// @ts-ignore: decorator
@inline function sign(x: f64): f64 {
  return x > 0 ? 1 : x < 0 ? -1 : 0;
}

/**
 * The step on n parameters of type T: d = μ·v + η·(s·g − λ₂·θ − λ₁·sign θ),
 * θ' = θ + d, written to (tn, vn). g is T (gF64 false) or f64. Returns Σ d²
 * (of the stored d), or NaN when some θ' is not finite.
 */
export function updateScalar<T>(t: usize, tn: usize, v: usize, vn: usize, g: usize, gF64: bool, n: i32, s: f64, eta: f64, mu: f64, wd: f64, l1: f64): f64 {
  let norm: f64 = 0;
  let bad = false;
  for (let i = 0; i < n; i++) {
    const o = <usize>i * sizeof<T>();
    const theta = <f64>load<T>(t + o);
    const gi: f64 = gF64 ? load<f64>(g + (<usize>i << 3)) : <f64>load<T>(g + o);
    const d = <T>(mu * <f64>load<T>(v + o) + eta * (s * gi - wd * theta - l1 * sign(theta)));
    const nw = <T>(theta + <f64>d);
    store<T>(tn + o, nw);
    store<T>(vn + o, d);
    norm += <f64>d * <f64>d;
    bad = bad || !isFinite(nw);
  }
  return bad ? NaN : norm;
}

/** updateScalar<f32> for f32 weights with an f32 gradient, four lanes at a time (arithmetic in f32). */
export function updateF32(t: usize, tn: usize, v: usize, vn: usize, g: usize, n: i32, s: f64, eta: f64, mu: f64, wd: f64, l1: f64): f64 {
  const S = f32x4.splat(<f32>s), E = f32x4.splat(<f32>eta), M = f32x4.splat(<f32>mu);
  const WD = f32x4.splat(<f32>wd), L1 = f32x4.splat(<f32>l1), one = f32x4.splat(1), zero = f32x4.splat(0);
  const decay = wd != 0 || l1 != 0;
  let bad = zero, sq = zero;
  let i = 0;
  for (; i + 4 <= n; i += 4) {
    const o = <usize>i << 2;
    const th = v128.load(t + o);
    let gr = f32x4.mul(v128.load(g + o), S);
    if (decay) {
      const sg = f32x4.sub(v128.and(f32x4.gt(th, zero), one), v128.and(f32x4.lt(th, zero), one));
      gr = f32x4.sub(f32x4.sub(gr, f32x4.mul(WD, th)), f32x4.mul(L1, sg));
    }
    const d = f32x4.add(f32x4.mul(M, v128.load(v + o)), f32x4.mul(E, gr));
    const nw = f32x4.add(th, d);
    v128.store(tn + o, nw);
    v128.store(vn + o, d);
    bad = f32x4.add(bad, f32x4.sub(nw, nw));
    sq = f32x4.add(sq, f32x4.mul(d, d));
  }
  if (v128.any_true(f32x4.ne(bad, bad))) return NaN;
  let norm: f64 = <f64>f32x4.extract_lane(sq, 0) + <f64>f32x4.extract_lane(sq, 1) + <f64>f32x4.extract_lane(sq, 2) + <f64>f32x4.extract_lane(sq, 3);
  if (!isFinite(norm)) {
    // Σ d² overflowed f32 (|d| beyond ~1e19): sum the stored steps again in f64.
    norm = 0;
    for (let q = 0; q < i; q++) {
      const d = <f64>load<f32>(vn + (<usize>q << 2));
      norm += d * d;
    }
  }
  if (i < n) {
    const o = <usize>i << 2;
    norm += updateScalar<f32>(t + o, tn + o, v + o, vn + o, g + o, false, n - i, s, eta, mu, wd, l1);
  }
  return norm;
}

// One 4 × 4 f32 block: rows i..i+3 of src (stride cols) into rows j..j+3 of dst (stride rows).
// @ts-ignore: decorator
@inline function block4(dst: usize, src: usize, rows: usize, cols: usize, i: usize, j: usize): void {
  const s = src + ((i * cols + j) << 2), step = cols << 2;
  const r0 = v128.load(s), r1 = v128.load(s + step), r2 = v128.load(s + 2 * step), r3 = v128.load(s + 3 * step);
  const t0 = v128.shuffle<u32>(r0, r1, 0, 4, 1, 5), t1 = v128.shuffle<u32>(r0, r1, 2, 6, 3, 7);
  const t2 = v128.shuffle<u32>(r2, r3, 0, 4, 1, 5), t3 = v128.shuffle<u32>(r2, r3, 2, 6, 3, 7);
  const d = dst + ((j * rows + i) << 2), dstep = rows << 2;
  v128.store(d, v128.shuffle<u64>(t0, t2, 0, 2));
  v128.store(d + dstep, v128.shuffle<u64>(t0, t2, 1, 3));
  v128.store(d + 2 * dstep, v128.shuffle<u64>(t1, t3, 0, 2));
  v128.store(d + 3 * dstep, v128.shuffle<u64>(t1, t3, 1, 3));
}

/** dst (cols × rows) ← srcᵀ for src rows × cols (f32 or f64), in 16 × 16 tiles, f32 by 4 × 4 SIMD blocks. */
export function transpose(dst: usize, src: usize, rows: i32, cols: i32, f64: bool): void {
  for (let i0 = 0; i0 < rows; i0 += 16) {
    const i1 = min(rows, i0 + 16);
    for (let j0 = 0; j0 < cols; j0 += 16) {
      const j1 = min(cols, j0 + 16);
      if (!f64 && i1 - i0 == 16 && j1 - j0 == 16) {
        for (let i = i0; i < i1; i += 4) for (let j = j0; j < j1; j += 4) block4(dst, src, <usize>rows, <usize>cols, <usize>i, <usize>j);
        continue;
      }
      for (let i = i0; i < i1; i++) {
        for (let j = j0; j < j1; j++) {
          const from = <usize>i * <usize>cols + <usize>j, to = <usize>j * <usize>rows + <usize>i;
          if (f64) store<f64>(dst + (to << 3), load<f64>(src + (from << 3)));
          else store<f32>(dst + (to << 2), load<f32>(src + (from << 2)));
        }
      }
    }
  }
}
