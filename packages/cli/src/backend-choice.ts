/**
 * The kernels a command runs on: the fastest available by default
 * (`--backend auto`), or the one the user names.
 *
 * @module
 */
import { jsBackend } from '@stochnet/model';
import { createWasmBackend, describeWasmBackend, fastestBackend } from '@stochnet/wasm';
import type { BackendChoice } from '@stochnet/wasm';
import { UsageError } from './errors.js';
import type { BackendFlag } from './flags.js';

/** @internal The option every computing command takes. */
export const BACKEND_OPTION = ['--backend <name>', 'kernels: auto (the fastest available), wasm (WebAssembly SIMD, two threads and relaxed SIMD where available) or js'] as const;

/** @internal The backend for a --backend value, and the line that says which. */
export async function chooseBackend(flag: BackendFlag): Promise<BackendChoice> {
  if (flag === 'auto') return fastestBackend();
  if (flag === 'js') return { backend: jsBackend, description: 'js (--backend js)' };
  try {
    const backend = await createWasmBackend({ threads: 'auto', relaxedSimd: 'auto' });
    return { backend, description: describeWasmBackend(backend) };
  } catch (e) {
    const why = e instanceof Error ? e.message.split('\n')[0] : String(e);
    throw new UsageError(`--backend wasm: the WebAssembly SIMD backend does not load here (${why}); use --backend js`, { option: '--backend', received: 'wasm' });
  }
}
