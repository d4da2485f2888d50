/**
 * Plan-kind detection: what a network is, read from its couplings rather
 * than declared.
 *
 * @module
 */
import type { PlanKind } from './plan.js';
import type { Topology } from './topology.js';

/**
 * Whether a topology is a DBN: exactly one undirected coupling, between two
 * distinct groups T1, T2; every other coupling directed; no directed
 * coupling enters T1 or T2; every other group reachable from {T1, T2} along
 * directed couplings.
 */
function isDbn(topo: Topology): boolean {
  const undirected = topo.edges.filter((e) => !e.directed);
  const top = undirected[0];
  if (undirected.length !== 1 || top === undefined || top.lateral) return false;
  if (topo.edges.some((e) => e.directed && (e.to === top.from || e.to === top.to))) return false;
  const children: number[][] = topo.groups.map(() => []);
  for (const e of topo.edges) if (e.directed) children[e.from]!.push(e.to);
  const reached = new Array<boolean>(topo.groups.length).fill(false);
  const stack = [top.from, top.to];
  reached[top.from] = reached[top.to] = true;
  while (stack.length > 0) {
    for (const child of children[stack.pop()!]!) {
      if (reached[child]) continue;
      reached[child] = true;
      stack.push(child);
    }
  }
  return reached.every(Boolean);
}

/**
 * The kind of a plannable topology (a chain graph, as checked by
 * `chainComponents`), in this order:
 * - `rbm`: exactly two groups joined by exactly one undirected coupling
 *   that is not lateral, and no other coupling;
 * - `boltzmann`: at least one coupling, every one undirected;
 * - `sbn`: no undirected coupling (a network with no couplings at all is
 *   an SBN of root units);
 * - `dbn`: see isDbn;
 * - `general`: any other chain graph.
 *
 * @internal
 */
export function detectKind(topo: Topology): PlanKind {
  const edges = topo.edges;
  const directed = edges.filter((e) => e.directed).length;
  const undirected = edges.length - directed;
  const only = edges[0];
  if (topo.groups.length === 2 && edges.length === 1 && only !== undefined && !only.directed && !only.lateral) return 'rbm';
  if (undirected > 0 && directed === 0) return 'boltzmann';
  if (undirected === 0) return 'sbn';
  if (isDbn(topo)) return 'dbn';
  return 'general';
}
