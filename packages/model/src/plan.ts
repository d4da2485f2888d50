/**
 * The Plan: a network compiled into one contiguous state layout, typed-array
 * weight blocks and schedules derived from the graph.
 *
 * A Network is an immutable value; a Plan is a mutable working copy that
 * samplers read and trainers update in place. `plan.toNetwork()` writes its
 * parameters back into a new Network.
 *
 * @module
 */
import type { Connectivity, CouplingId, GroupId, GroupRole, Network } from '@stochnet/graph';
import type { Backend, Dtype, FloatArray } from './backend.js';

/**
 * The kind of a plan, detected from its couplings:
 * - `rbm`: two groups joined by one undirected coupling, nothing else;
 * - `boltzmann`: only undirected couplings (lateral, DBM layers, units of one);
 * - `sbn`: only directed couplings, acyclic (layered or not, skips allowed);
 * - `dbn`: one undirected coupling between the top pair of groups, every
 *   other coupling directed, pointing down from the top pair;
 * - `general`: a chain graph (directed couplings between undirected components).
 */
export type PlanKind = 'rbm' | 'boltzmann' | 'sbn' | 'dbn' | 'general';

/** One group's units inside the plan's state vector. */
export interface UnitBlock {
  /** The group compiled into this block. */
  readonly group: GroupId;
  /** Index of this block's first unit in the state vector. */
  readonly offset: number;
  /** Number of units. */
  readonly size: number;
  /** The group's role. */
  readonly role: GroupRole;
  /** The group's image shape, if it has one. */
  readonly shape?: readonly number[];
  /** Weight blocks whose `to` is this block and that are directed (this block's parents). */
  readonly incoming: readonly number[];
  /** Weight blocks whose `from` is this block and that are directed (this block's children). */
  readonly outgoing: readonly number[];
  /** Undirected weight blocks touching this block, laterals included. */
  readonly undirected: readonly number[];
}

/**
 * Index structure of a sparse weight block: CSR over `from` units, and the
 * CSC view over `to` units pointing back into the CSR-ordered weights.
 */
export interface SparseIndex {
  /** CSR row starts, length rows + 1. */
  readonly rowPtr: Int32Array;
  /** CSR column (unit of `to`) of each weight. */
  readonly colIdx: Int32Array;
  /** CSC column starts, length cols + 1. */
  readonly colPtr: Int32Array;
  /** CSC row (unit of `from`) of each entry. */
  readonly rowIdx: Int32Array;
  /** For CSC entry q, the index of its weight in `weights` (CSR order). */
  readonly perm: Int32Array;
}

/** One coupling's weights in the plan. Arrays are updated in place by training. */
export interface WeightBlock {
  /** The coupling compiled into this block. */
  readonly coupling: CouplingId;
  /** Index of the `from` unit block. */
  readonly from: number;
  /** Index of the `to` unit block (equal to `from` for a lateral coupling). */
  readonly to: number;
  /** Belief-net edge (`true`) or Boltzmann coupling (`false`). */
  readonly directed: boolean;
  /** How unit pairs are connected. */
  readonly connectivity: Connectivity;
  /** Size of the `from` block. */
  readonly rows: number;
  /** Size of the `to` block. */
  readonly cols: number;
  /**
   * Dense or masked: rows×cols row-major (laterals: the full symmetric matrix
   * with a zero diagonal). Sparse: one weight per pair, in CSR order.
   */
  readonly weights: FloatArray;
  /** Masked: 0/1 per weight (weights where it is 0 stay exactly 0). Otherwise null. */
  readonly mask: Uint8Array | null;
  /** Sparse: the index structure. Otherwise null. */
  readonly sparse: SparseIndex | null;
}

/** A part of a Gibbs step: some or all units of one block. */
export interface StepPart {
  /** Unit block index. */
  readonly block: number;
  /** Unit indices within the block, ascending; null for the whole block. */
  readonly units: Int32Array | null;
}

/**
 * One step of a block-Gibbs sweep: units that are conditionally independent
 * given everything else, so they may be sampled together.
 */
export interface GibbsStep {
  /** The units updated in this step. */
  readonly parts: readonly StepPart[];
}

/** Schedules derived from the graph at compile time. */
export interface Schedules {
  /**
   * A colouring of the undirected coupling graph, as a sweep of steps. An RBM
   * is `[{v}, {h}]`; a DBM alternates odd and even layers. Empty when there
   * are no undirected couplings.
   */
  readonly gibbs: readonly GibbsStep[];
  /**
   * Topological order of blocks along directed couplings (parents first).
   * Every block appears exactly once.
   */
  readonly ancestral: readonly number[];
  /**
   * Chain components in topological order: sets of blocks joined by
   * undirected couplings (a block with no undirected coupling is its own
   * component). A pure SBN has one component per block; a Boltzmann machine
   * one component for each connected piece.
   */
  readonly components: readonly (readonly number[])[];
}

/** A compiled network: dense kernels and schedules. Mutable parameters. */
export interface Plan {
  /** Detected kind. */
  readonly kind: PlanKind;
  /** Storage precision of weights, biases and states. */
  readonly dtype: Dtype;
  /** The kernels this plan runs on. */
  readonly backend: Backend;
  /** Total number of units (length of a state vector). */
  readonly size: number;
  /** Unit blocks, in state-layout order (groups sorted by id). */
  readonly blocks: readonly UnitBlock[];
  /** Weight blocks (couplings sorted by id). */
  readonly weights: readonly WeightBlock[];
  /** All biases in state-layout order, length `size`. */
  readonly bias: FloatArray;
  /** Schedules derived from the graph. */
  readonly schedules: Schedules;
  /** The network this plan was compiled from (its structure is reused by {@link Plan.toNetwork}). */
  readonly source: Network;
  /** A new Network holding this plan's current parameters; the source is untouched. */
  toNetwork(): Network;
}
