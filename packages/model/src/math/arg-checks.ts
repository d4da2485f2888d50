/**
 * Entry checks shared by the gradient and statistics functions: state
 * batches in the plan's layout, gradients shaped like a plan, finite
 * scalars (row counts and lengths are checked by `state.ts`). Each throws before anything is written, so a rejected call leaves
 * every buffer as it was.
 *
 * @module
 */
import { BinaryDataError, NonFiniteError, ShapeError, ValidationError } from '@stochnet/graph';
import type { Plan } from '../plan.js';
import type { Gradient } from './gradient.js';
import { checkLength, describeValue } from './state.js';


/**
 * Throws unless `value` is a finite number.
 *
 * @internal
 */
export function checkFinite(fn: string, argument: string, value: unknown): asserts value is number {
  if (typeof value !== 'number') {
    throw new ValidationError(`${fn}: ${argument} must be a number, got ${describeValue(value)}`, {
      function: fn,
      argument,
      expected: 'finite number',
      received: describeValue(value),
    });
  }
  if (!Number.isFinite(value)) {
    throw new NonFiniteError(`${fn}: ${argument} is ${value}; pass a finite number`, { function: fn, argument, received: value });
  }
}

/**
 * Throws unless `states` is a batch×plan.size array whose entries are finite
 * and lie in [0, 1] (states or probabilities).
 *
 * @internal
 */
export function checkStates(fn: string, plan: Plan, states: unknown, batch: number, argument = 'states'): asserts states is ArrayLike<number> {
  checkLength(fn, argument, states, batch * plan.size, 'batch·plan.size');
  for (let i = 0; i < states.length; i++) {
    const s = states[i]!;
    if (s >= 0 && s <= 1) continue;
    const row = Math.floor(i / plan.size);
    const column = i % plan.size;
    const block = plan.blocks.find((b) => column >= b.offset && column < b.offset + b.size);
    const details = { function: fn, argument, row, column, group: block?.group, unit: block === undefined ? column : column - block.offset, received: s };
    if (!Number.isFinite(s)) throw new NonFiniteError(`${fn}: ${argument} row ${row}, column ${column} is ${s}; pass finite values in [0, 1]`, details);
    throw new BinaryDataError(`${fn}: ${argument} row ${row}, column ${column} is ${s}; states and probabilities must lie in [0, 1]`, details);
  }
}

/**
 * Throws unless `grad` has a bias of length plan.size and one weight array per
 * weight block, each as long as the block's weights.
 *
 * @internal
 */
export function checkGradient(fn: string, plan: Plan, grad: unknown, argument = 'grad'): asserts grad is Gradient {
  const g = grad as Partial<Gradient> | null;
  if (typeof g !== 'object' || g === null || !(g.bias instanceof Float64Array) || !Array.isArray(g.weights)) {
    throw new ShapeError(`${fn}: ${argument} must be a Gradient { bias: Float64Array; weights: Float64Array[] }; create one with zeroGradient(plan)`, {
      function: fn,
      argument,
      received: describeValue(grad),
    });
  }
  checkLength(fn, `${argument}.bias`, g.bias, plan.size, 'plan.size');
  if (g.weights.length !== plan.weights.length) {
    throw new ShapeError(`${fn}: ${argument}.weights has ${g.weights.length} blocks, the plan has ${plan.weights.length}; create it with zeroGradient(plan)`, {
      function: fn,
      argument: `${argument}.weights`,
      expected: plan.weights.length,
      received: g.weights.length,
    });
  }
  plan.weights.forEach((w, k) => {
    const gw = g.weights![k];
    if (!(gw instanceof Float64Array) || gw.length !== w.weights.length) {
      throw new ShapeError(
        `${fn}: ${argument}.weights[${k}] (coupling ${w.coupling}) must be a Float64Array of ${w.weights.length} entries; create the gradient with zeroGradient(plan)`,
        { function: fn, argument: `${argument}.weights[${k}]`, coupling: w.coupling, expected: w.weights.length, received: gw instanceof Float64Array ? gw.length : describeValue(gw) },
      );
    }
  });
}

/**
 * Throws a NonFiniteError naming the first non-finite entry of `grad`.
 *
 * @internal
 */
export function checkGradientFinite(fn: string, plan: Plan, grad: Gradient, argument = 'grad'): void {
  const bad = (values: Float64Array): number => values.findIndex((v) => !Number.isFinite(v));
  const b = bad(grad.bias);
  if (b >= 0) {
    const block = plan.blocks.find((x) => b >= x.offset && b < x.offset + x.size);
    throw new NonFiniteError(`${fn}: ${argument}.bias[${b}] is ${grad.bias[b]}; the gradient must be finite`, {
      function: fn,
      argument: `${argument}.bias`,
      index: b,
      group: block?.group,
      received: grad.bias[b],
    });
  }
  plan.weights.forEach((w, k) => {
    const values = grad.weights[k]!;
    const i = bad(values);
    if (i >= 0) {
      throw new NonFiniteError(`${fn}: ${argument}.weights[${k}][${i}] (coupling ${w.coupling}) is ${values[i]}; the gradient must be finite`, {
        function: fn,
        argument: `${argument}.weights[${k}]`,
        coupling: w.coupling,
        index: i,
        received: values[i],
      });
    }
  });
}
