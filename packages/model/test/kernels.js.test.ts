/**
 * js-backend specifics the cross-backend conformance suite does not promise:
 * steady-state GEMM calls reuse the packing scratch, the backend object is
 * frozen, and outputs that overlap inputs are refused.
 */
import { describe, expect, it } from 'vitest';
import { ValidationError } from '@stochnet/graph';
import { jsBackend } from '@stochnet/model';
import { gemmScratch } from '../src/kernels/js/gemm.js';

describe('js backend', () => {
  it('reuses the GEMM packing scratch once it has grown (no allocation in steady state)', () => {
    const m = 150, n = 600, k = 300;
    const a = new Float32Array(m * k).fill(0.5), b = new Float32Array(k * n).fill(0.25), c = new Float32Array(m * n);
    const shape = { m, n, k, transA: false, transB: true, alpha: 1, beta: 0 };
    jsBackend.gemm(c, a, b, shape);
    const first = gemmScratch();
    expect(first.a.length).toBeGreaterThan(0);
    expect(first.b.length).toBeGreaterThan(0);
    for (let i = 0; i < 3; i++) {
      jsBackend.gemm(c, a, b, shape);
      jsBackend.gemm(new Float64Array(4 * 5), new Float64Array(4 * 6), new Float64Array(6 * 5), { ...shape, m: 4, n: 5, k: 6, transB: false });
    }
    const later = gemmScratch();
    expect(later.a).toBe(first.a);
    expect(later.b).toBe(first.b);
    expect(c[0]).toBe(300 * 0.5 * 0.25);
  });

  it('is a frozen object named js', () => {
    expect(jsBackend.name).toBe('js');
    expect(Object.isFrozen(jsBackend)).toBe(true);
  });

  it('refuses a GEMM output that overlaps an input, before writing', () => {
    const buf = new Float64Array(8).fill(1);
    const before = buf.slice();
    const shape = { m: 2, n: 2, k: 2, transA: false, transB: false, alpha: 1, beta: 0 };
    let caught: unknown;
    try {
      jsBackend.gemm(buf.subarray(0, 4), buf.subarray(2, 6), new Float64Array(4), shape);
    } catch (e) {
      caught = e;
    }
    expect(caught).toBeInstanceOf(ValidationError);
    expect((caught as ValidationError).code).toBe('ALIASING');
    expect(buf).toEqual(before);
    // Disjoint views of one buffer are fine.
    jsBackend.gemm(buf.subarray(0, 4), buf.subarray(4, 8), Float64Array.of(1, 0, 0, 1), shape);
    expect(Array.from(buf.subarray(0, 4))).toEqual([1, 1, 1, 1]);
  });

  it('refuses a ger output that overlaps x', () => {
    const g = new Float32Array(6);
    expect(() => jsBackend.ger(g, g.subarray(0, 2), new Float32Array(3), 2, 3, 1)).toThrow(ValidationError);
  });
});
