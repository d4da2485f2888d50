/**
 * The threaded backend: two threads give the single-threaded results bit
 * for bit (every split is by output), at the default size thresholds and
 * with the thresholds at 0 so that small and odd shapes are split too;
 * `threads` and 'auto' report the thread count; dispose ends the workers
 * and leaves a working single-threaded backend; a Node process using a
 * threaded backend exits on its own.
 */
import { spawnSync } from 'node:child_process';
import { availableParallelism } from 'node:os';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { createRng } from '@stochnet/graph';
import type { FloatArray, GemmShape } from '@stochnet/model';
import { createWasmBackend } from '@stochnet/wasm';
import type { WasmBackend } from '@stochnet/wasm';
import { PARALLEL_MIN, ranges } from '../src/parallel.js';
import { Pool } from '../src/pool.js';

let one!: WasmBackend, two!: WasmBackend;
beforeAll(async () => {
  [one, two] = [await createWasmBackend({ threads: 1 }), await createWasmBackend({ threads: 2 })];
});
afterAll(() => two.dispose());

function random(seed: string, n: number, f64: boolean, binary = false): FloatArray {
  const r = createRng(seed);
  const out = f64 ? new Float64Array(n) : new Float32Array(n);
  for (let i = 0; i < n; i++) out[i] = binary ? (r.nextDouble() < 0.3 ? 1 : 0) : r.nextDouble() * 2 - 1;
  return out;
}

/** Whether two arrays hold the same bits (NaN included). */
function identical(a: ArrayLike<number>, b: ArrayLike<number>): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (!Object.is(a[i], b[i])) return false;
  return true;
}

/** Runs the same calls on both backends and compares every output bit for bit. */
function sameOnBoth(label: string, f64: boolean, [m, n, k]: readonly [number, number, number]): void {
  for (const [transA, transB] of [[false, false], [true, false], [false, true], [true, true]] as const) {
    for (const [alpha, beta] of [[1, 0], [-0.5, 1], [2, -1.5]] as const) {
      const shape: GemmShape = { m, n, k, transA, transB, alpha, beta };
      const a = random(`${label}/a`, m * k, f64), b = random(`${label}/b`, k * n, f64);
      const c1 = random(`${label}/c`, m * n, f64), c2 = c1.slice();
      one.gemm(c1, a, b, shape);
      two.gemm(c2, a, b, shape);
      expect(identical(c1, c2), `gemm ${m}×${n}×${k} ${transA} ${transB} ${alpha} ${beta}`).toBe(true);
    }
  }
  const x = random(`${label}/x`, m * k, f64, true), b = random(`${label}/b`, k * n, f64), y = random(`${label}/y`, m * n, f64);
  const [s1, s2] = [new (f64 ? Float64Array : Float32Array)(m * n), new (f64 ? Float64Array : Float32Array)(m * n)];
  one.selectRowsSum(s1, x, b, m, k, n);
  two.selectRowsSum(s2, x, b, m, k, n);
  expect(identical(s1, s2), 'selectRowsSum').toBe(true);
  const [g1, g2] = [new (f64 ? Float64Array : Float32Array)(k * n), new (f64 ? Float64Array : Float32Array)(k * n)];
  one.selectedRowsOuter(g1, x, y, m, k, n);
  two.selectedRowsOuter(g2, x, y, m, k, n);
  expect(identical(g1, g2), 'selectedRowsOuter').toBe(true);
  const z = random(`${label}/z`, m * n, f64).map((v) => v * 30), bias = random(`${label}/bias`, n, f64);
  const [p1, p2] = [z.slice(), z.slice()];
  one.biasSigmoid(p1, z, bias, m, n);
  two.biasSigmoid(p2, z, bias, m, n);
  expect(identical(p1, p2), 'biasSigmoid').toBe(true);
  const u = random(`${label}/u`, m * n, !f64).map(Math.abs);
  const [o1, o2] = [new Uint8Array(m * n), new Uint8Array(m * n)];
  one.bernoulli(o1, p1, u, m * n);
  two.bernoulli(o2, p1, u, m * n);
  expect(identical(o1, o2), 'bernoulli').toBe(true);
}

describe('createWasmBackend({ threads: 2 })', () => {
  it('runs on two threads here (Node has SharedArrayBuffer and worker_threads)', () => {
    expect([one.threads, two.threads]).toEqual([1, 2]);
  });

  it("'auto' takes min(2, hardware threads)", async () => {
    const auto = await createWasmBackend({ threads: 'auto' });
    expect(auto.threads).toBe(Math.min(2, availableParallelism()));
    auto.dispose();
  });

  for (const f64 of [false, true]) {
    it(`${f64 ? 'float64' : 'float32'}: large calls (split at the default thresholds) equal one thread bit for bit`, () => {
      const run = vi.spyOn(Pool.prototype, 'run');
      for (const shape of [[100, 500, 784], [300, 70, 90], [129, 515, 259]] as const) sameOnBoth(`large/${f64}/${shape.join('x')}`, f64, shape);
      // Every gemm (3 shapes × 12 cases) and the selected-row products of two shapes went through the helpers.
      expect(run.mock.calls.length).toBeGreaterThanOrEqual(3 * 12 + 2 * 2);
      run.mockRestore();
    });

    it(`${f64 ? 'float64' : 'float32'}: every split of small and odd shapes equals one thread bit for bit`, () => {
      const saved = { ...PARALLEL_MIN };
      Object.assign(PARALLEL_MIN, { gemm: 0, select: 0, sigmoid: 0 });
      try {
        for (const shape of [[3, 5, 4], [5, 3, 7], [9, 9, 9], [17, 40, 33], [40, 17, 33], [8, 70, 300], [130, 12, 20]] as const) {
          sameOnBoth(`small/${f64}/${shape.join('x')}`, f64, shape);
        }
      } finally {
        Object.assign(PARALLEL_MIN, saved);
      }
    });
  }

  it('the comparison detects a one-ulp difference (negative control)', () => {
    const a = random('ulp', 100, false) as Float32Array, b = a.slice();
    const bits = new Uint32Array(b.buffer);
    bits[37] = bits[37]! + 1;
    expect(identical(a, b)).toBe(false);
  });

  it('splits ranges into non-empty parts with boundaries on the unit', () => {
    expect(ranges(500, 2, 8)).toEqual([[0, 248], [248, 500]]);
    expect(ranges(5, 2, 8)).toEqual([[0, 5]]);
    expect(ranges(100, 3, 4)).toEqual([[0, 32], [32, 68], [68, 100]]);
  });

  it('dispose ends the workers; the backend then runs on one thread, correctly', async () => {
    const b = await createWasmBackend({ threads: 2 });
    b.dispose();
    b.dispose();
    expect(b.threads).toBe(1);
    const c = new Float32Array(4);
    b.gemm(c, Float32Array.of(1, 2, 3, 4), Float32Array.of(5, 6, 7, 8), { m: 2, n: 2, k: 2, transA: false, transB: false, alpha: 1, beta: 0 });
    expect(Array.from(c)).toEqual([19, 22, 43, 50]);
  });

  it('a Node process that used a threaded backend (and never disposed it) exits on its own', () => {
    const script = fileURLToPath(new URL('./fixtures/threads-exit.ts', import.meta.url));
    const run = spawnSync(process.execPath, ['--import', 'tsx', script], { encoding: 'utf8', timeout: 30_000 });
    expect(run.error).toBeUndefined();
    expect(run.status).toBe(0);
    expect(run.stdout.trim()).toBe('2 threads, c[0] = 19');
  });
});
