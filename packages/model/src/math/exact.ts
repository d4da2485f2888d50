/**
 * Exact quantities by enumeration, for models small enough: log Z, the
 * log-probability of every joint state, marginals and moments.
 *
 * @remarks
 * Every function here checks its enumeration size against `maxStates`
 * (default DEFAULT_MAX_STATES = 2^24) and throws a TooLargeError
 * ("2^30 states exceeds limit 2^24") before enumerating anything. Undirected
 * pieces enumerate only a greedy vertex cover of their couplings and sum the
 * rest analytically (an RBM enumerates its smaller side). All results are
 * float64, accumulated with max-shifted log-sum-exp.
 *
 * @module
 */
import type { Plan } from '../plan.js';
import { logSumExp } from '../numerics.js';
import { isUndirected } from './clamp.js';
import { checkStates } from './enumerate.js';
import { UndirectedEnumerator } from './pieces.js';
import { JointWalker } from './joint.js';
import { checkKind, checkOut, checkPlan, maxStatesOf } from './state.js';
import type { ExactOptions } from './state.js';
import { gatherBias, gatherParams, unitGraph } from './unit-graph.js';

/** First and second moments of every unit. */
export interface ExactMoments {
  /** E[s_i], length n. */
  readonly mean: Float64Array;
  /** E[s_i s_j], n×n row-major (diagonal = E[s_i]). */
  readonly second: Float64Array;
}

/**
 * The exact log partition function of an undirected plan.
 *
 * @remarks
 * log Z = log Σ_s e^(−E(s)), a sum over independent pieces; for an RBM
 * log Z = lse over the smaller side u of [−F(u)], the other side summed out
 * with softplus. Default limit: 2^24 enumerated states.
 *
 * @param plan - an `rbm` or `boltzmann` plan
 * @param opts - the enumeration limit
 * @returns log Z
 * @throws GraphStructureError for directed kinds (their joint is normalised; use exactLogProbabilities)
 * @throws TooLargeError when the enumeration exceeds `maxStates`
 *
 * @example
 * ```ts
 * import { rbm } from '@stochnet/graph';
 * import { compile, exactLogZ } from '@stochnet/model';
 * const plan = compile(rbm(3, 2, { seed: 1 }), { dtype: 'float64' });
 * plan.weights[0]!.weights.fill(0);
 * console.log(exactLogZ(plan)); // 5·log 2 = 3.4657359027997265
 * ```
 */
export function exactLogZ(plan: Plan, opts?: ExactOptions): number {
  const fn = 'exactLogZ';
  checkPlan(fn, plan);
  checkKind(fn, plan, ['rbm', 'boltzmann'], 'a plan with directed couplings is normalised per factor: use exactLogProbabilities or exactLogLikelihood');
  const maxStates = maxStatesOf(fn, opts);
  const g = unitGraph(plan);
  const en = new UndirectedEnumerator(g, null);
  checkStates(fn, en.states, maxStates);
  return en.logZ(gatherParams(plan, g), gatherBias(plan));
}

/**
 * Writes log p(s) of every joint state into `out` (length 2^n).
 *
 * @remarks
 * State index x has unit i on when bit i of x is set (units in layout
 * order). Works for every kind through the chain-graph factorisation (see
 * `logProb`), walking the states in Gray-code order. Σ exp(out) = 1.
 *
 * @param out - destination, length 2^plan.size
 * @param plan - the compiled plan
 * @param opts - the enumeration limit (2^n must not exceed it)
 * @returns nothing; `out` holds the log-probabilities
 * @throws TooLargeError when 2^n exceeds `maxStates`
 * @throws ShapeError when `out` does not have 2^n entries
 *
 * @example
 * ```ts
 * import { boltzmann } from '@stochnet/graph';
 * import { compile, exactLogProbabilitiesInto } from '@stochnet/model';
 * const plan = compile(boltzmann(2, { seed: 1 }), { dtype: 'float64' });
 * const out = new Float64Array(4);
 * exactLogProbabilitiesInto(out, plan);
 * console.log(out.reduce((a, l) => a + Math.exp(l), 0).toFixed(12)); // 1.000000000000
 * ```
 */
export function exactLogProbabilitiesInto(out: Float64Array, plan: Plan, opts?: ExactOptions): void {
  const fn = 'exactLogProbabilitiesInto';
  checkPlan(fn, plan);
  const maxStates = maxStatesOf(fn, opts);
  checkStates(fn, 2 ** plan.size, maxStates, plan.size);
  checkOut(fn, out, 2 ** plan.size, true);
  logProbabilities(fn, out, plan, maxStates);
}

function logProbabilities(fn: string, out: Float64Array, plan: Plan, maxStates: number): void {
  const g = unitGraph(plan);
  const all = Int32Array.from({ length: plan.size }, (_, i) => i);
  const walker = new JointWalker(g, gatherParams(plan, g), gatherBias(plan), all, fn, maxStates);
  walker.reset(new Float64Array(plan.size));
  for (let t = 0; t < walker.states; t++) {
    if (t > 0) walker.advance(t);
    out[walker.index] = walker.logProb();
  }
}

/**
 * log p(s) of every joint state, as a new array of length 2^n.
 *
 * @remarks
 * See {@link exactLogProbabilitiesInto}; bit i of the index is unit i.
 *
 * @param plan - the compiled plan
 * @param opts - the enumeration limit
 * @returns the log-probabilities
 * @throws TooLargeError when 2^n exceeds `maxStates` (checked before allocating)
 *
 * @example
 * ```ts
 * import { sbn } from '@stochnet/graph';
 * import { compile, exactLogProbabilities } from '@stochnet/model';
 * const lp = exactLogProbabilities(compile(sbn([2, 2], { seed: 3 }), { dtype: 'float64' }));
 * console.log(lp.length); // 16
 * ```
 */
export function exactLogProbabilities(plan: Plan, opts?: ExactOptions): Float64Array {
  const fn = 'exactLogProbabilities';
  checkPlan(fn, plan);
  const maxStates = maxStatesOf(fn, opts);
  checkStates(fn, 2 ** plan.size, maxStates, plan.size);
  const out = new Float64Array(2 ** plan.size);
  logProbabilities(fn, out, plan, maxStates);
  return out;
}

type MomentsRun = (mean: Float64Array, second: Float64Array | null) => void;

/**
 * Checks the enumeration limit for the moments of `plan`, then returns the
 * computation of the means (and, when `second` is given, second moments) of
 * every unit, exactly. Callers allocate their outputs only after this, so a
 * refused request allocates nothing of its own size.
 */
function momentsOf(fn: string, plan: Plan, maxStates: number): MomentsRun {
  const n = plan.size;
  if (isUndirected(plan)) {
    const g = unitGraph(plan);
    const en = new UndirectedEnumerator(g, null);
    checkStates(fn, en.states, maxStates);
    return (mean, second) => void en.moments(gatherParams(plan, g), gatherBias(plan), mean, null, second);
  }
  checkStates(fn, 2 ** n, maxStates, n);
  return (mean, second) => directedMoments(fn, plan, mean, second, maxStates);
}

/** Moments of a plan with directed couplings: a sum over all 2^n joint states. */
function directedMoments(fn: string, plan: Plan, mean: Float64Array, second: Float64Array | null, maxStates: number): void {
  const n = plan.size;
  const lp = new Float64Array(2 ** n);
  logProbabilities(fn, lp, plan, maxStates);
  const lz = logSumExp(lp);
  mean.fill(0);
  second?.fill(0);
  const on = new Int32Array(n);
  for (let x = 0; x < lp.length; x++) {
    const p = Math.exp(lp[x]! - lz);
    if (p === 0) continue;
    let k = 0;
    for (let i = 0, b = x; i < n; i++, b = Math.floor(b / 2)) if (b % 2 === 1) on[k++] = i;
    for (let a = 0; a < k; a++) {
      mean[on[a]!]! += p;
      if (second !== null) for (let c = 0; c < k; c++) second[on[a]! * n + on[c]!]! += p;
    }
  }
}

/**
 * Writes the exact marginal p(s_i = 1) of every unit into `out`.
 *
 * @remarks
 * Undirected plans enumerate each piece (smaller side of an RBM); other
 * kinds sum over all 2^n joint states.
 *
 * @param out - destination, length plan.size
 * @param plan - the compiled plan
 * @param opts - the enumeration limit
 * @returns nothing; `out` holds the marginals
 * @throws TooLargeError when the enumeration exceeds `maxStates`
 * @throws ShapeError when `out` does not have plan.size entries
 *
 * @example
 * ```ts
 * import { boltzmann } from '@stochnet/graph';
 * import { compile, exactMarginalsInto } from '@stochnet/model';
 * const plan = compile(boltzmann(3, { seed: 1 }), { dtype: 'float64' });
 * const out = new Float64Array(3);
 * exactMarginalsInto(out, plan);
 * console.log(out.every((p) => p > 0 && p < 1)); // true
 * ```
 */
export function exactMarginalsInto(out: Float64Array, plan: Plan, opts?: ExactOptions): void {
  const fn = 'exactMarginalsInto';
  checkPlan(fn, plan);
  const maxStates = maxStatesOf(fn, opts);
  checkOut(fn, out, plan.size, true);
  momentsOf(fn, plan, maxStates)(out, null);
}

/**
 * The exact marginal p(s_i = 1) of every unit, as a new array.
 *
 * @remarks
 * See {@link exactMarginalsInto}.
 *
 * @param plan - the compiled plan
 * @param opts - the enumeration limit
 * @returns the marginals, length plan.size
 * @throws TooLargeError when the enumeration exceeds `maxStates`
 *
 * @example
 * ```ts
 * import { sbn } from '@stochnet/graph';
 * import { compile, exactMarginals } from '@stochnet/model';
 * const plan = compile(sbn([2, 1], { seed: 1 }), { dtype: 'float64' });
 * console.log(exactMarginals(plan).length); // 3
 * ```
 */
export function exactMarginals(plan: Plan, opts?: ExactOptions): Float64Array {
  checkPlan('exactMarginals', plan);
  const run = momentsOf('exactMarginals', plan, maxStatesOf('exactMarginals', opts));
  const out = new Float64Array(plan.size);
  run(out, null);
  return out;
}

/**
 * Writes the exact first and second moments of every unit into `out`.
 *
 * @remarks
 * mean[i] = E[s_i], second[i·n + j] = E[s_i s_j] (so second[i·n + i] = E[s_i]).
 * For an undirected plan these are ∂ log Z / ∂b_i and ∂ log Z / ∂W_ij.
 *
 * @param out - destination: mean of length n, second of length n²
 * @param plan - the compiled plan
 * @param opts - the enumeration limit
 * @returns nothing; `out` holds the moments
 * @throws TooLargeError when the enumeration exceeds `maxStates`
 * @throws ShapeError when an output array has the wrong length
 *
 * @example
 * ```ts
 * import { boltzmann } from '@stochnet/graph';
 * import { compile, exactMomentsInto } from '@stochnet/model';
 * const plan = compile(boltzmann(2, { seed: 1 }), { dtype: 'float64' });
 * const out = { mean: new Float64Array(2), second: new Float64Array(4) };
 * exactMomentsInto(out, plan);
 * console.log(out.second[0] === out.mean[0]); // true
 * ```
 */
export function exactMomentsInto(out: ExactMoments, plan: Plan, opts?: ExactOptions): void {
  const fn = 'exactMomentsInto';
  checkPlan(fn, plan);
  const maxStates = maxStatesOf(fn, opts);
  const o = out as Partial<ExactMoments> | null;
  checkOut(fn, o?.mean, plan.size, true);
  checkOut(fn, o?.second, plan.size * plan.size, true);
  momentsOf(fn, plan, maxStates)(out.mean, out.second);
}

/**
 * The exact first and second moments of every unit, as new arrays.
 *
 * @remarks
 * See {@link exactMomentsInto}.
 *
 * @param plan - the compiled plan
 * @param opts - the enumeration limit
 * @returns mean (n) and second (n×n) moments
 * @throws TooLargeError when the enumeration exceeds `maxStates`
 *
 * @example
 * ```ts
 * import { rbm } from '@stochnet/graph';
 * import { compile, exactMoments } from '@stochnet/model';
 * const m = exactMoments(compile(rbm(2, 2, { seed: 1 }), { dtype: 'float64' }));
 * console.log(m.second.length); // 16
 * ```
 */
export function exactMoments(plan: Plan, opts?: ExactOptions): ExactMoments {
  checkPlan('exactMoments', plan);
  const run = momentsOf('exactMoments', plan, maxStatesOf('exactMoments', opts));
  const out = { mean: new Float64Array(plan.size), second: new Float64Array(plan.size * plan.size) };
  run(out.mean, out.second);
  return out;
}
