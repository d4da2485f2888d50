/**
 * Entry checks shared by the gradient and statistics functions: batch sizes,
 * state batches in the plan's layout, gradients shaped like a plan, finite
 * scalars. Each throws before anything is written, so a rejected call leaves
 * every buffer as it was.
 *
 * @module
 */
import { BinaryDataError, NonFiniteError, ShapeError, ValidationError } from '@stochnet/graph';
import type { Plan } from '../plan.js';
import type { Gradient } from './gradient.js';

function describe(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  if (typeof value === 'number') return String(value);
  if (ArrayBuffer.isView(value)) return value.constructor.name;
  return typeof value;
}

/**
 * Throws unless `batch` is a positive safe integer.
 *
 * @internal
 */
export function checkBatch(fn: string, batch: unknown): asserts batch is number {
  if (typeof batch !== 'number' || !Number.isSafeInteger(batch) || batch < 1) {
    throw new ShapeError(`${fn}: batch must be a positive integer number of rows, got ${describe(batch)}; pass the row count of your batch`, {
      function: fn,
      argument: 'batch',
      expected: 'positive integer',
      received: describe(batch),
    });
  }
}

/**
 * Throws unless `value` is a finite number.
 *
 * @internal
 */
export function checkFinite(fn: string, argument: string, value: unknown): asserts value is number {
  if (typeof value !== 'number') {
    throw new ValidationError(`${fn}: ${argument} must be a number, got ${describe(value)}`, {
      function: fn,
      argument,
      expected: 'finite number',
      received: describe(value),
    });
  }
  if (!Number.isFinite(value)) {
    throw new NonFiniteError(`${fn}: ${argument} is ${value}; pass a finite number`, { function: fn, argument, received: value });
  }
}

/**
 * Throws unless `values` is array-like with exactly `expected` entries.
 *
 * @internal
 */
export function checkLength(fn: string, argument: string, values: unknown, expected: number, formula: string): asserts values is ArrayLike<number> {
  const length = typeof values === 'object' && values !== null ? (values as { length?: unknown }).length : undefined;
  if (typeof length !== 'number' || length !== expected) {
    throw new ShapeError(`${fn}: ${argument} has ${typeof length === 'number' ? length : describe(values)} entries, expected ${expected} (${formula})`, {
      function: fn,
      argument,
      expected,
      received: typeof length === 'number' ? length : describe(values),
    });
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
      received: describe(grad),
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
        { function: fn, argument: `${argument}.weights[${k}]`, coupling: w.coupling, expected: w.weights.length, received: gw instanceof Float64Array ? gw.length : describe(gw) },
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
