/**
 * Entry checks shared by the estimators: plan kinds, data batches, option
 * counts and size limits. Every check runs before any allocation, work or
 * random draw, so a rejected call changes nothing the caller holds.
 *
 * @module
 */
import { BinaryDataError, ConfigError, GraphStructureError, ShapeError, TooLargeError, ValidationError } from '@stochnet/graph';
import type { Plan, PlanKind, StateArray } from '@stochnet/model';

/** Rows of data (0/1 values, row-major) together with their count. */
export interface DataRows {
  /** rows × (data width) 0/1 values, row-major. */
  readonly data: StateArray;
  /** Number of rows, a positive integer. */
  readonly rows: number;
}

/** @internal Rows processed together by the batched estimators. */
export const TILE_ROWS = 256;

/** @internal The most β steps, burn-in sweeps or samples per row one estimator call may run: 2^24. */
export const MAX_STEPS = 2 ** 24;

/** @internal The most entries (rows × units) one estimator keeps in flight: 2^28. */
export const MAX_ENTRIES = 2 ** 28;

function describe(x: unknown): string {
  if (x === null) return 'null';
  if (Array.isArray(x)) return 'array';
  if (typeof x === 'number') return String(x);
  if (ArrayBuffer.isView(x)) return x.constructor.name;
  return typeof x;
}

/** @internal Throws unless `plan` is a compiled Plan of one of `kinds`; the error names what to use instead. */
export function checkPlanKind(fn: string, plan: unknown, kinds: readonly PlanKind[], instead: string): asserts plan is Plan {
  const p = plan as Partial<Plan> | null;
  if (p === null || typeof p !== 'object' || !Array.isArray(p.blocks) || typeof p.kind !== 'string') {
    throw new ValidationError(`${fn}: plan must be a compiled Plan (from compile)`, { function: fn, argument: 'plan', received: describe(plan) });
  }
  if (!kinds.includes(p.kind)) {
    throw new GraphStructureError(`${fn} needs a plan of kind ${kinds.join(' or ')}, but this plan is ${p.kind}; ${instead}`, {
      function: fn,
      kind: p.kind,
      expected: kinds,
    });
  }
}

/**
 * @internal Checks a rows × cols batch of 0/1 data: `rows` a positive
 * integer (ShapeError), a typed array (ValidationError) of exactly rows·cols
 * entries (ShapeError), every value 0 or 1 (BinaryDataError naming the row
 * and column).
 */
export function checkData(fn: string, name: string, data: unknown, rows: unknown, cols: number): asserts data is StateArray {
  if (typeof rows !== 'number' || !Number.isSafeInteger(rows) || rows <= 0) {
    throw new ShapeError(`${fn}: ${name} rows must be a positive integer, got ${describe(rows)}; an empty batch has no mean`, {
      function: fn,
      argument: `${name}.rows`,
      expected: 'positive integer',
      received: describe(rows),
    });
  }
  if (!(data instanceof Float64Array) && !(data instanceof Float32Array) && !(data instanceof Uint8Array)) {
    throw new ValidationError(`${fn}: ${name} must be a Float64Array, Float32Array or Uint8Array of 0/1 values`, {
      function: fn,
      argument: name,
      received: describe(data),
    });
  }
  if (data.length !== rows * cols) {
    throw new ShapeError(`${fn}: ${name} has ${data.length} entries, expected ${rows * cols} (${rows} rows × ${cols} columns the model expects)`, {
      function: fn,
      argument: name,
      expected: rows * cols,
      received: data.length,
    });
  }
  for (let i = 0; i < data.length; i++) {
    const v = data[i]!;
    if (v === 0 || v === 1) continue;
    const row = Math.floor(i / cols);
    const column = i % cols;
    throw new BinaryDataError(`${fn}: ${name} at row ${row}, column ${column} is ${v}; binary units need 0 or 1 (binarise the data first)`, {
      function: fn,
      argument: name,
      row,
      column,
      received: v,
    });
  }
}

/** @internal Checks a {@link DataRows} object and its batch (see {@link checkData}). */
export function checkDataRows(fn: string, name: string, x: unknown, cols: number): asserts x is DataRows {
  if (x === null || typeof x !== 'object') {
    throw new ValidationError(`${fn}: ${name} must be an object { data, rows }`, { function: fn, argument: name, received: describe(x) });
  }
  const d = x as Partial<DataRows>;
  checkData(fn, `${name}.data`, d.data, d.rows, cols);
}

/** @internal Throws a ConfigError unless the options argument is undefined or an object. */
export function checkOptionsObject(fn: string, opts: unknown): void {
  if (opts !== undefined && (opts === null || typeof opts !== 'object')) {
    throw new ConfigError(`${fn}: options must be an object`, { function: fn, option: 'options', received: describe(opts) });
  }
}

/**
 * @internal The integer option `option` (default `fallback` when undefined):
 * a ConfigError unless an integer ≥ `min`, a TooLargeError above `limit`.
 */
export function intOption(fn: string, option: string, value: unknown, fallback: number, min: number, limit: number): number {
  if (value === undefined) return fallback;
  if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < min) {
    const want = min === 0 ? 'a non-negative integer' : min === 1 ? 'a positive integer' : `an integer ≥ ${min}`;
    throw new ConfigError(`${fn}: option ${option} must be ${want}, got ${describe(value)}`, {
      function: fn,
      option,
      expected: want,
      received: describe(value),
    });
  }
  if (value > limit) {
    throw new TooLargeError(`${fn}: option ${option} = ${value} exceeds the limit ${limit}; use a smaller ${option}`, {
      function: fn,
      option,
      limit,
      received: value,
    });
  }
  return value;
}

/** @internal Throws a TooLargeError when `count` entries exceed {@link MAX_ENTRIES}. */
export function checkEntries(fn: string, option: string, count: number, what: string): void {
  if (count > MAX_ENTRIES) {
    throw new TooLargeError(`${fn}: ${what} = ${count} entries exceeds the limit of 2^28; use a smaller ${option}`, {
      function: fn,
      option,
      limit: MAX_ENTRIES,
      received: count,
    });
  }
}

/** @internal Throws a ConfigError unless `value` is undefined or one of `allowed`. */
export function choiceOption<T extends string>(fn: string, option: string, value: unknown, allowed: readonly T[], fallback: T): T {
  if (value === undefined) return fallback;
  if (typeof value === 'string' && (allowed as readonly string[]).includes(value)) return value as T;
  throw new ConfigError(`${fn}: option ${option} must be one of ${allowed.map((a) => `'${a}'`).join(', ')}, got ${describe(value)}`, {
    function: fn,
    option,
    expected: allowed,
    received: describe(value),
  });
}

/** @internal Throws a ConfigError unless `value` is undefined or a boolean. */
export function boolOption(fn: string, option: string, value: unknown, fallback: boolean): boolean {
  if (value === undefined) return fallback;
  if (typeof value === 'boolean') return value;
  throw new ConfigError(`${fn}: option ${option} must be true or false, got ${describe(value)}`, { function: fn, option, received: describe(value) });
}
