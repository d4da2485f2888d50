/**
 * The data model of a stochnet network: groups of units, couplings between
 * groups, and their parameters.
 *
 * A {@link Network} is an immutable value. Its {@link Structure} is plain
 * frozen data (edited through immer inside stochnet's edit functions); its
 * parameters are typed arrays held beside the structure and never written
 * once a Network holds them: every change makes a new array.
 *
 * Conventions (see DESIGN.md §1):
 * - units are binary {0, 1} (`kind: 'bernoulli'`);
 * - a dense coupling from group A (size m) to group B (size n) stores an
 *   m×n row-major matrix, `weights[i * n + j]` joining unit A_i and unit B_j;
 *   for a directed coupling, A holds the parents and B the children, so child
 *   j's pre-activation gains `Σ_i weights[i*n+j] · a_i`;
 * - an undirected lateral coupling (A = B) stores the full symmetric n×n
 *   matrix with a zero diagonal, and contributes `-Σ_{i<j} W_ij s_i s_j` to
 *   the energy;
 * - a sparse coupling stores parallel arrays `rows` (unit index in `from`),
 *   `cols` (unit index in `to`) and `weights`, sorted by (row, col); a sparse
 *   lateral coupling stores each unordered pair once, with row < col.
 *
 * @module
 */

declare const groupBrand: unique symbol;
declare const couplingBrand: unique symbol;

/** The id of a group of units. A branded string: never mixed with dense indices. */
export type GroupId = string & { readonly [groupBrand]: true };

/** The id of a coupling between two groups. */
export type CouplingId = string & { readonly [couplingBrand]: true };

/** The distribution family of a group's units. Only binary units exist today. */
export type UnitKind = 'bernoulli';

/**
 * What a group is for. `visible` groups receive data; `hidden` groups are
 * latent; `label` groups hold class indicators (for classification heads).
 */
export type GroupRole = 'visible' | 'hidden' | 'label';

/** How the unit pairs of a coupling are connected. */
export type Connectivity = 'dense' | 'masked' | 'sparse';

/** A group: a layer of `size` units, or a single named unit (`size` 1). */
export interface GroupSpec {
  /** Unique among the network's groups. */
  readonly id: GroupId;
  /** Number of units, a positive integer. */
  readonly size: number;
  /** Distribution family of every unit in the group. */
  readonly kind: UnitKind;
  /** What the group is for. */
  readonly role: GroupRole;
  /** Optional image shape (e.g. `[28, 28]`) whose product is `size`, used by pictures. */
  readonly shape?: readonly number[];
}

/** A coupling: weights joining the units of two groups (or of one group with itself). */
export interface CouplingSpec {
  /** Unique among the network's couplings. */
  readonly id: CouplingId;
  /** Parent group for directed couplings; first group for undirected ones. */
  readonly from: GroupId;
  /** Child group for directed couplings; second group for undirected ones. */
  readonly to: GroupId;
  /** `true` for a belief-net edge (from → to), `false` for a Boltzmann coupling. */
  readonly directed: boolean;
  /** Dense (all pairs), masked (dense with a 0/1 mask) or sparse (explicit pairs). */
  readonly connectivity: Connectivity;
}

/** The plain, frozen structure of a network. Order of entries carries no meaning. */
export interface Structure {
  /** The network's groups. */
  readonly groups: readonly GroupSpec[];
  /** The network's couplings. */
  readonly couplings: readonly CouplingSpec[];
}

/** Parameters of one coupling. Never written once a Network holds them. */
export interface CouplingParams {
  /** Dense or masked: `from.size * to.size` row-major; sparse: one weight per pair. */
  readonly weights: Float64Array;
  /** Masked only: 0/1 per weight; weights where the mask is 0 are exactly 0. */
  readonly mask?: Uint8Array;
  /** Sparse only: unit index within `from`, one per pair. */
  readonly rows?: Int32Array;
  /** Sparse only: unit index within `to`, one per pair. */
  readonly cols?: Int32Array;
}

/** A network of stochastic units: structure plus parameters, immutable. */
export interface Network {
  /** Groups and couplings. */
  readonly structure: Structure;
  /** One bias vector per group, of length `size`. */
  readonly biases: ReadonlyMap<GroupId, Float64Array>;
  /** Parameters of every coupling, keyed by coupling id. */
  readonly couplings: ReadonlyMap<CouplingId, CouplingParams>;
}

/**
 * A reference to one unit: `'g'` for the single unit of a group of size 1,
 * `'g[i]'` for unit i of group g, or an explicit `{ group, index }`.
 */
export type UnitRef = string | { readonly group: string; readonly index: number };
