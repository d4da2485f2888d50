/**
 * Setting up a backend's threads: the thread-count option, the environment
 * checks (SharedArrayBuffer, cross-origin isolation in browsers, workers),
 * the shared memory and the helper pool, and the single-thread fallback
 * with its one warning.
 *
 * @module
 */
import { ConfigError } from '@stochnet/graph';
import type { KernelExports } from './module.js';
import { instantiateKernels, kernelModule } from './module.js';
import { Pool, isNode } from './pool.js';

/** The most threads a backend accepts. */
export const MAX_THREADS = 64;
/** The shared memory's maximum in pages: the module's declared maximum (`--maximumMemory`), all of wasm32. */
const MAX_PAGES = 65536;

/** A backend's threads once started. @internal */
export interface Threaded {
  readonly memory: WebAssembly.Memory;
  readonly ex: KernelExports;
  readonly pool: Pool;
}

/**
 * Throws a ConfigError unless `threads` is undefined, a positive integer
 * up to {@link MAX_THREADS} or 'auto'.
 *
 * @internal
 */
export function checkThreads(threads: unknown): void {
  if (threads === undefined || threads === 'auto') return;
  if (typeof threads === 'number' && Number.isInteger(threads) && threads >= 1 && threads <= MAX_THREADS) return;
  throw new ConfigError(`createWasmBackend: threads must be an integer from 1 to ${MAX_THREADS} or 'auto', got ${String(threads)}`, {
    option: 'threads',
    expected: `integer in [1, ${MAX_THREADS}] or 'auto'`,
    received: typeof threads === 'number' ? threads : typeof threads,
  });
}

/** The hardware threads of this machine (navigator.hardwareConcurrency, or Node's availableParallelism). */
async function hardwareThreads(): Promise<number> {
  const nav = (globalThis as { navigator?: { hardwareConcurrency?: number } }).navigator;
  if (typeof nav?.hardwareConcurrency === 'number') return nav.hardwareConcurrency;
  if (isNode()) {
    const os = 'node:os';
    const { availableParallelism, cpus } = (await import(/* @vite-ignore */ os)) as { availableParallelism?: () => number; cpus: () => unknown[] };
    return availableParallelism?.() ?? cpus().length;
  }
  return 1;
}

/**
 * The thread count an option asks for: 1 by default, min(2, hardware threads) for 'auto'.
 *
 * @internal
 */
export async function requestedThreads(threads: number | 'auto' | undefined): Promise<number> {
  if (threads === undefined) return 1;
  if (threads === 'auto') return Math.max(1, Math.min(2, await hardwareThreads()));
  return threads;
}

/** Why threads cannot run here, or null. */
function unavailable(): string | null {
  if (typeof SharedArrayBuffer !== 'function') {
    return 'SharedArrayBuffer is not available (a browser page needs cross-origin isolation: COOP/COEP headers)';
  }
  if ((globalThis as { crossOriginIsolated?: boolean }).crossOriginIsolated === false) return 'the page is not cross-origin isolated';
  if (!isNode() && typeof Worker !== 'function') return 'Web Workers are not available';
  return null;
}

let warned = false;

function fallback(threads: number, reason: string): null {
  if (!warned) {
    warned = true;
    console.warn(`@stochnet/wasm: running on 1 thread instead of ${threads}: ${reason}`);
  }
  return null;
}

/**
 * Starts `threads − 1` helper workers over a new shared memory of
 * `initialPages`, all running the plain or the relaxed build, or returns
 * null (after one console warning per process) when this environment
 * cannot run them.
 *
 * @internal
 */
export async function startThreads(threads: number, initialPages: number, relaxed = false): Promise<Threaded | null> {
  const reason = unavailable();
  if (reason !== null) return fallback(threads, reason);
  try {
    const memory = new WebAssembly.Memory({ initial: initialPages, maximum: MAX_PAGES, shared: true });
    const module = await kernelModule(true, relaxed);
    const ex = await instantiateKernels(memory, relaxed);
    const call = ex as unknown as Record<string, (...args: number[]) => void>;
    const pool = await Pool.start(threads, module, memory, (job) => call[job.fn]!(...job.args));
    return { memory, ex, pool };
  } catch (error) {
    return fallback(threads, error instanceof Error ? error.message : String(error));
  }
}
