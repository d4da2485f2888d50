/**
 * Rules shared by the builder's `.edge` and the edit `addEdge`: checking a
 * pair's weight and units, and finding the sparse coupling a pair belongs to.
 *
 * @module
 */
import { compareIds } from './compare-ids.js';
import { DuplicateEdgeError, SeedError, SelfLoopError } from './errors.js';
import type { CouplingId, CouplingSpec, GroupId } from './types.js';
import { finiteNumber } from './values.js';

/** A resolved unit: its group and its index within the group. */
interface Unit {
  readonly group: GroupId;
  readonly index: number;
}

const name = (u: Unit): string => `${u.group}[${u.index}]`;

/**
 * Checks an edge's weight (a finite number) and that it joins two different units.
 *
 * @returns the weight
 * @throws ValidationError, NonFiniteError or SelfLoopError naming the edge
 */
export function edgeWeight(weight: unknown, a: Unit, b: Unit, undirected: boolean): number {
  const edge = `${name(a)}${undirected ? '--' : '->'}${name(b)}`;
  if (a.group === b.group && a.index === b.index) {
    throw new SelfLoopError(`edge ${edge} joins unit ${name(a)} to itself; a unit cannot be coupled to itself`, { edge, unit: name(a) });
  }
  return finiteNumber(weight, { edge }, `weight of edge ${edge}`);
}

/**
 * The id of the coupling an edge creates: `a->b` (directed) or, undirected,
 * the two group ids in code-unit order joined by `--`, so the id does not
 * depend on which end was named first.
 */
export function edgeCoupling(a: GroupId, b: GroupId, directed: boolean): { id: CouplingId; from: GroupId; to: GroupId } {
  if (directed) return { id: `${a}->${b}` as CouplingId, from: a, to: b };
  const [from, to] = compareIds(a, b) <= 0 ? [a, b] : [b, a];
  return { id: `${from}--${to}` as CouplingId, from, to };
}

/**
 * The existing coupling that an edge between groups `a` and `b` adds to:
 * the one with the same direction joining them (either order when undirected).
 *
 * @returns the coupling and whether the edge's ends are swapped relative to it, or `undefined`
 * @throws DuplicateEdgeError when that coupling is dense or masked (it already has every pair)
 */
export function findPairCoupling(
  specs: readonly CouplingSpec[],
  a: GroupId,
  b: GroupId,
  directed: boolean,
): { spec: CouplingSpec; swapped: boolean } | undefined {
  const spec = specs.find(
    (c) => c.directed === directed && ((c.from === a && c.to === b) || (!directed && c.from === b && c.to === a)),
  );
  if (spec === undefined) return undefined;
  if (spec.connectivity !== 'sparse') {
    throw new DuplicateEdgeError(
      `coupling '${spec.id}' between '${a}' and '${b}' is ${spec.connectivity} and already joins every pair; set the weight with setWeight instead`,
      { coupling: spec.id, from: a, to: b },
    );
  }
  return { spec, swapped: spec.from !== a };
}

/**
 * Throws the error for a random initialiser in a network built without a seed.
 *
 * @throws SeedError naming the parameter block
 */
export function seedRequired(place: Readonly<Record<string, unknown>>): never {
  const what = typeof place['coupling'] === 'string' ? `coupling '${place['coupling']}'` : `group '${String(place['group'])}'`;
  throw new SeedError(`${what} uses a random initialiser but no seed was given; pass { seed } (stochnet never seeds itself)`, {
    ...place,
    option: 'seed',
  });
}
