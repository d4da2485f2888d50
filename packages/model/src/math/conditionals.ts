/**
 * Conditional probabilities of single units and of RBM layers.
 *
 * @module
 */
import type { FloatArray } from '../backend.js';
import { logBernoulli, sigmoid } from '../numerics.js';
import type { Plan } from '../plan.js';
import { checkStates, Part } from './enumerate.js';
import { accumulateCoupling, FieldWorkspace } from './field.js';
import { rbmLayout } from './rbm-layout.js';
import { checkBatch, checkOut, checkPlan, checkState, checkUnit, maxStatesOf, valueCheckOf } from './state.js';
import type { ExactOptions, StateArray, ValueCheck } from './state.js';
import { paramAt, unitGraph } from './unit-graph.js';
import type { UnitGraph } from './unit-graph.js';

/** The parent field d_u = b_u + Σ_parents w s_j of a unit at `state`. */
function parentField(plan: Plan, g: UnitGraph, state: StateArray, u: number): number {
  let d = plan.bias[u]!;
  for (let p = g.parents.ptr[u]!; p < g.parents.ptr[u + 1]!; p++) d += paramAt(plan, g, g.parents.par[p]!) * state[g.parents.idx[p]!]!;
  return d;
}

/**
 * log Z_C(pa) − log Z_C(pa') of the undirected piece C, where pa' differs
 * from pa by `delta[c]` on the parent fields of C's units.
 */
function pieceLogZDelta(fn: string, plan: Plan, g: UnitGraph, state: StateArray, comp: number, delta: Map<number, number>, unit: number, maxStates: number): number {
  const units = g.components[comp]!;
  const pairs = g.componentPairs[comp]!;
  const part = new Part(g, units, pairs);
  checkStates(fn, 2 * part.states, maxStates);
  const vals = new Float64Array(g.paramOffset[plan.weights.length]!);
  for (const q of pairs) vals[g.pairP1[q]!] = paramAt(plan, g, g.pairP1[q]!);
  const si = state[unit]!;
  // Fields with s_unit = 0, then with s_unit = 1.
  for (let k = 0; k < part.units.length; k++) {
    const c = part.units[k]!;
    part.d[k] = parentField(plan, g, state, c) - si * (delta.get(c) ?? 0);
  }
  const z0 = part.logZ(vals);
  for (let k = 0; k < part.units.length; k++) part.d[k]! += delta.get(part.units[k]!) ?? 0;
  return part.logZ(vals) - z0;
}

/**
 * The probability that one unit is on given every other unit, for a plan of
 * any kind.
 *
 * @remarks
 * For a chain graph this is the Markov-blanket conditional,
 * logit = x_i + Σ_children-terms, with x_i = b_i + Σ_undirected W_ij s_j +
 * Σ_parents w_ij s_j the unit's own field. A child c with no undirected
 * neighbour adds log p(s_c | s_i = 1, …) − log p(s_c | s_i = 0, …) (through
 * logBernoulli); a child in an undirected piece C adds Σ_c w_ci s_c −
 * [log Z_C(pa; s_i = 1) − log Z_C(pa; s_i = 0)], computed exactly by
 * enumerating C. For undirected plans the result is σ(E(s_i=0) − E(s_i=1));
 * for an SBN it is the explaining-away conditional Gibbs sampling needs.
 *
 * @param plan - the compiled plan
 * @param state - a full 0/1 state (the unit's own value is ignored)
 * @param unit - index of the unit in the state vector
 * @param opts - the enumeration limit for children in undirected pieces
 * @returns p(s_unit = 1 | all other units)
 * @throws ShapeError when the state has the wrong length
 * @throws BinaryDataError naming the index of a value that is not 0 or 1
 * @throws UnknownUnitError when `unit` is out of range
 * @throws TooLargeError when a child's undirected piece is too large to enumerate
 *
 * @example
 * ```ts
 * import { boltzmann } from '@stochnet/graph';
 * import { compile, conditional } from '@stochnet/model';
 * const plan = compile(boltzmann(3, { seed: 1 }), { dtype: 'float64' });
 * plan.bias[1] = 2;
 * console.log(conditional(plan, new Float64Array(3), 1)); // σ(2) = 0.8807970779778823
 * ```
 */
export function conditional(plan: Plan, state: StateArray, unit: number, opts?: ExactOptions): number {
  const fn = 'conditional';
  checkPlan(fn, plan);
  checkState(fn, plan, state);
  checkUnit(fn, plan, unit);
  const maxStates = maxStatesOf(fn, opts);
  const g = unitGraph(plan);
  let logit = parentField(plan, g, state, unit);
  for (let p = g.undirected.ptr[unit]!; p < g.undirected.ptr[unit + 1]!; p++) logit += paramAt(plan, g, g.undirected.par[p]!) * state[g.undirected.idx[p]!]!;
  const delta = new Map<number, number>();
  for (let p = g.children.ptr[unit]!; p < g.children.ptr[unit + 1]!; p++) {
    const c = g.children.idx[p]!;
    delta.set(c, (delta.get(c) ?? 0) + paramAt(plan, g, g.children.par[p]!));
  }
  const si = state[unit]!;
  const pieces = new Set<number>();
  for (const [c, w] of delta) {
    if (g.components[g.component[c]!]!.length > 1) {
      logit += w * state[c]!;
      pieces.add(g.component[c]!);
      continue;
    }
    const d0 = parentField(plan, g, state, c) - si * w;
    logit += logBernoulli(d0 + w, state[c]!) - logBernoulli(d0, state[c]!);
  }
  for (const comp of pieces) logit -= pieceLogZDelta(fn, plan, g, state, comp, delta, unit, maxStates);
  return sigmoid(logit);
}

/** Options of the RBM layer conditionals. */
export interface LayerConditionalOptions {
  /** `'binary'` (default) requires 0/1 inputs; `'unit-interval'` accepts mean-field values in [0, 1]. */
  readonly values?: ValueCheck | undefined;
}

function layerInto(fn: string, out: FloatArray, plan: Plan, x: StateArray, batch: number, side: 'hidden' | 'visible', opts?: LayerConditionalOptions): void {
  const L = rbmLayout(fn, plan, 'use conditional (any kind) or blockFieldInto for block updates');
  const nIn = side === 'hidden' ? L.nv : L.nh;
  const nOut = side === 'hidden' ? L.nh : L.nv;
  checkBatch(fn, side === 'hidden' ? 'v' : 'h', x, batch, nIn, valueCheckOf(fn, opts?.values));
  checkOut(fn, out, batch * nOut);
  out.fill(0, 0, batch * nOut);
  const ws = new FieldWorkspace(plan, batch);
  const xf: FloatArray = x instanceof Uint8Array ? Float64Array.from(x) : x;
  const outIsTo = side === 'hidden' ? L.visIsFrom : !L.visIsFrom;
  accumulateCoupling(out, xf, ws, L.w, outIsTo ? 'to' : 'from', batch);
  const off = plan.blocks[side === 'hidden' ? L.hid : L.vis]!.offset;
  plan.backend.biasSigmoid(out, out, plan.bias.subarray(off, off + nOut), batch, nOut);
}

/**
 * RBM hidden probabilities given visible vectors, written into `out`.
 *
 * @remarks
 * p(h_j = 1 | v) = σ(c_j + Σ_i W_ij v_i), factorised over j; computed with
 * the backend's gemm (spmm for a sparse coupling) and fused biasSigmoid.
 *
 * @param out - destination, batch × hidden units
 * @param plan - an `rbm` plan
 * @param v - batch × visible units, row-major
 * @param batch - number of rows
 * @param opts - value check (`'unit-interval'` for mean-field inputs)
 * @returns nothing; `out` holds the probabilities
 * @throws GraphStructureError when the plan is not an rbm
 * @throws LayeringError unless exactly one group has role `visible`
 * @throws ShapeError when a length disagrees with the batch and the plan
 * @throws BinaryDataError naming the row and column of an invalid value
 *
 * @example
 * ```ts
 * import { rbm } from '@stochnet/graph';
 * import { compile, hiddenGivenVisibleInto } from '@stochnet/model';
 * const plan = compile(rbm(3, 2, { seed: 1 }), { dtype: 'float64' });
 * const out = new Float64Array(2);
 * hiddenGivenVisibleInto(out, plan, Uint8Array.of(1, 0, 1), 1);
 * console.log(out.every((p) => p > 0 && p < 1)); // true
 * ```
 */
export function hiddenGivenVisibleInto(out: FloatArray, plan: Plan, v: StateArray, batch: number, opts?: LayerConditionalOptions): void {
  layerInto('hiddenGivenVisibleInto', out, plan, v, batch, 'hidden', opts);
}

/**
 * RBM hidden probabilities given visible vectors, as a new array.
 *
 * @remarks
 * See {@link hiddenGivenVisibleInto}.
 *
 * @param plan - an `rbm` plan
 * @param v - batch × visible units, row-major
 * @param batch - number of rows (default 1)
 * @param opts - value check
 * @returns batch × hidden units probabilities (float64)
 * @throws GraphStructureError, LayeringError, ShapeError, BinaryDataError as {@link hiddenGivenVisibleInto}
 *
 * @example
 * ```ts
 * import { rbm } from '@stochnet/graph';
 * import { compile, hiddenGivenVisible } from '@stochnet/model';
 * const plan = compile(rbm(3, 2, { seed: 1 }), { dtype: 'float64' }); // biases start at 0
 * console.log(hiddenGivenVisible(plan, Uint8Array.of(0, 0, 0))); // Float64Array(2) [ 0.5, 0.5 ]
 * ```
 */
export function hiddenGivenVisible(plan: Plan, v: StateArray, batch = 1, opts?: LayerConditionalOptions): Float64Array {
  const L = rbmLayout('hiddenGivenVisible', plan, 'use conditional (any kind) or blockFieldInto for block updates');
  const out = new Float64Array(Number.isSafeInteger(batch) && batch > 0 ? batch * L.nh : 0);
  layerInto('hiddenGivenVisible', out, plan, v, batch, 'hidden', opts);
  return out;
}

/**
 * RBM visible probabilities given hidden vectors, written into `out`.
 *
 * @remarks
 * p(v_i = 1 | h) = σ(b_i + Σ_j W_ij h_j), factorised over i; computed with
 * the backend's gemm (spmm for a sparse coupling) and fused biasSigmoid.
 *
 * @param out - destination, batch × visible units
 * @param plan - an `rbm` plan
 * @param h - batch × hidden units, row-major
 * @param batch - number of rows
 * @param opts - value check (`'unit-interval'` for mean-field inputs)
 * @returns nothing; `out` holds the probabilities
 * @throws GraphStructureError when the plan is not an rbm
 * @throws LayeringError unless exactly one group has role `visible`
 * @throws ShapeError when a length disagrees with the batch and the plan
 * @throws BinaryDataError naming the row and column of an invalid value
 *
 * @example
 * ```ts
 * import { rbm } from '@stochnet/graph';
 * import { compile, visibleGivenHiddenInto } from '@stochnet/model';
 * const plan = compile(rbm(3, 2, { seed: 1 }), { dtype: 'float64' });
 * const out = new Float64Array(3);
 * visibleGivenHiddenInto(out, plan, Uint8Array.of(1, 1), 1);
 * console.log(out.length); // 3
 * ```
 */
export function visibleGivenHiddenInto(out: FloatArray, plan: Plan, h: StateArray, batch: number, opts?: LayerConditionalOptions): void {
  layerInto('visibleGivenHiddenInto', out, plan, h, batch, 'visible', opts);
}

/**
 * RBM visible probabilities given hidden vectors, as a new array.
 *
 * @remarks
 * See {@link visibleGivenHiddenInto}.
 *
 * @param plan - an `rbm` plan
 * @param h - batch × hidden units, row-major
 * @param batch - number of rows (default 1)
 * @param opts - value check
 * @returns batch × visible units probabilities (float64)
 * @throws GraphStructureError, LayeringError, ShapeError, BinaryDataError as {@link visibleGivenHiddenInto}
 *
 * @example
 * ```ts
 * import { rbm } from '@stochnet/graph';
 * import { compile, visibleGivenHidden } from '@stochnet/model';
 * const plan = compile(rbm(3, 2, { seed: 1 }), { dtype: 'float64' }); // biases start at 0
 * console.log(visibleGivenHidden(plan, Uint8Array.of(0, 0))); // Float64Array(3) [ 0.5, 0.5, 0.5 ]
 * ```
 */
export function visibleGivenHidden(plan: Plan, h: StateArray, batch = 1, opts?: LayerConditionalOptions): Float64Array {
  const L = rbmLayout('visibleGivenHidden', plan, 'use conditional (any kind) or blockFieldInto for block updates');
  const out = new Float64Array(Number.isSafeInteger(batch) && batch > 0 ? batch * L.nv : 0);
  layerInto('visibleGivenHidden', out, plan, h, batch, 'visible', opts);
  return out;
}
