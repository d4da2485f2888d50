/**
 * Where SharedArrayBuffer is missing (a browser page without cross-origin
 * isolation) or a worker cannot start, a backend asked for two threads
 * runs on one, says so once per process with console.warn, and computes
 * the same results. The global is deleted for the test and restored after.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createWasmBackend } from '@stochnet/wasm';
import { Pool } from '../src/pool.js';

const saved = globalThis.SharedArrayBuffer;

afterEach(() => {
  globalThis.SharedArrayBuffer = saved;
  vi.restoreAllMocks();
});

describe('threads fallback', () => {
  it('without SharedArrayBuffer: one thread, one warning for the process, correct results', async () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    delete (globalThis as { SharedArrayBuffer?: unknown }).SharedArrayBuffer;
    expect(typeof SharedArrayBuffer).toBe('undefined');
    const [a, b] = [await createWasmBackend({ threads: 2 }), await createWasmBackend({ threads: 'auto' })];
    expect([a.threads, b.threads]).toEqual([1, 1]);
    expect(warn).toHaveBeenCalledTimes(1);
    const c = new Float32Array(4);
    a.gemm(c, Float32Array.of(1, 2, 3, 4), Float32Array.of(5, 6, 7, 8), { m: 2, n: 2, k: 2, transA: false, transB: false, alpha: 1, beta: 0 });
    expect(Array.from(c)).toEqual([19, 22, 43, 50]);
    a.dispose();
  });

  it('when the workers cannot start: one thread, no second warning', async () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    vi.spyOn(Pool, 'start').mockRejectedValue(new Error('worker did not start'));
    const b = await createWasmBackend({ threads: 3 });
    expect(b.threads).toBe(1);
    expect(warn).not.toHaveBeenCalled();
    const c = new Float32Array(1);
    b.gemm(c, Float32Array.of(2), Float32Array.of(3), { m: 1, n: 1, k: 1, transA: false, transB: false, alpha: 1, beta: 0 });
    expect(c[0]).toBe(6);
  });

  it('with SharedArrayBuffer restored, two threads start again (the deletion was the cause)', async () => {
    const b = await createWasmBackend({ threads: 2 });
    expect(b.threads).toBe(2);
    b.dispose();
  });
});
