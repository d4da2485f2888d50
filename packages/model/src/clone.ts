/**
 * Copies of plans: fresh parameter arrays over the same immutable structure,
 * so a trainer can update a plan in place while the caller's stays untouched.
 *
 * @module
 */
import type { FloatArray } from './backend.js';
import { checkPlan } from './math/state.js';
import type { Plan, WeightBlock } from './plan.js';
import { writeBack } from './write-back.js';

function copyOf(x: FloatArray): FloatArray {
  return x instanceof Float64Array ? Float64Array.from(x) : Float32Array.from(x);
}

/**
 * A deep copy of a plan's parameters sharing its immutable structure.
 *
 * @remarks
 * The copy has its own `bias` and its own `weights` array in every weight
 * block (same dtype, bit-identical values); everything that never changes
 * after compiling is shared: blocks, masks, sparse indices, schedules, the
 * backend and the source network. Writing to the copy's parameters never
 * changes the original and vice versa, and `copy.toNetwork()` writes back the
 * copy's parameters. Allocates: one array per parameter block.
 * Complexity: O(parameters).
 *
 * @param plan - a compiled plan
 * @returns the copy, frozen like a compiled plan
 * @throws ValidationError when `plan` is not a compiled Plan
 *
 * @example
 * ```ts
 * import { rbm } from '@stochnet/graph';
 * import { clonePlan, compile } from '@stochnet/model';
 * const plan = compile(rbm(3, 2, { seed: 1 }), { dtype: 'float64' });
 * const copy = clonePlan(plan);
 * copy.weights[0]!.weights[0] = 5;
 * console.log(plan.weights[0]!.weights[0] === 5, copy.blocks === plan.blocks); // false true
 * ```
 */
export function clonePlan(plan: Plan): Plan {
  checkPlan('clonePlan', plan);
  const weights = plan.weights.map((w): WeightBlock => Object.freeze({ ...w, weights: copyOf(w.weights) }));
  const copy: Plan = {
    kind: plan.kind,
    dtype: plan.dtype,
    backend: plan.backend,
    size: plan.size,
    blocks: plan.blocks,
    weights: Object.freeze(weights),
    bias: copyOf(plan.bias),
    schedules: plan.schedules,
    source: plan.source,
    toNetwork: () => writeBack(copy),
  };
  return Object.freeze(copy);
}
