/**
 * Schedules derived from the group-level graph: chain components (checked to
 * form a chain graph), the ancestral order of blocks, and their assembly
 * with the Gibbs colouring.
 *
 * @module
 */
import { CycleError, GraphStructureError } from '@stochnet/graph';
import type { StochnetError } from '@stochnet/graph';
import type { Schedules, WeightBlock } from './plan.js';
import type { Topology } from './topology.js';
import { gibbsSchedule } from './gibbs.js';

/** A binary min-heap of non-negative integers. */
class MinHeap {
  private readonly items: number[] = [];
  get size(): number {
    return this.items.length;
  }
  push(x: number): void {
    const a = this.items;
    a.push(x);
    let i = a.length - 1;
    while (i > 0) {
      const p = (i - 1) >> 1;
      if (a[p]! <= x) break;
      a[i] = a[p]!;
      i = p;
    }
    a[i] = x;
  }
  pop(): number {
    const a = this.items;
    const top = a[0]!;
    const last = a.pop()!;
    if (a.length > 0) {
      let i = 0;
      for (;;) {
        const l = 2 * i + 1;
        if (l >= a.length) break;
        const r = l + 1;
        const c = r < a.length && a[r]! < a[l]! ? r : l;
        if (a[c]! >= last) break;
        a[i] = a[c]!;
        i = c;
      }
      a[i] = last;
    }
    return top;
  }
}

/**
 * Kahn's topological order of nodes 0..n-1 along `succ`, ties broken by the
 * smaller node. Returns the order, or the nodes left on cycles.
 */
function topologicalOrder(n: number, succ: readonly (readonly number[])[]): { order: number[]; stuck: number[] } {
  const indegree = new Array<number>(n).fill(0);
  for (const out of succ) for (const t of out) indegree[t]!++;
  const ready = new MinHeap();
  for (let i = 0; i < n; i++) if (indegree[i] === 0) ready.push(i);
  const order: number[] = [];
  while (ready.size > 0) {
    const u = ready.pop();
    order.push(u);
    for (const t of succ[u]!) if (--indegree[t]! === 0) ready.push(t);
  }
  const stuck: number[] = [];
  for (let i = 0; i < n; i++) if (indegree[i]! > 0) stuck.push(i);
  return { order, stuck };
}

/** Follows successors inside `stuck` from its first node until a node repeats: a cycle. */
function findCycle(succ: readonly (readonly number[])[], stuck: readonly number[]): number[] {
  const inStuck = new Set(stuck);
  const seen = new Map<number, number>();
  const path: number[] = [];
  let u = stuck[0]!;
  while (!seen.has(u)) {
    seen.set(u, path.length);
    path.push(u);
    u = succ[u]!.find((t) => inStuck.has(t))!;
  }
  return path.slice(seen.get(u));
}

/**
 * Chain components of a topology in topological order (each sorted by block
 * index), or every reason it is not a chain graph: a directed coupling
 * inside an undirected component (`UNPLANNABLE`), or a directed cycle among
 * components ({@link CycleError}).
 *
 * @internal
 */
export function chainComponents(topo: Topology): { components: number[][]; issues: StochnetError[] } {
  const n = topo.groups.length;
  const parent = Array.from({ length: n }, (_, i) => i);
  const find = (x: number): number => {
    while (parent[x] !== x) {
      parent[x] = parent[parent[x]!]!;
      x = parent[x]!;
    }
    return x;
  };
  for (const e of topo.edges) {
    if (e.directed) continue;
    const a = find(e.from);
    const b = find(e.to);
    if (a !== b) parent[Math.max(a, b)] = Math.min(a, b);
  }
  // Components numbered by their smallest block, so ties break by block index.
  const componentOf = new Array<number>(n);
  const members: number[][] = [];
  const number = new Map<number, number>();
  for (let i = 0; i < n; i++) {
    const root = find(i);
    let c = number.get(root);
    if (c === undefined) {
      c = members.length;
      number.set(root, c);
      members.push([]);
    }
    componentOf[i] = c;
    members[c]!.push(i);
  }
  const issues: StochnetError[] = [];
  const succ: number[][] = members.map(() => []);
  const via = new Map<string, string>();
  for (const e of topo.edges) {
    if (!e.directed) continue;
    const a = componentOf[e.from]!;
    const b = componentOf[e.to]!;
    if (a === b) {
      const group = (i: number): string => topo.groups[i]!.id;
      issues.push(
        new GraphStructureError(
          e.lateral
            ? `directed coupling ${e.spec.id} joins group ${group(e.from)} to itself, which no block schedule can order; make it undirected or split the group`
            : `directed coupling ${e.spec.id} (${group(e.from)} -> ${group(e.to)}) lies inside an undirected component ` +
                `{${members[a]!.map(group).join(', ')}}, so the network is not a chain graph; make it undirected or remove the undirected path between its ends`,
          { coupling: e.spec.id, from: group(e.from), to: group(e.to), component: members[a]!.map(group) },
          'UNPLANNABLE',
        ),
      );
      continue;
    }
    if (!succ[a]!.includes(b)) succ[a]!.push(b);
    if (!via.has(`${a}:${b}`)) via.set(`${a}:${b}`, e.spec.id);
  }
  if (issues.length > 0) return { components: [], issues };
  const { order, stuck } = topologicalOrder(members.length, succ);
  if (stuck.length > 0) {
    const cycle = findCycle(succ, stuck);
    const groups = cycle.map((c) => members[c]!.map((i) => topo.groups[i]!.id));
    const couplings = cycle.map((c, k) => via.get(`${c}:${cycle[(k + 1) % cycle.length]!}`)!);
    issues.push(
      new CycleError(
        `directed couplings ${couplings.join(', ')} form a cycle through the components ` +
          `${groups.map((g) => `{${g.join(', ')}}`).join(' -> ')}; remove or reverse one of them`,
        { cycle: groups.flat(), components: groups, couplings },
      ),
    );
    return { components: [], issues };
  }
  return { components: order.map((c) => members[c]!), issues };
}

/**
 * Topological order of blocks along directed couplings, ties by block index.
 *
 * @internal
 */
function ancestralOrder(topo: Topology): number[] {
  const succ: number[][] = topo.groups.map(() => []);
  for (const e of topo.edges) if (e.directed && !e.lateral) succ[e.from]!.push(e.to);
  return topologicalOrder(topo.groups.length, succ).order;
}

/**
 * Every schedule of a plannable topology.
 *
 * @internal
 */
export function buildSchedules(
  topo: Topology,
  components: readonly (readonly number[])[],
  weights: readonly WeightBlock[],
  offsets: readonly number[],
): Schedules {
  return {
    gibbs: gibbsSchedule(topo, weights, offsets),
    ancestral: Object.freeze(ancestralOrder(topo)),
    components: Object.freeze(components.map((c) => Object.freeze([...c]))),
  };
}
