/**
 * The gradient of a scalar objective with respect to every parameter of a
 * plan, in the plan's own layout.
 *
 * @module
 */
import type { Plan } from '../plan.js';
import { checkPlan } from './state.js';

/**
 * A gradient in the plan's layout: one float64 entry per bias and one per
 * stored weight.
 *
 * @remarks
 * - `bias[i]` is the derivative with respect to the bias of unit i (state
 *   layout order), length `plan.size`.
 * - `weights[w]` matches `plan.weights[w].weights` entry for entry: row-major
 *   rows×cols for dense and masked blocks (masked-out entries are 0), CSR
 *   order for sparse blocks.
 * - A dense or masked lateral block stores each pair twice (W_ij and W_ji,
 *   one tied parameter); its gradient holds the derivative with respect to
 *   the tied parameter in both entries, so the matrix stays symmetric and a
 *   step `W += η·G` keeps W symmetric.
 */
export interface Gradient {
  /** Derivatives with respect to the biases, length `plan.size`. */
  readonly bias: Float64Array;
  /** Derivatives with respect to the weights, one array per weight block. */
  readonly weights: readonly Float64Array[];
}

/**
 * A zero gradient shaped like the plan's parameters.
 *
 * @param plan - the compiled plan
 * @returns zero-filled bias and weight arrays in the plan's layout
 *
 * @example
 * ```ts
 * import { rbm } from '@stochnet/graph';
 * import { compile, zeroGradient } from '@stochnet/model';
 * const g = zeroGradient(compile(rbm(4, 3, { seed: 1 })));
 * console.log(g.bias.length, g.weights[0]!.length); // 7 12
 * ```
 */
export function zeroGradient(plan: Plan): Gradient {
  checkPlan('zeroGradient', plan);
  return {
    bias: new Float64Array(plan.size),
    weights: plan.weights.map((w) => new Float64Array(w.weights.length)),
  };
}
