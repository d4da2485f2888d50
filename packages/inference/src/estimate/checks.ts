/**
 * Entry checks shared by the estimators: data batches, option counts and
 * size limits (plan kinds: plan-kind.ts). Every check runs before any allocation, work or
 * random draw, so a rejected call changes nothing the caller holds.
 *
 * @module
 */
import { BinaryDataError, ConfigError, ShapeError, TooLargeError, ValidationError } from '@stochnet/graph';
import type { StateArray } from '@stochnet/model';
import { describeValue } from '../option-checks.js';

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

/**
 * @internal Checks a rows × cols batch of 0/1 data: `rows` a positive
 * integer (ShapeError), a typed array (ValidationError) of exactly rows·cols
 * entries (ShapeError), every value 0 or 1 (BinaryDataError naming the row
 * and column).
 */
export function checkData(fn: string, name: string, data: unknown, rows: unknown, cols: number): asserts data is StateArray {
  if (typeof rows !== 'number' || !Number.isSafeInteger(rows) || rows <= 0) {
    throw new ShapeError(`${fn}: ${name} rows must be a positive integer, got ${describeValue(rows)}; an empty batch has no mean`, {
      function: fn,
      argument: `${name}.rows`,
      expected: 'positive integer',
      received: describeValue(rows),
    });
  }
  if (!(data instanceof Float64Array) && !(data instanceof Float32Array) && !(data instanceof Uint8Array)) {
    throw new ValidationError(`${fn}: ${name} must be a Float64Array, Float32Array or Uint8Array of 0/1 values`, {
      function: fn,
      argument: name,
      received: describeValue(data),
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
    throw new ValidationError(`${fn}: ${name} must be an object { data, rows }`, { function: fn, argument: name, received: describeValue(x) });
  }
  const d = x as Partial<DataRows>;
  checkData(fn, `${name}.data`, d.data, d.rows, cols);
}

/** @internal Throws a ConfigError unless the options argument is undefined or an object. */
export function checkOptionsObject(fn: string, opts: unknown): void {
  if (opts !== undefined && (opts === null || typeof opts !== 'object')) {
    throw new ConfigError(`${fn}: options must be an object`, { function: fn, option: 'options', received: describeValue(opts) });
  }
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
  throw new ConfigError(`${fn}: option ${option} must be one of ${allowed.map((a) => `'${a}'`).join(', ')}, got ${describeValue(value)}`, {
    function: fn,
    option,
    expected: allowed,
    received: describeValue(value),
  });
}

/** @internal Throws a ConfigError unless `value` is undefined or a boolean. */
export function boolOption(fn: string, option: string, value: unknown, fallback: boolean): boolean {
  if (value === undefined) return fallback;
  if (typeof value === 'boolean') return value;
  throw new ConfigError(`${fn}: option ${option} must be true or false, got ${describeValue(value)}`, { function: fn, option, received: describeValue(value) });
}
