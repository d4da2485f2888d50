/**
 * The block-Gibbs schedule: a greedy colouring of the undirected coupling
 * graph, where a group without a lateral coupling is one node and a group
 * with one contributes each unit as a node.
 *
 * Nodes are coloured in breadth-first order (roots: visible groups first,
 * then by block and unit index), which 2-colours every connected bipartite
 * graph: an RBM gives `[{v}, {h}]`, a layered DBM odd/even layers, a
 * checkerboard Ising grid two steps, a dense lateral group one step per unit.
 *
 * @module
 */
import { InvariantError } from '@stochnet/graph';
import type { GibbsStep, StepPart, WeightBlock } from './plan.js';
import type { Topology } from './topology.js';

/** Calls `fn(i, j)` for every unit pair a coupling may join (structure, not values). */
function forEachPair(w: WeightBlock, lateral: boolean, fn: (i: number, j: number) => void): void {
  if (w.sparse !== null) {
    const { rowPtr, colIdx } = w.sparse;
    for (let i = 0; i < w.rows; i++) for (let p = rowPtr[i]!; p < rowPtr[i + 1]!; p++) fn(i, colIdx[p]!);
    return;
  }
  const mask = w.mask;
  for (let i = 0; i < w.rows; i++) {
    for (let j = 0; j < w.cols; j++) {
      if (lateral && i === j) continue;
      if (mask === null || mask[i * w.cols + j] !== 0) fn(i, j);
    }
  }
}

interface NodeGraph {
  readonly included: boolean[];
  readonly start: Int32Array;
  readonly count: Int32Array;
  readonly blockOf: Int32Array;
  /** Explicit neighbours, CSR over nodes. */
  readonly adjPtr: Int32Array;
  readonly adj: Int32Array;
  /** Blocks all of whose nodes neighbour every node of this block (a dense lateral lists its own block). */
  readonly blockNbrs: number[][];
}

/** Blocks a Gibbs sweep covers: those with an undirected coupling, and those with no coupling at all. */
function coveredBlocks(topo: Topology): boolean[] {
  const touched = new Array<boolean>(topo.groups.length).fill(false);
  const undirected = new Array<boolean>(topo.groups.length).fill(false);
  for (const e of topo.edges) {
    touched[e.from] = touched[e.to] = true;
    if (!e.directed) undirected[e.from] = undirected[e.to] = true;
  }
  return undirected.map((u, b) => u || !touched[b]);
}

function buildNodeGraph(topo: Topology, weights: readonly WeightBlock[]): NodeGraph {
  const n = topo.groups.length;
  const split = new Array<boolean>(n).fill(false);
  for (const e of topo.edges) if (!e.directed && e.lateral) split[e.from] = true;
  const included = coveredBlocks(topo);
  const start = new Int32Array(n);
  const count = new Int32Array(n);
  let total = 0;
  for (let b = 0; b < n; b++) {
    start[b] = total;
    count[b] = included[b] ? (split[b] ? topo.groups[b]!.size : 1) : 0;
    total += count[b]!;
  }
  const blockOf = new Int32Array(total);
  for (let b = 0; b < n; b++) blockOf.fill(b, start[b]!, start[b]! + count[b]!);
  const blockNbrs: number[][] = topo.groups.map(() => []);
  const us: number[] = [];
  const vs: number[] = [];
  for (const e of topo.edges) {
    if (e.directed) continue;
    const w = weights[e.index]!;
    if (w.connectivity === 'dense' || (!split[e.from] && !split[e.to])) {
      if (!blockNbrs[e.from]!.includes(e.to)) blockNbrs[e.from]!.push(e.to);
      if (!blockNbrs[e.to]!.includes(e.from)) blockNbrs[e.to]!.push(e.from);
      continue;
    }
    const node = (b: number, i: number): number => start[b]! + (split[b] ? i : 0);
    forEachPair(w, e.lateral, (i, j) => {
      us.push(node(e.from, i));
      vs.push(node(e.to, j));
    });
  }
  for (const list of blockNbrs) list.sort((a, b) => a - b);
  // CSR of the explicit pairs, both directions, each list sorted and unique.
  const degree = new Int32Array(total + 1);
  for (let k = 0; k < us.length; k++) {
    degree[us[k]! + 1]!++;
    degree[vs[k]! + 1]!++;
  }
  for (let u = 0; u < total; u++) degree[u + 1]! += degree[u]!;
  const fill = degree.slice(0, total);
  const raw = new Int32Array(degree[total]!);
  for (let k = 0; k < us.length; k++) {
    raw[fill[us[k]!]!++] = vs[k]!;
    raw[fill[vs[k]!]!++] = us[k]!;
  }
  const adjPtr = new Int32Array(total + 1);
  const adj: number[] = [];
  for (let u = 0; u < total; u++) {
    const list = raw.subarray(degree[u]!, degree[u + 1]!).sort();
    for (let q = 0; q < list.length; q++) if (list[q] !== u && (q === 0 || list[q] !== list[q - 1])) adj.push(list[q]!);
    adjPtr[u + 1] = adj.length;
  }
  return { included, start, count, blockOf, adjPtr, adj: Int32Array.from(adj), blockNbrs };
}

/** Greedy colouring in breadth-first order; returns one colour per node. */
function colourNodes(topo: Topology, g: NodeGraph): Int32Array {
  const total = g.blockOf.length;
  const colour = new Int32Array(total).fill(-1);
  const visited = new Uint8Array(total);
  const blockEnqueued = new Uint8Array(topo.groups.length);
  const blockColours: number[][] = topo.groups.map(() => []);
  const stamp: number[] = [];
  let round = 0;
  const queue = new Int32Array(total);
  let head = 0;
  let tail = 0;
  const enqueue = (v: number): void => {
    if (visited[v] === 0) {
      visited[v] = 1;
      queue[tail++] = v;
    }
  };
  const roots: number[] = [];
  for (const visibleFirst of [true, false]) {
    topo.groups.forEach((group, b) => {
      if ((group.role === 'visible') !== visibleFirst) return;
      for (let k = 0; k < g.count[b]!; k++) roots.push(g.start[b]! + k);
    });
  }
  for (const root of roots) {
    enqueue(root);
    while (head < tail) {
      const u = queue[head++]!;
      const b = g.blockOf[u]!;
      round++;
      for (let q = g.adjPtr[u]!; q < g.adjPtr[u + 1]!; q++) {
        const c = colour[g.adj[q]!]!;
        if (c >= 0) stamp[c] = round;
      }
      for (const nb of g.blockNbrs[b]!) for (const c of blockColours[nb]!) stamp[c] = round;
      let c = 0;
      while (stamp[c] === round) c++;
      colour[u] = c;
      if (!blockColours[b]!.includes(c)) blockColours[b]!.push(c);
      for (let q = g.adjPtr[u]!; q < g.adjPtr[u + 1]!; q++) enqueue(g.adj[q]!);
      for (const nb of g.blockNbrs[b]!) {
        if (blockEnqueued[nb] === 1) continue;
        blockEnqueued[nb] = 1;
        for (let k = 0; k < g.count[nb]!; k++) enqueue(g.start[nb]! + k);
      }
    }
  }
  return colour;
}

/**
 * Throws InvariantError unless every unit of a covered block is in exactly
 * one step, no other unit is, and no step holds two units of an undirected pair.
 *
 * @internal
 */
export function verifyGibbs(topo: Topology, weights: readonly WeightBlock[], offsets: readonly number[], steps: readonly GibbsStep[]): void {
  const included = coveredBlocks(topo);
  const size = topo.groups.reduce((s, grp) => s + grp.size, 0);
  const stepOf = new Int32Array(size).fill(-1);
  steps.forEach((step, s) => {
    for (const part of step.parts) {
      const units = part.units ?? Int32Array.from({ length: topo.groups[part.block]!.size }, (_, i) => i);
      for (const i of units) {
        const k = offsets[part.block]! + i;
        if (stepOf[k] !== -1) throw new InvariantError('a unit appears twice in the Gibbs schedule', { block: part.block, unit: i });
        stepOf[k] = s;
      }
    }
  });
  topo.groups.forEach((group, b) => {
    for (let i = 0; i < group.size; i++) {
      if ((stepOf[offsets[b]! + i] === -1) === included[b]) {
        throw new InvariantError(`a unit is ${included[b] ? 'missing from' : 'wrongly in'} the Gibbs schedule`, { group: group.id, unit: i });
      }
    }
  });
  for (const e of topo.edges) {
    if (e.directed) continue;
    const w = weights[e.index]!;
    const a = offsets[e.from]!;
    const c = offsets[e.to]!;
    const clash = (i: number, j: number): void => {
      if (stepOf[a + i] === stepOf[c + j]) {
        throw new InvariantError('a Gibbs step holds two coupled units', { coupling: e.spec.id, row: i, column: j, step: stepOf[a + i] });
      }
    };
    if (w.connectivity !== 'dense') {
      forEachPair(w, e.lateral, clash);
      continue;
    }
    // Dense: the steps used by one side must be disjoint from the other's (or all distinct for a lateral).
    const seen = new Map<number, number>();
    for (let i = 0; i < w.rows; i++) {
      const s = stepOf[a + i]!;
      if (e.lateral && seen.has(s)) clash(seen.get(s)!, i);
      seen.set(s, i);
    }
    if (!e.lateral) for (let j = 0; j < w.cols; j++) if (seen.has(stepOf[c + j]!)) clash(seen.get(stepOf[c + j]!)!, j);
  }
}

/**
 * The block-Gibbs sweep of a topology: empty without undirected couplings;
 * otherwise covers every group with an undirected coupling and every group
 * with no coupling at all (groups only in directed couplings are left out).
 *
 * @internal
 */
export function gibbsSchedule(topo: Topology, weights: readonly WeightBlock[], offsets: readonly number[]): readonly GibbsStep[] {
  if (!topo.edges.some((e) => !e.directed)) return Object.freeze([]);
  const g = buildNodeGraph(topo, weights);
  const colour = colourNodes(topo, g);
  const colours = colour.reduce((m, c) => Math.max(m, c + 1), 0);
  const stepParts: StepPart[][] = Array.from({ length: colours }, () => []);
  topo.groups.forEach((group, b) => {
    const byColour = new Map<number, number[]>();
    for (let k = 0; k < g.count[b]!; k++) {
      const c = colour[g.start[b]! + k]!;
      const units = byColour.get(c);
      if (units === undefined) byColour.set(c, [k]);
      else units.push(k);
    }
    for (const [c, units] of byColour) {
      const whole = g.count[b] === 1 || units.length === group.size;
      stepParts[c]!.push(Object.freeze({ block: b, units: whole ? null : Int32Array.from(units) }));
    }
  });
  const steps: GibbsStep[] = stepParts.map((parts) => Object.freeze({ parts: Object.freeze(parts) }));
  verifyGibbs(topo, weights, offsets, steps);
  return Object.freeze(steps);
}
