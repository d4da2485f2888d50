/**
 * Reading a network: the empty network, id helpers, and lookups of groups,
 * couplings and units through an index cached per structure object.
 *
 * @module
 */
import { ShapeError, UnknownUnitError, ValidationError } from './errors.js';
import type { CouplingId, CouplingSpec, GroupId, GroupSpec, Network, Structure, UnitRef } from './types.js';

/** One unit, resolved: its group and its index within the group. */
export interface UnitAddress {
  /** The unit's group. */
  readonly group: GroupId;
  /** The unit's index within its group, 0-based. */
  readonly index: number;
}

interface StructureIndex {
  readonly groups: ReadonlyMap<string, GroupSpec>;
  readonly couplings: ReadonlyMap<string, CouplingSpec>;
}

// Keyed by the structure object: immer returns the same object when an edit
// leaves the structure alone, and a new one otherwise, so the cache is exact.
const indexes = new WeakMap<Structure, StructureIndex>();

/**
 * The structure of `net`, after checking that `net` has the shape of a
 * Network (a structure with group and coupling lists, and two Maps), so that
 * a wrong argument is a coded error rather than a TypeError deep inside.
 * Constant time: it does not validate the network (see validateNetwork).
 *
 * @throws {@link ValidationError} naming the function and the missing part
 * @internal
 */
export function structureOf(net: Network, fn: string): Structure {
  const n = net as Partial<Network> | null;
  const s = n !== null && typeof n === 'object' ? n.structure : undefined;
  const ok =
    s !== null &&
    typeof s === 'object' &&
    Array.isArray(s.groups) &&
    Array.isArray(s.couplings) &&
    n!.biases instanceof Map &&
    n!.couplings instanceof Map;
  if (!ok) {
    const received = n === null ? 'null' : typeof n !== 'object' ? typeof n : 'an object that is not a Network';
    throw new ValidationError(`${fn} needs a Network (from network(), a preset, makeNetwork or fromJSON), got ${received}`, {
      function: fn,
      argument: 'net',
      received,
    });
  }
  return s;
}

function indexOf(structure: Structure): StructureIndex {
  let index = indexes.get(structure);
  if (index === undefined) {
    const groups = new Map<string, GroupSpec>();
    const couplings = new Map<string, CouplingSpec>();
    // The first of two entries with one id wins; validation reports the duplicate.
    for (const g of structure.groups) if (!groups.has(g.id)) groups.set(g.id, g);
    for (const c of structure.couplings) if (!couplings.has(c.id)) couplings.set(c.id, c);
    index = { groups, couplings };
    indexes.set(structure, index);
  }
  return index;
}

/**
 * A network with no groups and no couplings, the start of every edit chain.
 *
 * @returns a fresh empty network (frozen structure, empty parameter maps)
 *
 * @example
 * ```ts
 * import { emptyNetwork, addGroup } from '@stochnet/graph';
 * const net = addGroup(emptyNetwork(), 'v', 4);
 * console.log(net.structure.groups.length); // 1
 * ```
 */
export function emptyNetwork(): Network {
  const structure: Structure = Object.freeze({ groups: Object.freeze([]), couplings: Object.freeze([]) });
  return Object.freeze({ structure, biases: new Map(), couplings: new Map() });
}

function checkId(s: unknown, what: 'group' | 'coupling'): string {
  if (typeof s !== 'string' || s.length === 0) {
    const received = typeof s === 'string' ? 'an empty string' : s === null ? 'null' : typeof s;
    throw new ValidationError(`${what} id must be a non-empty string, got ${received}`, { [what]: s, received });
  }
  return s;
}

/**
 * Turns a string into a {@link GroupId}.
 *
 * @param s - the id, a non-empty string
 * @returns the same string, typed as a group id
 * @throws {@link ValidationError} when `s` is not a non-empty string
 *
 * @example
 * ```ts
 * import { groupId } from '@stochnet/graph';
 * const id = groupId('h1');
 * console.log(id); // 'h1'
 * ```
 */
export function groupId(s: string): GroupId {
  return checkId(s, 'group') as GroupId;
}

/**
 * Turns a string into a {@link CouplingId}.
 *
 * @param s - the id, a non-empty string
 * @returns the same string, typed as a coupling id
 * @throws {@link ValidationError} when `s` is not a non-empty string
 *
 * @example
 * ```ts
 * import { couplingId } from '@stochnet/graph';
 * console.log(couplingId('v--h')); // 'v--h'
 * ```
 */
export function couplingId(s: string): CouplingId {
  return checkId(s, 'coupling') as CouplingId;
}

/**
 * The group with id `id`, if the network has one.
 *
 * @param net - the network
 * @param id - the group id
 * @returns the group's spec, or `undefined`
 * @throws {@link ValidationError} when `net` is not a Network
 *
 * @example
 * ```ts
 * import { findGroup, rbm, zeros } from '@stochnet/graph';
 * const net = rbm(6, 4, { init: zeros() });
 * console.log(findGroup(net, 'h')?.size, findGroup(net, 'x')); // 4 undefined
 * ```
 */
export function findGroup(net: Network, id: string): GroupSpec | undefined {
  return indexOf(structureOf(net, 'findGroup')).groups.get(id);
}

function known(ids: Iterable<string>): string {
  const list = [...ids].slice(0, 20).map((s) => `'${s}'`);
  return list.length === 0 ? 'none' : list.join(', ');
}

/**
 * The group with id `id`.
 *
 * @param net - the network
 * @param id - the group id
 * @returns the group's spec
 * @throws {@link UnknownUnitError} when the network has no such group
 * @throws {@link ValidationError} when `net` is not a Network
 *
 * @example
 * ```ts
 * import { getGroup, rbm, zeros } from '@stochnet/graph';
 * console.log(getGroup(rbm(6, 4, { init: zeros() }), 'v').role); // 'visible'
 * ```
 */
export function getGroup(net: Network, id: string): GroupSpec {
  const index = indexOf(structureOf(net, 'getGroup'));
  const g = index.groups.get(id);
  if (g === undefined) {
    throw new UnknownUnitError(`no group '${String(id)}' in the network; known groups: ${known(index.groups.keys())}`, {
      group: id,
    });
  }
  return g;
}

/**
 * The coupling with id `id`, if the network has one.
 *
 * @param net - the network
 * @param id - the coupling id
 * @returns the coupling's spec, or `undefined`
 * @throws {@link ValidationError} when `net` is not a Network
 *
 * @example
 * ```ts
 * import { findCoupling, rbm, zeros } from '@stochnet/graph';
 * console.log(findCoupling(rbm(6, 4, { init: zeros() }), 'v--h')?.directed); // false
 * ```
 */
export function findCoupling(net: Network, id: string): CouplingSpec | undefined {
  return indexOf(structureOf(net, 'findCoupling')).couplings.get(id);
}

/**
 * The coupling with id `id`.
 *
 * @param net - the network
 * @param id - the coupling id
 * @returns the coupling's spec
 * @throws {@link UnknownUnitError} when the network has no such coupling
 * @throws {@link ValidationError} when `net` is not a Network
 *
 * @example
 * ```ts
 * import { getCoupling, sbn, zeros } from '@stochnet/graph';
 * const c = getCoupling(sbn([4, 2], { init: zeros() }), 'h1->v');
 * console.log(c.from, c.to); // 'h1' 'v'
 * ```
 */
export function getCoupling(net: Network, id: string): CouplingSpec {
  const index = indexOf(structureOf(net, 'getCoupling'));
  const c = index.couplings.get(id);
  if (c === undefined) {
    throw new UnknownUnitError(
      `no coupling '${String(id)}' in the network; known couplings: ${known(index.couplings.keys())}`,
      { coupling: id },
    );
  }
  return c;
}

const BRACKETED = /^(.+)\[(\d+)\]$/;

/** Finds a group by id; the part of a network that unit resolution needs. */
export type GroupLookup = (id: string) => GroupSpec | undefined;

function unitIn(lookup: GroupLookup, group: string, index: number, unit: string): UnitAddress {
  const g = lookup(group);
  if (g === undefined) {
    throw new UnknownUnitError(`unit ${unit} does not exist: there is no group '${group}'`, { unit, group });
  }
  if (index >= g.size) {
    throw new UnknownUnitError(`unit ${unit} does not exist: group '${group}' has units 0..${g.size - 1}`, {
      unit,
      group,
      index,
      size: g.size,
    });
  }
  return { group: g.id, index };
}

/**
 * {@link resolveUnit} over any group lookup (a network, or a builder's table).
 *
 * @internal
 */
export function resolveUnitIn(lookup: GroupLookup, ref: UnitRef): UnitAddress {
  if (typeof ref === 'string') {
    const whole = lookup(ref);
    if (whole !== undefined) {
      if (whole.size !== 1) {
        throw new ShapeError(
          `'${ref}' names a group of ${whole.size} units; name one unit as '${ref}[i]' with i in 0..${whole.size - 1}`,
          { unit: ref, group: ref, expected: 1, received: whole.size },
        );
      }
      return { group: whole.id, index: 0 };
    }
    const m = BRACKETED.exec(ref);
    if (m === null) return unitIn(lookup, ref, 0, ref);
    return unitIn(lookup, m[1]!, Number(m[2]), ref);
  }
  if (ref !== null && typeof ref === 'object' && typeof ref.group === 'string') {
    const { group, index } = ref;
    if (typeof index !== 'number' || !Number.isSafeInteger(index) || index < 0) {
      throw new ValidationError(`unit index must be a non-negative integer, got ${String(index)} for group '${group}'`, {
        group,
        index,
      });
    }
    return unitIn(lookup, group, index, `${group}[${index}]`);
  }
  const received = ref === null ? 'null' : typeof ref;
  throw new ValidationError(`a unit reference is 'g', 'g[i]' or { group, index }, got ${received}`, { received });
}

/**
 * Resolves a unit reference to its group and index.
 *
 * @remarks
 * `'g'` names the single unit of a group of size 1; `'g[i]'` names unit i of
 * group g; `{ group, index }` says the same explicitly. A string that is
 * itself a group id is read as that group, before any `[i]` parsing.
 *
 * @param net - the network
 * @param ref - the unit reference
 * @returns the unit's group id and index within the group
 * @throws {@link UnknownUnitError} when the group or the index does not exist
 * @throws {@link ShapeError} when `'g'` names a group of more than one unit
 * @throws {@link ValidationError} when `ref` is not a string or `{ group, index }` with an integer index, or `net` is not a Network
 *
 * @example
 * ```ts
 * import { resolveUnit, network } from '@stochnet/graph';
 * const net = network().unit('rain').layer('h', 3).build();
 * console.log(resolveUnit(net, 'rain'), resolveUnit(net, 'h[2]')); // { group: 'rain', index: 0 } { group: 'h', index: 2 }
 * ```
 */
export function resolveUnit(net: Network, ref: UnitRef): UnitAddress {
  const index = indexOf(structureOf(net, 'resolveUnit'));
  return resolveUnitIn((id) => index.groups.get(id), ref);
}
