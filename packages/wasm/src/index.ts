/**
 * A WebAssembly SIMD kernel backend for stochnet: pass the backend to
 * `compile(net, { backend })` and every sampler and learning rule on the
 * plan runs on it.
 *
 * @packageDocumentation
 */
export { createWasmBackend } from './backend.js';
export type { WasmBackend, WasmBackendOptions } from './backend.js';
export { describeWasmBackend, fastestBackend } from './fastest.js';
export type { BackendChoice } from './fastest.js';
