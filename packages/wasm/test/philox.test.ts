/**
 * The counter-based generator of the resident RBM sessions: Philox4x32-10
 * reproduces the Random123 known-answer vectors (kat_vectors, the three
 * "philox4x32 10" lines), and the counter-mode uniforms lie in [0, 1) and
 * pass a mean test and a 10-bin chi-square test.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { instantiateKernels } from '../src/module.js';

interface TestExports {
  heapBase(): number;
  philox4x32(out: number, c0: number, c1: number, c2: number, c3: number, k0: number, k1: number): void;
  counterUniforms(out: number, n: number, f64: number, stage: number, k0: number, k1: number): void;
  counterSample(out: number, p: number, n: number, f64: number, stage: number, k0: number, k1: number): number;
}

let ex!: TestExports;
let memory!: WebAssembly.Memory;
beforeAll(async () => {
  memory = new WebAssembly.Memory({ initial: 64 });
  ex = (await instantiateKernels(memory)) as unknown as TestExports;
});

function philox(ctr: readonly number[], key: readonly number[]): number[] {
  const out = (ex.heapBase() + 15) & ~15;
  ex.philox4x32(out, ctr[0]! | 0, ctr[1]! | 0, ctr[2]! | 0, ctr[3]! | 0, key[0]! | 0, key[1]! | 0);
  return Array.from(new Uint32Array(memory.buffer, out, 4));
}

function uniforms(n: number, f64: boolean, stage: number, k0: number, k1: number): Float64Array {
  const out = (ex.heapBase() + 15) & ~15;
  ex.counterUniforms(out, n, f64 ? 1 : 0, stage, k0 | 0, k1 | 0);
  return new Float64Array(memory.buffer, out, n).slice();
}

describe('Philox4x32-10', () => {
  it('matches the Random123 known-answer vectors', () => {
    expect(philox([0, 0, 0, 0], [0, 0])).toEqual([0x6627e8d5, 0xe169c58d, 0xbc57ac4c, 0x9b00dbd8]);
    expect(philox([0xffffffff, 0xffffffff, 0xffffffff, 0xffffffff], [0xffffffff, 0xffffffff])).toEqual([0x408f276d, 0x41c83b0e, 0xa20bc7c6, 0x6d5451fd]);
    expect(philox([0x243f6a88, 0x85a308d3, 0x13198a2e, 0x03707344], [0xa4093822, 0x299f31d0])).toEqual([0xd16cfe09, 0x94fdcceb, 0x5001e420, 0x24126ea1]);
  });

  it('a changed key changes the output (negative control)', () => {
    expect(philox([0, 0, 0, 0], [1, 0])).not.toEqual([0x6627e8d5, 0xe169c58d, 0xbc57ac4c, 0x9b00dbd8]);
  });
});

describe('counter-mode uniforms', () => {
  // n = 200,000 draws. Mean: |mean − 1/2| < 5·sqrt(1/(12n)) fails by chance with probability 5.7e-7.
  // Chi-square on 10 equal bins (9 degrees of freedom): the 1e-6 upper quantile is 44.81.
  const n = 200_000;
  for (const f64 of [false, true]) {
    it(`lie in [0, 1) and pass the mean and chi-square tests (${f64 ? 'f64' : 'f32'})`, () => {
      const u = uniforms(n, f64, 3, 0x12345678, 0x9abcdef0);
      const bins = new Array<number>(10).fill(0);
      let sum = 0;
      let outside = 0;
      for (const x of u) {
        if (!(x >= 0 && x < 1)) outside++;
        sum += x;
        bins[Math.floor(x * 10)]!++;
      }
      expect(outside).toBe(0);
      expect(Math.abs(sum / n - 0.5)).toBeLessThan(5 * Math.sqrt(1 / (12 * n)));
      const e = n / 10;
      const chi2 = bins.reduce((s, b) => s + ((b - e) * (b - e)) / e, 0);
      expect(chi2).toBeLessThan(44.81);
    });
  }

  it('a biased sequence fails the same chi-square test (negative control)', () => {
    const u = uniforms(n, false, 3, 0x12345678, 0x9abcdef0).map((x) => x * 0.97);
    const bins = new Array<number>(10).fill(0);
    for (const x of u) bins[Math.floor(x * 10)]!++;
    const chi2 = bins.reduce((s, b) => s + ((b - n / 10) ** 2) / (n / 10), 0);
    expect(chi2).toBeGreaterThan(44.81);
  });

  it('depend only on key, stage and element index', () => {
    const a = uniforms(1000, false, 0, 7, 9);
    const b = uniforms(1000, false, 0, 7, 9);
    expect(Array.from(a)).toEqual(Array.from(b));
    expect(Array.from(uniforms(10, false, 0, 7, 9))).toEqual(Array.from(a.subarray(0, 10)));
    expect(Array.from(uniforms(1000, false, 1, 7, 9))).not.toEqual(Array.from(a));
    expect(Array.from(uniforms(1000, false, 0, 8, 9))).not.toEqual(Array.from(a));
  });
});

describe('counter-mode Bernoulli draws', () => {
  for (const f64 of [false, true]) {
    it(`equal [u_e < p_e] with u_e the counter uniforms, SIMD blocks and tails alike (${f64 ? 'f64' : 'f32'})`, () => {
      const n = 1007;
      const bytes = f64 ? 8 : 4;
      const base = (ex.heapBase() + 15) & ~15;
      const pPtr = base + 8 * n + 64, outPtr = pPtr + bytes * n + 64;
      const p = f64 ? new Float64Array(memory.buffer, pPtr, n) : new Float32Array(memory.buffer, pPtr, n);
      for (let i = 0; i < n; i++) p[i] = ((i * 7919) % 1000) / 1000;
      const ones = ex.counterSample(outPtr, pPtr, n, f64 ? 1 : 0, 2, 0x2468ace0 | 0, 0x13579bdf | 0);
      const out = f64 ? new Float64Array(memory.buffer, outPtr, n) : new Float32Array(memory.buffer, outPtr, n);
      const got = Array.from(out);
      const u = uniforms(n, f64, 2, 0x2468ace0, 0x13579bdf);
      const want = Array.from(u, (x, i) => (x < p[i]! ? 1 : 0));
      expect(got).toEqual(want);
      expect(ones).toBe(want.reduce((a: number, b) => a + b, 0));
      // Negative control: another stage draws differently.
      ex.counterSample(outPtr, pPtr, n, f64 ? 1 : 0, 3, 0x2468ace0 | 0, 0x13579bdf | 0);
      expect(Array.from(f64 ? new Float64Array(memory.buffer, outPtr, n) : new Float32Array(memory.buffer, outPtr, n))).not.toEqual(want);
    });
  }
});
