/**
 * The f32 logistic's SIMD path against the exact σ (float64, correctly
 * rounded exp from V8): the documented bound is 2.5e-7 relative (about
 * 2 ulp of float32) over |z| ≤ 80, the range the kernel sends to SIMD.
 */
import { describe, expect, it } from 'vitest';
import { Heap } from '../src/heap.js';
import { instantiateKernels } from '../src/module.js';

const BOUND = 2.5e-7;

function exactSigmoid(z: number): number {
  return z >= 0 ? 1 / (1 + Math.exp(-z)) : Math.exp(z) / (1 + Math.exp(z));
}

async function worstRelativeError(lo: number, hi: number, n: number, perturb = 1): Promise<number> {
  const memory = new WebAssembly.Memory({ initial: 32 });
  const ex = await instantiateKernels(memory);
  const heap = new Heap(memory, ex.heapBase());
  heap.reset();
  const px = heap.alloc(n * 4), po = heap.alloc(n * 4);
  for (let i = 0; i < n; i++) heap.f32[(px >> 2) + i] = lo + ((hi - lo) * i) / n;
  ex.sigmoidSimdF32(po, px, n);
  let worst = 0;
  for (let i = 0; i < n; i++) {
    const z = heap.f32[(px >> 2) + i]!;
    const r = exactSigmoid(z) * perturb;
    worst = Math.max(worst, Math.abs(heap.f32[(po >> 2) + i]! - r) / r);
  }
  return worst;
}

describe('f32 SIMD logistic accuracy', () => {
  it.each([
    [-80, 80],
    [-1, 1],
    [-20, 20],
    [-80, -60],
  ])(`is within ${BOUND} relative of the exact σ on [%d, %d]`, async (lo, hi) => {
    expect(await worstRelativeError(lo, hi, 1 << 18)).toBeLessThan(BOUND);
  });

  it('the check detects an error of 1e-6 relative (negative control)', async () => {
    expect(await worstRelativeError(-20, 20, 1 << 12, 1 + 1e-6)).toBeGreaterThan(BOUND);
  });
});
