/**
 * The relaxed-SIMD build: the GEMM kernels step with fused multiply-adds.
 * Node 20 runs it only with `--experimental-wasm-relaxed-simd`, so the
 * build itself is checked in a child process started with that flag:
 * the backend reports it, a probe whose exact answer a multiply-then-add
 * rounds away sees the fused result (and the plain build, the negative
 * control, does not), products agree with float64 to the conformance
 * tolerance on one and two threads, bit-identical across thread counts,
 * and a training session runs on it. In this process: the option's
 * checks, and the fallback (with one warning) where the runtime lacks it.
 */
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { ConfigError } from '@stochnet/graph';
import { createWasmBackend } from '@stochnet/wasm';
import { fmaProbe } from './fixtures/relaxed-cases.js';

interface ChildReport {
  relaxed: boolean[];
  threads: number;
  probe: { f32: number[]; f64: number[]; plainF32: number[] };
  cases: { dtype: string; shape: string; error: number; sameAcrossThreads: boolean }[];
  training: { relaxed: number; plain: number };
  interface: Record<'plain' | 'relaxed', { imports: string[]; exports: string[] }>;
}

afterEach(() => {
  vi.restoreAllMocks();
});

describe('relaxed SIMD (fused multiply-adds)', () => {
  it('runs in a runtime that has it: fused results, conformance tolerance, thread bit-identity, a training session', async () => {
    const script = fileURLToPath(new URL('./fixtures/relaxed-child.ts', import.meta.url));
    // Node 20 needs the flag; a runtime that has relaxed SIMD already runs the child without it.
    const flag = (await createWasmBackend({ relaxedSimd: 'auto' })).relaxedSimd ? [] : ['--experimental-wasm-relaxed-simd'];
    const run = spawnSync(process.execPath, [...flag, '--import', 'tsx', script], { encoding: 'utf8', timeout: 120_000 });
    expect(run.error).toBeUndefined();
    expect(run.status, run.stderr).toBe(0);
    const report = JSON.parse(run.stdout.trim().split('\n').pop()!) as ChildReport;
    expect(report.relaxed).toEqual([true, true, false]);
    // The two builds have the same imports and exports.
    expect(report.interface.relaxed).toEqual(report.interface.plain);
    expect(report.interface.plain.exports).toContain('gemmF32Block');
    expect(report.threads).toBe(2);
    // A multiply then an add loses 2^-24 (f32) or 2^-54 (f64); the fused step keeps it (this machine class has FMA).
    expect(report.probe.f32).toEqual([2 ** -24]);
    expect(report.probe.f64).toEqual([2 ** -54]);
    expect(report.probe.plainF32).toEqual([0]);
    expect(report.cases).toHaveLength(24);
    for (const c of report.cases) {
      const tol = c.dtype === 'float32' ? 1e-5 * Math.sqrt(784) : 1e-13;
      expect(c.error, `${c.dtype} ${c.shape}`).toBeLessThan(tol);
      expect(c.sameAcrossThreads, `${c.dtype} ${c.shape}`).toBe(true);
    }
    expect(Number.isFinite(report.training.relaxed)).toBe(true);
    expect(Math.abs(report.training.relaxed - report.training.plain)).toBeLessThan(1e-3);
  });

  it('the plain build multiplies then adds (the probe sees 0)', async () => {
    const plain = await createWasmBackend();
    expect(plain.relaxedSimd).toBe(false);
    expect(fmaProbe(plain, 'float32')).toEqual([0]);
    expect(fmaProbe(plain, 'float64')).toEqual([0]);
  });

  it("relaxedSimd: true falls back to plain SIMD with one warning where the runtime lacks it; 'auto' is silent", async () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    const available = (await createWasmBackend({ relaxedSimd: 'auto' })).relaxedSimd;
    expect(warn).not.toHaveBeenCalled();
    const a = await createWasmBackend({ relaxedSimd: true });
    const b = await createWasmBackend({ relaxedSimd: true });
    expect(a.relaxedSimd).toBe(available);
    expect(b.relaxedSimd).toBe(available);
    // Exactly one warning per process where the runtime lacks it (no earlier test in this file asks for it), none where it has it.
    expect(warn.mock.calls.length).toBe(available ? 0 : 1);
    for (const call of warn.mock.calls) expect(String(call[0])).toMatch(/relaxed SIMD is not available.*--experimental-wasm-relaxed-simd/);
    const c = new Float32Array(4);
    a.gemm(c, Float32Array.of(1, 2, 3, 4), Float32Array.of(5, 6, 7, 8), { m: 2, n: 2, k: 2, transA: false, transB: false, alpha: 1, beta: 0 });
    expect(Array.from(c)).toEqual([19, 22, 43, 50]);
  });

  it('rejects a relaxedSimd that is not true, false or auto', async () => {
    for (const bad of ['yes', 1, null]) {
      await expect(createWasmBackend({ relaxedSimd: bad as never })).rejects.toThrow(ConfigError);
      await expect(createWasmBackend({ relaxedSimd: bad as never })).rejects.toThrow(/relaxedSimd must be true, false or 'auto'/);
    }
  });
});
