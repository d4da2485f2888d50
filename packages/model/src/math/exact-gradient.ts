/**
 * The exact gradient of the mean log-likelihood of data, by enumeration.
 *
 * @module
 */
import type { Plan } from '../plan.js';
import { checkGradient } from './arg-checks.js';
import { clampedFields, clampRow, isUndirected, rolesOf } from './clamp.js';
import type { Roles } from './clamp.js';
import { checkStates } from './enumerate.js';
import { UndirectedEnumerator } from './pieces.js';
import { zeroGradient } from './gradient.js';
import type { Gradient } from './gradient.js';
import { JointWalker } from './joint.js';
import { checkBatch, checkPlan, maxStatesOf } from './state.js';
import type { ExactOptions, StateArray } from './state.js';
import { gatherBias, gatherParams, unitGraph } from './unit-graph.js';
import type { UnitGraph } from './unit-graph.js';

/** Undirected plans: ⟨t⟩_data − ⟨t⟩_model with t = s_i and s_i s_j, by clamped and free enumeration. */
function undirectedGradient(fn: string, plan: Plan, g: UnitGraph, roles: Roles, data: StateArray, rows: number, maxStates: number, gB: Float64Array, gP: Float64Array): void {
  const model = new UndirectedEnumerator(g, null);
  const clamped = new UndirectedEnumerator(g, roles.hidden);
  checkStates(fn, model.states, maxStates);
  checkStates(fn, clamped.states, maxStates);
  const vals = gatherParams(plan, g);
  const bias = gatherBias(plan);
  const n = plan.size;
  const nPairs = g.pairA.length;
  const meanM = new Float64Array(n);
  const pairM = new Float64Array(nPairs);
  model.moments(vals, bias, meanM, pairM, null);
  const meanD = new Float64Array(n);
  const pairD = new Float64Array(nPairs);
  const sumMean = new Float64Array(n);
  const sumPair = new Float64Array(nPairs);
  const x = new Float64Array(n);
  const d = new Float64Array(n);
  for (let r = 0; r < rows; r++) {
    clampRow(x, roles, data, r);
    clampedFields(g, vals, bias, x, roles.isFree, d);
    clamped.moments(vals, d, meanD, pairD, null);
    for (const u of roles.visible) meanD[u] = x[u]!;
    for (let q = 0; q < nPairs; q++) {
      const a = g.pairA[q]!;
      const b = g.pairB[q]!;
      // Pairs with a clamped end: E[s_a s_b | v] = E[s_a | v]·E[s_b | v] (one factor is fixed).
      if (roles.isFree[a] === 0 || roles.isFree[b] === 0) pairD[q] = meanD[a]! * meanD[b]!;
      sumPair[q]! += pairD[q]!;
    }
    for (let u = 0; u < n; u++) sumMean[u]! += meanD[u]!;
  }
  for (let u = 0; u < n; u++) gB[u] = sumMean[u]! / rows - meanM[u]!;
  for (let q = 0; q < nPairs; q++) {
    const v = sumPair[q]! / rows - pairM[q]!;
    gP[g.pairP1[q]!] = v;
    if (g.pairP2[q]! >= 0) gP[g.pairP2[q]!] = v;
  }
}

/** Directed and chain plans: E_{h|v}[∂ log p(v,h)/∂θ], by enumerating h per row (two passes). */
function chainGradient(fn: string, plan: Plan, g: UnitGraph, roles: Roles, data: StateArray, rows: number, maxStates: number, gB: Float64Array, gP: Float64Array): void {
  const walker = new JointWalker(g, gatherParams(plan, g), gatherBias(plan), roles.hidden, fn, maxStates);
  const lp = new Float64Array(walker.states);
  const x = new Float64Array(plan.size);
  for (let r = 0; r < rows; r++) {
    clampRow(x, roles, data, r);
    walker.reset(x);
    let max = -Infinity;
    for (let t = 0; t < walker.states; t++) {
      if (t > 0) walker.advance(t);
      const l = walker.logProb();
      lp[t] = l;
      if (l > max) max = l;
    }
    if (max === -Infinity) continue;
    let sum = 0;
    for (let t = 0; t < walker.states; t++) sum += Math.exp(lp[t]! - max);
    const logPv = max + Math.log(sum);
    walker.reset(x);
    for (let t = 0; t < walker.states; t++) {
      if (t > 0) walker.advance(t);
      const w = Math.exp(lp[t]! - logPv) / rows;
      if (w > 0) walker.accumulate(w, gB, gP);
    }
  }
}

/**
 * Writes the exact gradient of the mean log-likelihood of data rows into `out`.
 *
 * @remarks
 * The derivative of (1/rows) Σ_r log p(v_r) with respect to every bias and
 * weight, in the plan's layout (see {@link Gradient}):
 * - undirected plans: ⟨s_i⟩_data − ⟨s_i⟩_model for biases and
 *   ⟨s_i s_j⟩_data − ⟨s_i s_j⟩_model for weights, the data term under the
 *   exact posterior p(h | v), the model term exact;
 * - sbn: E_{h|v}[s_j(s_i − p_i)] for w_ij and E_{h|v}[s_i − p_i] for b_i,
 *   with p_i = σ(b_i + Σ_j w_ij s_j);
 * - dbn, general: the same per chain component, an undirected component's
 *   expectation taken under its exact conditional given its parents.
 * Masked-out entries are 0. A dense lateral gets the derivative with respect
 * to the tied parameter W_ij = W_ji in both entries (a symmetric matrix).
 *
 * @param out - destination, shaped like zeroGradient(plan); overwritten
 * @param plan - the compiled plan
 * @param data - rows × (visible units) 0/1 values, row-major
 * @param rows - number of rows
 * @param opts - the enumeration limit (per distribution)
 * @returns nothing; `out` holds the gradient
 * @throws GraphStructureError when no group has role `visible`
 * @throws ShapeError when `data` or `out` has the wrong shape
 * @throws BinaryDataError naming the row and column of a value that is not 0 or 1
 * @throws TooLargeError when an enumeration exceeds `maxStates`
 *
 * @example
 * ```ts
 * import { rbm } from '@stochnet/graph';
 * import { compile, exactGradientInto, zeroGradient } from '@stochnet/model';
 * const plan = compile(rbm(3, 2, { seed: 1 }), { dtype: 'float64' });
 * const g = zeroGradient(plan);
 * exactGradientInto(g, plan, Uint8Array.of(1, 1, 1), 1);
 * console.log(g.weights[0]!.every((x) => x > 0)); // true: all-on data pulls every weight up
 * ```
 */
export function exactGradientInto(out: Gradient, plan: Plan, data: StateArray, rows: number, opts?: ExactOptions): void {
  const fn = 'exactGradientInto';
  checkPlan(fn, plan);
  const roles = rolesOf(fn, plan);
  checkBatch(fn, 'data', data, rows, roles.visible.length);
  const maxStates = maxStatesOf(fn, opts);
  checkGradient(fn, plan, out, 'out');
  const g = unitGraph(plan);
  const gB = new Float64Array(plan.size);
  const gP = new Float64Array(g.paramOffset[plan.weights.length]!);
  if (isUndirected(plan)) undirectedGradient(fn, plan, g, roles, data, rows, maxStates, gB, gP);
  else chainGradient(fn, plan, g, roles, data, rows, maxStates, gB, gP);
  out.bias.set(gB);
  plan.weights.forEach((_, i) => out.weights[i]!.set(gP.subarray(g.paramOffset[i]!, g.paramOffset[i + 1]!)));
}

/**
 * The exact gradient of the mean log-likelihood of data rows, as a new {@link Gradient}.
 *
 * @remarks
 * See {@link exactGradientInto} for the formulas.
 *
 * @param plan - the compiled plan
 * @param data - rows × (visible units) 0/1 values, row-major
 * @param rows - number of rows
 * @param opts - the enumeration limit
 * @returns the gradient in the plan's layout
 * @throws GraphStructureError, ShapeError, BinaryDataError, TooLargeError as {@link exactGradientInto}
 *
 * @example
 * ```ts
 * import { sbn } from '@stochnet/graph';
 * import { compile, exactGradient } from '@stochnet/model';
 * const plan = compile(sbn([2, 1], { seed: 1 }), { dtype: 'float64' });
 * const g = exactGradient(plan, Uint8Array.of(1, 0, 0, 1), 2);
 * console.log(g.bias.length, g.weights[0]!.length); // 3 2
 * ```
 */
export function exactGradient(plan: Plan, data: StateArray, rows: number, opts?: ExactOptions): Gradient {
  const out = zeroGradient(plan);
  exactGradientInto(out, plan, data, rows, opts);
  return out;
}
