/**
 * Option checks shared by the package's entry points: each throws a
 * ConfigError naming the function, the option, what was expected and what
 * was received.
 *
 * @module
 */
import { ConfigError } from '@stochnet/graph';

/** A short, safe description of any value for an error message. */
export function shown(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (typeof value === 'string') return JSON.stringify(value.length > 40 ? `${value.slice(0, 40)}…` : value);
  if (typeof value === 'bigint') return `${String(value)}n`;
  return typeof value;
}

/** The ConfigError for option `option` of function `fn`. */
export function optionError(fn: string, option: string, expected: string, value: unknown): ConfigError {
  const received = shown(value);
  return new ConfigError(`${fn}: option ${option} must be ${expected}, got ${received}`, {
    function: fn,
    option,
    expected,
    received,
  });
}

/** `value` if it is an integer in [min, max], else a ConfigError. */
export function intOption(fn: string, option: string, value: unknown, min: number, max = Number.MAX_SAFE_INTEGER): number {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < min || value > max) {
    const range = max === Number.MAX_SAFE_INTEGER ? `an integer ≥ ${min}` : `an integer in [${min}, ${max}]`;
    throw optionError(fn, option, range, value);
  }
  return value;
}

/** `value` if it is a finite number, else a ConfigError. */
export function finiteOption(fn: string, option: string, value: unknown): number {
  if (typeof value !== 'number' || !Number.isFinite(value)) throw optionError(fn, option, 'a finite number', value);
  return value;
}

/** `value` if it is a boolean, else a ConfigError. */
export function boolOption(fn: string, option: string, value: unknown): boolean {
  if (typeof value !== 'boolean') throw optionError(fn, option, 'true or false', value);
  return value;
}

/** The options object itself: undefined becomes `{}`; anything but a plain object is a ConfigError. */
export function optionsObject(fn: string, options: unknown): Readonly<Record<string, unknown>> {
  if (options === undefined) return {};
  if (options === null || typeof options !== 'object' || Array.isArray(options)) {
    throw optionError(fn, 'options', 'an object', options);
  }
  return options as Readonly<Record<string, unknown>>;
}
