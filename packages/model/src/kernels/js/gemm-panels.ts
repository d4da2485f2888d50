/**
 * The inner pieces of the blocked GEMM: packing blocks of op(A) and op(B) into
 * contiguous float64 micro-panels, and the 4×4 register-blocked micro-kernel.
 *
 * Packing absorbs both transposes, so the micro-kernel reads two unit-stride
 * streams whatever the layout of A and B, and it only ever sees Float64Array
 * (the same machine code serves float32 and float64 callers; values widen
 * exactly on packing and accumulate in float64 registers).
 *
 * @module
 */
import type { FloatArray } from '../../backend.js';

/** Rows of a micro-tile (rows of op(A) per micro-panel). */
export const MR = 4;
/** Columns of a micro-tile (columns of op(B) per micro-panel). */
export const NR = 4;

/**
 * Packs op(A)[ic .. ic+mc, pc .. pc+kc] into `dst` as ⌈mc/MR⌉ micro-panels of
 * kc·MR values, panel-major: `dst[panel·kc·MR + p·MR + r] = op(A)[ic + panel·MR + r, pc + p]`,
 * rows past mc padded with zeros.
 *
 * Shapes: A is m×k (k×m when `transA`), dst holds ⌈mc/MR⌉·MR·kc. Mutates: dst.
 * Allocates: nothing. Complexity: O(mc·kc).
 */
export function packA(
  dst: Float64Array,
  a: FloatArray,
  transA: boolean,
  m: number,
  k: number,
  ic: number,
  mc: number,
  pc: number,
  kc: number,
): void {
  let q = 0;
  for (let ir = 0; ir < mc; ir += MR) {
    const mr = Math.min(MR, mc - ir);
    if (transA) {
      // A stored k×m: the MR rows of op(A) at depth p are contiguous in a.
      for (let p = 0; p < kc; p++) {
        const src = (pc + p) * m + ic + ir;
        let r = 0;
        for (; r < mr; r++) dst[q + r] = a[src + r]!;
        for (; r < MR; r++) dst[q + r] = 0;
        q += MR;
      }
    } else {
      // A stored m×k: each row of op(A) is contiguous in a.
      for (let r = 0; r < MR; r++) {
        if (r < mr) {
          const src = (ic + ir + r) * k + pc;
          for (let p = 0; p < kc; p++) dst[q + p * MR + r] = a[src + p]!;
        } else {
          for (let p = 0; p < kc; p++) dst[q + p * MR + r] = 0;
        }
      }
      q += kc * MR;
    }
  }
}

/**
 * Packs op(B)[pc .. pc+kc, jc .. jc+nc] into `dst` as ⌈nc/NR⌉ micro-panels of
 * kc·NR values: `dst[panel·kc·NR + p·NR + c] = op(B)[pc + p, jc + panel·NR + c]`,
 * columns past nc padded with zeros.
 *
 * Shapes: B is k×n (n×k when `transB`), dst holds ⌈nc/NR⌉·NR·kc. Mutates: dst.
 * Allocates: nothing. Complexity: O(kc·nc).
 */
export function packB(
  dst: Float64Array,
  b: FloatArray,
  transB: boolean,
  n: number,
  k: number,
  pc: number,
  kc: number,
  jc: number,
  nc: number,
): void {
  let q = 0;
  for (let jr = 0; jr < nc; jr += NR) {
    const nr = Math.min(NR, nc - jr);
    if (transB) {
      // B stored n×k: each column of op(B) is contiguous in b.
      for (let c = 0; c < NR; c++) {
        if (c < nr) {
          const src = (jc + jr + c) * k + pc;
          for (let p = 0; p < kc; p++) dst[q + p * NR + c] = b[src + p]!;
        } else {
          for (let p = 0; p < kc; p++) dst[q + p * NR + c] = 0;
        }
      }
      q += kc * NR;
    } else {
      // B stored k×n: the NR columns of op(B) at depth p are contiguous in b.
      for (let p = 0; p < kc; p++) {
        const src = (pc + p) * n + jc + jr;
        let c = 0;
        for (; c < nr; c++) dst[q + c] = b[src + c]!;
        for (; c < NR; c++) dst[q + c] = 0;
        q += NR;
      }
    }
  }
}

/**
 * The 4×4 micro-kernel: `tile[r·NR + c] = Σ_p ap[aOff + p·MR + r] · bp[bOff + p·NR + c]`
 * over p < kc, with the sixteen sums held in locals (registers) so each
 * packed value loaded is used four times.
 *
 * Shapes: ap and bp hold kc·MR and kc·NR values from their offsets; tile
 * holds MR·NR. Mutates: tile. Allocates: nothing. Complexity: O(kc).
 */
function micro4x4(
  ap: Float64Array,
  aOff: number,
  bp: Float64Array,
  bOff: number,
  kc: number,
  tile: Float64Array,
): void {
  let c00 = 0, c01 = 0, c02 = 0, c03 = 0;
  let c10 = 0, c11 = 0, c12 = 0, c13 = 0;
  let c20 = 0, c21 = 0, c22 = 0, c23 = 0;
  let c30 = 0, c31 = 0, c32 = 0, c33 = 0;
  let ai = aOff, bi = bOff;
  for (let p = 0; p < kc; p++) {
    const a0 = ap[ai]!, a1 = ap[ai + 1]!, a2 = ap[ai + 2]!, a3 = ap[ai + 3]!;
    const b0 = bp[bi]!, b1 = bp[bi + 1]!, b2 = bp[bi + 2]!, b3 = bp[bi + 3]!;
    c00 += a0 * b0; c01 += a0 * b1; c02 += a0 * b2; c03 += a0 * b3;
    c10 += a1 * b0; c11 += a1 * b1; c12 += a1 * b2; c13 += a1 * b3;
    c20 += a2 * b0; c21 += a2 * b1; c22 += a2 * b2; c23 += a2 * b3;
    c30 += a3 * b0; c31 += a3 * b1; c32 += a3 * b2; c33 += a3 * b3;
    ai += MR;
    bi += NR;
  }
  tile[0] = c00; tile[1] = c01; tile[2] = c02; tile[3] = c03;
  tile[4] = c10; tile[5] = c11; tile[6] = c12; tile[7] = c13;
  tile[8] = c20; tile[9] = c21; tile[10] = c22; tile[11] = c23;
  tile[12] = c30; tile[13] = c31; tile[14] = c32; tile[15] = c33;
}

/**
 * Multiplies a packed mc×kc block of op(A) by a packed kc×nc block of op(B)
 * and adds `alpha` times the product into C at (ic, jc), one micro-tile at a
 * time, writing back only the tile entries inside C.
 *
 * Shapes: C is m×n row-major (leading dimension n). Mutates: c, tile.
 * Allocates: nothing. Complexity: O(mc·nc·kc).
 */
export function macroKernel(
  c: FloatArray,
  n: number,
  ic: number,
  mc: number,
  jc: number,
  nc: number,
  kc: number,
  alpha: number,
  ap: Float64Array,
  bp: Float64Array,
  tile: Float64Array,
): void {
  for (let jr = 0; jr < nc; jr += NR) {
    const nr = Math.min(NR, nc - jr);
    const bOff = (jr / NR) * kc * NR;
    for (let ir = 0; ir < mc; ir += MR) {
      const mr = Math.min(MR, mc - ir);
      micro4x4(ap, (ir / MR) * kc * MR, bp, bOff, kc, tile);
      for (let r = 0; r < mr; r++) {
        const row = (ic + ir + r) * n + jc + jr;
        const t = r * NR;
        for (let cc = 0; cc < nr; cc++) c[row + cc] = c[row + cc]! + alpha * tile[t + cc]!;
      }
    }
  }
}
