/**
 * Central finite-difference gradient checks (TESTING.md B.2): f′ ≈
 * (f(θ+h) − f(θ−h)) / 2h with h = 1e-5·max(1, |θ|), pass rule
 * |a − n| ≤ 1e-7 + 1e-6·|n| per component. Parameters are perturbed in place
 * and restored bit-exactly.
 */
import type { FloatArray } from '@stochnet/model';

/** One component that failed the pass rule. */
export interface FdFailure {
  /** Which parameter array (a label chosen by the caller). */
  readonly where: string;
  /** Index in that array. */
  readonly index: number;
  /** The analytic value under test. */
  readonly analytic: number;
  /** The central difference. */
  readonly numeric: number;
}

/** Absolute part of the pass rule. */
export const FD_ABS = 1e-7;
/** Relative part of the pass rule. */
export const FD_REL = 1e-6;

/** Whether an analytic value passes against a numeric one. */
export function fdPasses(analytic: number, numeric: number): boolean {
  return Math.abs(analytic - numeric) <= FD_ABS + FD_REL * Math.abs(numeric);
}

/** The central difference of f with respect to params[i]. */
export function centralDifference(params: FloatArray, i: number, f: () => number): number {
  const theta = params[i]!;
  const h = 1e-5 * Math.max(1, Math.abs(theta));
  params[i] = theta + h;
  const up = f();
  params[i] = theta - h;
  const down = f();
  params[i] = theta;
  return (up - down) / (2 * h);
}

/**
 * Checks every entry of `analytic` against central differences of f in the
 * matching entry of `params`, skipping indices where `skip(i)` holds (e.g.
 * masked weights). Returns the failures (empty when all pass).
 */
export function fdFailures(
  where: string,
  params: FloatArray,
  analytic: ArrayLike<number>,
  f: () => number,
  skip: (i: number) => boolean = () => false,
): FdFailure[] {
  const out: FdFailure[] = [];
  for (let i = 0; i < params.length; i++) {
    if (skip(i)) continue;
    const numeric = centralDifference(params, i, f);
    if (!fdPasses(analytic[i]!, numeric)) out.push({ where, index: i, analytic: analytic[i]!, numeric });
  }
  return out;
}

/** A copy of `g` with the entry of largest magnitude sign-flipped (a G7 negative control). */
export function flipLargest(g: Float64Array): Float64Array {
  const out = Float64Array.from(g);
  let k = 0;
  for (let i = 1; i < g.length; i++) if (Math.abs(g[i]!) > Math.abs(g[k]!)) k = i;
  out[k] = -out[k]!;
  return out;
}

/** The transpose of a square n×n row-major matrix (a G7 negative control). */
export function transposeSquare(g: Float64Array): Float64Array {
  const n = Math.round(Math.sqrt(g.length));
  if (n * n !== g.length) throw new RangeError('transposeSquare needs a square matrix');
  const out = new Float64Array(g.length);
  for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) out[j * n + i] = g[i * n + j]!;
  return out;
}
