/**
 * `createWasmBackend`: the Backend interface on WebAssembly SIMD kernels.
 *
 * @module
 */
import { ConfigError } from '@stochnet/graph';
import type { Backend, BinaryStateKernels, RbmSessionKernels } from '@stochnet/model';
import { selectRowsSum, selectedRowsOuter } from './binary.js';
import { gemm, ger, spmm } from './dense.js';
import type { Context } from './dense.js';
import { addBias, bernoulli, biasSigmoid, softplusRowSums } from './elementwise.js';
import { Heap } from './heap.js';
import { instantiateKernels, kernelModule } from './module.js';
import { openRbmSession, sessionInstance } from './session.js';

/** Options of {@link createWasmBackend}. */
export interface WasmBackendOptions {
  /** Worker threads for the large kernels; only 1 (the calling thread) is available in this version. */
  readonly threads?: 1 | undefined;
  /**
   * How a resident RBM training session (`rbmSession`) makes its uniforms:
   * `'counter'` (default) draws a key of two values from each step's Rng and
   * generates the uniforms inside WASM with Philox4x32-10, counter = element
   * index (results never depend on how the work is split); `'stream'` draws
   * them from the step's Rng in the JavaScript learner's order, so training
   * equals the js backend's up to float rounding.
   */
  readonly random?: 'counter' | 'stream' | undefined;
}

/** The wasm backend: every Backend kernel plus the kernels for 0/1 left factors and resident RBM training sessions. */
export type WasmBackend = Backend & BinaryStateKernels & RbmSessionKernels;

/** Pages (64 KiB) of linear memory to start with: room for a 784×500 product's operands and packing. */
const INITIAL_PAGES = 96;

function checkOptions(options: unknown): void {
  if (options === undefined) return;
  if (typeof options !== 'object' || options === null || Array.isArray(options)) {
    throw new ConfigError('createWasmBackend: options must be an object such as { threads: 1 }', { option: 'options', expected: 'object' });
  }
  for (const key of Object.keys(options)) {
    if (key !== 'threads' && key !== 'random') {
      throw new ConfigError(`createWasmBackend: unknown option ${key}; the options are threads and random`, { option: key, expected: ['threads', 'random'] });
    }
  }
  const random = (options as { random?: unknown }).random;
  if (random !== undefined && random !== 'counter' && random !== 'stream') {
    throw new ConfigError(`createWasmBackend: random must be 'counter' or 'stream', got ${String(random)}`, { option: 'random', expected: ['counter', 'stream'], received: String(random) });
  }
  const threads = (options as { threads?: unknown }).threads;
  if (threads !== undefined && threads !== 1) {
    throw new ConfigError(`createWasmBackend: threads must be 1 in this version, got ${String(threads)}`, {
      option: 'threads',
      expected: 1,
      received: typeof threads === 'number' ? threads : typeof threads,
    });
  }
}

/**
 * Creates a kernel backend on WebAssembly SIMD: a packed-panel GEMM with a
 * register-blocked 4×8 (f32) or 4×4 (f64) micro-kernel, a fused bias and
 * logistic with a vectorised exponential, and the other Backend kernels,
 * compiled from AssemblyScript and embedded, so it loads the same way in
 * Node and in browsers.
 *
 * @remarks
 * Every kernel checks its arguments exactly as the `js` backend does (same
 * error classes and details) before touching memory. Arguments are typed
 * arrays anywhere: each call copies them into the backend's linear memory
 * and copies outputs back. Float32 arguments run single-precision kernels
 * (GEMM accumulates in f32, within the conformance tolerance of 1e-5·√k
 * relative); a float64 argument runs the call in f64. The logistic in f32
 * uses a Cephes-style exponential (about 1 ulp) and agrees with the exact
 * σ to 2.5e-7 relative, about 2 ulp (measured over [−80, 80] in the package tests); |z| > 80 and NaN
 * take the accurate scalar path, so σ(±800) is exactly 1 or 0. Bernoulli
 * draws compare `u < p` exactly, so given the same uniforms the draws equal
 * the `js` backend's bit for bit. It also provides the optional
 * `BinaryStateKernels` (products with a 0/1 left factor as sums of selected
 * rows), which the RBM CD fast path uses for binary data batches. Each backend owns its memory; one backend
 * is not safe to call re-entrantly from two threads. It also provides
 * `rbmSession` (RbmSessionKernels): a CD-k training session whose
 * parameters, velocities and batch buffers live in a WASM instance of
 * their own, so `train()` runs each whole update in one call; its
 * uniforms follow the `random` option.
 *
 * @param options - `threads`: 1 (the default; more threads are not available in this version); `random`: 'counter' (default) or 'stream'
 * @returns a promise of the backend (the Backend kernels, the BinaryStateKernels and rbmSession)
 * @throws ConfigError for an unknown option, an unsupported thread count or an unknown random mode
 *
 * @example
 * ```ts
 * import { compile } from '@stochnet/model';
 * import { rbm } from '@stochnet/graph';
 * import { createWasmBackend } from '@stochnet/wasm';
 * const backend = await createWasmBackend();
 * const c = new Float32Array(4);
 * backend.gemm(c, Float32Array.of(1, 2, 3, 4), Float32Array.of(5, 6, 7, 8), { m: 2, n: 2, k: 2, transA: false, transB: false, alpha: 1, beta: 0 });
 * console.log(backend.name, Array.from(c)); // wasm [19, 22, 43, 50]
 * const plan = compile(rbm(6, 3, { seed: 1 }), { backend });
 * console.log(plan.backend.name); // wasm
 * ```
 */
export async function createWasmBackend(options?: WasmBackendOptions): Promise<WasmBackend> {
  checkOptions(options);
  const memory = new WebAssembly.Memory({ initial: INITIAL_PAGES });
  const ex = await instantiateKernels(memory);
  const ctx: Context = { heap: new Heap(memory, ex.heapBase()), ex };
  const mod = await kernelModule();
  const random = options?.random ?? 'counter';
  const pool = [await sessionInstance(mod)];
  return Object.freeze({
    name: 'wasm',
    gemm: (c, a, b, shape) => gemm(ctx, c, a, b, shape),
    biasSigmoid: (out, x, bias, rows, cols) => biasSigmoid(ctx, out, x, bias, rows, cols),
    addBias: (x, bias, rows, cols) => addBias(ctx, x, bias, rows, cols),
    bernoulli: (out, p, u, n) => bernoulli(ctx, out, p, u, n),
    ger: (g, x, y, m, n, alpha) => ger(ctx, g, x, y, m, n, alpha),
    spmm: (c, x, s, batch, alpha) => spmm(ctx, c, x, s, batch, alpha),
    softplusRowSums: (out, x, rows, cols) => softplusRowSums(ctx, out, x, rows, cols),
    selectRowsSum: (c, x, b, rows, k, n) => selectRowsSum(ctx, c, x, b, rows, k, n),
    selectedRowsOuter: (g, x, y, rows, k, n) => selectedRowsOuter(ctx, g, x, y, rows, k, n),
    rbmSession: (o) => openRbmSession(mod, pool, random, o),
  } satisfies WasmBackend);
}
