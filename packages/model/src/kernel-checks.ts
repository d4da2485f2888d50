/**
 * The `js` backend's entry checks, for other backends: a backend that
 * validates its arguments with these rejects bad calls exactly as `js`
 * does (same error classes, codes and details), which the conformance suite
 * requires.
 *
 * @module
 */
import { assertDim, assertLength, assertNoOverlap, assertObject } from './kernels/js/assert.js';

/** The entry checks of a kernel; each throws before anything is written. */
export interface KernelChecks {
  /** ShapeError unless `value` is a non-negative safe integer (details: kernel, argument, expected, received). */
  readonly dim: (kernel: string, argument: string, value: number) => void;
  /** ShapeError unless `array` is array-like with at least `expected` elements (`formula` says how expected follows from the dimensions). */
  readonly length: (kernel: string, argument: string, array: ArrayLike<number>, expected: number, formula: string) => void;
  /** ShapeError unless `value` is an object (a GEMM shape, a CSR matrix). */
  readonly object: (kernel: string, argument: string, value: unknown) => void;
  /** ValidationError with code `ALIASING` when the output `out` shares bytes with the input `input`. */
  readonly noOverlap: (kernel: string, outName: string, out: ArrayBufferView, inName: string, input: ArrayBufferView) => void;
}

/**
 * The entry checks of the `js` kernels, for backends that must reject bad
 * arguments the same way.
 *
 * @example
 * ```ts
 * import { kernelChecks } from '@stochnet/model';
 * try {
 *   kernelChecks.length('myKernel', 'c', new Float32Array(3), 4, 'm·n');
 * } catch (e) {
 *   console.log((e as { code: string }).code); // SHAPE
 * }
 * ```
 */
export const kernelChecks: KernelChecks = Object.freeze({ dim: assertDim, length: assertLength, object: assertObject, noOverlap: assertNoOverlap });
