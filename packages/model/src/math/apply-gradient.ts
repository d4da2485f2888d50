/**
 * One plain gradient-ascent step on a plan's parameters, in place.
 *
 * @module
 */
import { ConfigError, NonFiniteError } from '@stochnet/graph';
import type { Plan, WeightBlock } from '../plan.js';
import { checkGradient, checkGradientFinite } from './arg-checks.js';
import type { Gradient } from './gradient.js';
import { checkPlan } from './state.js';

const FN = 'applyGradient';

/**
 * Whether entry i of a weight block is a free parameter the step writes:
 * masked-out entries and the lower triangle and diagonal of a dense lateral
 * block are not (the lower triangle mirrors the upper).
 */
function isWritten(w: WeightBlock, i: number): boolean {
  if (w.mask !== null && w.mask[i] === 0) return false;
  if (w.sparse === null && w.from === w.to) return i % w.cols > Math.floor(i / w.cols);
  return true;
}

/**
 * Gradient ascent in place: θ ← θ + learningRate·grad for every bias and
 * stored weight of the plan.
 *
 * @remarks
 * Each new value is θ + η·g evaluated in float64 and stored at the plan's
 * dtype (so a float64 plan changes by exactly η·g up to the one rounding of
 * the sum, and a float32 plan stores `Math.fround(θ + η·g)`). Masked-out
 * weights stay exactly 0. A dense lateral block takes the tied-pair gradient
 * from its upper triangle (i < j), writes the new W_ij into both W_ij and
 * W_ji and leaves the diagonal 0, so W stays exactly symmetric. The step is
 * atomic: every new value is checked (finite, and finite at the plan's
 * dtype) before anything is written. Mutates: plan.bias and plan.weights.
 *
 * @param plan - the plan to update in place
 * @param grad - the ascent direction in the plan's layout (see zeroGradient)
 * @param learningRate - the step size η, finite and positive
 * @throws ConfigError when learningRate is not a finite positive number
 * @throws ShapeError when grad is not shaped like the plan
 * @throws NonFiniteError when grad holds a non-finite entry or a new parameter would not be finite
 *
 * @example
 * ```ts
 * import { rbm } from '@stochnet/graph';
 * import { applyGradient, compile, zeroGradient } from '@stochnet/model';
 * const plan = compile(rbm(2, 1, { seed: 1 }), { dtype: 'float64' });
 * const grad = zeroGradient(plan);
 * grad.bias[0] = 2;
 * const before = plan.bias[0]!;
 * applyGradient(plan, grad, 0.25);
 * console.log(plan.bias[0]! - before); // 0.5
 * ```
 */
export function applyGradient(plan: Plan, grad: Gradient, learningRate: number): void {
  checkPlan(FN, plan);
  if (typeof learningRate !== 'number' || !Number.isFinite(learningRate) || learningRate <= 0) {
    throw new ConfigError(`${FN}: learningRate must be a finite positive number, got ${String(learningRate)}`, {
      function: FN,
      option: 'learningRate',
      expected: 'finite number > 0',
      received: typeof learningRate === 'number' ? learningRate : typeof learningRate,
    });
  }
  checkGradient(FN, plan, grad);
  checkGradientFinite(FN, plan, grad);
  const f32 = plan.dtype === 'float32';
  const overflow = (value: number): boolean => !Number.isFinite(f32 ? Math.fround(value) : value);
  const fail = (details: Record<string, unknown>, value: number): never => {
    throw new NonFiniteError(`${FN}: the step makes a parameter ${value} at ${plan.dtype}; lower the learning rate`, {
      function: FN,
      ...details,
      received: value,
    });
  };
  for (let i = 0; i < plan.size; i++) {
    const next = plan.bias[i]! + learningRate * grad.bias[i]!;
    if (overflow(next)) fail({ argument: 'bias', index: i }, next);
  }
  plan.weights.forEach((w, k) => {
    const g = grad.weights[k]!;
    for (let i = 0; i < g.length; i++) {
      if (!isWritten(w, i)) continue;
      const next = w.weights[i]! + learningRate * g[i]!;
      if (overflow(next)) fail({ coupling: w.coupling, index: i }, next);
    }
  });
  for (let i = 0; i < plan.size; i++) plan.bias[i] = plan.bias[i]! + learningRate * grad.bias[i]!;
  plan.weights.forEach((w, k) => {
    const g = grad.weights[k]!;
    const weights = w.weights;
    const lateral = w.sparse === null && w.from === w.to;
    const n = w.cols;
    for (let i = 0; i < g.length; i++) {
      if (!isWritten(w, i)) continue;
      weights[i] = weights[i]! + learningRate * g[i]!;
      if (lateral) weights[(i % n) * n + Math.floor(i / n)] = weights[i]!;
    }
  });
}
