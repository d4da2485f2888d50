/**
 * The exact mean log-likelihood of data under a plan's marginal over its
 * visible-role units, by enumeration of everything else.
 *
 * @module
 */
import type { Plan } from '../plan.js';
import { clampedFields, clampRow, isUndirected, rolesOf } from './clamp.js';
import { freeEnergyBatchInto } from './energy.js';
import { checkStates } from './enumerate.js';
import { JointWalker } from './joint.js';
import { isTwoLayerSbn, twoLayerSbnHidden, twoLayerSbnLogLikelihood } from './sbn-exact.js';
import { UndirectedEnumerator } from './pieces.js';
import { checkBatch, checkPlan, maxStatesOf } from './state.js';
import type { ExactOptions, StateArray } from './state.js';
import { gatherBias, gatherParams, unitGraph } from './unit-graph.js';

/**
 * The exact mean log-likelihood of data rows under the plan's marginal over
 * its visible-role units.
 *
 * @remarks
 * (1/rows) Σ_r log p(v_r), with v the visible-role groups concatenated in
 * layout order and every other unit summed out:
 * - rbm: log p(v) = −F(v) − log Z (free energy by gemm, log Z by enumeration);
 * - boltzmann: log p(v) = log Σ_h e^(−E(v,h)) − log Z, the clamped hidden
 *   pieces enumerated like log Z;
 * - sbn, dbn, general: log p(v) = lse over hidden configurations h of
 *   log p(v, h) (chain-graph factorisation), 2^(hidden units) per row; a
 *   two-layer sbn (one hidden group above the visible one, dense or
 *   masked) walks the 2^(hidden units) configurations once for all rows,
 *   in Gray-code order with shared per-configuration work.
 *
 * @param plan - the compiled plan
 * @param data - rows × (visible units) 0/1 values, row-major
 * @param rows - number of rows
 * @param opts - the enumeration limit (per distribution, not per call)
 * @returns the mean log-likelihood
 * @throws GraphStructureError when no group has role `visible`
 * @throws ShapeError when `data` does not have rows × visible entries
 * @throws BinaryDataError naming the row and column of a value that is not 0 or 1
 * @throws TooLargeError when an enumeration exceeds `maxStates`
 *
 * @example
 * ```ts
 * import { rbm } from '@stochnet/graph';
 * import { compile, exactLogLikelihood } from '@stochnet/model';
 * const plan = compile(rbm(3, 2, { seed: 1 }), { dtype: 'float64' });
 * plan.weights[0]!.weights.fill(0);
 * console.log(exactLogLikelihood(plan, Uint8Array.of(1, 0, 1), 1)); // 3·log(1/2) = -2.0794415416798357
 * ```
 */
export function exactLogLikelihood(plan: Plan, data: StateArray, rows: number, opts?: ExactOptions): number {
  const fn = 'exactLogLikelihood';
  checkPlan(fn, plan);
  const roles = rolesOf(fn, plan);
  checkBatch(fn, 'data', data, rows, roles.visible.length);
  const maxStates = maxStatesOf(fn, opts);
  const g = unitGraph(plan);
  const vals = gatherParams(plan, g);
  const bias = gatherBias(plan);
  if (isUndirected(plan)) {
    const model = new UndirectedEnumerator(g, null);
    const clamped = new UndirectedEnumerator(g, roles.hidden);
    checkStates(fn, model.states, maxStates);
    checkStates(fn, clamped.states, maxStates);
    const logZ = model.logZ(vals, bias);
    if (plan.kind === 'rbm' && plan.blocks.filter((b) => b.role === 'visible').length === 1) {
      const fe = new Float64Array(rows);
      freeEnergyBatchInto(fe, plan, data, rows);
      let s = 0;
      for (let r = 0; r < rows; r++) s -= fe[r]!;
      return s / rows - logZ;
    }
    const x = new Float64Array(plan.size);
    const d = new Float64Array(plan.size);
    let s = 0;
    for (let r = 0; r < rows; r++) {
      clampRow(x, roles, data, r);
      const c = clampedFields(g, vals, bias, x, roles.isFree, d);
      s += c + clamped.logZ(vals, d) - logZ;
    }
    return s / rows;
  }
  if (isTwoLayerSbn(plan)) {
    // Every row in one Gray-code walk (see sbn-exact.ts), about ten times faster than a walk per row.
    const nh = twoLayerSbnHidden(plan);
    checkStates(fn, 2 ** nh, maxStates, nh);
    return twoLayerSbnLogLikelihood(plan, data, rows);
  }
  const walker = new JointWalker(g, vals, bias, roles.hidden, fn, maxStates);
  const x = new Float64Array(plan.size);
  let s = 0;
  for (let r = 0; r < rows; r++) {
    clampRow(x, roles, data, r);
    walker.reset(x);
    let max = -Infinity;
    let sum = 0;
    for (let t = 0; t < walker.states; t++) {
      if (t > 0) walker.advance(t);
      const lp = walker.logProb();
      if (lp === -Infinity) continue;
      if (lp <= max) sum += Math.exp(lp - max);
      else {
        sum = sum * Math.exp(max - lp) + 1;
        max = lp;
      }
    }
    s += max === -Infinity ? -Infinity : max + Math.log(sum);
  }
  return s / rows;
}
