/**
 * Input checks shared by the math on plans: state and batch shapes, binary
 * values, plan kinds, unit and block indices, and the enumeration limit.
 *
 * @module
 */
import { BinaryDataError, ConfigError, GraphStructureError, ShapeError, UnknownUnitError, ValidationError } from '@stochnet/graph';
import type { Plan, PlanKind } from '../plan.js';

/** A vector or row-major batch of unit states: 0/1 values in any of these arrays. */
export type StateArray = Float32Array | Float64Array | Uint8Array;

/**
 * The default limit on the number of configurations one exact computation
 * enumerates: 2^24.
 *
 * @example
 * ```ts
 * import { DEFAULT_MAX_STATES } from '@stochnet/model';
 * console.log(DEFAULT_MAX_STATES === 2 ** 24); // true
 * ```
 */
export const DEFAULT_MAX_STATES = 2 ** 24;

/** Options of the exact (enumerating) computations. */
export interface ExactOptions {
  /**
   * The most configurations one enumeration may visit (one log-partition
   * function, one row's posterior); default {@link DEFAULT_MAX_STATES}. Larger
   * requests throw a `TooLargeError` before any enumeration starts.
   */
  readonly maxStates?: number | undefined;
}

/**
 * @internal Throws a ValidationError unless `plan` has the shape of a
 * compiled Plan, so that a wrong argument is a coded error, not a TypeError
 * deep inside. Constant time.
 */
export function checkPlan(fn: string, plan: unknown): asserts plan is Plan {
  const p = plan as Partial<Plan> | null;
  const ok =
    p !== null &&
    typeof p === 'object' &&
    typeof p.kind === 'string' &&
    (p.dtype === 'float32' || p.dtype === 'float64') &&
    typeof p.size === 'number' &&
    Array.isArray(p.blocks) &&
    Array.isArray(p.weights) &&
    (p.bias instanceof Float64Array || p.bias instanceof Float32Array) &&
    typeof p.schedules === 'object' &&
    p.schedules !== null;
  if (!ok) {
    throw new ValidationError(`${fn}: plan must be a compiled Plan (from compile)`, { function: fn, argument: 'plan', received: describeValue(plan) });
  }
}

/** How state values are checked: exactly 0/1, or any value in [0, 1] (mean-field inputs). */
export type ValueCheck = 'binary' | 'unit-interval';

function isStateArray(x: unknown): x is StateArray {
  return x instanceof Float64Array || x instanceof Float32Array || x instanceof Uint8Array;
}

/** @internal Throws unless `x` is a typed array of an accepted kind. */
export function checkArrayType(fn: string, name: string, x: unknown): asserts x is StateArray {
  if (!isStateArray(x)) {
    throw new ValidationError(`${fn}: ${name} must be a Float64Array, Float32Array or Uint8Array`, {
      function: fn,
      argument: name,
      received: x === null ? 'null' : Array.isArray(x) ? 'array' : typeof x,
    });
  }
}

/** @internal A short, safe description of any value for an error message. */
export function describeValue(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  if (typeof value === 'number') return String(value);
  if (ArrayBuffer.isView(value)) return value.constructor.name;
  return typeof value;
}

/**
 * @internal Throws a ShapeError unless `x` is array-like with exactly
 * `expected` entries; `formula` says how `expected` follows from the shapes.
 */
export function checkLength(fn: string, name: string, x: unknown, expected: number, formula?: string): asserts x is ArrayLike<number> {
  const length = typeof x === 'object' && x !== null ? (x as { length?: unknown }).length : undefined;
  if (typeof length !== 'number' || length !== expected) {
    const received = typeof length === 'number' ? length : describeValue(x);
    const has = typeof length === 'number' ? `length ${length}` : `no length (${received})`;
    throw new ShapeError(`${fn}: ${name} has ${has}, expected ${expected}${formula === undefined ? '' : ` (${formula})`}`, {
      function: fn,
      argument: name,
      expected,
      received,
    });
  }
}

/** @internal Throws a ShapeError unless `rows` is a positive safe integer (a batch or row count). */
export function checkRows(fn: string, name: string, rows: unknown): asserts rows is number {
  if (typeof rows !== 'number' || !Number.isSafeInteger(rows) || rows <= 0) {
    throw new ShapeError(`${fn}: ${name} must be a positive integer number of rows, got ${describeValue(rows)}; pass the row count of your batch`, {
      function: fn,
      argument: name,
      expected: 'positive integer',
      received: describeValue(rows),
    });
  }
}

/**
 * @internal Checks every value of a row-major rows×cols batch (0/1, or [0,1]
 * for mean-field inputs); the error names the row and column (or the index
 * when `rows` is 1 and `asVector`).
 */
export function checkValues(fn: string, name: string, x: ArrayLike<number>, rows: number, cols: number, mode: ValueCheck = 'binary', asVector = false): void {
  const n = rows * cols;
  for (let i = 0; i < n; i++) {
    const v = x[i]!;
    const ok = mode === 'binary' ? v === 0 || v === 1 : v >= 0 && v <= 1;
    if (ok) continue;
    const what = mode === 'binary' ? 'must be 0 or 1' : 'must lie in [0, 1]';
    const place = asVector ? { index: i } : { row: Math.floor(i / cols), column: i % cols };
    const where = asVector ? `index ${i}` : `row ${place.row}, column ${place.column}`;
    throw new BinaryDataError(`${fn}: ${name} at ${where} is ${v}; it ${what}`, { function: fn, argument: name, ...place, received: v });
  }
}

/** @internal Checks a full state vector: typed array, length `plan.size`, binary values. */
export function checkState(fn: string, plan: Plan, state: unknown, name = 'state'): asserts state is StateArray {
  checkArrayType(fn, name, state);
  checkLength(fn, name, state, plan.size);
  checkValues(fn, name, state, 1, plan.size, 'binary', true);
}

/** @internal Checks a row-major batch of `cols` columns: typed array, length rows·cols, values. */
export function checkBatch(fn: string, name: string, x: unknown, rows: number, cols: number, mode: ValueCheck = 'binary'): asserts x is StateArray {
  checkRows(fn, 'batch', rows);
  checkArrayType(fn, name, x);
  checkLength(fn, name, x, rows * cols);
  checkValues(fn, name, x, rows, cols, mode);
}

/** @internal Checks an output buffer: a float (or float64) typed array of exactly `expected` entries. */
export function checkOut(fn: string, out: unknown, expected: number, float64Only = false): void {
  if (!(out instanceof Float64Array) && (float64Only || !(out instanceof Float32Array))) {
    const want = float64Only ? 'a Float64Array' : 'a Float64Array or Float32Array';
    throw new ValidationError(`${fn}: out must be ${want}`, { function: fn, argument: 'out', expected: want });
  }
  checkLength(fn, 'out', out, expected);
}

/** @internal Throws a GraphStructureError unless the plan is of one of `kinds`. */
export function checkKind(fn: string, plan: Plan, kinds: readonly PlanKind[], instead: string): void {
  if (kinds.includes(plan.kind)) return;
  throw new GraphStructureError(`${fn} needs a plan of kind ${kinds.join(' or ')}, but this plan is ${plan.kind}; ${instead}`, {
    function: fn,
    kind: plan.kind,
    expected: kinds,
  });
}

/** @internal Throws unless `unit` is an integer index into the plan's state vector. */
export function checkUnit(fn: string, plan: Plan, unit: number): void {
  if (typeof unit !== 'number' || !Number.isInteger(unit)) {
    throw new ValidationError(`${fn}: unit must be an integer index into the state vector, got ${String(unit)}`, {
      function: fn,
      argument: 'unit',
      received: unit,
    });
  }
  if (unit < 0 || unit >= plan.size) {
    throw new UnknownUnitError(`${fn}: unit ${unit} does not exist; the plan has units 0..${plan.size - 1}`, {
      function: fn,
      unit,
      size: plan.size,
    });
  }
}

/** @internal Throws unless `block` is an index into `plan.blocks`. */
export function checkBlock(fn: string, plan: Plan, block: number): void {
  if (typeof block !== 'number' || !Number.isInteger(block) || block < 0 || block >= plan.blocks.length) {
    throw new UnknownUnitError(`${fn}: block ${String(block)} does not exist; the plan has blocks 0..${plan.blocks.length - 1}`, {
      function: fn,
      block,
      blocks: plan.blocks.length,
    });
  }
}

/** @internal The `values` option, checked (default `'binary'`). */
export function valueCheckOf(fn: string, v: unknown): ValueCheck {
  if (v === undefined) return 'binary';
  if (v === 'binary' || v === 'unit-interval') return v;
  throw new ConfigError(`${fn}: option values must be 'binary' or 'unit-interval', got ${String(v)}`, { function: fn, option: 'values', received: v });
}

/** @internal The `maxStates` option, checked. */
export function maxStatesOf(fn: string, opts: ExactOptions | undefined): number {
  const m = opts?.maxStates;
  if (m === undefined) return DEFAULT_MAX_STATES;
  if (typeof m !== 'number' || !Number.isSafeInteger(m) || m < 1) {
    throw new ConfigError(`${fn}: option maxStates must be a positive integer, got ${String(m)}`, {
      function: fn,
      option: 'maxStates',
      received: m,
    });
  }
  return m;
}
