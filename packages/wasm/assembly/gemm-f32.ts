// Single-precision GEMM, C ← alpha·op(A)·op(B) + beta·C, all row-major, in
// the GotoBLAS/BLIS arrangement: KC-deep panels of op(B) packed into NR-wide
// micro-panels, MC-tall blocks of op(A) packed into MR-tall micro-panels,
// and a 4×8 register-blocked SIMD micro-kernel (eight f32x4 accumulators,
// two B vectors and one broadcast A value: eleven of the sixteen vector
// registers of x86-64). Packing absorbs both transposes, so the micro-kernel
// always reads two unit-stride streams. Accumulation is in f32 (the
// conformance tolerance is 1e-5·√k relative for float32).

import { madd32 } from './madd';

/** Rows of a micro-tile. */
export const MR32: i32 = 4;
/** Columns of a micro-tile (two f32x4 vectors). */
export const NR32: i32 = 8;
/** Depth of a packed panel: KC·NR·4 = 8 KiB of op(B) stays in L1. */
export const KC32: i32 = 256;
/** Rows of op(A) packed at once: MC·KC·4 = 128 KiB, L2-resident. */
export const MC32: i32 = 128;
/** Columns of op(B) packed at once: KC·NC·4 = 512 KiB. */
export const NC32: i32 = 512;

/** Bytes of scratch gemmF32 needs: packed A, packed B and one tile. */
export function gemmF32Scratch(): i32 {
  return (MC32 * KC32 + KC32 * NC32 + MR32 * NR32) * 4;
}

// Packs op(A)[ic .. ic+mc, pc .. pc+kc] as micro-panels dst[panel][p][r], rows past mc zero.
function packA(dst: usize, a: usize, transA: bool, m: i32, k: i32, ic: i32, mc: i32, pc: i32, kc: i32): void {
  for (let ir = 0; ir < mc; ir += MR32) {
    const mr = min(MR32, mc - ir);
    if (transA) {
      // A stored k×m: the MR values of op(A) at depth p are contiguous.
      let src = a + ((<usize>pc * <usize>m + <usize>(ic + ir)) << 2);
      const stride = <usize>m << 2;
      if (mr == MR32) {
        for (let p = 0; p < kc; p++) {
          v128.store(dst, v128.load(src));
          dst += 16;
          src += stride;
        }
      } else {
        for (let p = 0; p < kc; p++) {
          for (let r = 0; r < MR32; r++) store<f32>(dst + (<usize>r << 2), r < mr ? load<f32>(src + (<usize>r << 2)) : 0);
          dst += 16;
          src += stride;
        }
      }
    } else {
      // A stored m×k: each row of op(A) is contiguous; interleave MR rows.
      for (let r = 0; r < MR32; r++) {
        let d = dst + (<usize>r << 2);
        if (r < mr) {
          let src = a + ((<usize>(ic + ir + r) * <usize>k + <usize>pc) << 2);
          for (let p = 0; p < kc; p++) {
            store<f32>(d, load<f32>(src));
            d += 16;
            src += 4;
          }
        } else {
          for (let p = 0; p < kc; p++) {
            store<f32>(d, 0);
            d += 16;
          }
        }
      }
      dst += <usize>kc << 4;
    }
  }
}

// Packs op(B)[pc .. pc+kc, jc .. jc+nc] as micro-panels dst[panel][p][c], columns past nc zero.
function packB(dst: usize, b: usize, transB: bool, n: i32, k: i32, pc: i32, kc: i32, jc: i32, nc: i32): void {
  for (let jr = 0; jr < nc; jr += NR32) {
    const nr = min(NR32, nc - jr);
    if (transB) {
      // B stored n×k: each column of op(B) is contiguous; interleave NR columns.
      for (let c = 0; c < NR32; c++) {
        let d = dst + (<usize>c << 2);
        if (c < nr) {
          let src = b + ((<usize>(jc + jr + c) * <usize>k + <usize>pc) << 2);
          for (let p = 0; p < kc; p++) {
            store<f32>(d, load<f32>(src));
            d += 32;
            src += 4;
          }
        } else {
          for (let p = 0; p < kc; p++) {
            store<f32>(d, 0);
            d += 32;
          }
        }
      }
      dst += <usize>kc << 5;
    } else {
      // B stored k×n: the NR values of op(B) at depth p are contiguous.
      let src = b + ((<usize>pc * <usize>n + <usize>(jc + jr)) << 2);
      const stride = <usize>n << 2;
      if (nr == NR32) {
        for (let p = 0; p < kc; p++) {
          v128.store(dst, v128.load(src));
          v128.store(dst, v128.load(src, 16), 16);
          dst += 32;
          src += stride;
        }
      } else {
        for (let p = 0; p < kc; p++) {
          for (let c = 0; c < NR32; c++) store<f32>(dst + (<usize>c << 2), c < nr ? load<f32>(src + (<usize>c << 2)) : 0);
          dst += 32;
          src += stride;
        }
      }
    }
  }
}

// One 4×8 tile: dst rows (stride ldd bytes) ← alpha·Σ_p a[p]·b[p] (+ dst when accumulate).
// @ts-ignore: decorator
@inline function micro(ap: usize, bp: usize, kc: i32, dst: usize, ldd: usize, alpha: v128, accumulate: bool): void {
  let c00 = f32x4.splat(0), c01 = f32x4.splat(0);
  let c10 = f32x4.splat(0), c11 = f32x4.splat(0);
  let c20 = f32x4.splat(0), c21 = f32x4.splat(0);
  let c30 = f32x4.splat(0), c31 = f32x4.splat(0);
  for (let p = 0; p < kc; p++) {
    const b0 = v128.load(bp);
    const b1 = v128.load(bp, 16);
    let av = v128.load32_splat(ap);
    c00 = madd32(av, b0, c00);
    c01 = madd32(av, b1, c01);
    av = v128.load32_splat(ap, 4);
    c10 = madd32(av, b0, c10);
    c11 = madd32(av, b1, c11);
    av = v128.load32_splat(ap, 8);
    c20 = madd32(av, b0, c20);
    c21 = madd32(av, b1, c21);
    av = v128.load32_splat(ap, 12);
    c30 = madd32(av, b0, c30);
    c31 = madd32(av, b1, c31);
    ap += 16;
    bp += 32;
  }
  c00 = f32x4.mul(c00, alpha); c01 = f32x4.mul(c01, alpha);
  c10 = f32x4.mul(c10, alpha); c11 = f32x4.mul(c11, alpha);
  c20 = f32x4.mul(c20, alpha); c21 = f32x4.mul(c21, alpha);
  c30 = f32x4.mul(c30, alpha); c31 = f32x4.mul(c31, alpha);
  const d0 = dst, d1 = dst + ldd, d2 = d1 + ldd, d3 = d2 + ldd;
  if (accumulate) {
    c00 = f32x4.add(c00, v128.load(d0)); c01 = f32x4.add(c01, v128.load(d0, 16));
    c10 = f32x4.add(c10, v128.load(d1)); c11 = f32x4.add(c11, v128.load(d1, 16));
    c20 = f32x4.add(c20, v128.load(d2)); c21 = f32x4.add(c21, v128.load(d2, 16));
    c30 = f32x4.add(c30, v128.load(d3)); c31 = f32x4.add(c31, v128.load(d3, 16));
  }
  v128.store(d0, c00); v128.store(d0, c01, 16);
  v128.store(d1, c10); v128.store(d1, c11, 16);
  v128.store(d2, c20); v128.store(d2, c21, 16);
  v128.store(d3, c30); v128.store(d3, c31, 16);
}

// The macro-kernel: every tile of a packed mc×kc block of op(A) times a packed kc×nc block of op(B).
function macro(c: usize, n: i32, ic: i32, mc: i32, jc: i32, nc: i32, kc: i32, alpha: f32, accumulate: bool, ap: usize, bp: usize, tile: usize): void {
  const al = f32x4.splat(alpha);
  const ldc = <usize>n << 2;
  for (let jr = 0; jr < nc; jr += NR32) {
    const nr = min(NR32, nc - jr);
    const bOff = bp + (<usize>jr * <usize>kc << 2);
    for (let ir = 0; ir < mc; ir += MR32) {
      const mr = min(MR32, mc - ir);
      const aOff = ap + (<usize>ir * <usize>kc << 2);
      const dst = c + ((<usize>(ic + ir) * <usize>n + <usize>(jc + jr)) << 2);
      if (mr == MR32 && nr == NR32) {
        micro(aOff, bOff, kc, dst, ldc, al, accumulate);
      } else {
        micro(aOff, bOff, kc, tile, NR32 << 2, al, false);
        for (let r = 0; r < mr; r++) {
          for (let q = 0; q < nr; q++) {
            const to = dst + <usize>r * ldc + (<usize>q << 2);
            const t = load<f32>(tile + (<usize>(r * NR32 + q) << 2));
            store<f32>(to, accumulate ? load<f32>(to) + t : t);
          }
        }
      }
    }
  }
}

/** The block size for `len` in blocks of at most `max`: equal blocks, each a multiple of `unit`. */
export function balanced(len: i32, max: i32, unit: i32): i32 {
  const blocks = (len + max - 1) / max;
  const size = (len + blocks - 1) / blocks;
  return min(max, (size + unit - 1) / unit * unit);
}

/**
 * C ← alpha·op(A)·op(B) + beta·C for f32 row-major matrices at byte
 * addresses c, a, b; scratch holds gemmF32Scratch() bytes. beta = 0 never
 * reads C. The caller handles m·n = 0, k = 0 and alpha = 0.
 */
export function gemmF32(c: usize, a: usize, b: usize, m: i32, n: i32, k: i32, transA: bool, transB: bool, alpha: f32, beta: f32, scratch: usize): void {
  gemmF32Block(c, a, b, m, n, k, transA, transB, alpha, beta, scratch, 0, m, 0, n);
}

/**
 * The block C[i0 .. i1, j0 .. j1] of gemmF32, alone (the rest of C is not
 * touched): every entry is formed by the same operations in the same order
 * as in the whole product (the depth blocking depends on k only), so
 * threads that split C into blocks produce the single-threaded result bit
 * for bit.
 */
export function gemmF32Block(c: usize, a: usize, b: usize, m: i32, n: i32, k: i32, transA: bool, transB: bool, alpha: f32, beta: f32, scratch: usize, i0: i32, i1: i32, j0: i32, j1: i32): void {
  if (beta != 0 && beta != 1) {
    const bv = f32x4.splat(beta);
    for (let i = i0; i < i1; i++) {
      const row = c + ((<usize>i * <usize>n) << 2);
      let j = j0;
      for (; j + 4 <= j1; j += 4) v128.store(row + (<usize>j << 2), f32x4.mul(v128.load(row + (<usize>j << 2)), bv));
      for (; j < j1; j++) store<f32>(row + (<usize>j << 2), load<f32>(row + (<usize>j << 2)) * beta);
    }
  }
  const ap = scratch;
  const bp = ap + ((<usize>MC32 * <usize>KC32) << 2);
  const tile = bp + ((<usize>KC32 * <usize>NC32) << 2);
  // Balanced blocks (784 = 4 × 196 rather than 3 × 256 + 16), MC and NC multiples of the tile.
  const kb = balanced(k, KC32, 1), mb = balanced(i1 - i0, MC32, MR32), nb = balanced(j1 - j0, NC32, NR32);
  for (let jc = j0; jc < j1; jc += nb) {
    const nc = min(nb, j1 - jc);
    for (let pc = 0; pc < k; pc += kb) {
      const kc = min(kb, k - pc);
      const accumulate = pc > 0 || beta != 0;
      packB(bp, b, transB, n, k, pc, kc, jc, nc);
      for (let ic = i0; ic < i1; ic += mb) {
        const mc = min(mb, i1 - ic);
        packA(ap, a, transA, m, k, ic, mc, pc, kc);
        macro(c, n, ic, mc, jc, nc, kc, alpha, accumulate, ap, bp, tile);
      }
    }
  }
}
