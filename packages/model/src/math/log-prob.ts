/**
 * The log-probability of one full state, for a plan of any kind.
 *
 * @module
 */
import { logBernoulli } from '../numerics.js';
import type { Plan } from '../plan.js';
import { checkStates, Part } from './enumerate.js';
import { checkPlan, checkState, maxStatesOf } from './state.js';
import type { ExactOptions, StateArray } from './state.js';
import { gatherParams, unitGraph } from './unit-graph.js';

/**
 * log p(s) of a full state.
 *
 * @remarks
 * A plan is a chain graph: p(s) = Π_C p(s_C | pa(C)) over chain components.
 * - A unit with no undirected neighbour (every unit of an SBN) contributes
 *   logBernoulli(d_i, s_i) with d_i = b_i + Σ_parents w_ij s_j; for an SBN
 *   this is the whole answer and needs no enumeration.
 * - A connected undirected piece C (an RBM, a Boltzmann machine, the top
 *   pair of a DBN) contributes Σ_{pairs in C} W s s + Σ_{i∈C} d_i s_i −
 *   log Z_C(pa), where log Z_C is computed exactly by enumeration (the
 *   smallest side of a bipartite piece is enumerated, the rest summed
 *   analytically), so this is exact but limited by `maxStates` and costs one
 *   enumeration per piece per call. For many states of one model use
 *   `exactLogProbabilities` or compute `exactLogZ` once.
 *
 * @param plan - the compiled plan
 * @param state - a full 0/1 state, length `plan.size`
 * @param opts - the enumeration limit
 * @returns log p(state)
 * @throws ShapeError when the state has the wrong length
 * @throws BinaryDataError naming the index of a value that is not 0 or 1
 * @throws TooLargeError when an undirected piece is too large to enumerate
 *
 * @example
 * ```ts
 * import { sbn } from '@stochnet/graph';
 * import { compile, logProb } from '@stochnet/model';
 * const plan = compile(sbn([2, 1], { seed: 1 }), { dtype: 'float64' }); // biases start at 0
 * plan.weights[0]!.weights.fill(0);
 * console.log(logProb(plan, new Float64Array(3))); // 3·log(1/2) = -2.0794415416798357
 * ```
 */
export function logProb(plan: Plan, state: StateArray, opts?: ExactOptions): number {
  const fn = 'logProb';
  checkPlan(fn, plan);
  checkState(fn, plan, state);
  const maxStates = maxStatesOf(fn, opts);
  const g = unitGraph(plan);
  const pieces: { part: Part; comp: number }[] = [];
  for (let comp = 0; comp < g.components.length; comp++) {
    const pairs = g.componentPairs[comp]!;
    if (pairs.length === 0) continue;
    const part = new Part(g, g.components[comp]!, pairs);
    checkStates(fn, part.states, maxStates, part.nS);
    pieces.push({ part, comp });
  }
  const vals = gatherParams(plan, g);
  const d = new Float64Array(plan.size);
  for (let u = 0; u < plan.size; u++) {
    let du = plan.bias[u]!;
    for (let p = g.parents.ptr[u]!; p < g.parents.ptr[u + 1]!; p++) du += vals[g.parents.par[p]!]! * state[g.parents.idx[p]!]!;
    d[u] = du;
  }
  let lp = 0;
  for (const units of g.components) if (units.length === 1) lp += logBernoulli(d[units[0]!]!, state[units[0]!]!);
  for (const { part } of pieces) {
    let negE = 0;
    for (let k = 0; k < part.units.length; k++) {
      const u = part.units[k]!;
      part.d[k] = d[u]!;
      negE += d[u]! * state[u]!;
    }
    for (const q of part.pairQ) negE += vals[g.pairP1[q]!]! * state[g.pairA[q]!]! * state[g.pairB[q]!]!;
    lp += negE - part.logZ(vals);
  }
  return lp;
}
