/**
 * The unit-level view of a plan that the exact math walks: undirected
 * neighbours, directed parents and children of every unit as CSR lists
 * pointing into one flat parameter index, the undirected pairs (each once),
 * and the connected components of the undirected unit graph.
 *
 * Only the structure is cached (per plan object; a plan's structure never
 * changes). Weight values are read live from the plan, so in-place training
 * updates are always seen.
 *
 * @module
 */
import { GraphStructureError } from '@stochnet/graph';
import type { Plan } from '../plan.js';

/** Adjacency lists in CSR form: unit u's entries are `idx[p]`, `par[p]` for p in `ptr[u] .. ptr[u+1]-1`. */
export interface Adjacency {
  readonly ptr: Int32Array;
  /** The other unit. */
  readonly idx: Int32Array;
  /** Flat parameter index of the weight joining them. */
  readonly par: Int32Array;
}

/** The unit-level structure of a plan. */
export interface UnitGraph {
  readonly n: number;
  /** Start of each weight block's entries in the flat parameter index; length blocks + 1. */
  readonly paramOffset: Int32Array;
  /** Undirected neighbours (both directions of every pair). */
  readonly undirected: Adjacency;
  /** Directed parents of each unit. */
  readonly parents: Adjacency;
  /** Directed children of each unit. */
  readonly children: Adjacency;
  /** Undirected pairs, once each: units a < b, parameter p1, and its tied twin p2 (−1 when none). */
  readonly pairA: Int32Array;
  readonly pairB: Int32Array;
  readonly pairP1: Int32Array;
  readonly pairP2: Int32Array;
  /** Component (of the undirected unit graph) of each unit. */
  readonly component: Int32Array;
  /** Units of each component, ascending. Singletons have no undirected neighbour. */
  readonly components: readonly Int32Array[];
  /** Undirected pairs (indices into pairA/pairB) inside each component, ascending; empty for singletons. */
  readonly componentPairs: readonly Int32Array[];
}

const cache = new WeakMap<Plan, UnitGraph>();

function csr(n: number, from: number[], to: number[], par: number[]): Adjacency {
  const ptr = new Int32Array(n + 1);
  for (const u of from) ptr[u + 1]!++;
  for (let u = 0; u < n; u++) ptr[u + 1]! += ptr[u]!;
  const fill = ptr.slice(0, n);
  const idx = new Int32Array(from.length);
  const p = new Int32Array(from.length);
  for (let e = 0; e < from.length; e++) {
    const q = fill[from[e]!]!++;
    idx[q] = to[e]!;
    p[q] = par[e]!;
  }
  return { ptr, idx, par: p };
}

function find(parent: Int32Array, u: number): number {
  while (parent[u] !== u) {
    parent[u] = parent[parent[u]!]!;
    u = parent[u]!;
  }
  return u;
}

function build(plan: Plan): UnitGraph {
  const n = plan.size;
  const paramOffset = new Int32Array(plan.weights.length + 1);
  plan.weights.forEach((w, i) => (paramOffset[i + 1] = paramOffset[i]! + w.weights.length));
  const pa: number[] = [];
  const pb: number[] = [];
  const p1: number[] = [];
  const p2: number[] = [];
  const dChild: number[] = [];
  const dParent: number[] = [];
  const dPar: number[] = [];
  plan.weights.forEach((w, wi) => {
    const off = paramOffset[wi]!;
    const fromOff = plan.blocks[w.from]!.offset;
    const toOff = plan.blocks[w.to]!.offset;
    const lateral = w.from === w.to;
    if (lateral && w.directed) {
      throw new GraphStructureError(`coupling ${w.coupling} is directed from a group to itself; directed couplings must join different groups`, {
        coupling: w.coupling,
      });
    }
    const add = (i: number, j: number, pos: number): void => {
      if (w.directed) {
        dChild.push(toOff + j);
        dParent.push(fromOff + i);
        dPar.push(off + pos);
      } else if (!lateral) {
        pa.push(fromOff + i);
        pb.push(toOff + j);
        p1.push(off + pos);
        p2.push(-1);
      } else if (w.sparse !== null) {
        if (i === j) return;
        pa.push(fromOff + Math.min(i, j));
        pb.push(fromOff + Math.max(i, j));
        p1.push(off + pos);
        p2.push(-1);
      } else if (i < j) {
        pa.push(fromOff + i);
        pb.push(fromOff + j);
        p1.push(off + pos);
        p2.push(off + j * w.cols + i);
      }
    };
    if (w.sparse !== null) {
      const { rowPtr, colIdx } = w.sparse;
      for (let r = 0; r < w.rows; r++) for (let q = rowPtr[r]!; q < rowPtr[r + 1]!; q++) add(r, colIdx[q]!, q);
    } else {
      const mask = w.mask;
      for (let i = 0; i < w.rows; i++) {
        for (let j = 0; j < w.cols; j++) {
          const pos = i * w.cols + j;
          // A lateral pair is structural if either mirrored mask entry is set.
          if (mask !== null && mask[pos] === 0 && !(lateral && mask[j * w.cols + i] === 1)) continue;
          add(i, j, pos);
        }
      }
    }
  });
  const undirected = csr(n, [...pa, ...pb], [...pb, ...pa], [...p1, ...p1]);
  const parent = new Int32Array(n);
  for (let u = 0; u < n; u++) parent[u] = u;
  for (let e = 0; e < pa.length; e++) {
    const x = find(parent, pa[e]!);
    const y = find(parent, pb[e]!);
    if (x !== y) parent[Math.max(x, y)] = Math.min(x, y);
  }
  const component = new Int32Array(n);
  const lists: number[][] = [];
  const rootIndex = new Map<number, number>();
  for (let u = 0; u < n; u++) {
    const r = find(parent, u);
    let c = rootIndex.get(r);
    if (c === undefined) {
      c = lists.length;
      rootIndex.set(r, c);
      lists.push([]);
    }
    component[u] = c;
    lists[c]!.push(u);
  }
  return {
    n,
    paramOffset,
    undirected,
    parents: csr(n, dChild, dParent, dPar),
    children: csr(n, dParent, dChild, dPar),
    pairA: Int32Array.from(pa),
    pairB: Int32Array.from(pb),
    pairP1: Int32Array.from(p1),
    pairP2: Int32Array.from(p2),
    component,
    components: lists.map((l) => Int32Array.from(l)),
    componentPairs: pairsByComponent(component, pa, lists.length),
  };
}

/** The pairs of each component, derived once with the graph. */
function pairsByComponent(component: Int32Array, pairA: readonly number[], count: number): Int32Array[] {
  const lists: number[][] = Array.from({ length: count }, () => []);
  for (let q = 0; q < pairA.length; q++) lists[component[pairA[q]!]!]!.push(q);
  return lists.map((l) => Int32Array.from(l));
}

/** @internal The (cached) unit-level structure of a plan. */
export function unitGraph(plan: Plan): UnitGraph {
  let g = cache.get(plan);
  if (g === undefined) {
    g = build(plan);
    cache.set(plan, g);
  }
  return g;
}

/** @internal The current values of every weight, in the flat parameter index, as float64. */
export function gatherParams(plan: Plan, g: UnitGraph): Float64Array {
  const out = new Float64Array(g.paramOffset[plan.weights.length]!);
  plan.weights.forEach((w, i) => out.set(w.weights, g.paramOffset[i]!));
  return out;
}

/** @internal The current value of flat parameter `p`, read from the plan. */
export function paramAt(plan: Plan, g: UnitGraph, p: number): number {
  const off = g.paramOffset;
  let lo = 0;
  let hi = plan.weights.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (off[mid]! <= p) lo = mid;
    else hi = mid - 1;
  }
  return plan.weights[lo]!.weights[p - off[lo]!]!;
}

/** @internal The plan's biases as float64. */
export function gatherBias(plan: Plan): Float64Array {
  return Float64Array.from(plan.bias);
}
