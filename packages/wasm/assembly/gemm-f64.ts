import { balanced } from './gemm-f32';

// Double-precision GEMM, the same arrangement as gemm-f32.ts with f64x2
// vectors: a 4×4 micro-tile held in eight f64x2 accumulators, so a packed
// row of op(B) (four f64) is the same 32 bytes as in the f32 kernel.

import { madd64 } from './madd';

/** Rows of a micro-tile. */
export const MR64: i32 = 4;
/** Columns of a micro-tile (two f64x2 vectors). */
export const NR64: i32 = 4;
/** Depth of a packed panel: KC·NR·8 = 8 KiB of op(B) stays in L1. */
export const KC64: i32 = 256;
/** Rows of op(A) packed at once: MC·KC·8 = 256 KiB, L2-resident. */
export const MC64: i32 = 128;
/** Columns of op(B) packed at once: KC·NC·8 = 1 MiB. */
export const NC64: i32 = 512;

/** Bytes of scratch gemmF64 needs: packed A, packed B and one tile. */
export function gemmF64Scratch(): i32 {
  return (MC64 * KC64 + KC64 * NC64 + MR64 * NR64) * 8;
}

// Packs op(A)[ic .. ic+mc, pc .. pc+kc] as micro-panels dst[panel][p][r], rows past mc zero.
function packA(dst: usize, a: usize, transA: bool, m: i32, k: i32, ic: i32, mc: i32, pc: i32, kc: i32): void {
  for (let ir = 0; ir < mc; ir += MR64) {
    const mr = min(MR64, mc - ir);
    if (transA) {
      // A stored k×m: the MR values of op(A) at depth p are contiguous.
      let src = a + ((<usize>pc * <usize>m + <usize>(ic + ir)) << 3);
      const stride = <usize>m << 3;
      if (mr == MR64) {
        for (let p = 0; p < kc; p++) {
          v128.store(dst, v128.load(src));
          v128.store(dst, v128.load(src, 16), 16);
          dst += 32;
          src += stride;
        }
      } else {
        for (let p = 0; p < kc; p++) {
          for (let r = 0; r < MR64; r++) store<f64>(dst + (<usize>r << 3), r < mr ? load<f64>(src + (<usize>r << 3)) : 0);
          dst += 32;
          src += stride;
        }
      }
    } else {
      // A stored m×k: each row of op(A) is contiguous; interleave MR rows.
      for (let r = 0; r < MR64; r++) {
        let d = dst + (<usize>r << 3);
        if (r < mr) {
          let src = a + ((<usize>(ic + ir + r) * <usize>k + <usize>pc) << 3);
          for (let p = 0; p < kc; p++) {
            store<f64>(d, load<f64>(src));
            d += 32;
            src += 8;
          }
        } else {
          for (let p = 0; p < kc; p++) {
            store<f64>(d, 0);
            d += 32;
          }
        }
      }
      dst += <usize>kc << 5;
    }
  }
}

// Packs op(B)[pc .. pc+kc, jc .. jc+nc] as micro-panels dst[panel][p][c], columns past nc zero.
function packB(dst: usize, b: usize, transB: bool, n: i32, k: i32, pc: i32, kc: i32, jc: i32, nc: i32): void {
  for (let jr = 0; jr < nc; jr += NR64) {
    const nr = min(NR64, nc - jr);
    if (transB) {
      // B stored n×k: each column of op(B) is contiguous; interleave NR columns.
      for (let c = 0; c < NR64; c++) {
        let d = dst + (<usize>c << 3);
        if (c < nr) {
          let src = b + ((<usize>(jc + jr + c) * <usize>k + <usize>pc) << 3);
          for (let p = 0; p < kc; p++) {
            store<f64>(d, load<f64>(src));
            d += 32;
            src += 8;
          }
        } else {
          for (let p = 0; p < kc; p++) {
            store<f64>(d, 0);
            d += 32;
          }
        }
      }
      dst += <usize>kc << 5;
    } else {
      // B stored k×n: the NR values of op(B) at depth p are contiguous.
      let src = b + ((<usize>pc * <usize>n + <usize>(jc + jr)) << 3);
      const stride = <usize>n << 3;
      if (nr == NR64) {
        for (let p = 0; p < kc; p++) {
          v128.store(dst, v128.load(src));
          v128.store(dst, v128.load(src, 16), 16);
          dst += 32;
          src += stride;
        }
      } else {
        for (let p = 0; p < kc; p++) {
          for (let c = 0; c < NR64; c++) store<f64>(dst + (<usize>c << 3), c < nr ? load<f64>(src + (<usize>c << 3)) : 0);
          dst += 32;
          src += stride;
        }
      }
    }
  }
}

// One 4×4 tile: dst rows (stride ldd bytes) ← alpha·Σ_p a[p]·b[p] (+ dst when accumulate).
// @ts-ignore: decorator
@inline function micro(ap: usize, bp: usize, kc: i32, dst: usize, ldd: usize, alpha: v128, accumulate: bool): void {
  let c00 = f64x2.splat(0), c01 = f64x2.splat(0);
  let c10 = f64x2.splat(0), c11 = f64x2.splat(0);
  let c20 = f64x2.splat(0), c21 = f64x2.splat(0);
  let c30 = f64x2.splat(0), c31 = f64x2.splat(0);
  for (let p = 0; p < kc; p++) {
    const b0 = v128.load(bp);
    const b1 = v128.load(bp, 16);
    let av = v128.load64_splat(ap);
    c00 = madd64(av, b0, c00);
    c01 = madd64(av, b1, c01);
    av = v128.load64_splat(ap, 8);
    c10 = madd64(av, b0, c10);
    c11 = madd64(av, b1, c11);
    av = v128.load64_splat(ap, 16);
    c20 = madd64(av, b0, c20);
    c21 = madd64(av, b1, c21);
    av = v128.load64_splat(ap, 24);
    c30 = madd64(av, b0, c30);
    c31 = madd64(av, b1, c31);
    ap += 32;
    bp += 32;
  }
  c00 = f64x2.mul(c00, alpha); c01 = f64x2.mul(c01, alpha);
  c10 = f64x2.mul(c10, alpha); c11 = f64x2.mul(c11, alpha);
  c20 = f64x2.mul(c20, alpha); c21 = f64x2.mul(c21, alpha);
  c30 = f64x2.mul(c30, alpha); c31 = f64x2.mul(c31, alpha);
  const d0 = dst, d1 = dst + ldd, d2 = d1 + ldd, d3 = d2 + ldd;
  if (accumulate) {
    c00 = f64x2.add(c00, v128.load(d0)); c01 = f64x2.add(c01, v128.load(d0, 16));
    c10 = f64x2.add(c10, v128.load(d1)); c11 = f64x2.add(c11, v128.load(d1, 16));
    c20 = f64x2.add(c20, v128.load(d2)); c21 = f64x2.add(c21, v128.load(d2, 16));
    c30 = f64x2.add(c30, v128.load(d3)); c31 = f64x2.add(c31, v128.load(d3, 16));
  }
  v128.store(d0, c00); v128.store(d0, c01, 16);
  v128.store(d1, c10); v128.store(d1, c11, 16);
  v128.store(d2, c20); v128.store(d2, c21, 16);
  v128.store(d3, c30); v128.store(d3, c31, 16);
}

// The macro-kernel: every tile of a packed mc×kc block of op(A) times a packed kc×nc block of op(B).
function macro(c: usize, n: i32, ic: i32, mc: i32, jc: i32, nc: i32, kc: i32, alpha: f64, accumulate: bool, ap: usize, bp: usize, tile: usize): void {
  const al = f64x2.splat(alpha);
  const ldc = <usize>n << 3;
  for (let jr = 0; jr < nc; jr += NR64) {
    const nr = min(NR64, nc - jr);
    const bOff = bp + (<usize>jr * <usize>kc << 3);
    for (let ir = 0; ir < mc; ir += MR64) {
      const mr = min(MR64, mc - ir);
      const aOff = ap + (<usize>ir * <usize>kc << 3);
      const dst = c + ((<usize>(ic + ir) * <usize>n + <usize>(jc + jr)) << 3);
      if (mr == MR64 && nr == NR64) {
        micro(aOff, bOff, kc, dst, ldc, al, accumulate);
      } else {
        micro(aOff, bOff, kc, tile, NR64 << 3, al, false);
        for (let r = 0; r < mr; r++) {
          for (let q = 0; q < nr; q++) {
            const to = dst + <usize>r * ldc + (<usize>q << 3);
            const t = load<f64>(tile + (<usize>(r * NR64 + q) << 3));
            store<f64>(to, accumulate ? load<f64>(to) + t : t);
          }
        }
      }
    }
  }
}

/**
 * C ← alpha·op(A)·op(B) + beta·C for f64 row-major matrices at byte
 * addresses c, a, b; scratch holds gemmF64Scratch() bytes. beta = 0 never
 * reads C. The caller handles m·n = 0, k = 0 and alpha = 0.
 */
export function gemmF64(c: usize, a: usize, b: usize, m: i32, n: i32, k: i32, transA: bool, transB: bool, alpha: f64, beta: f64, scratch: usize): void {
  gemmF64Block(c, a, b, m, n, k, transA, transB, alpha, beta, scratch, 0, m, 0, n);
}

/**
 * The block C[i0 .. i1, j0 .. j1] of gemmF64, alone (the rest of C is not
 * touched): every entry is formed by the same operations in the same order
 * as in the whole product (the depth blocking depends on k only), so
 * threads that split C into blocks produce the single-threaded result bit
 * for bit.
 */
export function gemmF64Block(c: usize, a: usize, b: usize, m: i32, n: i32, k: i32, transA: bool, transB: bool, alpha: f64, beta: f64, scratch: usize, i0: i32, i1: i32, j0: i32, j1: i32): void {
  if (beta != 0 && beta != 1) {
    const bv = f64x2.splat(beta);
    for (let i = i0; i < i1; i++) {
      const row = c + ((<usize>i * <usize>n) << 3);
      let j = j0;
      for (; j + 2 <= j1; j += 2) v128.store(row + (<usize>j << 3), f64x2.mul(v128.load(row + (<usize>j << 3)), bv));
      for (; j < j1; j++) store<f64>(row + (<usize>j << 3), load<f64>(row + (<usize>j << 3)) * beta);
    }
  }
  const ap = scratch;
  const bp = ap + ((<usize>MC64 * <usize>KC64) << 3);
  const tile = bp + ((<usize>KC64 * <usize>NC64) << 3);
  // Balanced blocks (784 = 4 × 196 rather than 3 × 256 + 16), MC and NC multiples of the tile.
  const kb = balanced(k, KC64, 1), mb = balanced(i1 - i0, MC64, MR64), nb = balanced(j1 - j0, NC64, NR64);
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
