/**
 * Helpers of the quality benchmark: exact RBM log-likelihoods with one log Z
 * per model, timing, and aligned report lines.
 */
import { exactLogZ, freeEnergyBatchInto } from '@stochnet/model';
import type { Plan } from '@stochnet/model';

/** A data set as the training loop takes it. */
export interface Rows {
  readonly values: Uint8Array;
  readonly rows: number;
  readonly cols: number;
}

/** Seconds since `t0` (from `now()`). */
export function since(t0: number): number {
  return (performance.now() - t0) / 1000;
}

/** The current time in milliseconds. */
export function now(): number {
  return performance.now();
}

/**
 * Exact mean log-likelihood of each data set under an RBM plan (float64):
 * log p(v) = −F(v) − log Z, with log Z enumerated once (2^min(nv, nh) states).
 */
export function rbmLogLikelihoods(plan: Plan, sets: readonly Rows[]): { values: number[]; logZSeconds: number } {
  const t0 = now();
  const logZ = exactLogZ(plan);
  const logZSeconds = since(t0);
  const values = sets.map((d) => {
    const fe = new Float64Array(d.rows);
    freeEnergyBatchInto(fe, plan, d.values, d.rows);
    let s = 0;
    for (let r = 0; r < d.rows; r++) s -= fe[r]!;
    return s / d.rows - logZ;
  });
  return { values, logZSeconds };
}

/** The mean log-likelihood of independent Bernoulli pixels fitted to `fit` (add-one smoothing), on `d`. */
export function independentBaseline(fit: Rows, d: Rows): number {
  const p = new Float64Array(fit.cols);
  for (let r = 0; r < fit.rows; r++) for (let i = 0; i < fit.cols; i++) p[i]! += fit.values[r * fit.cols + i]!;
  for (let i = 0; i < fit.cols; i++) p[i] = (p[i]! + 1) / (fit.rows + 2);
  let s = 0;
  for (let r = 0; r < d.rows; r++) for (let i = 0; i < d.cols; i++) s += Math.log(d.values[r * d.cols + i] === 1 ? p[i]! : 1 - p[i]!);
  return s / d.rows;
}

/** Formats a number with a fixed number of decimals, right-aligned to `width`. */
export function fmt(x: number, decimals = 2, width = 8): string {
  return x.toFixed(decimals).padStart(width);
}
