/**
 * The list of kernel names in the {@link Backend} interface, for the backend
 * conformance suite and for profiling. Backends are typed objects, never
 * looked up by these strings.
 *
 * @module
 */
import type { Backend } from '../backend.js';

/**
 * The name of one kernel of a {@link Backend}: every member except `name`.
 *
 * @example
 * ```ts
 * import type { KernelName } from '@stochnet/model';
 * const k: KernelName = 'gemm';
 * console.log(k); // 'gemm'
 * ```
 */
export type KernelName = Exclude<keyof Backend, 'name'>;

/**
 * Every kernel of the {@link Backend} interface, in the order the interface
 * declares them. The type check below fails to compile if a kernel is added
 * to Backend and not listed here.
 *
 * @example
 * ```ts
 * import { jsBackend, kernelNames } from '@stochnet/model';
 * for (const name of kernelNames) console.log(name, typeof jsBackend[name]); // gemm function, …
 * ```
 */
export const kernelNames = [
  'gemm',
  'biasSigmoid',
  'addBias',
  'bernoulli',
  'ger',
  'spmm',
  'softplusRowSums',
] as const satisfies readonly KernelName[];

// Compile-time completeness: a kernel missing from the list makes this `false`.
type Missing = Exclude<KernelName, (typeof kernelNames)[number]>;
const complete: [Missing] extends [never] ? true : false = true;
void complete;
