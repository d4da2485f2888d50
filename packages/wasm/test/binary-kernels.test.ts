/**
 * The kernels for a 0/1 left factor equal the dense product (the wasm and
 * the js gemm) up to float rounding, in both precisions, at several
 * densities including all zeros and all ones, and check their arguments
 * like every kernel.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { ShapeError, ValidationError, createRng } from '@stochnet/graph';
import { hasBinaryStateKernels, jsBackend } from '@stochnet/model';
import type { FloatArray } from '@stochnet/model';
import { createWasmBackend } from '@stochnet/wasm';
import type { WasmBackend } from '@stochnet/wasm';

let wasm!: WasmBackend;
beforeAll(async () => {
  wasm = await createWasmBackend();
});

function make(f64: boolean, n: number, fill: (i: number) => number): FloatArray {
  const a = f64 ? new Float64Array(n) : new Float32Array(n);
  for (let i = 0; i < n; i++) a[i] = fill(i);
  return a;
}

function maxDiff(a: ArrayLike<number>, b: ArrayLike<number>, n: number): number {
  let d = 0;
  for (let i = 0; i < n; i++) d = Math.max(d, Math.abs(a[i]! - b[i]!));
  return d;
}

const SHAPES = [[1, 1, 1], [7, 13, 5], [20, 37, 23], [100, 64, 100], [33, 130, 77]] as const;

describe('BinaryStateKernels on the wasm backend', () => {
  it('are detected', () => {
    expect(hasBinaryStateKernels(wasm)).toBe(true);
  });

  for (const f64 of [false, true]) {
    for (const density of [0, 0.1, 0.5, 1]) {
      it(`${f64 ? 'float64' : 'float32'}, density ${density}: X·B and Xᵀ·Y equal the dense gemm`, () => {
        const tol = f64 ? 1e-12 : 1e-5;
        for (const [rows, k, n] of SHAPES) {
          const r = createRng(`binary/${f64}/${density}/${rows}`);
          const x = make(f64, rows * k, () => (r.nextDouble() < density ? 1 : 0));
          const b = make(f64, k * n, () => r.nextDouble() * 2 - 1);
          const y = make(f64, rows * n, () => r.nextDouble());
          const guard = 3;
          const c = make(f64, rows * n + guard, () => 7), ref = make(f64, rows * n, () => 0);
          wasm.selectRowsSum(c, x, b, rows, k, n);
          jsBackend.gemm(ref, x, b, { m: rows, n, k, transA: false, transB: false, alpha: 1, beta: 0 });
          expect(maxDiff(c, ref, rows * n)).toBeLessThan(tol * Math.sqrt(k));
          expect(Array.from(c.subarray(rows * n))).toEqual([7, 7, 7]);
          const g = make(f64, k * n + guard, () => Number.NaN), gref = make(f64, k * n, () => 0);
          wasm.selectedRowsOuter(g, x, y, rows, k, n);
          jsBackend.gemm(gref, x, y, { m: k, n, k: rows, transA: true, transB: false, alpha: 1, beta: 0 });
          expect(maxDiff(g, gref, k * n)).toBeLessThan(tol * Math.sqrt(rows));
          expect(g.subarray(k * n).every((v) => Number.isNaN(v))).toBe(true);
          const wg = make(f64, k * n, () => 0);
          wasm.gemm(wg, x, y, { m: k, n, k: rows, transA: true, transB: false, alpha: 1, beta: 0 });
          expect(maxDiff(g, wg, k * n)).toBeLessThan(tol * Math.sqrt(rows));
        }
      });
    }
  }

  it('a wrong selection is caught by the same comparison (negative control)', () => {
    const x = Float32Array.of(1, 0, 1, 0), b = Float32Array.of(1, 2, 3, 4, 5, 6, 7, 8);
    const c = new Float32Array(2), ref = new Float32Array(2);
    wasm.selectRowsSum(c, x, b, 1, 4, 2);
    x[1] = 1;
    jsBackend.gemm(ref, x, b, { m: 1, n: 2, k: 4, transA: false, transB: false, alpha: 1, beta: 0 });
    expect(maxDiff(c, ref, 2)).toBeGreaterThan(1);
  });

  it('reject short buffers, bad dimensions and aliasing, writing nothing', () => {
    const x = new Float32Array(6), b = new Float32Array(6), c = new Float32Array(4).fill(2);
    expect(() => wasm.selectRowsSum(c.subarray(0, 3), x, b, 2, 3, 2)).toThrow(ShapeError);
    expect(() => wasm.selectRowsSum(c, x.subarray(0, 5), b, 2, 3, 2)).toThrow(ShapeError);
    expect(() => wasm.selectedRowsOuter(c, x, b, -1, 3, 2)).toThrow(ShapeError);
    expect(() => wasm.selectedRowsOuter(new Float32Array(6), x, b, 2, 3, 3)).toThrow(ShapeError);
    const shared = new Float32Array(12);
    expect(() => wasm.selectRowsSum(shared.subarray(0, 4), shared.subarray(2, 8), b, 2, 3, 2)).toThrow(ValidationError);
    expect(Array.from(c)).toEqual([2, 2, 2, 2]);
  });
});
