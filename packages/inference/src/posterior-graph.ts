/**
 * The unit-level directed structure posterior Gibbs walks: each unit's
 * children and parents as CSR lists, with the location of every edge's weight
 * in the plan (weight block and position), so current values can be gathered
 * into one flat array before each sweep.
 *
 * @module
 */
import type { Plan } from '@stochnet/model';

/** @internal Directed edges of a plan, unit by unit. */
export interface DirectedUnitGraph {
  /** Children of unit u: edges childPtr[u] .. childPtr[u+1]−1. */
  readonly childPtr: Int32Array;
  /** The child unit of each child edge. */
  readonly child: Int32Array;
  /** For each child edge, its index in the flat edge order (into `weightOf`). */
  readonly childEdge: Int32Array;
  /** Parents of unit u: edges parentPtr[u] .. parentPtr[u+1]−1. */
  readonly parentPtr: Int32Array;
  /** The parent unit of each parent edge. */
  readonly parent: Int32Array;
  /** For each parent edge, its index in the flat edge order. */
  readonly parentEdge: Int32Array;
  /** Weight block of each edge (flat edge order). */
  readonly block: Int32Array;
  /** Position of each edge's weight inside its block's `weights`. */
  readonly position: Int32Array;
}

const cache = new WeakMap<Plan, DirectedUnitGraph>();

function csr(n: number, key: Int32Array, other: Int32Array): { ptr: Int32Array; idx: Int32Array; edge: Int32Array } {
  const ptr = new Int32Array(n + 1);
  for (let e = 0; e < key.length; e++) ptr[key[e]! + 1]!++;
  for (let u = 0; u < n; u++) ptr[u + 1]! += ptr[u]!;
  const fill = ptr.slice(0, n);
  const idx = new Int32Array(key.length);
  const edge = new Int32Array(key.length);
  for (let e = 0; e < key.length; e++) {
    const q = fill[key[e]!]!++;
    idx[q] = other[e]!;
    edge[q] = e;
  }
  return { ptr, idx, edge };
}

function build(plan: Plan): DirectedUnitGraph {
  const from: number[] = [];
  const to: number[] = [];
  const block: number[] = [];
  const position: number[] = [];
  plan.weights.forEach((w, wi) => {
    if (!w.directed) return;
    const fo = plan.blocks[w.from]!.offset;
    const to0 = plan.blocks[w.to]!.offset;
    const add = (i: number, j: number, pos: number): void => {
      from.push(fo + i);
      to.push(to0 + j);
      block.push(wi);
      position.push(pos);
    };
    if (w.sparse !== null) {
      const { rowPtr, colIdx } = w.sparse;
      for (let i = 0; i < w.rows; i++) for (let q = rowPtr[i]!; q < rowPtr[i + 1]!; q++) add(i, colIdx[q]!, q);
      return;
    }
    for (let i = 0; i < w.rows; i++) {
      for (let j = 0; j < w.cols; j++) {
        const pos = i * w.cols + j;
        if (w.mask === null || w.mask[pos] !== 0) add(i, j, pos);
      }
    }
  });
  const f = Int32Array.from(from);
  const t = Int32Array.from(to);
  const children = csr(plan.size, f, t);
  const parents = csr(plan.size, t, f);
  return {
    childPtr: children.ptr,
    child: children.idx,
    childEdge: children.edge,
    parentPtr: parents.ptr,
    parent: parents.idx,
    parentEdge: parents.edge,
    block: Int32Array.from(block),
    position: Int32Array.from(position),
  };
}

/** @internal The (cached) directed unit graph of a plan; a plan's structure never changes. */
export function directedUnitGraph(plan: Plan): DirectedUnitGraph {
  let g = cache.get(plan);
  if (g === undefined) {
    g = build(plan);
    cache.set(plan, g);
  }
  return g;
}

/**
 * @internal The current weights of the edges `edges[q]` (flat edge indices,
 * e.g. `childEdge` for child order), as float64, read live from the plan:
 * `out[q]` = weight of edge `edges[q]`.
 */
export function gatherWeights(out: Float64Array, plan: Plan, g: DirectedUnitGraph, edges: Int32Array): void {
  const arrays = plan.weights.map((w) => w.weights);
  const { block, position } = g;
  for (let q = 0; q < edges.length; q++) {
    const e = edges[q]!;
    out[q] = arrays[block[e]!]![position[e]!]!;
  }
}
