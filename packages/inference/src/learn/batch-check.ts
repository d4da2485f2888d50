/**
 * Checks of training data and gradient buffers, shared by the learning
 * rules and the training loop. Problems are collected, never fixed up.
 *
 * @module
 */
import { BinaryDataError, ShapeError, ValidationError } from '@stochnet/graph';
import type { StochnetError } from '@stochnet/graph';
import type { Gradient, Plan } from '@stochnet/model';
import { describeValue } from '../option-checks.js';

/** Values a batch of visible rows may hold: 0/1 data, or probabilities in [0, 1]. */
export type BatchArray = Uint8Array | Float32Array | Float64Array;

/** @internal Number of visible-role units of a plan (the data width). */
export function visibleCount(plan: Plan): number {
  return plan.blocks.reduce((s, b) => s + (b.role === 'visible' ? b.size : 0), 0);
}

/**
 * @internal Checks a rows × cols batch: its type, its size against the
 * model's visible units, and every value (0/1, or [0, 1] when
 * `allowProbabilities`). Pushes the first problem of each kind into `issues`.
 */
export function checkBatch(fn: string, argument: string, values: unknown, rows: unknown, cols: number, expectedCols: number, allowProbabilities: boolean, issues: StochnetError[]): void {
  if (!(values instanceof Uint8Array || values instanceof Float64Array || values instanceof Float32Array)) {
    issues.push(new ValidationError(`${fn}: ${argument} must be a Uint8Array or Float64Array of rows × columns values`, { function: fn, argument, received: describeValue(values) }));
    return;
  }
  if (typeof rows !== 'number' || !Number.isSafeInteger(rows) || rows <= 0) {
    issues.push(new ShapeError(`${fn}: ${argument} has ${String(rows)} rows; give at least one row of data`, { function: fn, argument, expected: 'at least 1 row', received: rows }));
    return;
  }
  if (cols !== expectedCols) {
    issues.push(
      new ShapeError(`${fn}: batch has ${cols} columns, model expects ${expectedCols} visible units`, { function: fn, argument, expected: expectedCols, received: cols }),
    );
    return;
  }
  if (values.length !== rows * cols) {
    issues.push(
      new ShapeError(`${fn}: ${argument} holds ${values.length} values, expected rows × columns = ${rows} × ${cols} = ${rows * cols}`, {
        function: fn,
        argument,
        expected: rows * cols,
        received: values.length,
      }),
    );
    return;
  }
  for (let i = 0; i < values.length; i++) {
    const x = values[i]!;
    const ok = allowProbabilities ? x >= 0 && x <= 1 : x === 0 || x === 1;
    if (ok) continue;
    const row = Math.floor(i / cols);
    const column = i % cols;
    const want = allowProbabilities ? 'a probability in [0, 1]' : '0 or 1 (pass allowProbabilities: true for probabilities in [0, 1])';
    issues.push(new BinaryDataError(`${fn}: ${argument} row ${row}, column ${column} is ${x}; each value must be ${want}`, { function: fn, argument, row, column, received: x }));
    return;
  }
}

/** @internal Checks that `grad` is shaped like the plan's parameters. */
export function checkGradientShape(fn: string, argument: string, plan: Plan, grad: unknown, issues: StochnetError[]): void {
  const g = grad as Partial<Gradient> | null;
  const ok =
    g !== null &&
    typeof g === 'object' &&
    g.bias instanceof Float64Array &&
    g.bias.length === plan.size &&
    Array.isArray(g.weights) &&
    g.weights.length === plan.weights.length &&
    g.weights.every((w, k) => w instanceof Float64Array && w.length === plan.weights[k]!.weights.length);
  if (!ok) issues.push(new ShapeError(`${fn}: ${argument} must be shaped like the plan's parameters; create it with zeroGradient(plan)`, { function: fn, argument }));
}

/** @internal Zeroes every entry of a gradient. */
export function clearGradient(g: Gradient): void {
  g.bias.fill(0);
  for (const w of g.weights) w.fill(0);
}
