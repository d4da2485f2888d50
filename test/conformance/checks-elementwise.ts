/**
 * Conformance checks for the element-wise kernels (biasSigmoid, addBias,
 * bernoulli, softplusRowSums), including the exact tail values and the
 * Bernoulli edge cases p = 0 and p = 1.
 */
import type { Rng } from '@stochnet/graph';
import type { Backend, Dtype, FloatArray } from '@stochnet/model';
import {
  type Outcome,
  PASS,
  alloc,
  compare,
  epsilon,
  fail,
  firstFailure,
  randomArray,
  refSigmoid,
  refSigmoidTanh,
  refSoftplus,
  unchanged,
} from './reference.js';
import { sumTolerance } from './checks-dense.js';

const GUARD = 3;
const EXTREMES = [800, -800, 745, -745, 40, -40, 0];

/** Uniforms in [lo, hi) with every seventh entry replaced by an extreme logit. */
function logits(rng: Rng, dtype: Dtype, len: number, lo: number, hi: number): FloatArray {
  const x = randomArray(rng, dtype, len, lo, hi);
  for (let i = 3; i < len; i += 7) x[i] = EXTREMES[(i / 7) % EXTREMES.length | 0]!;
  return x;
}

/** Shape of an element-wise case; `alias` runs biasSigmoid in place (out === x). */
export interface ElementwiseCase {
  readonly dtype: Dtype;
  readonly rows: number;
  readonly cols: number;
  readonly alias?: boolean;
}

/**
 * biasSigmoid against σ(x + bias) in float64 with full relative accuracy in
 * both tails; in place when `alias`, where it must also equal the
 * out-of-place result bit for bit.
 */
export function checkBiasSigmoid(backend: Backend, rng: Rng, t: ElementwiseCase): Outcome {
  const { dtype, rows, cols } = t;
  const len = rows * cols;
  const x = logits(rng, dtype, len + GUARD, -12, 12);
  const bias = randomArray(rng, dtype, cols, -2, 2);
  const x0 = x.slice();
  const ref = new Float64Array(len), z = new Float64Array(len);
  for (let i = 0; i < len; i++) {
    z[i] = x0[i]! + bias[i % cols]!;
    ref[i] = refSigmoid(z[i]!);
  }
  const tol = (i: number): number => {
    const r = ref[i]!, az = Math.abs(z[i]!);
    return dtype === 'float64' ? r * epsilon('float64') * (8 + 2 * az) : r * (2e-6 + 1e-7 * az) + 1.5e-45;
  };
  const label = `biasSigmoid ${dtype} ${rows}×${cols}${t.alias ? ' in place' : ''}`;
  if (!t.alias) {
    const out = alloc(dtype, len + GUARD).fill(7);
    const out0 = out.slice();
    backend.biasSigmoid(out, x, bias, rows, cols);
    return firstFailure([
      compare(label, out, ref, len, tol),
      unchanged(`${label} guard`, out0, out, len),
      unchanged(`${label} input x`, x0, x),
    ]);
  }
  const separate = alloc(dtype, len);
  backend.biasSigmoid(separate, x0.slice(), bias, rows, cols);
  backend.biasSigmoid(x, x, bias, rows, cols);
  return firstFailure([
    compare(label, x, ref, len, tol),
    unchanged(`${label} equals out-of-place`, separate, x.subarray(0, len)),
    unchanged(`${label} guard`, x0, x, len),
  ]);
}

/**
 * The logistic's tails are exact and never NaN: σ(800) = σ(745) = 1,
 * σ(−800) = 0, σ(−745) is 0 or the smallest subnormal (its correctly rounded
 * float64 value is 4.9e−324; 0 in float32); near the middle σ agrees with
 * the independent tanh form to 1e-15 (float64) absolute.
 */
export function checkSigmoidTails(backend: Backend, dtype: Dtype): Outcome {
  const x = alloc(dtype, 8);
  x.set([800, -800, 745, -745, 1000, -1000, 0.5, -3]);
  const out = alloc(dtype, 8);
  backend.biasSigmoid(out, x, alloc(dtype, 1), 8, 1);
  const label = `biasSigmoid ${dtype} tails`;
  if (out.some((v) => Number.isNaN(v))) return fail(`${label}: NaN in ${Array.from(out).join(', ')}`);
  if (out[0] !== 1 || out[2] !== 1 || out[4] !== 1) return fail(`${label}: σ(800), σ(745), σ(1000) = ${out[0]}, ${out[2]}, ${out[4]}, want 1`);
  if (out[1] !== 0 || out[5] !== 0) return fail(`${label}: σ(−800), σ(−1000) = ${out[1]}, ${out[5]}, want 0`);
  const lowest = dtype === 'float32' ? 0 : Number.MIN_VALUE;
  if (!(out[3]! >= 0 && out[3]! <= lowest)) return fail(`${label}: σ(−745) = ${out[3]}, want 0 or ${lowest}`);
  const tol = dtype === 'float64' ? 1e-15 : 1e-7;
  for (const i of [6, 7]) {
    const want = refSigmoidTanh(x[i]!);
    if (!(Math.abs(out[i]! - want) <= tol)) return fail(`${label}: σ(${x[i]}) = ${out[i]}, want ${want}`);
  }
  return PASS;
}

/** addBias against x + bias in float64, to one unit of the dtype's rounding. */
export function checkAddBias(backend: Backend, rng: Rng, t: ElementwiseCase): Outcome {
  const { dtype, rows, cols } = t;
  const len = rows * cols;
  const x = randomArray(rng, dtype, len + GUARD, -5, 5);
  const bias = randomArray(rng, dtype, cols, -5, 5);
  const x0 = x.slice();
  const ref = new Float64Array(len);
  for (let i = 0; i < len; i++) ref[i] = x0[i]! + bias[i % cols]!;
  backend.addBias(x, bias, rows, cols);
  const label = `addBias ${dtype} ${rows}×${cols}`;
  return firstFailure([
    compare(label, x, ref, len, (i) => epsilon(dtype) * Math.abs(ref[i]!)),
    unchanged(`${label} guard`, x0, x, len),
  ]);
}

/** The element type of a Bernoulli output buffer. */
export type BernoulliOut = Dtype | 'uint8';

function allocOut(kind: BernoulliOut, len: number): FloatArray | Uint8Array {
  return kind === 'uint8' ? new Uint8Array(len) : alloc(kind, len);
}

/**
 * bernoulli on random p and u (a tenth of p exactly 0, a tenth exactly 1,
 * some u exactly equal to p): every draw must equal `u < p ? 1 : 0` exactly.
 */
export function checkBernoulli(backend: Backend, rng: Rng, dtype: Dtype, out: BernoulliOut, n: number): Outcome {
  const p = randomArray(rng, dtype, n, 0, 1), u = randomArray(rng, dtype, n, 0, 1);
  for (let i = 0; i < n; i++) {
    const r = rng.nextDouble();
    if (r < 0.1) p[i] = 0;
    else if (r < 0.2) p[i] = 1;
    else if (r < 0.3) u[i] = p[i]!;
  }
  const o = allocOut(out, n + GUARD).fill(7);
  const o0 = o.slice();
  const ref = new Float64Array(n);
  for (let i = 0; i < n; i++) ref[i] = u[i]! < p[i]! ? 1 : 0;
  backend.bernoulli(o, p, u, n);
  const label = `bernoulli ${dtype} → ${out}, n = ${n}`;
  return firstFailure([compare(label, o, ref, n, () => 0), unchanged(`${label} guard`, o0, o, n)]);
}

/**
 * The exact edges: p = 0 never fires (u = 0 included), p = 1 always fires
 * (u = the largest uniform below 1: 1 − 2^−53 in float64, 1 − 2^−24 in
 * float32), and u = p does not fire.
 */
export function checkBernoulliEdges(backend: Backend, dtype: Dtype, out: BernoulliOut): Outcome {
  const top = dtype === 'float64' ? 1 - 2 ** -53 : 1 - 2 ** -24;
  const below = dtype === 'float64' ? 0.5 - 2 ** -54 : 0.5 - 2 ** -25;
  const p = alloc(dtype, 9), u = alloc(dtype, 9);
  p.set([0, 0, 0, 1, 1, 1, 0.5, 0.5, 0.25]);
  u.set([0, 0.5, top, 0, 0.5, top, 0.5, below, 0.25]);
  const want = [0, 0, 0, 1, 1, 1, 0, 1, 0];
  const o = allocOut(out, 9);
  backend.bernoulli(o, p, u, 9);
  const label = `bernoulli ${dtype} → ${out} edges (p = 0, p = 1, u = p)`;
  return compare(label, o, want, 9, () => 0);
}

/** softplusRowSums against Σ softplus(x) in float64 (terms include ±800 and ±745). */
export function checkSoftplusRowSums(backend: Backend, rng: Rng, t: ElementwiseCase): Outcome {
  const { dtype, rows, cols } = t;
  const x = logits(rng, dtype, rows * cols, -20, 20);
  const out = new Float64Array(rows + GUARD).fill(7);
  const out0 = out.slice();
  const ref = new Float64Array(rows);
  for (let r = 0; r < rows; r++) {
    let s = 0;
    for (let j = 0; j < cols; j++) s += refSoftplus(x[r * cols + j]!);
    ref[r] = s;
  }
  backend.softplusRowSums(out, x, rows, cols);
  const label = `softplusRowSums ${dtype} ${rows}×${cols}`;
  return firstFailure([
    compare(label, out, ref, rows, (i) => sumTolerance(dtype, cols, ref[i]!)),
    unchanged(`${label} guard`, out0, out, rows),
  ]);
}

/** Exact sums at the extremes: [800, −800] → 800, [745, −745] → 745, [−800, −800] → 0, [−1000, −1000] → 0, [1000, 1000] → 2000. */
export function checkSoftplusTails(backend: Backend, dtype: Dtype): Outcome {
  const x = alloc(dtype, 10);
  x.set([800, -800, 745, -745, -800, -800, -1000, -1000, 1000, 1000]);
  const out = new Float64Array(5);
  backend.softplusRowSums(out, x, 5, 2);
  return compare(`softplusRowSums ${dtype} tails`, out, [800, 745, 0, 0, 2000], 5, () => 0);
}

/**
 * Sums accumulate in float64 even for float32 input: 2^17 zeros sum to
 * 2^17·ln 2 within 1e-6 relative (float32 accumulation is off by ~1e-3).
 */
export function checkSoftplusAccumulation(backend: Backend): Outcome {
  const n = 2 ** 17;
  const out = new Float64Array(1);
  backend.softplusRowSums(out, new Float32Array(n), 1, n);
  const want = n * Math.LN2;
  return compare('softplusRowSums float32 accumulation', out, [want], 1, () => 1e-6 * want);
}
