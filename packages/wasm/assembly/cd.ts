// A resident CD-k / PCD-k training session: W (nv × nh, row-major), Wᵀ, the biases
// b (visible) and c (hidden), their velocities and every batch buffer live
// in this instance's memory, laid out once by cdInit; cdStep runs a whole
// minibatch update:
//   ph0 = σ(v0·W + c); h0 ~ Bernoulli(ph0); for t = 1..k:
//   pv = σ(h·Wᵀ + b), ph = σ(pv·W + c), h ~ Bernoulli(ph) when t < k;
//   G = v0ᵀ·ph0 − pvᵀ·ph, gb = Σ(v0 − pv), gc = Σ(ph0 − ph);
//   d = μ·vel + η·(G/B − λ₂·W − λ₁·sign W) (biases without λ), θ += d.
// pcdStep runs PCD-k instead: the same positive phase without h0, and k
// steps of the persistent chains (v ~ σ(h·Wᵀ + b), h ~ σ(v·W + c)) in the
// negative phase, whose statistics use the chains' v and p(h | v):
//   G = v0ᵀ·ph0/B − vᵀ·ph/C, gb = Σv0/B − Σv/C, gc = Σph0/B − Σph/C.
// The new parameters and velocities go to second buffers, swapped in only
// when every new parameter is finite. Products with a 0/1 left factor use
// the selected-row kernels when the factor is sparse enough.

import { gemmF32, gemmF32Scratch } from './gemm-f32';
import { gemmF64, gemmF64Scratch } from './gemm-f64';
import { gemmDirectF32, gemmDirectF64 } from './gemm-direct';
import { biasSigmoidF32, biasSigmoidF64 } from './sigmoid';
import { selectRowsSum, selectedRowsOuter } from './binary';
import { columnDiffSums, columnSums, negate, sampleHidden, transpose, updateF32, updateScalar } from './cd-parts';

/** Largest fraction of ones for which the selected-row kernels replace gemm (as in the JavaScript fast path). */
const DENSITY_LIMIT: f64 = 0.4;
/** Products with m·n·k at or below this skip packing (as the gemm entry point does). */
const SMALL: i32 = 4096;
/** Binary batches of at least this many rows form v0ᵀ·ph0 by selected-row sums and subtract pvᵀ·ph; smaller ones run one stacked product. */
const STACK_ROWS: i32 = 32;

let NV = 0, NH = 0, CAP = 0, K = 1, CHAINS = 0;
let F64 = false;
let END: usize = 0;
// Parameters and velocities (current, next), Wᵀ, the weight gradient.
let W: usize = 0, WN: usize = 0, WT: usize = 0, G: usize = 0, VW: usize = 0, VWN: usize = 0;
let BV: usize = 0, BVN: usize = 0, VB: usize = 0, VBN: usize = 0;
let CH: usize = 0, CHN: usize = 0, VC: usize = 0, VCN: usize = 0;
// Batch buffers, stream uniforms, bias gradients (f64), index and gemm scratch.
// v0 and pv share one buffer (pv right after the batch's rows), as do ph0 and ph, so that
// [v0; −pv]ᵀ·[ph0; ph] is one product of depth 2·rows.
let V0: usize = 0, PH0: usize = 0, HS: usize = 0, U: usize = 0;
let GB: usize = 0, GC: usize = 0, IDX: usize = 0, GS: usize = 0;
// The persistent chains (PCD): states v (C × nv) and h (C × nh), and their probabilities.
let CV: usize = 0, CHS: usize = 0, CPV: usize = 0, CPH: usize = 0;

function take(count: usize, bytes: usize): usize {
  const p = END;
  END = (END + count * bytes + 63) & ~(<usize>63);
  return p;
}

/**
 * Lays out a session for an nv × nh RBM (f64 or f32), batches of at most
 * cap rows, k Gibbs steps and `chains` persistent chains (0: CD only),
 * from byte `base` on, growing the memory as needed. Returns the first
 * byte past the layout, or 0 when memory cannot grow.
 */
export function cdInit(nv: i32, nh: i32, f64: bool, cap: i32, k: i32, chains: i32, base: usize): usize {
  NV = nv; NH = nh; F64 = f64; CAP = cap; K = k; CHAINS = chains;
  END = (base + 63) & ~(<usize>63);
  const e: usize = f64 ? 8 : 4;
  const nw = <usize>nv * <usize>nh;
  W = take(nw, e); WN = take(nw, e); WT = take(nw, e); G = take(nw, e); VW = take(nw, e); VWN = take(nw, e);
  BV = take(nv, e); BVN = take(nv, e); VB = take(nv, e); VBN = take(nv, e);
  CH = take(nh, e); CHN = take(nh, e); VC = take(nh, e); VCN = take(nh, e);
  const cv = <usize>cap * <usize>nv, ch = <usize>cap * <usize>nh;
  V0 = take(2 * cv, e); PH0 = take(2 * ch, e); HS = take(ch, e);
  const c = <usize>chains;
  CV = take(c * <usize>nv, e); CHS = take(c * <usize>nh, e); CPV = take(c * <usize>nv, e); CPH = take(c * <usize>nh, e);
  // Stream uniforms: CD's k·cap·nh, or PCD's k·C·(nv + nh).
  U = take(max(<usize>k * ch, <usize>k * c * <usize>(nv + nh)), 8);
  GB = take(nv, 8); GC = take(nh, 8);
  const most = <usize>max(max(max(cap, chains), nv), nh);
  IDX = take(most + 1 + <usize>max(cap, chains) * <usize>max(nv, nh), 4);
  GS = take(<usize>(f64 ? gemmF64Scratch() : gemmF32Scratch()), 1);
  const have = <usize>memory.size() << 16;
  if (END > have && memory.grow(<i32>((END - have + 65535) >> 16)) < 0) return 0;
  return END;
}

/**
 * The address of a session array: 0 W, 1 b, 2 c, 3 W's velocity, 4 b's,
 * 5 c's (the current buffers), 6 the batch v0 (cap × nv), 7 the stream
 * uniforms (f64: k × cap × nh for CD, k × C × (nv + nh) for PCD), 8 the
 * chains' visible states (C × nv), 9 their hidden states (C × nh).
 */
export function cdPointer(which: i32): usize {
  switch (which) {
    case 0: return W;
    case 1: return BV;
    case 2: return CH;
    case 3: return VW;
    case 4: return VB;
    case 5: return VC;
    case 6: return V0;
    case 8: return CV;
    case 9: return CHS;
    default: return U;
  }
}

/** Refreshes Wᵀ after the caller wrote W. */
export function cdLoaded(): void {
  transpose(WT, W, NV, NH, F64);
}

// C ← alpha·op(A)·op(B) + beta·C, beta 0 or 1, choosing the unpacked path for small products.
function mm(c: usize, a: usize, b: usize, m: i32, n: i32, k: i32, tA: bool, tB: bool, alpha: f64, beta: f64): void {
  if (m <= 2 || <i64>m * <i64>n * <i64>k <= <i64>SMALL) {
    if (beta == 0) memory.fill(c, 0, <usize>m * <usize>n * (F64 ? 8 : 4));
    if (F64) gemmDirectF64(c, a, b, m, n, k, tA, tB, alpha);
    else gemmDirectF32(c, a, b, m, n, k, tA, tB, <f32>alpha);
  } else if (F64) gemmF64(c, a, b, m, n, k, tA, tB, alpha, beta, GS);
  else gemmF32(c, a, b, m, n, k, tA, tB, <f32>alpha, <f32>beta, GS);
}

// The number of ones in x[0 .. n) when every entry is 0 or 1, else −1.
function ones(x: usize, n: i32): i32 {
  let count = 0;
  for (let i = 0; i < n; i++) {
    const v: f64 = F64 ? load<f64>(x + (<usize>i << 3)) : <f64>load<f32>(x + (<usize>i << 2));
    if (v == 1) count++;
    else if (v != 0) return -1;
  }
  return count;
}

function sigmoidRows(x: usize, bias: usize, rows: i32, cols: i32): void {
  if (F64) biasSigmoidF64(x, x, bias, rows, cols);
  else biasSigmoidF32(x, x, bias, rows, cols);
}

/**
 * One CD-k update on the `rows` rows at cdPointer(6) with learning rate
 * eta, momentum mu, weight decay wd and L1 penalty l1; uniforms from
 * Philox4x32-10 under key (k0, k1) when counter, else from cdPointer(7)
 * (k·rows·nh of them: h0's, then step t's for t < k). Returns ‖Δθ‖, or −1
 * when some new parameter would not be finite (nothing is changed then).
 */
export function cdStep(rows: i32, eta: f64, mu: f64, wd: f64, l1: f64, counter: bool, k0: u32, k1: u32): f64 {
  const nv = NV, nh = NH, f64 = F64;
  const nvh = rows * nv, nhh = rows * nh;
  const PV = V0 + (<usize>nvh << (f64 ? 3 : 2)), PH = PH0 + (<usize>nhh << (f64 ? 3 : 2));
  const dataOnes = ones(V0, nvh);
  const select = dataOnes >= 0 && <f64>dataOnes <= DENSITY_LIMIT * <f64>nvh;
  if (select) selectRowsSum(PH0, V0, W, rows, nv, nh, f64, IDX);
  else mm(PH0, V0, W, rows, nh, nv, false, false, 1, 0);
  sigmoidRows(PH0, CH, rows, nh);
  let hOnes = sampleHidden(HS, PH0, nhh, f64, counter, 0, k0, k1, U);
  for (let t = 1; t <= K; t++) {
    if (<f64>hOnes <= DENSITY_LIMIT * <f64>nhh) selectRowsSum(PV, HS, WT, rows, nh, nv, f64, IDX);
    else mm(PV, HS, WT, rows, nv, nh, false, false, 1, 0);
    sigmoidRows(PV, BV, rows, nv);
    mm(PH, PV, W, rows, nh, nv, false, false, 1, 0);
    sigmoidRows(PH, CH, rows, nh);
    if (t < K) hOnes = sampleHidden(HS, PH, nhh, f64, counter, <u32>t, k0, k1, U + ((<usize>t * <usize>nhh) << 3));
  }
  columnDiffSums(GB, V0, PV, rows, nv, f64);
  columnDiffSums(GC, PH0, PH, rows, nh, f64);
  if (select && rows >= STACK_ROWS) {
    selectedRowsOuter(G, V0, PH0, rows, nv, nh, f64, IDX);
    mm(G, PV, PH, nv, nh, rows, true, false, -1, 1);
  } else {
    negate(PV, nvh, f64);
    mm(G, V0, PH0, nv, nh, 2 * rows, true, false, 1, 0);
  }
  return apply(rows, eta, mu, wd, l1);
}

// θ ← θ + d with d = μ·vel + η·(G/rows − λ₂·W − λ₁·sign W) (biases: gb/rows, gc/rows), into the
// second buffers; swaps them in and refreshes Wᵀ when every new parameter is finite. Returns ‖d‖ or −1.
function apply(rows: i32, eta: f64, mu: f64, wd: f64, l1: f64): f64 {
  const nv = NV, nh = NH, f64 = F64;
  const s = 1 / <f64>rows;
  const nw = nv * nh;
  let norm2 = f64
    ? updateScalar<f64>(W, WN, VW, VWN, G, false, nw, s, eta, mu, wd, l1)
    : updateF32(W, WN, VW, VWN, G, nw, s, eta, mu, wd, l1);
  norm2 += f64 ? updateScalar<f64>(BV, BVN, VB, VBN, GB, true, nv, s, eta, mu, 0, 0) : updateScalar<f32>(BV, BVN, VB, VBN, GB, true, nv, s, eta, mu, 0, 0);
  norm2 += f64 ? updateScalar<f64>(CH, CHN, VC, VCN, GC, true, nh, s, eta, mu, 0, 0) : updateScalar<f32>(CH, CHN, VC, VCN, GC, true, nh, s, eta, mu, 0, 0);
  if (isNaN(norm2)) return -1;
  let x = W; W = WN; WN = x;
  x = VW; VW = VWN; VWN = x;
  x = BV; BV = BVN; BVN = x;
  x = VB; VB = VBN; VBN = x;
  x = CH; CH = CHN; CHN = x;
  x = VC; VC = VCN; VCN = x;
  transpose(WT, W, nv, nh, f64);
  return Math.sqrt(norm2);
}

/**
 * One PCD-k update on the `rows` rows at cdPointer(6) and the persistent
 * chains at cdPointer(8) and (9), with learning rate eta, momentum mu,
 * weight decay wd and L1 penalty l1. Uniforms from Philox4x32-10 under key
 * (k0, k1) when counter (step t's visible draws at stage 2t − 2, its
 * hidden draws at 2t − 1), else from cdPointer(7): per step t, C·nv
 * visible draws then C·nh hidden ones. Returns ‖Δθ‖, or −1 when some new
 * parameter would not be finite (the parameters are unchanged then; the
 * chains have moved).
 */
export function pcdStep(rows: i32, eta: f64, mu: f64, wd: f64, l1: f64, counter: bool, k0: u32, k1: u32): f64 {
  const nv = NV, nh = NH, f64 = F64, C = CHAINS;
  const nvh = rows * nv;
  const cv = C * nv, ch = C * nh;
  const dataOnes = ones(V0, nvh);
  const select = dataOnes >= 0 && <f64>dataOnes <= DENSITY_LIMIT * <f64>nvh;
  if (select) selectRowsSum(PH0, V0, W, rows, nv, nh, f64, IDX);
  else mm(PH0, V0, W, rows, nh, nv, false, false, 1, 0);
  sigmoidRows(PH0, CH, rows, nh);
  let u = U;
  for (let t = 1; t <= K; t++) {
    const hOnes = ones(CHS, ch);
    if (hOnes >= 0 && <f64>hOnes <= DENSITY_LIMIT * <f64>ch) selectRowsSum(CPV, CHS, WT, C, nh, nv, f64, IDX);
    else mm(CPV, CHS, WT, C, nv, nh, false, false, 1, 0);
    sigmoidRows(CPV, BV, C, nv);
    const vOnes = sampleHidden(CV, CPV, cv, f64, counter, <u32>(2 * t - 2), k0, k1, u);
    u += <usize>cv << 3;
    if (<f64>vOnes <= DENSITY_LIMIT * <f64>cv) selectRowsSum(CPH, CV, W, C, nv, nh, f64, IDX);
    else mm(CPH, CV, W, C, nh, nv, false, false, 1, 0);
    sigmoidRows(CPH, CH, C, nh);
    sampleHidden(CHS, CPH, ch, f64, counter, <u32>(2 * t - 1), k0, k1, u);
    u += <usize>ch << 3;
  }
  // Unscaled, then scaled by 1/rows in apply: rows/C weighs the chains' statistics as 1/C.
  const r = <f64>rows / <f64>C;
  memory.fill(GB, 0, <usize>nv << 3);
  memory.fill(GC, 0, <usize>nh << 3);
  columnSums(GB, V0, rows, nv, f64, 1);
  columnSums(GB, CV, C, nv, f64, -r);
  columnSums(GC, PH0, rows, nh, f64, 1);
  columnSums(GC, CPH, C, nh, f64, -r);
  if (select) selectedRowsOuter(G, V0, PH0, rows, nv, nh, f64, IDX);
  else mm(G, V0, PH0, nv, nh, rows, true, false, 1, 0);
  mm(G, CV, CPH, nv, nh, C, true, false, -r, 1);
  return apply(rows, eta, mu, wd, l1);
}
