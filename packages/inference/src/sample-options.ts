/**
 * Option checks shared by the ancestral, posterior-Gibbs and DBN samplers:
 * counts, size limits and output buffers (seeds and chain counts are
 * checked by chains.ts, plan kinds by plan-kind.ts). Every check runs before any allocation or
 * random draw.
 *
 * @module
 */
import { BinaryDataError, ConfigError, ShapeError, TooLargeError, ValidationError } from '@stochnet/graph';
import type { FloatArray, Plan, StateArray } from '@stochnet/model';
import { MAX_CHAIN_ENTRIES } from './chains.js';

/** @internal Rows per tile of the ancestral pass (a tile's fields run as one batch). */
export const ROW_CHUNK = 256;

/** @internal Throws a TooLargeError when `value` exceeds `limit`. */
export function checkAtMost(fn: string, option: string, value: number, limit: number, what: string): void {
  if (value > limit) {
    throw new TooLargeError(`${fn}: ${what} = ${value} exceeds the limit ${limit}; use a smaller ${option}`, {
      function: fn,
      option,
      limit,
      received: value,
    });
  }
}

/** @internal Checks that rows × plan.size state entries stay within MAX_CHAIN_ENTRIES (2^28). */
export function checkStateEntries(fn: string, option: string, rows: number, plan: Plan): void {
  checkAtMost(fn, option, rows * plan.size, MAX_CHAIN_ENTRIES, `${option} × units (${rows} × ${plan.size})`);
}

/** @internal Throws a ConfigError unless the options argument is an object. */
export function checkOptions(fn: string, opts: unknown): void {
  if (opts === null || typeof opts !== 'object') {
    throw new ConfigError(`${fn}: options must be an object such as { samples: 100, seed: 1 }`, { function: fn, option: 'options' });
  }
}

/** @internal Checks an output state buffer: a Float32Array or Float64Array of exactly `expected` entries. */
export function checkStateBuffer(fn: string, name: string, x: unknown, expected: number): asserts x is FloatArray {
  if (!(x instanceof Float64Array) && !(x instanceof Float32Array)) {
    throw new ValidationError(`${fn}: ${name} must be a Float64Array or Float32Array`, { function: fn, argument: name });
  }
  if (x.length !== expected) {
    throw new ShapeError(`${fn}: ${name} has length ${x.length}, expected ${expected}`, {
      function: fn,
      argument: name,
      expected,
      received: x.length,
    });
  }
}

/** @internal A zeroed state buffer in the plan's dtype. */
export function stateBuffer(plan: Plan, n: number): FloatArray {
  return plan.dtype === 'float64' ? new Float64Array(n) : new Float32Array(n);
}

/**
 * @internal Checks initial states: a Float64Array, Float32Array or
 * Uint8Array of `size` (shared by every row) or rows × size 0/1 values.
 */
export function checkInit(fn: string, init: unknown, rows: number, size: number): StateArray {
  if (!(init instanceof Float64Array) && !(init instanceof Float32Array) && !(init instanceof Uint8Array)) {
    throw new ValidationError(`${fn}: option init must be a Float64Array, Float32Array or Uint8Array of 0/1 states`, {
      function: fn,
      option: 'init',
    });
  }
  if (init.length !== size && init.length !== rows * size) {
    throw new ShapeError(`${fn}: option init has length ${init.length}, expected ${size} (shared) or ${rows * size} (${rows} rows × ${size})`, {
      function: fn,
      option: 'init',
      expected: [size, rows * size],
      received: init.length,
    });
  }
  for (let i = 0; i < init.length; i++) {
    const v = init[i]!;
    if (v !== 0 && v !== 1) {
      throw new BinaryDataError(`${fn}: option init at row ${Math.floor(i / size)}, column ${i % size} is ${v}; states must be 0 or 1`, {
        function: fn,
        option: 'init',
        row: Math.floor(i / size),
        column: i % size,
        received: v,
      });
    }
  }
  return init;
}
