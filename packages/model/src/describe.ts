/**
 * A JSON-safe summary of a plan, to print or diff.
 *
 * @module
 */
import type { Connectivity, GroupRole } from '@stochnet/graph';
import type { Dtype } from './backend.js';
import { checkPlan } from './math/state.js';
import type { Plan, PlanKind, WeightBlock } from './plan.js';

/** One unit block in a {@link PlanSummary}. */
export interface BlockSummary {
  /** Group id. */
  readonly group: string;
  /** First unit in the state vector. */
  readonly offset: number;
  /** Number of units. */
  readonly size: number;
  /** The group's role. */
  readonly role: GroupRole;
}

/** One weight block in a {@link PlanSummary}. */
export interface WeightSummary {
  /** Coupling id. */
  readonly coupling: string;
  /** Group id of the `from` block. */
  readonly from: string;
  /** Group id of the `to` block. */
  readonly to: string;
  /** Belief-net edge or Boltzmann coupling. */
  readonly directed: boolean;
  /** Dense, masked or sparse. */
  readonly connectivity: Connectivity;
  /** `[rows, cols]`: sizes of the `from` and `to` blocks. */
  readonly shape: readonly [number, number];
  /**
   * Stored entries that may be nonzero: rows·cols for dense (minus the zero
   * diagonal of a lateral), the mask's ones for masked, the pairs for sparse.
   */
  readonly nnz: number;
}

/** One part of a Gibbs step in a {@link PlanSummary}. */
export interface StepPartSummary {
  /** Group id. */
  readonly group: string;
  /** `'all'` for the whole group, otherwise the unit indices updated. */
  readonly units: 'all' | readonly number[];
}

/** A JSON-safe summary of a plan, from {@link describePlan}. */
export interface PlanSummary {
  /** Detected kind. */
  readonly kind: PlanKind;
  /** Storage precision. */
  readonly dtype: Dtype;
  /** Backend name. */
  readonly backend: string;
  /** Length of the state vector. */
  readonly units: number;
  /** Unit blocks in layout order. */
  readonly blocks: readonly BlockSummary[];
  /** Weight blocks in plan order. */
  readonly weights: readonly WeightSummary[];
  /** Schedules, with blocks named by group id. */
  readonly schedules: {
    /** Gibbs steps, each a list of parts. */
    readonly gibbs: readonly (readonly StepPartSummary[])[];
    /** Group ids in ancestral order. */
    readonly ancestral: readonly string[];
    /** Chain components in topological order, as group ids. */
    readonly components: readonly (readonly string[])[];
  };
  /** Memory held by the plan's parameter arrays. */
  readonly bytes: {
    /** Weights, masks and sparse indices. */
    readonly weights: number;
    /** The bias vector. */
    readonly biases: number;
    /** Their sum. */
    readonly total: number;
  };
}

function nnzOf(w: WeightBlock): number {
  if (w.sparse !== null) return w.weights.length;
  if (w.mask !== null) return w.mask.reduce((s, m) => s + (m !== 0 ? 1 : 0), 0);
  return w.rows * w.cols - (w.from === w.to ? w.rows : 0);
}

function bytesOf(w: WeightBlock): number {
  const s = w.sparse;
  const index = s === null ? 0 : s.rowPtr.byteLength + s.colIdx.byteLength + s.colPtr.byteLength + s.rowIdx.byteLength + s.perm.byteLength;
  return w.weights.byteLength + (w.mask?.byteLength ?? 0) + index;
}

/**
 * A JSON-safe summary of a plan: kind, layout, weight blocks, schedules and
 * memory, with blocks named by group id.
 *
 * @param plan - a compiled plan
 * @returns plain data that `JSON.stringify` writes faithfully
 *
 * @example
 * ```ts
 * import { rbm, zeros } from '@stochnet/graph';
 * import { compile, describePlan } from '@stochnet/model';
 * const summary = describePlan(compile(rbm(4, 3, { init: zeros() })));
 * console.log(summary.kind, summary.units); // rbm 7
 * console.log(JSON.stringify(summary.schedules.gibbs)); // [[{"group":"v","units":"all"}],[{"group":"h","units":"all"}]]
 * ```
 */
export function describePlan(plan: Plan): PlanSummary {
  checkPlan('describePlan', plan);
  const name = (b: number): string => plan.blocks[b]!.group;
  const weights = plan.weights.reduce((s, w) => s + bytesOf(w), 0);
  const biases = plan.bias.byteLength;
  return {
    kind: plan.kind,
    dtype: plan.dtype,
    backend: plan.backend.name,
    units: plan.size,
    blocks: plan.blocks.map((b) => ({ group: b.group, offset: b.offset, size: b.size, role: b.role })),
    weights: plan.weights.map((w) => ({
      coupling: w.coupling,
      from: name(w.from),
      to: name(w.to),
      directed: w.directed,
      connectivity: w.connectivity,
      shape: [w.rows, w.cols] as const,
      nnz: nnzOf(w),
    })),
    schedules: {
      gibbs: plan.schedules.gibbs.map((step) =>
        step.parts.map((p) => ({ group: name(p.block), units: p.units === null ? ('all' as const) : Array.from(p.units) })),
      ),
      ancestral: plan.schedules.ancestral.map(name),
      components: plan.schedules.components.map((c) => c.map(name)),
    },
    bytes: { weights, biases, total: weights + biases },
  };
}
