/**
 * Unit-level Markov blankets, read through the group-level graph view.
 *
 * @module
 */
import { compareIds } from './compare-ids.js';
import { InvariantError } from './errors.js';
import { resolveUnit } from './network.js';
import type { CouplingId, CouplingParams, CouplingSpec, GroupId, Network, UnitRef } from './types.js';
import { graphView } from './view.js';

/** One unit of a Markov blanket: its group and its index within the group. */
export interface BlanketUnit {
  /** The unit's group. */
  readonly group: GroupId;
  /** The unit's index within its group. */
  readonly index: number;
}

/** The indices on the other end of `spec` joined to unit `index` on the `side` end. */
function partners(net: Network, spec: CouplingSpec, side: 'from' | 'to', index: number): number[] {
  const params: CouplingParams | undefined = net.couplings.get(spec.id);
  const fromSize = net.structure.groups.find((g) => g.id === spec.from)?.size;
  const toSize = net.structure.groups.find((g) => g.id === spec.to)?.size;
  if (params === undefined || fromSize === undefined || toSize === undefined) {
    throw new InvariantError(`coupling ${spec.id} has no parameters or unknown groups in a validated network`, {
      coupling: spec.id,
    });
  }
  const found: number[] = [];
  if (spec.connectivity === 'sparse') {
    const mine = side === 'from' ? params.rows : params.cols;
    const theirs = side === 'from' ? params.cols : params.rows;
    if (mine === undefined || theirs === undefined) {
      throw new InvariantError(`sparse coupling ${spec.id} has no rows/cols`, { coupling: spec.id });
    }
    for (let k = 0; k < mine.length; k++) if (mine[k] === index) found.push(theirs[k]!);
    return found;
  }
  const mask = spec.connectivity === 'masked' ? params.mask : undefined;
  const other = side === 'from' ? toSize : fromSize;
  for (let j = 0; j < other; j++) {
    const at = side === 'from' ? index * toSize + j : j * toSize + index;
    if (mask === undefined || mask[at] !== 0) found.push(j);
  }
  return found;
}

/**
 * The Markov blanket of one unit: the units whose states its conditional
 * distribution depends on, given everything else.
 *
 * @remarks
 * For directed couplings the blanket holds the unit's parents, its children
 * and its children's other parents (the co-parents that explaining away
 * couples it to); for undirected couplings it holds the unit's neighbours.
 * Connectivity is read at unit level: a dense coupling joins every pair, a
 * masked one only the pairs whose mask is 1, a sparse one only its listed
 * pairs (whatever their weight). The unit itself is never in its blanket.
 * The group-level {@link graphView} finds the couplings to read; units are
 * never graph nodes.
 *
 * @param net - the network
 * @param ref - the unit: `'g'`, `'g[i]'` or `{ group, index }`
 * @returns the blanket's units, without repeats, sorted by group id then index
 * @throws {@link UnknownUnitError} when the group does not exist or the index is outside it
 * @throws {@link ShapeError} when `'g'` names a group of more than one unit
 * @throws {@link ValidationError} when `ref` is not a unit reference
 *
 * @example
 * ```ts
 * import { markovBlanket, network } from '@stochnet/graph';
 * const net = network({ seed: 1 })
 *   .unit('rain').unit('sprinkler').unit('wet')
 *   .edge('rain', 'wet', 1.2).edge('sprinkler', 'wet', 0.8)
 *   .build();
 * console.log(markovBlanket(net, 'rain')); // [ { group: 'sprinkler', index: 0 }, { group: 'wet', index: 0 } ]
 * ```
 */
export function markovBlanket(net: Network, ref: UnitRef): BlanketUnit[] {
  const unit = resolveUnit(net, ref);
  const graph = graphView(net);
  const spec = (id: string): CouplingSpec => {
    const found = net.structure.couplings.find((c) => c.id === (id as CouplingId));
    if (found === undefined) throw new InvariantError(`graph view edge ${id} has no coupling`, { coupling: id });
    return found;
  };
  const blanket = new Map<string, BlanketUnit>();
  const add = (group: GroupId, index: number): void => {
    if (group === unit.group && index === unit.index) return;
    blanket.set(`${group}\u0000${index}`, { group, index });
  };
  graph.forEachEdge(unit.group, (edge) => {
    const c = spec(edge);
    if (c.from === unit.group) {
      for (const j of partners(net, c, 'from', unit.index)) add(c.to, j);
    }
    if (c.to === unit.group) {
      for (const i of partners(net, c, 'to', unit.index)) add(c.from, i);
    }
  });
  // Co-parents: the other parents of each child reached along an out-coupling.
  graph.forEachOutEdge(unit.group, (edge) => {
    const c = spec(edge);
    const children = partners(net, c, 'from', unit.index);
    graph.forEachInEdge(c.to, (inEdge) => {
      const parentCoupling = spec(inEdge);
      for (const child of children) {
        for (const k of partners(net, parentCoupling, 'to', child)) add(parentCoupling.from, k);
      }
    });
  });
  return [...blanket.values()].sort((a, b) => compareIds(a.group, b.group) || a.index - b.index);
}
