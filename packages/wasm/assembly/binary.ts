// Products with a 0/1 left factor, by selecting rows instead of multiplying:
// C = X·B sums, for each row of X, the rows of B it selects; G = Xᵀ·Y sums,
// for each column of X, the rows of Y it selects. Both build index lists of
// X's nonzeros once (CSR for X·B, CSC for Xᵀ·Y), then sum rows of the
// source in column blocks of 32 values held in eight vector accumulators,
// so a block of the source (k × 32 or rows × 32) stays in cache while every
// output row is formed. The result is the dense product's, summed in a
// different order (ascending index within each output entry).

/** Column-block width in bytes (eight v128 accumulators). */
const BLOCK: usize = 128;

// out[o, :] = Σ_{t ∈ [ptr[o], ptr[o+1])} src[idx[t], :] for o < outRows over `bytes` of each row; rows of out and src are `stride` bytes apart.
function sumSelected(out: usize, outRows: i32, ptr: usize, idx: usize, src: usize, bytes: usize, stride: usize, f64: bool): void {
  let q: usize = 0;
  for (; q + BLOCK <= bytes; q += BLOCK) {
    for (let o = 0; o < outRows; o++) {
      let a0 = v128.splat<i32>(0), a1 = a0, a2 = a0, a3 = a0, a4 = a0, a5 = a0, a6 = a0, a7 = a0;
      const end = load<i32>(ptr + (<usize>(o + 1) << 2));
      for (let t = load<i32>(ptr + (<usize>o << 2)); t < end; t++) {
        const s = src + <usize>load<i32>(idx + (<usize>t << 2)) * stride + q;
        if (f64) {
          a0 = f64x2.add(a0, v128.load(s)); a1 = f64x2.add(a1, v128.load(s, 16));
          a2 = f64x2.add(a2, v128.load(s, 32)); a3 = f64x2.add(a3, v128.load(s, 48));
          a4 = f64x2.add(a4, v128.load(s, 64)); a5 = f64x2.add(a5, v128.load(s, 80));
          a6 = f64x2.add(a6, v128.load(s, 96)); a7 = f64x2.add(a7, v128.load(s, 112));
        } else {
          a0 = f32x4.add(a0, v128.load(s)); a1 = f32x4.add(a1, v128.load(s, 16));
          a2 = f32x4.add(a2, v128.load(s, 32)); a3 = f32x4.add(a3, v128.load(s, 48));
          a4 = f32x4.add(a4, v128.load(s, 64)); a5 = f32x4.add(a5, v128.load(s, 80));
          a6 = f32x4.add(a6, v128.load(s, 96)); a7 = f32x4.add(a7, v128.load(s, 112));
        }
      }
      const d = out + <usize>o * stride + q;
      v128.store(d, a0); v128.store(d, a1, 16); v128.store(d, a2, 32); v128.store(d, a3, 48);
      v128.store(d, a4, 64); v128.store(d, a5, 80); v128.store(d, a6, 96); v128.store(d, a7, 112);
    }
  }
  // Then half a block (four vectors), one vector, single values.
  if (q + 64 <= bytes) {
    for (let o = 0; o < outRows; o++) {
      let a0 = v128.splat<i32>(0), a1 = a0, a2 = a0, a3 = a0;
      const end = load<i32>(ptr + (<usize>(o + 1) << 2));
      for (let t = load<i32>(ptr + (<usize>o << 2)); t < end; t++) {
        const s = src + <usize>load<i32>(idx + (<usize>t << 2)) * stride + q;
        if (f64) {
          a0 = f64x2.add(a0, v128.load(s)); a1 = f64x2.add(a1, v128.load(s, 16));
          a2 = f64x2.add(a2, v128.load(s, 32)); a3 = f64x2.add(a3, v128.load(s, 48));
        } else {
          a0 = f32x4.add(a0, v128.load(s)); a1 = f32x4.add(a1, v128.load(s, 16));
          a2 = f32x4.add(a2, v128.load(s, 32)); a3 = f32x4.add(a3, v128.load(s, 48));
        }
      }
      const d = out + <usize>o * stride + q;
      v128.store(d, a0); v128.store(d, a1, 16); v128.store(d, a2, 32); v128.store(d, a3, 48);
    }
    q += 64;
  }
  for (let o = 0; o < outRows; o++) {
    const start = load<i32>(ptr + (<usize>o << 2)), end = load<i32>(ptr + (<usize>(o + 1) << 2));
    const d = out + <usize>o * stride;
    let c = q;
    for (; c + 16 <= bytes; c += 16) {
      let a = v128.splat<i32>(0);
      for (let t = start; t < end; t++) {
        const s = v128.load(src + <usize>load<i32>(idx + (<usize>t << 2)) * stride + c);
        a = f64 ? f64x2.add(a, s) : f32x4.add(a, s);
      }
      v128.store(d + c, a);
    }
    const step: usize = f64 ? 8 : 4;
    for (; c < bytes; c += step) {
      if (f64) {
        let a: f64 = 0;
        for (let t = start; t < end; t++) a += load<f64>(src + <usize>load<i32>(idx + (<usize>t << 2)) * stride + c);
        store<f64>(d + c, a);
      } else {
        let a: f32 = 0;
        for (let t = start; t < end; t++) a += load<f32>(src + <usize>load<i32>(idx + (<usize>t << 2)) * stride + c);
        store<f32>(d + c, a);
      }
    }
  }
}

// Nonzero test of element i of x (f32 or f64).
// @ts-ignore: decorator
@inline function on(x: usize, i: usize, f64: bool): bool {
  return f64 ? load<f64>(x + (i << 3)) != 0 : load<f32>(x + (i << 2)) != 0;
}

/**
 * C (rows×n) ← X·B for X (rows×k) of 0/1 and B (k×n), all row-major; f64
 * selects the element type. scratch holds (rows + 1 + rows·k) i32.
 */
export function selectRowsSum(c: usize, x: usize, b: usize, rows: i32, k: i32, n: i32, f64: bool, scratch: usize): void {
  selectRowsSumCols(c, x, b, rows, k, n, f64, scratch, 0, n);
}

/** Columns j0 .. j1 of selectRowsSum alone, each entry summed as in the whole product. */
export function selectRowsSumCols(c: usize, x: usize, b: usize, rows: i32, k: i32, n: i32, f64: bool, scratch: usize, j0: i32, j1: i32): void {
  const ptr = scratch, idx = scratch + (<usize>(rows + 1) << 2);
  let nnz = 0;
  store<i32>(ptr, 0);
  for (let r = 0; r < rows; r++) {
    const base = <usize>r * <usize>k;
    for (let i = 0; i < k; i++) {
      if (on(x, base + <usize>i, f64)) {
        store<i32>(idx + (<usize>nnz << 2), i);
        nnz++;
      }
    }
    store<i32>(ptr + (<usize>(r + 1) << 2), nnz);
  }
  const sh: usize = f64 ? 3 : 2;
  sumSelected(c + (<usize>j0 << sh), rows, ptr, idx, b + (<usize>j0 << sh), <usize>(j1 - j0) << sh, <usize>n << sh, f64);
}

/**
 * G (k×n) ← Xᵀ·Y for X (rows×k) of 0/1 and Y (rows×n), all row-major; f64
 * selects the element type. scratch holds (k + 1 + rows·k) i32.
 */
export function selectedRowsOuter(g: usize, x: usize, y: usize, rows: i32, k: i32, n: i32, f64: bool, scratch: usize): void {
  selectedRowsOuterCols(g, x, y, rows, k, n, f64, scratch, 0, n);
}

/** Columns j0 .. j1 of selectedRowsOuter alone, each entry summed as in the whole product. */
export function selectedRowsOuterCols(g: usize, x: usize, y: usize, rows: i32, k: i32, n: i32, f64: bool, scratch: usize, j0: i32, j1: i32): void {
  const ptr = scratch, idx = scratch + (<usize>(k + 1) << 2);
  // Column counts, then starts (ptr[i] = first slot of column i), then fill.
  for (let i = 0; i <= k; i++) store<i32>(ptr + (<usize>i << 2), 0);
  for (let r = 0; r < rows; r++) {
    const base = <usize>r * <usize>k;
    for (let i = 0; i < k; i++) if (on(x, base + <usize>i, f64)) store<i32>(ptr + (<usize>(i + 1) << 2), load<i32>(ptr + (<usize>(i + 1) << 2)) + 1);
  }
  for (let i = 0; i < k; i++) store<i32>(ptr + (<usize>(i + 1) << 2), load<i32>(ptr + (<usize>(i + 1) << 2)) + load<i32>(ptr + (<usize>i << 2)));
  // Fill column lists in ascending row order, advancing ptr[i] as a cursor, then shift back.
  for (let r = 0; r < rows; r++) {
    const base = <usize>r * <usize>k;
    for (let i = 0; i < k; i++) {
      if (on(x, base + <usize>i, f64)) {
        const slot = load<i32>(ptr + (<usize>i << 2));
        store<i32>(idx + (<usize>slot << 2), r);
        store<i32>(ptr + (<usize>i << 2), slot + 1);
      }
    }
  }
  for (let i = k; i > 0; i--) store<i32>(ptr + (<usize>i << 2), load<i32>(ptr + (<usize>(i - 1) << 2)));
  store<i32>(ptr, 0);
  const sh: usize = f64 ? 3 : 2;
  sumSelected(g + (<usize>j0 << sh), k, ptr, idx, y + (<usize>j0 << sh), <usize>(j1 - j0) << sh, <usize>n << sh, f64);
}
