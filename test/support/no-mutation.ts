/**
 * The shared bad-input harness (TESTING.md B.3): a rejected call throws the
 * expected typed error and changes nothing the caller holds.
 *
 * Inputs are snapshotted deeply before the call: networks (structure and
 * every parameter array), typed arrays (byte copies), Maps, plain arrays and
 * objects, and seeded streams (their `state()`), then compared after.
 */
import { expect } from 'vitest';

type ErrorClass = abstract new (...args: never[]) => Error;

/** What the rejected call must throw, and what it must leave alone. */
export interface RejectSpec {
  /** The expected `code` of the thrown error. */
  readonly code?: string;
  /** The expected class (or a base class) of the thrown error. */
  readonly errorClass?: ErrorClass;
  /** Everything the call could have changed: networks, typed arrays, plain arrays, Maps, Rngs. */
  readonly inputs: readonly unknown[];
}

type Snap =
  | { readonly t: 'typed'; readonly ctor: string; readonly bytes: number[] }
  | { readonly t: 'map'; readonly entries: [unknown, Snap][] }
  | { readonly t: 'array'; readonly items: Snap[]; readonly frozen: boolean }
  | { readonly t: 'object'; readonly fields: [string, Snap][]; readonly frozen: boolean }
  | { readonly t: 'rng'; readonly state: unknown }
  | { readonly t: 'value'; readonly value: unknown };

function isRng(x: object): x is { state(): unknown } {
  const r = x as Record<string, unknown>;
  return typeof r['state'] === 'function' && typeof r['fork'] === 'function' && typeof r['next'] === 'function';
}

/** A deep, comparable copy: typed arrays become their bytes, so NaN, -0 and payloads compare exactly. */
export function snapshot(x: unknown, seen: Set<object> = new Set()): Snap {
  if (x === null || typeof x !== 'object') return { t: 'value', value: typeof x === 'number' && Object.is(x, -0) ? '-0' : x };
  if (ArrayBuffer.isView(x)) {
    return { t: 'typed', ctor: x.constructor.name, bytes: Array.from(new Uint8Array(x.buffer, x.byteOffset, x.byteLength)) };
  }
  if (seen.has(x)) return { t: 'value', value: '[cycle]' };
  seen.add(x);
  if (isRng(x)) return { t: 'rng', state: structuredClone(x.state()) };
  if (x instanceof Map) return { t: 'map', entries: [...x].map(([k, v]) => [k, snapshot(v, seen)]) };
  if (Array.isArray(x)) return { t: 'array', items: x.map((v) => snapshot(v, seen)), frozen: Object.isFrozen(x) };
  const fields = Object.keys(x).map((k): [string, Snap] => [k, snapshot((x as Record<string, unknown>)[k], seen)]);
  return { t: 'object', fields, frozen: Object.isFrozen(x) };
}

function checkThrown(e: unknown, spec: RejectSpec): Error {
  expect(e, 'the call must throw').toBeInstanceOf(Error);
  const err = e as Error & { code?: unknown };
  if (spec.errorClass !== undefined) expect(err).toBeInstanceOf(spec.errorClass);
  if (spec.code !== undefined) expect(err.code).toBe(spec.code);
  return err;
}

function checkUnchanged(before: readonly Snap[], spec: RejectSpec): void {
  const after = spec.inputs.map((x) => snapshot(x));
  before.forEach((b, k) => expect(after[k], `input ${k} changed by a rejected call`).toEqual(b));
}

/**
 * Calls `fn`, asserts it throws the expected class and/or code, and asserts
 * every input is deep- and byte-equal to before the call.
 *
 * @returns the thrown error, for further checks of its details
 */
export function expectRejectsWithoutMutation(fn: () => unknown, spec: RejectSpec): Error {
  if (spec.code === undefined && spec.errorClass === undefined) throw new Error('give code or errorClass');
  const before = spec.inputs.map((x) => snapshot(x));
  let thrown: unknown = undefined;
  let threw = false;
  try {
    fn();
  } catch (e) {
    thrown = e;
    threw = true;
  }
  expect(threw, 'the call must throw').toBe(true);
  const err = checkThrown(thrown, spec);
  checkUnchanged(before, spec);
  return err;
}

/** {@link expectRejectsWithoutMutation} for async calls: `fn` must reject (or throw). */
export async function expectRejectsWithoutMutationAsync(fn: () => Promise<unknown>, spec: RejectSpec): Promise<Error> {
  if (spec.code === undefined && spec.errorClass === undefined) throw new Error('give code or errorClass');
  const before = spec.inputs.map((x) => snapshot(x));
  let thrown: unknown = undefined;
  let threw = false;
  try {
    await fn();
  } catch (e) {
    thrown = e;
    threw = true;
  }
  expect(threw, 'the call must reject').toBe(true);
  const err = checkThrown(thrown, spec);
  checkUnchanged(before, spec);
  return err;
}
