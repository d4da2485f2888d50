/**
 * Entry checks of the wasm kernels, the same as the `js` backend's:
 * dimensions are non-negative safe integers, every buffer holds at least
 * the elements its shape needs, and outputs do not overlap inputs where the
 * result would be wrong. Kernels call these before touching memory, so a
 * rejected call leaves every buffer as it was.
 *
 * @module
 */
import { ShapeError, ValidationError } from '@stochnet/graph';

/**
 * Throws a ShapeError unless `value` is a non-negative safe integer.
 *
 * @internal
 */
export function assertDim(kernel: string, argument: string, value: number): void {
  if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < 0) {
    throw new ShapeError(
      `${kernel}: ${argument} must be a non-negative integer, got ${String(value)}; pass the dimension as a count`,
      { kernel, argument, expected: 'non-negative integer', received: value },
    );
  }
}

/**
 * Throws a ShapeError unless `array` holds at least `expected` elements.
 *
 * @internal
 */
export function assertLength(kernel: string, argument: string, array: ArrayLike<number>, expected: number, formula: string): void {
  if (array.length < expected) {
    throw new ShapeError(
      `${kernel}: ${argument} has ${array.length} elements but the shape needs at least ${expected} (${formula}); ` +
        `pass a buffer of at least ${expected} elements or fix the dimensions`,
      { kernel, argument, expected, received: array.length },
    );
  }
}

/**
 * Throws a ValidationError (code `ALIASING`) when `out` and `input` share bytes.
 *
 * @internal
 */
export function assertNoOverlap(kernel: string, outName: string, out: ArrayBufferView, inName: string, input: ArrayBufferView): void {
  if (out.buffer !== input.buffer || out.byteLength === 0 || input.byteLength === 0) return;
  const a0 = out.byteOffset, a1 = a0 + out.byteLength;
  const b0 = input.byteOffset, b1 = b0 + input.byteLength;
  if (a0 < b1 && b0 < a1) {
    throw new ValidationError(
      `${kernel}: ${outName} overlaps ${inName} in memory; pass a separate output buffer`,
      { kernel, argument: outName, overlaps: inName },
      'ALIASING',
    );
  }
}

/**
 * Throws a ValidationError unless `array` is a Float32Array or Float64Array (or, where allowed, a Uint8Array).
 *
 * @internal
 */
export function assertFloatArray(kernel: string, argument: string, array: unknown, allowBytes = false): void {
  if (array instanceof Float32Array || array instanceof Float64Array || (allowBytes && array instanceof Uint8Array)) return;
  const expected = allowBytes ? 'Float32Array, Float64Array or Uint8Array' : 'Float32Array or Float64Array';
  throw new ValidationError(`${kernel}: ${argument} must be a ${expected}`, { kernel, argument, expected }, 'TYPE');
}
