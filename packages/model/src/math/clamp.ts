/**
 * Visible-role units of a plan and the fields that clamping them to a data
 * row puts on the other units: the shared set-up of exact log-likelihoods
 * and gradients.
 *
 * @module
 */
import { GraphStructureError } from '@stochnet/graph';
import type { Plan } from '../plan.js';
import type { StateArray } from './state.js';
import type { UnitGraph } from './unit-graph.js';

/** @internal Visible-role units (data columns, in layout order) and the others. */
export interface Roles {
  readonly visible: Int32Array;
  readonly hidden: Int32Array;
  /** 1 for hidden (free) units. */
  readonly isFree: Uint8Array;
}

/** @internal Units of visible-role blocks, concatenated in layout order, and the rest. */
export function rolesOf(fn: string, plan: Plan): Roles {
  const visible: number[] = [];
  const hidden: number[] = [];
  for (const b of plan.blocks) for (let i = 0; i < b.size; i++) (b.role === 'visible' ? visible : hidden).push(b.offset + i);
  if (visible.length === 0) {
    throw new GraphStructureError(`${fn} needs at least one group with role 'visible' to hold the data; give the data groups role 'visible'`, {
      function: fn,
      groups: plan.blocks.map((b) => `${b.group}:${b.role}`),
    });
  }
  const isFree = new Uint8Array(plan.size);
  for (const u of hidden) isFree[u] = 1;
  return { visible: Int32Array.from(visible), hidden: Int32Array.from(hidden), isFree };
}

/** @internal Writes data row `row` into the visible units of `x` and zeros into the hidden ones. */
export function clampRow(x: Float64Array, roles: Roles, data: StateArray, row: number): void {
  x.fill(0);
  const nv = roles.visible.length;
  for (let i = 0; i < nv; i++) x[roles.visible[i]!] = data[row * nv + i]!;
}

/**
 * @internal For an undirected plan with the non-free units clamped to `x`:
 * writes d_u = b_u + Σ_{clamped neighbours j} W_uj x_j for every unit, and
 * returns the clamped units' own part of −E: Σ_clamped b x + Σ_{clamped pairs} W x x.
 */
export function clampedFields(g: UnitGraph, vals: Float64Array, bias: Float64Array, x: Float64Array, isFree: Uint8Array, d: Float64Array): number {
  let negE = 0;
  for (let u = 0; u < g.n; u++) {
    let du = bias[u]!;
    for (let p = g.undirected.ptr[u]!; p < g.undirected.ptr[u + 1]!; p++) {
      const j = g.undirected.idx[p]!;
      if (isFree[j] === 0) du += vals[g.undirected.par[p]!]! * x[j]!;
    }
    d[u] = du;
    if (isFree[u] === 0) negE += bias[u]! * x[u]!;
  }
  for (let q = 0; q < g.pairA.length; q++) {
    const a = g.pairA[q]!;
    const b = g.pairB[q]!;
    if (isFree[a] === 0 && isFree[b] === 0) negE += vals[g.pairP1[q]!]! * x[a]! * x[b]!;
  }
  return negE;
}

/** @internal Whether every coupling of the plan is undirected. */
export function isUndirected(plan: Plan): boolean {
  return plan.weights.every((w) => !w.directed);
}
