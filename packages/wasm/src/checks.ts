/**
 * Entry checks of the wasm kernels: the `js` backend's own (`kernelChecks`
 * of `@stochnet/model`: dimensions, buffer lengths, object arguments,
 * overlaps), plus the array-type check of the training session. Kernels
 * call these before touching memory, so a rejected call leaves every buffer
 * as it was.
 *
 * @module
 */
import { ValidationError } from '@stochnet/graph';
import { kernelChecks } from '@stochnet/model';

/** @internal The js backend's checks, shared so both backends reject bad calls alike. */
export const { dim: assertDim, length: assertLength, object: assertObject, noOverlap: assertNoOverlap } = kernelChecks;

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
