/**
 * Entry checks shared by the `js` kernels: dimensions are non-negative safe
 * integers and every buffer holds at least the elements its shape needs.
 * Kernels call these once, before writing anything, so a rejected call leaves
 * every buffer as it was.
 *
 * @module
 */
import { ShapeError, ValidationError } from '@stochnet/graph';

/**
 * Throws a ShapeError unless `value` is a non-negative safe integer.
 *
 * @param kernel - the kernel's name, for the error details
 * @param argument - the dimension's name, e.g. `'rows'`
 * @param value - the dimension
 * @throws ShapeError when `value` is negative, fractional, non-finite or not a number
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
 * Throws a ShapeError unless `array` is array-like and holds at least
 * `expected` elements. Longer buffers are accepted (a workspace sized for the largest batch) and
 * only their leading elements are read or written.
 *
 * @param kernel - the kernel's name, for the error details
 * @param argument - the buffer's name, e.g. `'c'`
 * @param array - the buffer
 * @param expected - the number of elements the shape needs
 * @param formula - how `expected` follows from the dimensions, e.g. `'m·n'`
 * @throws ShapeError when the buffer is missing or too short
 */
export function assertLength(
  kernel: string,
  argument: string,
  array: ArrayLike<number>,
  expected: number,
  formula: string,
): void {
  const length: unknown = array !== null && typeof array === 'object' ? array.length : undefined;
  if (typeof length !== 'number') {
    throw new ShapeError(`${kernel}: ${argument} must be a typed array of at least ${expected} elements (${formula}), got ${array === null ? 'null' : typeof array}`, {
      kernel,
      argument,
      expected,
      received: array === null ? 'null' : typeof array,
    });
  }
  if (array.length < expected) {
    throw new ShapeError(
      `${kernel}: ${argument} has ${array.length} elements but the shape needs at least ${expected} (${formula}); ` +
        `pass a buffer of at least ${expected} elements or fix the dimensions`,
      { kernel, argument, expected, received: array.length },
    );
  }
}

/**
 * Throws a ShapeError unless `value` is an object (a GEMM shape, a CSR matrix).
 *
 * @param kernel - the kernel's name, for the error details
 * @param argument - the argument's name, e.g. `'shape'`
 * @param value - the argument
 * @throws ShapeError when `value` is null or not an object
 */
export function assertObject(kernel: string, argument: string, value: unknown): void {
  if (value === null || typeof value !== 'object') {
    throw new ShapeError(`${kernel}: ${argument} must be an object, got ${value === null ? 'null' : typeof value}`, {
      kernel,
      argument,
      expected: 'object',
      received: value === null ? 'null' : typeof value,
    });
  }
}

/**
 * Throws a ValidationError (code `ALIASING`) when the output `out` shares
 * memory with the input `input`, for kernels whose result would be wrong then.
 *
 * @param kernel - the kernel's name, for the error details
 * @param outName - the output's name
 * @param out - the output buffer
 * @param inName - the input's name
 * @param input - an input buffer
 * @throws ValidationError when the two byte ranges overlap
 */
export function assertNoOverlap(
  kernel: string,
  outName: string,
  out: ArrayBufferView,
  inName: string,
  input: ArrayBufferView,
): void {
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
