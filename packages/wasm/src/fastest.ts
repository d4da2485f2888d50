/**
 * `fastestBackend`: the quickest kernels this runtime can load, with a line
 * saying which, for programs that should just run fast (the CLI, the demo).
 *
 * @module
 */
import { jsBackend } from '@stochnet/model';
import type { Backend } from '@stochnet/model';
import { createWasmBackend } from './backend.js';
import type { WasmBackend } from './backend.js';

/** What {@link fastestBackend} chose, and why. */
export interface BackendChoice {
  /** The backend to pass to `compile(net, { backend })`. */
  readonly backend: Backend;
  /** One line for people: the backend's name and, for `js`, why WebAssembly was not used. */
  readonly description: string;
}

/**
 * The fastest available backend: the WebAssembly SIMD backend with
 * `threads: 'auto'` (two threads where the machine has them and
 * SharedArrayBuffer is available) and `relaxedSimd: 'auto'` (fused
 * multiply-adds where the runtime has relaxed SIMD) when this runtime can
 * compile and instantiate it, otherwise the portable `js` backend.
 *
 * @remarks
 * The wasm backend is several times faster than `js` on every workload we
 * measure (see `pnpm bench`), small models included; large products
 * are split between the threads with results equal to one thread's, bit
 * for bit, and helper workers never keep a Node process alive. It needs WebAssembly
 * with the fixed-width SIMD proposal (Node ≥ 16.4, every current browser);
 * where loading fails (no SIMD, WebAssembly disabled by a content security
 * policy) the `js` backend is returned and `description` says why. Results
 * of the two backends agree to float rounding, not bit for bit, so a run
 * is reproducible on the same backend.
 *
 * @returns the backend and a one-line description such as `wasm (WebAssembly SIMD, 2 threads)` (see {@link describeWasmBackend})
 *
 * @example
 * ```ts
 * import { rbm } from '@stochnet/graph';
 * import { compile } from '@stochnet/model';
 * import { fastestBackend } from '@stochnet/wasm';
 * const { backend, description } = await fastestBackend();
 * const plan = compile(rbm(6, 3, { seed: 1 }), { backend });
 * console.log(plan.backend.name, description.startsWith(plan.backend.name)); // wasm true
 * ```
 */
export async function fastestBackend(): Promise<BackendChoice> {
  try {
    let backend: WasmBackend;
    try {
      backend = await createWasmBackend({ threads: 'auto', relaxedSimd: 'auto' });
    } catch {
      // A runtime that validates the relaxed build but cannot run it: the plain build.
      backend = await createWasmBackend({ threads: 'auto' });
    }
    return { backend, description: describeWasmBackend(backend) };
  } catch (e) {
    const why = e instanceof Error ? e.message.split('\n')[0] : String(e);
    return { backend: jsBackend, description: `js (WebAssembly SIMD is not available here: ${why})` };
  }
}

/**
 * One line naming a wasm backend's build and threads, as {@link fastestBackend} prints it.
 *
 * @param backend - a backend from createWasmBackend
 * @returns e.g. `wasm (WebAssembly SIMD, 2 threads)` or `wasm (WebAssembly relaxed SIMD, 1 thread)`
 *
 * @example
 * ```ts
 * import { createWasmBackend, describeWasmBackend } from '@stochnet/wasm';
 * console.log(describeWasmBackend(await createWasmBackend())); // wasm (WebAssembly SIMD, 1 thread)
 * ```
 */
export function describeWasmBackend(backend: WasmBackend): string {
  const simd = backend.relaxedSimd ? 'WebAssembly relaxed SIMD' : 'WebAssembly SIMD';
  return `wasm (${simd}, ${backend.threads} thread${backend.threads === 1 ? '' : 's'})`;
}
