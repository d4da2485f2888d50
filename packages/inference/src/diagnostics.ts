/**
 * Mixing diagnostics: chain energies, autocorrelations, the integrated
 * autocorrelation time and the effective sample size of a trace.
 *
 * @module
 */
import { NonFiniteError, ShapeError, ValidationError } from '@stochnet/graph';
import { energy } from '@stochnet/model';
import type { FloatArray } from '@stochnet/model';
import { autocovariances } from './autocovariance.js';
import { checkGibbsState } from './gibbs-init.js';
import type { GibbsState } from './gibbs-init.js';

/** @internal Energies of every chain into out[offset ..], using `row` (plan.size) as scratch. */
export function energiesAt(out: Float64Array, offset: number, state: GibbsState, row: FloatArray): void {
  const n = state.plan.size;
  for (let c = 0; c < state.chains; c++) {
    for (let i = 0; i < n; i++) row[i] = state.states[c * n + i]!;
    out[offset + c] = energy(state.plan, row);
  }
}

/**
 * Writes the energy of every chain's current state into `out`.
 *
 * @remarks
 * E(s) = −Σ_{i<j} W_ij s_i s_j − Σ_i b_i s_i (the model's `energy`), one per
 * chain; a trace of these over sweeps is the usual scalar summary for
 * {@link effectiveSampleSize}.
 *
 * @param out - destination, one entry per chain
 * @param state - the chains
 * @returns `out`
 * @throws ShapeError when out does not hold one entry per chain
 * @throws GraphStructureError when the plan is not rbm or boltzmann (energy is undefined)
 * @throws BinaryDataError when a chain holds mean-field values (energy needs 0/1 states)
 *
 * @example
 * ```ts
 * import { boltzmann } from '@stochnet/graph';
 * import { compile } from '@stochnet/model';
 * import { chainEnergiesInto, initGibbs } from '@stochnet/inference';
 * const state = initGibbs(compile(boltzmann(4, { seed: 1 })), { chains: 3, seed: 1 });
 * console.log(Array.from(chainEnergiesInto(new Float64Array(3), state))); // [0, 0, 0]: all-zero starts
 * ```
 */
export function chainEnergiesInto(out: Float64Array, state: GibbsState): Float64Array {
  const fn = 'chainEnergiesInto';
  checkGibbsState(fn, state);
  if (!(out instanceof Float64Array) || out.length !== state.chains) {
    throw new ShapeError(`${fn}: out must be a Float64Array of length ${state.chains} (one per chain)`, {
      function: fn,
      argument: 'out',
      expected: state.chains,
      received: out instanceof Float64Array ? out.length : typeof out,
    });
  }
  energiesAt(out, 0, state, state.plan.dtype === 'float64' ? new Float64Array(state.plan.size) : new Float32Array(state.plan.size));
  return out;
}

function checkTrace(fn: string, trace: unknown): asserts trace is ArrayLike<number> {
  const t = trace as ArrayLike<number> | null;
  if (t === null || typeof t !== 'object' || typeof t.length !== 'number') {
    throw new ValidationError(`${fn}: trace must be an array or typed array of numbers`, { function: fn, argument: 'trace' });
  }
  if (t.length < 4) {
    throw new ShapeError(`${fn}: trace has ${t.length} values; give at least 4`, { function: fn, argument: 'trace', expected: 4, received: t.length });
  }
  for (let i = 0; i < t.length; i++) {
    const v = t[i];
    if (typeof v !== 'number' || !Number.isFinite(v)) {
      throw new NonFiniteError(`${fn}: trace[${i}] is ${String(v)}; every value must be a finite number`, { function: fn, argument: 'trace', index: i, received: v });
    }
  }
}

/**
 * The sample autocorrelations ρ_0 = 1, ρ_1, …, ρ_maxLag of a trace.
 *
 * @remarks
 * ρ_k = γ_k / γ_0 with the biased autocovariance γ_k = (1/n) Σ_{t<n−k}
 * (x_t − x̄)(x_{t+k} − x̄), computed by FFT in O(n log n). A constant trace
 * has no autocorrelation: every entry is NaN.
 *
 * @param trace - the series, at least 4 finite values
 * @param maxLag - the largest lag, 0 ≤ maxLag < trace.length; default min(n − 1, 100)
 * @returns ρ_0..ρ_maxLag
 * @throws ShapeError when the trace is shorter than 4 or maxLag is out of range
 * @throws NonFiniteError naming the index of a NaN or infinite value
 *
 * @example
 * ```ts
 * import { autocorrelation } from '@stochnet/inference';
 * const r = autocorrelation([0, 1, 0, 1, 0, 1, 0, 1], 1);
 * console.log(r[0], r[1]); // 1 -0.875
 * ```
 */
export function autocorrelation(trace: ArrayLike<number>, maxLag?: number): Float64Array {
  const fn = 'autocorrelation';
  checkTrace(fn, trace);
  const n = trace.length;
  const lag = maxLag ?? Math.min(n - 1, 100);
  if (typeof lag !== 'number' || !Number.isSafeInteger(lag) || lag < 0 || lag >= n) {
    throw new ShapeError(`${fn}: maxLag must be an integer in 0..${n - 1}, got ${String(maxLag)}`, { function: fn, argument: 'maxLag', received: maxLag });
  }
  const g = autocovariances(trace);
  const out = new Float64Array(lag + 1);
  for (let k = 0; k <= lag; k++) out[k] = g[0] === 0 ? Number.NaN : g[k]! / g[0]!;
  return out;
}

/**
 * The integrated autocorrelation time τ = 1 + 2 Σ_{k≥1} ρ_k of a trace, by
 * Geyer's initial positive sequence estimator.
 *
 * @remarks
 * Geyer (1992, "Practical Markov chain Monte Carlo", Statistical Science
 * 7:473–511): with pair sums Γ_m = ρ_{2m} + ρ_{2m+1} (positive for any
 * reversible chain), τ̂ = −1 + 2 Σ_{m=0}^{M} Γ̂_m, where M is the last m
 * before the first non-positive Γ̂_m. ρ̂ are the biased sample
 * autocorrelations (see {@link autocorrelation}). τ̂ is floored at
 * 1/log10(n) (as Stan does), so the effective sample size n/τ̂ never exceeds
 * n·log10(n) for strongly antithetic traces. A constant trace gives NaN.
 *
 * @param trace - the series, at least 4 finite values
 * @returns τ̂ (1 for independent draws; larger for correlated ones)
 * @throws ShapeError when the trace is shorter than 4
 * @throws NonFiniteError naming the index of a NaN or infinite value
 *
 * @example
 * ```ts
 * import { createRng } from '@stochnet/graph';
 * import { integratedAutocorrelationTime } from '@stochnet/inference';
 * const rng = createRng('iat');
 * const x = new Float64Array(10000);
 * for (let t = 1; t < x.length; t++) x[t] = 0.5 * x[t - 1]! + rng.nextNormal();
 * console.log(Math.abs(integratedAutocorrelationTime(x) - 3) < 0.5); // true: (1 + ρ)/(1 − ρ) = 3
 * ```
 */
export function integratedAutocorrelationTime(trace: ArrayLike<number>): number {
  const fn = 'integratedAutocorrelationTime';
  checkTrace(fn, trace);
  return iat(trace);
}

function iat(trace: ArrayLike<number>): number {
  const n = trace.length;
  const g = autocovariances(trace);
  const g0 = g[0]!;
  if (g0 === 0) return Number.NaN;
  let sum = 0;
  for (let m = 0; 2 * m + 1 < n; m++) {
    const pair = (g[2 * m]! + g[2 * m + 1]!) / g0;
    if (!(pair > 0)) break;
    sum += pair;
  }
  return Math.max(-1 + 2 * sum, 1 / Math.log10(n));
}

/**
 * The effective sample size n / τ̂ of a trace (Geyer's initial positive
 * sequence estimator of τ, see {@link integratedAutocorrelationTime}).
 *
 * @remarks
 * For an AR(1) trace x_t = ρ x_{t−1} + ε_t the true value is n(1 − ρ)/(1 + ρ).
 * The estimate is capped at n·log10(n). To summarise several chains, compute
 * it per chain (e.g. on each chain's column of a `runGibbs` energy trace).
 *
 * @param trace - the series, at least 4 finite values
 * @returns the effective sample size (NaN for a constant trace)
 * @throws ShapeError when the trace is shorter than 4
 * @throws NonFiniteError naming the index of a NaN or infinite value
 *
 * @example
 * ```ts
 * import { boltzmann } from '@stochnet/graph';
 * import { compile } from '@stochnet/model';
 * import { effectiveSampleSize, initGibbs, runGibbs } from '@stochnet/inference';
 * const state = initGibbs(compile(boltzmann(6, { seed: 3 })), { seed: 'ess' });
 * const run = runGibbs(state, 2000, { trace: 'energy' });
 * const ess = effectiveSampleSize(run.energy!);
 * console.log(ess > 100 && ess <= 2000 * Math.log10(2000)); // true
 * ```
 */
export function effectiveSampleSize(trace: ArrayLike<number>): number {
  const fn = 'effectiveSampleSize';
  checkTrace(fn, trace);
  return trace.length / iat(trace);
}
