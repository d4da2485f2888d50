/**
 * Small checks and names of plain values, shared by validation, editing and
 * JSON reading: one record test, one way to name a value's type in a
 * message, and the one list of group roles and of connectivities.
 *
 * @module
 */
import { NonFiniteError, ValidationError } from './errors.js';
import type { Connectivity, GroupRole } from './types.js';

/** Every group role, in the order messages list them. */
export const GROUP_ROLES: readonly GroupRole[] = ['visible', 'hidden', 'label'];

/** Every coupling connectivity, in the order messages list them. */
export const CONNECTIVITIES: readonly Connectivity[] = ['dense', 'masked', 'sparse'];

/** Whether `x` is one of the {@link GROUP_ROLES}. */
export function isGroupRole(x: unknown): x is GroupRole {
  return (GROUP_ROLES as readonly unknown[]).includes(x);
}

/** Whether `x` is one of the {@link CONNECTIVITIES}. */
export function isConnectivity(x: unknown): x is Connectivity {
  return (CONNECTIVITIES as readonly unknown[]).includes(x);
}

/** Whether `value` is an object that is neither null nor an array (a parsed JSON object, an options bag). */
export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The JSON kind of a value for messages: `null`, `array`, or its `typeof`. */
export function kindOf(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  return typeof value;
}

/**
 * `value` when it is a finite number.
 *
 * @param value - the value to check
 * @param place - details naming where the value goes (group, coupling, index …)
 * @param what - how messages name the value, e.g. `bias h[2]`
 * @throws ValidationError when `value` is not a number; NonFiniteError when it is NaN or ±Infinity
 */
export function finiteNumber(value: unknown, place: Readonly<Record<string, unknown>>, what: string): number {
  if (typeof value !== 'number') throw new ValidationError(`${what} must be a finite number, got ${typeName(value)}`, { ...place, received: typeName(value) });
  if (!Number.isFinite(value)) throw new NonFiniteError(`${what} is ${value}; it must be finite`, { ...place, value });
  return value;
}

/** A short name of a value's type for messages: `Float32Array`, `Array`, `string`, `null`. */
export function typeName(x: unknown): string {
  if (x === null) return 'null';
  if (Array.isArray(x)) return 'Array';
  if (ArrayBuffer.isView(x)) return x.constructor.name;
  if (typeof x === 'object') return (x as object).constructor?.name ?? 'object';
  return typeof x;
}
