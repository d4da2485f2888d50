/**
 * Editing immutable networks: `mutate(net, recipe)` batches edits on a draft
 * and returns a new, validated network; single-shot twins wrap it.
 *
 * @module
 */
import * as E from 'fp-ts/lib/Either.js';
import type { EdgeOptions, LayerOptions } from './builder.js';
import { type BiasInput, type CouplingOptions, optionsOf } from './coupling-params.js';
import { DraftState, type NetworkDraft, type WeightValues } from './edit-draft.js';
import { ConfigError } from './errors.js';
import { structureOf } from './network.js';
import { createRng, type Seed } from './rng.js';
import type { GroupRole, Network, UnitRef } from './types.js';
import { makeNetwork, throwAll } from './validate.js';

/** Options of {@link mutate} and of the single-shot edits that may draw random numbers. */
export interface EditOptions {
  /** Seed of random initialisers used by the edits; substreams as in the builder (`init/<id>`, `bias/<id>`). */
  readonly seed?: Seed;
}

/**
 * Applies a batch of edits to a network and returns the edited network.
 *
 * @remarks
 * The recipe receives a {@link NetworkDraft}; structure edits go through
 * immer's `produce`, parameter edits write only arrays the draft copied
 * (copy-on-write), so the input network and every array it holds stay as
 * they were. When the recipe returns, the whole result is validated. If
 * nothing changed, the input network itself is returned.
 *
 * @param net - the network to edit (never changed)
 * @param recipe - a function that edits the draft; its return value is ignored
 * @param opts - `{ seed }` for random initialisers in the edits
 * @returns the edited network, or `net` itself when nothing changed
 * @throws the first {@link StochnetError} of a bad edit or of validating the result (every problem in `issues`); `net` is unchanged
 * @throws {@link ValidationError} when `net` is not a Network; {@link ConfigError} when `recipe` is not a function
 *
 * @example
 * ```ts
 * import { mutate, rbm, zeros } from '@stochnet/graph';
 * const net = rbm(3, 2, { init: zeros() });
 * const next = mutate(net, (d) => {
 *   d.setWeight('v--h', 0, 1, 0.5);
 *   d.setBiasAt('h', 0, -1);
 * });
 * console.log(next.couplings.get(next.structure.couplings[0]!.id)!.weights[1]); // 0.5
 * console.log(net.couplings.get(net.structure.couplings[0]!.id)!.weights[1]); // 0
 * ```
 */
export function mutate(net: Network, recipe: (draft: NetworkDraft) => void, opts: EditOptions = {}): Network {
  if (typeof recipe !== 'function') throw new ConfigError('mutate needs a recipe function (draft) => { ... }', { option: 'recipe' });
  structureOf(net, 'mutate');
  const { seed } = optionsOf(opts, 'mutate');
  const draft = new DraftState(net, seed === undefined ? undefined : createRng(seed));
  try {
    recipe(draft);
  } finally {
    draft.closed = true;
  }
  if (draft.structure === net.structure && !draft.paramsChanged) return net;
  const r = makeNetwork(draft.structure, draft.biases, draft.params);
  if (E.isLeft(r)) throwAll(r.left);
  return r.right;
}

/**
 * Adds a group of `size` units; see {@link NetworkDraft.addGroup}.
 *
 * @param net - the network (unchanged)
 * @param id - the new group's id
 * @param size - number of units
 * @param opts - role, bias, shape, and a seed for a random bias initialiser
 * @returns the new network
 * @throws {@link DuplicateEdgeError}, {@link ShapeError}, {@link NonFiniteError}, {@link SeedError} and the other errors of {@link mutate}
 *
 * @example
 * ```ts
 * import { addGroup, emptyNetwork } from '@stochnet/graph';
 * const net = addGroup(emptyNetwork(), 'v', 4, { role: 'visible', bias: [0, 1, 2, 3] });
 * console.log(net.biases.get(net.structure.groups[0]!.id)); // Float64Array(4) [ 0, 1, 2, 3 ]
 * ```
 */
export function addGroup(net: Network, id: string, size: number, opts: LayerOptions & EditOptions = {}): Network {
  return mutate(net, (d) => d.addGroup(id, size, opts), optionsOf(opts, 'addGroup'));
}

/**
 * Removes a group and every coupling that touches it; see {@link NetworkDraft.removeGroup}.
 *
 * @param net - the network (unchanged)
 * @param id - the group to remove
 * @returns the new network
 * @throws {@link UnknownUnitError} when there is no such group
 *
 * @example
 * ```ts
 * import { removeGroup, sbn, zeros } from '@stochnet/graph';
 * const net = removeGroup(sbn([4, 3, 2], { init: zeros() }), 'h2');
 * console.log(net.structure.couplings.map((c) => c.id)); // [ 'h1->v' ]
 * ```
 */
export function removeGroup(net: Network, id: string): Network {
  return mutate(net, (d) => d.removeGroup(id));
}

/**
 * Couples two groups; see {@link NetworkDraft.addCoupling} and the builder's `connect`.
 *
 * @param net - the network (unchanged)
 * @param from - the parent (directed) or first group
 * @param to - the child (directed) or second group
 * @param opts - coupling options, and a seed for a random initialiser
 * @returns the new network
 * @throws {@link CycleError} when a directed coupling closes a cycle, {@link DuplicateEdgeError}, {@link UnknownUnitError} and the other errors of {@link mutate}
 *
 * @example
 * ```ts
 * import { addCoupling, network, smallRandom } from '@stochnet/graph';
 * const base = network().layer('a', 3).layer('b', 2).build();
 * const net = addCoupling(base, 'a', 'b', { init: smallRandom(), seed: 9 });
 * console.log(net.structure.couplings[0]?.id); // 'a->b'
 * ```
 */
export function addCoupling(net: Network, from: string, to: string, opts: CouplingOptions & EditOptions = {}): Network {
  return mutate(net, (d) => d.addCoupling(from, to, opts), optionsOf(opts, 'addCoupling'));
}

/**
 * Removes a coupling; see {@link NetworkDraft.removeCoupling}.
 *
 * @param net - the network (unchanged)
 * @param id - the coupling to remove
 * @returns the new network
 * @throws {@link UnknownUnitError} when there is no such coupling
 *
 * @example
 * ```ts
 * import { removeCoupling, rbm, zeros } from '@stochnet/graph';
 * console.log(removeCoupling(rbm(3, 2, { init: zeros() }), 'v--h').structure.couplings.length); // 0
 * ```
 */
export function removeCoupling(net: Network, id: string): Network {
  return mutate(net, (d) => d.removeCoupling(id));
}

/**
 * Replaces a group's biases; see {@link NetworkDraft.setBias}.
 *
 * @param net - the network (unchanged)
 * @param group - the group
 * @param values - one number, one per unit, or an initialiser
 * @param opts - a seed for a random initialiser
 * @returns the new network
 * @throws {@link ShapeError}, {@link NonFiniteError}, {@link ValidationError}, {@link UnknownUnitError}
 *
 * @example
 * ```ts
 * import { setBias, rbm, zeros } from '@stochnet/graph';
 * const net = setBias(rbm(3, 2, { init: zeros() }), 'h', [-4, -4]);
 * console.log([...net.biases.get(net.structure.groups[1]!.id)!]); // [ -4, -4 ]
 * ```
 */
export function setBias(net: Network, group: string, values: BiasInput, opts: EditOptions = {}): Network {
  return mutate(net, (d) => d.setBias(group, values), opts);
}

/**
 * Sets one unit's bias; see {@link NetworkDraft.setBiasAt}.
 *
 * @param net - the network (unchanged)
 * @param group - the group
 * @param i - the unit's index in the group
 * @param value - the bias, a finite number
 * @returns the new network
 * @throws {@link NonFiniteError}, {@link ValidationError}, {@link UnknownUnitError}
 *
 * @example
 * ```ts
 * import { setBiasAt, rbm, zeros } from '@stochnet/graph';
 * const net = setBiasAt(rbm(3, 2, { init: zeros() }), 'v', 2, 1.5);
 * console.log(net.biases.get(net.structure.groups[0]!.id)![2]); // 1.5
 * ```
 */
export function setBiasAt(net: Network, group: string, i: number, value: number): Network {
  return mutate(net, (d) => d.setBiasAt(group, i, value));
}

/**
 * Replaces a coupling's weights; see {@link NetworkDraft.setWeights}.
 *
 * @param net - the network (unchanged)
 * @param coupling - the coupling id
 * @param values - `from.size × to.size` rows or row-major Float64Array (dense/masked), or one weight per pair (sparse)
 * @returns the new network
 * @throws {@link ShapeError} ("W has shape 3×4, expected 4×3"), {@link NonFiniteError} naming row and column, {@link ValidationError}
 *
 * @example
 * ```ts
 * import { setWeights, rbm, zeros } from '@stochnet/graph';
 * const net = setWeights(rbm(2, 2, { init: zeros() }), 'v--h', [[1, 2], [3, 4]]);
 * console.log([...net.couplings.get(net.structure.couplings[0]!.id)!.weights]); // [ 1, 2, 3, 4 ]
 * ```
 */
export function setWeights(net: Network, coupling: string, values: WeightValues): Network {
  return mutate(net, (d) => d.setWeights(coupling, values));
}

/**
 * Sets one weight; see {@link NetworkDraft.setWeight}.
 *
 * @param net - the network (unchanged)
 * @param coupling - the coupling id
 * @param i - row: the unit's index in `from`
 * @param j - column: the unit's index in `to`
 * @param weight - the weight, a finite number
 * @returns the new network
 * @throws {@link NonFiniteError}, {@link ValidationError}, {@link SelfLoopError}, {@link UnknownUnitError}
 *
 * @example
 * ```ts
 * import { setWeight, boltzmann, zeros } from '@stochnet/graph';
 * const net = setWeight(boltzmann(3, { init: zeros() }), 'x--x', 0, 2, 0.7);
 * const w = net.couplings.get(net.structure.couplings[0]!.id)!.weights;
 * console.log(w[2], w[6]); // 0.7 0.7
 * ```
 */
export function setWeight(net: Network, coupling: string, i: number, j: number, weight: number): Network {
  return mutate(net, (d) => d.setWeight(coupling, i, j, weight));
}

/**
 * Adds a unit pair to a sparse coupling; see {@link NetworkDraft.addEdge}.
 *
 * @param net - the network (unchanged)
 * @param a - the parent (directed) or first unit
 * @param b - the child (directed) or second unit
 * @param weight - the pair's weight, a finite number
 * @param opts - direction
 * @returns the new network
 * @throws {@link CycleError}, {@link SelfLoopError}, {@link DuplicateEdgeError}, {@link UnknownUnitError}, {@link NonFiniteError}
 *
 * @example
 * ```ts
 * import { addEdge, network } from '@stochnet/graph';
 * const net = addEdge(network().unit('a').unit('b').build(), 'a', 'b', 0.3);
 * console.log(net.structure.couplings[0]?.id); // 'a->b'
 * ```
 */
export function addEdge(net: Network, a: UnitRef, b: UnitRef, weight: number, opts: EdgeOptions = {}): Network {
  return mutate(net, (d) => d.addEdge(a, b, weight, opts));
}

/**
 * Changes a group's role; see {@link NetworkDraft.setRole}.
 *
 * @param net - the network (unchanged)
 * @param group - the group
 * @param role - the new role
 * @returns the new network (or `net` itself when the role is unchanged)
 * @throws {@link ValidationError}, {@link UnknownUnitError}
 *
 * @example
 * ```ts
 * import { setRole, network } from '@stochnet/graph';
 * const net = setRole(network().layer('y', 10).build(), 'y', 'label');
 * console.log(net.structure.groups[0]?.role); // 'label'
 * ```
 */
export function setRole(net: Network, group: string, role: GroupRole): Network {
  return mutate(net, (d) => d.setRole(group, role));
}
