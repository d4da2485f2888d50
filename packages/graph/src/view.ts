/**
 * Graph questions about a network, answered on a group-level graphology view:
 * cycles, topological order, bipartiteness, components, Markov blankets.
 *
 * The view has one node per group and one edge per coupling (never one node
 * per unit: a dense layer stays one node). It is built once per structure
 * object and cached in a `WeakMap`; immer returns the same structure object
 * when an edit changes nothing else, so the cache is exact.
 *
 * @module
 */
import { MultiGraph } from 'graphology';
import type { AbstractGraph } from 'graphology-types';
import { compareIds } from './compare-ids.js';
import { CycleError, GraphStructureError, type ValidationError } from './errors.js';
import type { Connectivity, CouplingId, GroupId, GroupRole, Network, Structure, UnitKind } from './types.js';

import { findDirectedCycle } from './directed-cycle.js';
import { structureOf } from './network.js';

export { findDirectedCycle } from './directed-cycle.js';
export { markovBlanket } from './markov-blanket.js';
export type { BlanketUnit } from './markov-blanket.js';

/** Attributes of a group node in the {@link graphView}. */
export type GroupAttributes = {
  /** Number of units in the group. */
  readonly size: number;
  /** Distribution family of the group's units. */
  readonly kind: UnitKind;
  /** What the group is for. */
  readonly role: GroupRole;
};

/** Attributes of a coupling edge in the {@link graphView}; the edge key is the coupling id. */
export type CouplingAttributes = {
  /** The coupling's id (also the edge's key). */
  readonly coupling: CouplingId;
  /** Dense, masked or sparse. */
  readonly connectivity: Connectivity;
  /** `true` for a belief-net edge from → to. */
  readonly directed: boolean;
};

type FullGraph = AbstractGraph<GroupAttributes, CouplingAttributes>;

/**
 * A read-only graphology graph of a network's groups (nodes, keyed by group
 * id) and couplings (edges, keyed by coupling id; directed or undirected; a
 * lateral coupling is a self-loop). Every method that would change it
 * (`add…`, `merge…`, `update…`, `drop…`, `clear…`, `set…`, `remove…`,
 * `replace…`, `import`) is removed from the type and throws a
 * {@link GraphStructureError} (code `READ_ONLY`) at run time.
 */
export type GroupGraph = Omit<
  AbstractGraph<GroupAttributes, CouplingAttributes>,
  Exclude<
    Extract<
      keyof AbstractGraph<GroupAttributes, CouplingAttributes>,
      `${'add' | 'merge' | 'update' | 'drop' | 'clear' | 'set' | 'remove' | 'replace'}${string}` | 'import'
    >,
    'addListener' | 'removeListener' | 'removeAllListeners' | 'setMaxListeners'
  >
>;

const MUTATOR = /^(add|merge|update|drop|clear|set|remove|replace|import)/;
const LISTENER = new Set<string>(['addListener', 'removeListener', 'removeAllListeners', 'setMaxListeners']);
const views = new WeakMap<Structure, GroupGraph>();

function sealGraph(graph: FullGraph): GroupGraph {
  const names = new Set<string>();
  for (let p: object | null = Object.getPrototypeOf(graph); p && p !== Object.prototype; p = Object.getPrototypeOf(p)) {
    for (const name of Object.getOwnPropertyNames(p)) if (MUTATOR.test(name) && !LISTENER.has(name)) names.add(name);
  }
  for (const method of names) {
    Object.defineProperty(graph, method, {
      value: () => {
        throw new GraphStructureError(
          `graphView() is read-only (${method} called); edit the network with mutate() and call graphView() again`,
          { method },
          'READ_ONLY',
        );
      },
    });
  }
  return graph;
}

function buildView(structure: Structure): GroupGraph {
  const graph: FullGraph = new MultiGraph<GroupAttributes, CouplingAttributes>({ type: 'mixed', allowSelfLoops: true });
  for (const g of [...structure.groups].sort((a, b) => compareIds(a.id, b.id))) {
    graph.addNode(g.id, Object.freeze({ size: g.size, kind: g.kind, role: g.role }));
  }
  for (const c of [...structure.couplings].sort((a, b) => compareIds(a.id, b.id))) {
    if (!graph.hasNode(c.from) || !graph.hasNode(c.to) || graph.hasEdge(c.id)) continue;
    const attrs = Object.freeze({ coupling: c.id, connectivity: c.connectivity, directed: c.directed });
    if (c.directed) graph.addDirectedEdgeWithKey(c.id, c.from, c.to, attrs);
    else graph.addUndirectedEdgeWithKey(c.id, c.from, c.to, attrs);
  }
  return sealGraph(graph);
}

/**
 * The cached, read-only group-level graphology view of a network.
 *
 * @remarks
 * Nodes are groups (attributes {@link GroupAttributes}), edges are couplings
 * (attributes {@link CouplingAttributes}), both inserted in id order so every
 * iteration over the view is deterministic. Built once per structure object;
 * later calls with the same structure return the same graph.
 *
 * @param net - the network to view
 * @returns the read-only graph of groups and couplings
 * @throws {@link GraphStructureError} (code `READ_ONLY`) when a mutating method of the view is called
 * @throws {@link ValidationError} when `net` is not a Network (so do the other graph queries, which read this view)
 *
 * @example
 * ```ts
 * import { graphView, rbm } from '@stochnet/graph';
 * const g = graphView(rbm(6, 4, { seed: 1 }));
 * console.log(g.order, g.size, g.nodes()); // 2 1 [ 'h', 'v' ]
 * console.log(g.getEdgeAttributes('v--h').directed); // false
 * ```
 */
export function graphView(net: Network): GroupGraph {
  const structure = structureOf(net, 'graphView');
  let view = views.get(structure);
  if (view === undefined) {
    view = buildView(structure);
    views.set(structure, view);
  }
  return view;
}

/**
 * The groups in topological order along directed couplings, ties broken by id.
 *
 * @remarks
 * Kahn's algorithm, always taking the smallest ready id (code-unit order), so
 * the order is a pure function of the structure. Undirected couplings impose
 * no order; groups without directed couplings appear by id among the others.
 * For a belief net with top-down couplings (`h2->h1`, `h1->v`) the roots
 * come first, which is the ancestral sampling order.
 *
 * @param net - the network
 * @returns every group id, parents before children
 * @throws {@link CycleError} when directed couplings form a cycle (`details.cycle` is the path)
 *
 * @example
 * ```ts
 * import { topologicalGroups, sbn } from '@stochnet/graph';
 * console.log(topologicalGroups(sbn([4, 3, 2], { seed: 1 }))); // [ 'h2', 'h1', 'v' ]
 * ```
 */
export function topologicalGroups(net: Network): GroupId[] {
  const graph = graphView(net);
  const indegree = new Map<string, number>();
  graph.forEachNode((node) => indegree.set(node, 0));
  graph.forEachDirectedEdge((_e, _a, _s, target) => indegree.set(target, (indegree.get(target) ?? 0) + 1));
  const ready = [...indegree].filter(([, d]) => d === 0).map(([id]) => id);
  const order: GroupId[] = [];
  while (ready.length > 0) {
    ready.sort(compareIds);
    const next = ready.shift()!;
    order.push(next as GroupId);
    graph.forEachOutEdge(next, (_e, _a, _s, target) => {
      const d = (indegree.get(target) ?? 0) - 1;
      indegree.set(target, d);
      if (d === 0) ready.push(target);
    });
  }
  if (order.length < graph.order) {
    const cycle = findDirectedCycle(net.structure) ?? [];
    throw new CycleError(
      `directed couplings form a cycle ${cycle.join(' -> ')}; remove or make undirected one of its couplings`,
      { cycle },
    );
  }
  return order;
}

/** The outcome of {@link isUndirectedBipartite}. */
export type BipartiteResult =
  | { readonly bipartite: true; readonly sides: readonly [GroupId[], GroupId[]] }
  | { readonly bipartite: false; readonly offending: CouplingId };

/**
 * Whether the undirected couplings 2-colour the groups, as a restricted
 * Boltzmann machine needs.
 *
 * @remarks
 * Breadth-first 2-colouring over undirected couplings, starting from the
 * smallest unvisited id each time with that group on side 0. Directed
 * couplings are ignored; groups no undirected coupling touches sit on side 0.
 * A lateral undirected coupling (a group with itself) is never bipartite.
 *
 * @param net - the network
 * @returns `{ bipartite: true, sides }` with both sides sorted by id, or
 *   `{ bipartite: false, offending }` naming the first (by id) coupling whose
 *   two ends fall on the same side
 *
 * @example
 * ```ts
 * import { isUndirectedBipartite, rbm, boltzmann } from '@stochnet/graph';
 * console.log(isUndirectedBipartite(rbm(6, 4, { seed: 1 }))); // { bipartite: true, sides: [ [ 'h' ], [ 'v' ] ] }
 * console.log(isUndirectedBipartite(boltzmann(5, { seed: 1 }))); // { bipartite: false, offending: 'x--x' }
 * ```
 */
export function isUndirectedBipartite(net: Network): BipartiteResult {
  const graph = graphView(net);
  const side = new Map<string, 0 | 1>();
  for (const root of graph.nodes()) {
    if (side.has(root)) continue;
    side.set(root, 0);
    const queue = [root];
    for (let head = 0; head < queue.length; head++) {
      const node = queue[head]!;
      const colour = side.get(node)!;
      graph.forEachUndirectedNeighbor(node, (other) => {
        if (side.has(other)) return;
        side.set(other, colour === 0 ? 1 : 0);
        queue.push(other);
      });
    }
  }
  const offending = graph
    .filterUndirectedEdges((_e, _a, source, target) => side.get(source) === side.get(target))
    .sort(compareIds)[0];
  if (offending !== undefined) return { bipartite: false, offending: offending as CouplingId };
  const sides: [GroupId[], GroupId[]] = [[], []];
  for (const [id, s] of side) sides[s].push(id as GroupId);
  return { bipartite: true, sides: [sides[0].sort(compareIds), sides[1].sort(compareIds)] };
}

/**
 * The groups split into connected components, ignoring coupling direction.
 *
 * @param net - the network
 * @returns the components, each sorted by id, ordered by their smallest id
 *
 * @example
 * ```ts
 * import { connectedComponents, network } from '@stochnet/graph';
 * const net = network({ seed: 1 }).layer('a', 2).layer('b', 2).layer('c', 1).connect('a', 'b').build();
 * console.log(connectedComponents(net)); // [ [ 'a', 'b' ], [ 'c' ] ]
 * ```
 */
export function connectedComponents(net: Network): GroupId[][] {
  const graph = graphView(net);
  const seen = new Set<string>();
  const components: GroupId[][] = [];
  for (const root of graph.nodes()) {
    if (seen.has(root)) continue;
    seen.add(root);
    const queue = [root];
    for (let head = 0; head < queue.length; head++) {
      graph.forEachNeighbor(queue[head]!, (other) => {
        if (seen.has(other)) return;
        seen.add(other);
        queue.push(other);
      });
    }
    components.push(queue.sort(compareIds) as GroupId[]);
  }
  return components;
}
