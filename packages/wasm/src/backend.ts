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
import { instantiateKernels, kernelModule, relaxedSimdAvailable } from './module.js';
import { openRbmSession, sessionInstance } from './session.js';
import { checkThreads, requestedThreads, startThreads } from './threads.js';

/** Options of {@link createWasmBackend}. */
export interface WasmBackendOptions {
  /**
   * Threads for the large kernels, the calling one included: a positive
   * integer (at most 64) or 'auto' (min(2, hardware threads)). Default 1:
   * no workers, no SharedArrayBuffer needed.
   */
  readonly threads?: number | 'auto' | undefined;
  /**
   * How a resident RBM training session (`rbmSession`) makes its uniforms:
   * `'counter'` (default) draws a key of two values from each step's Rng and
   * generates the uniforms inside WASM with Philox4x32-10, counter = element
   * index (results never depend on how the work is split); `'stream'` draws
   * them from the step's Rng in the JavaScript learner's order, so training
   * equals the js backend's up to float rounding.
   */
  readonly random?: 'counter' | 'stream' | undefined;
  /**
   * Whether the GEMM kernels use relaxed SIMD's fused multiply-add
   * (`f32x4.relaxed_madd`, one rounding per step where the hardware has
   * FMA): `false` (default) uses the plain build; `true` uses the relaxed
   * build where the runtime supports it (current browsers, Node 22 and
   * later, Node 20 with `--experimental-wasm-relaxed-simd`) and otherwise
   * the plain one, saying so once; `'auto'` takes it where supported,
   * silently. Results differ from the plain build's by float rounding;
   * `backend.relaxedSimd` tells which build runs.
   */
  readonly relaxedSimd?: boolean | 'auto' | undefined;
}

/**
 * The wasm backend: every Backend kernel plus the kernels for 0/1 left
 * factors, resident RBM training sessions, its thread count and `dispose`.
 */
export type WasmBackend = Backend &
  BinaryStateKernels &
  RbmSessionKernels & {
    /** The threads the kernels run on (1 after a fallback or after dispose). */
    readonly threads: number;
    /** Whether the relaxed-SIMD build (fused multiply-adds in the GEMM kernels) runs. */
    readonly relaxedSimd: boolean;
    /** Ends the helper workers; the backend keeps working on the calling thread. Idempotent. */
    dispose(): void;
  };

let relaxedWarned = false;

/** Whether to run the relaxed build for the relaxedSimd option (warning once when `true` cannot be honoured). */
function useRelaxed(option: boolean | 'auto'): boolean {
  if (option === false) return false;
  if (relaxedSimdAvailable()) return true;
  if (option === true && !relaxedWarned) {
    relaxedWarned = true;
    console.warn('@stochnet/wasm: relaxed SIMD is not available in this runtime (Node 20 needs --experimental-wasm-relaxed-simd); using plain SIMD');
  }
  return false;
}

/** Pages (64 KiB) of linear memory to start with: room for a 784×500 product's operands and packing. */
const INITIAL_PAGES = 96;

function checkOptions(options: unknown): void {
  if (options === undefined) return;
  if (typeof options !== 'object' || options === null || Array.isArray(options)) {
    throw new ConfigError('createWasmBackend: options must be an object such as { threads: 2 }', { option: 'options', expected: 'object' });
  }
  for (const key of Object.keys(options)) {
    if (key !== 'threads' && key !== 'random' && key !== 'relaxedSimd') {
      throw new ConfigError(`createWasmBackend: unknown option ${key}; the options are threads, random and relaxedSimd`, {
        option: key,
        expected: ['threads', 'random', 'relaxedSimd'],
      });
    }
  }
  checkThreads((options as { threads?: unknown }).threads);
  const relaxed = (options as { relaxedSimd?: unknown }).relaxedSimd;
  if (relaxed !== undefined && relaxed !== true && relaxed !== false && relaxed !== 'auto') {
    throw new ConfigError(`createWasmBackend: relaxedSimd must be true, false or 'auto', got ${String(relaxed)}`, {
      option: 'relaxedSimd',
      expected: [true, false, 'auto'],
      received: String(relaxed),
    });
  }
  const random = (options as { random?: unknown }).random;
  if (random !== undefined && random !== 'counter' && random !== 'stream') {
    throw new ConfigError(`createWasmBackend: random must be 'counter' or 'stream', got ${String(random)}`, { option: 'random', expected: ['counter', 'stream'], received: String(random) });
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
 * `rbmSession` (RbmSessionKernels): a CD-k or PCD-k training session whose
 * parameters, velocities, batch buffers and persistent chains live in a
 * WASM instance of their own, so `train()` runs each whole update in one
 * call; its uniforms follow the `random` option.
 *
 * Threads: with `threads` above 1 the memory is a shared
 * `WebAssembly.Memory` and `threads − 1` helper workers (worker_threads in
 * Node, Web Workers in browsers) instantiate the same module over it. The
 * calling thread splits large calls (GEMM with m·n·k ≥ 2^20, the
 * selected-row products from rows·k·n ≥ 2^21, the logistic from 2^17
 * elements) by rows or columns of the output, runs its own share and
 * waits for the helpers (with Atomics.wait, or by polling on a browser's
 * main thread, which may not block); every output entry is computed as on
 * one thread, so results are bit for bit the single-threaded ones. Copies
 * in and out, Bernoulli draws and the other kernels stay on the calling
 * thread. Where SharedArrayBuffer is missing (a browser page that is not
 * cross-origin isolated) or a worker cannot start, the backend runs on one
 * thread and says so once per process with `console.warn`;
 * `backend.threads` tells the count in effect. Helper workers do not keep
 * a Node process alive; `backend.dispose()` ends them.
 *
 * Relaxed SIMD: with `relaxedSimd: true` or `'auto'`, where the runtime
 * supports it, every thread and training session runs a second build of
 * the same sources whose GEMM kernels step with fused multiply-adds
 * (fewer instructions per multiply-add; one rounding per step on FMA
 * hardware), so products differ from the plain build's by float rounding.
 * Thread counts still never change a result.
 *
 * @param options - `threads`: a positive integer up to 64, or 'auto' for
 *   min(2, hardware threads); default 1 (no workers, no SharedArrayBuffer
 *   needed); `random`: 'counter' (default) or 'stream'; `relaxedSimd`:
 *   false (default), true or 'auto'
 * @returns a promise of the backend (the Backend kernels, the BinaryStateKernels, rbmSession, `threads`, `relaxedSimd` and `dispose`)
 * @throws ConfigError for an unknown option, an invalid thread count, an unknown random mode or an invalid relaxedSimd
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
 * const threaded = await createWasmBackend({ threads: 2 });
 * console.log(threaded.threads); // 2 (1, with a warning, where SharedArrayBuffer or workers are missing)
 * threaded.dispose();
 * ```
 */
export async function createWasmBackend(options?: WasmBackendOptions): Promise<WasmBackend> {
  checkOptions(options);
  const relaxed = useRelaxed(options?.relaxedSimd ?? false);
  const requested = await requestedThreads(options?.threads);
  const threaded = requested > 1 ? await startThreads(requested, INITIAL_PAGES, relaxed) : null;
  const memory = threaded?.memory ?? new WebAssembly.Memory({ initial: INITIAL_PAGES });
  const ex = threaded?.ex ?? (await instantiateKernels(memory, relaxed));
  const ctx: Context = { heap: new Heap(memory, ex.heapBase()), ex, pool: threaded?.pool };
  const mod = await kernelModule(false, relaxed);
  const random = options?.random ?? 'counter';
  const pool = [await sessionInstance(mod)];
  return Object.freeze({
    name: 'wasm',
    get threads() {
      return ctx.pool?.size ?? 1;
    },
    relaxedSimd: relaxed,
    dispose: () => {
      ctx.pool?.dispose();
      ctx.pool = undefined;
    },
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
