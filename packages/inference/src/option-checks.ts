/**
 * The option checks every entry point shares: the one way this package
 * names a received value in messages and `details.received`, and the one
 * integer-option check (ConfigError below the minimum, TooLargeError above
 * the limit).
 *
 * @module
 */
import { ConfigError, TooLargeError } from '@stochnet/graph';

/**
 * @internal A short, safe description of any value: numbers and booleans as
 * their text, `null`, `array`, a typed array's class name, else its `typeof`
 * (never the contents of an object, which may be huge or hostile).
 */
export function describeValue(x: unknown): string {
  if (x === null) return 'null';
  if (typeof x === 'number' || typeof x === 'boolean') return String(x);
  if (Array.isArray(x)) return 'array';
  if (ArrayBuffer.isView(x)) return x.constructor.name;
  return typeof x;
}

/**
 * @internal The integer option `option`: a ConfigError unless an integer ≥
 * `min` (or undefined with a `fallback`, which is then returned), a
 * TooLargeError above `limit`.
 */
export function intOption(fn: string, option: string, value: unknown, fallback: number | undefined, min: number, limit: number): number {
  if (value === undefined && fallback !== undefined) return fallback;
  if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < min) {
    const want = min === 0 ? 'a non-negative integer' : min === 1 ? 'a positive integer' : `an integer ≥ ${min}`;
    throw new ConfigError(`${fn}: option ${option} must be ${want}, got ${describeValue(value)}`, {
      function: fn,
      option,
      expected: want,
      received: describeValue(value),
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
