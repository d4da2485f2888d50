/**
 * Synthetic sets with exact distributions: bars-and-stripes and the
 * prototype mixture.
 */
import { describe, expect, it } from 'vitest';
import { BinaryDataError, ConfigError, createRng, SeedError, ShapeError, TooLargeError } from '@stochnet/graph';
import { barsAndStripes, prototypeMixture } from '@stochnet/data';

function bitsOf(s: number, d: number): number[] {
  return Array.from({ length: d }, (_, i) => Math.floor(s / 2 ** i) % 2);
}

/** Bars (every column constant) or stripes (every row constant), by definition. */
function isBs(x: number[], n: number): boolean {
  let rows = true;
  let cols = true;
  for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) {
    if (x[i * n + j] !== x[i * n]) rows = false;
    if (x[i * n + j] !== x[j]) cols = false;
  }
  return rows || cols;
}

describe('barsAndStripes', () => {
  for (const n of [1, 2, 3, 4]) {
    it(`n = ${n}: exactly the 2^(n+1) − 2 bars-and-stripes patterns, uniform`, () => {
      const bs = barsAndStripes(n);
      const d = n * n;
      expect([bs.count, bs.cols, bs.side, bs.shape]).toEqual([2 ** (n + 1) - 2, d, n, [n, n]]);
      const listed = new Set<string>();
      for (let k = 0; k < bs.count; k++) listed.add(Array.from(bs.patterns.subarray(k * d, (k + 1) * d)).join(''));
      expect(listed.size).toBe(bs.count);
      // Enumerate all 2^(n²) images: the listed set is exactly the bars-and-stripes set.
      let total = 0;
      let wrong = 0;
      for (let s = 0; s < 2 ** d; s++) {
        const x = bitsOf(s, d);
        const lp = bs.logProb(x);
        if (listed.has(x.join('')) !== isBs(x, n) || lp !== (isBs(x, n) ? -Math.log(bs.count) : -Infinity)) wrong++;
        total += Math.exp(lp);
      }
      expect(wrong).toBe(0);
      expect(total).toBeCloseTo(1, 12);
      expect(bs.probabilities.every((p) => p === 1 / bs.count)).toBe(true);
      expect(bs.entropy).toBeCloseTo(Math.log(bs.count), 14);
    });
  }

  it('lists bars first, then stripes, in the documented order', () => {
    const bs = barsAndStripes(2);
    const rows = Array.from({ length: bs.count }, (_, k) => Array.from(bs.patterns.subarray(4 * k, 4 * k + 4)).join(''));
    expect(rows).toEqual(['0000', '1010', '0101', '1111', '1100', '0011']);
  });

  it('samples seeded, from the support, near uniformly (chi-square, false-failure rate 1e-6)', () => {
    const bs = barsAndStripes(3);
    const data = bs.sample(14_000, 1);
    expect(Array.from(data.images)).toEqual(Array.from(bs.sample(14_000, '1').images));
    const chi2 = (images: Uint8Array): number => {
      const counts = new Map<string, number>();
      for (let r = 0; r < images.length / 9; r++) {
        const key = Array.from(images.subarray(9 * r, 9 * r + 9)).join('');
        counts.set(key, (counts.get(key) ?? 0) + 1);
      }
      expect(counts.size).toBe(14);
      let sum = 0;
      for (const c of counts.values()) sum += (c - 1000) ** 2 / 1000;
      return sum;
    };
    // 13 degrees of freedom: P(χ² > 52.75) = 1e-6 (scipy.stats.chi2.isf(1e-6, 13)), the suite's per-assertion α.
    const CRITICAL = 52.75;
    expect(chi2(data.images)).toBeLessThan(CRITICAL);
    // Negative control: MacKay's process (orientation, then each line on with
    // probability 1/2) puts twice the mass on all-off and all-on; χ² ≈ 1300.
    const rng = createRng(1);
    const mackay = new Uint8Array(14_000 * 9);
    for (let r = 0; r < 14_000; r++) {
      const vertical = rng.next() < 0.5;
      const on = [0, 1, 2].map(() => (rng.next() < 0.5 ? 1 : 0));
      for (let i = 0; i < 3; i++) for (let j = 0; j < 3; j++) mackay[9 * r + 3 * i + j] = vertical ? on[j]! : on[i]!;
    }
    expect(chi2(mackay)).toBeGreaterThan(CRITICAL);
    expect(bs.meanLogProb(data)).toBeCloseTo(-Math.log(14), 10);
  });

  it('rejects bad n and bad patterns', () => {
    expect(() => barsAndStripes(0)).toThrow(ConfigError);
    expect(() => barsAndStripes(2.5)).toThrow(ConfigError);
    expect(() => barsAndStripes(17)).toThrow(TooLargeError);
    const bs = barsAndStripes(2);
    expect(() => bs.logProb([1, 0, 1])).toThrow(ShapeError);
    expect(() => bs.logProb([1, 0, 1, 2])).toThrow(BinaryDataError);
    expect(() => bs.sample(-1, 1)).toThrow(ConfigError);
    expect(() => bs.sample(3, undefined as never)).toThrow(SeedError);
    const data = { images: Uint8Array.from([1, 0, 1, 0, 0, 0, 0, 2]), labels: null, rows: 2, cols: 4, shape: [2, 2] as const };
    let err: unknown;
    try {
      bs.meanLogProb(data);
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(BinaryDataError);
    expect((err as BinaryDataError).details).toMatchObject({ row: 1, column: 3 });
  });
});

describe('prototypeMixture', () => {
  const protos = [1, 1, 0, 0, 1, 0, 1, 0, 0, 0, 1, 1, 1, 0];
  const mix = prototypeMixture({ shape: [1, 7], prototypes: protos, flip: 0.15, weights: [1, 3] });

  it('has the exact probabilities of its formula, summing to 1', () => {
    let total = 0;
    for (let s = 0; s < 128; s++) {
      const x = bitsOf(s, 7);
      let p = 0;
      for (let k = 0; k < 2; k++) {
        const h = x.filter((v, i) => v !== protos[7 * k + i]).length;
        p += [0.25, 0.75][k]! * 0.15 ** h * 0.85 ** (7 - h);
      }
      expect(mix.logProb(x)).toBeCloseTo(Math.log(p), 12);
      total += p;
    }
    expect(total).toBeCloseTo(1, 12);
    const t = mix.table();
    expect(t.count).toBe(128);
    expect(t.probabilities.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 12);
    expect(t.entropy).toBeGreaterThan(0);
    expect(Math.log(t.probabilities[5]!)).toBeCloseTo(mix.logProb(Array.from(t.patterns.subarray(35, 42))), 12);
  });

  it('samples seeded with component labels in proportion to the weights (Hoeffding, 1e-6)', () => {
    const n = 20_000;
    const data = mix.sample(n, 4);
    expect(Array.from(data.images)).toEqual(Array.from(mix.sample(n, 4).images));
    const share = data.labels!.reduce((a, l) => a + l, 0) / n;
    const t = Math.sqrt(Math.log(2 / 1e-6) / (2 * n));
    expect(Math.abs(share - 0.75)).toBeLessThan(t);
    expect(Math.abs(share - 0.5)).toBeGreaterThan(t); // negative control: uniform weights would fail
    // The empirical mean log-probability is near −entropy: within 5 standard
    // errors, the exact sd of log p taken from the table (CLT, false-failure rate ≈ 6e-7).
    const table = mix.table();
    const second = table.probabilities.reduce((a, p) => a + p * Math.log(p) ** 2, 0);
    const se = Math.sqrt(second - table.entropy ** 2) / Math.sqrt(n);
    expect(Math.abs(mix.meanLogProb(data) + table.entropy)).toBeLessThan(5 * se);
  });

  it('with flip 0 puts all mass on the prototypes', () => {
    const exact = prototypeMixture({ shape: [2, 2], prototypes: [1, 0, 0, 1], flip: 0 });
    expect(exact.logProb([1, 0, 0, 1])).toBe(0);
    expect(exact.logProb([1, 1, 0, 1])).toBe(-Infinity);
    expect(exact.table().count).toBe(1);
  });

  it('draws prototypes from a seed when given a count', () => {
    const a = prototypeMixture({ shape: [3, 3], prototypes: 4, flip: 0.1, seed: 2 });
    expect(a.components).toBe(4);
    expect(Array.from(a.prototypes)).toEqual(Array.from(prototypeMixture({ shape: [3, 3], prototypes: 4, flip: 0.1, seed: '2' }).prototypes));
    expect(() => prototypeMixture({ shape: [3, 3], prototypes: 4, flip: 0.1 })).toThrow(SeedError);
  });

  it('rejects bad options', () => {
    expect(() => prototypeMixture({ shape: [2, 2], prototypes: [1, 0, 1], flip: 0.1 })).toThrow(ShapeError);
    expect(() => prototypeMixture({ shape: [2, 2], prototypes: [1, 0, 1, 2], flip: 0.1 })).toThrow(BinaryDataError);
    expect(() => prototypeMixture({ shape: [2, 2], prototypes: [1, 0, 1, 1], flip: 0.6 })).toThrow(ConfigError);
    expect(() => prototypeMixture({ shape: [2, 2], prototypes: [1, 0, 1, 1], flip: 0.1, weights: [1, 2] })).toThrow(ShapeError);
    expect(() => prototypeMixture({ shape: [2, 2], prototypes: [1, 0, 1, 1], flip: 0.1, weights: [-1] })).toThrow(ConfigError);
    expect(() => prototypeMixture({ shape: [0, 2], prototypes: 1, flip: 0.1, seed: 1 })).toThrow(ConfigError);
    expect(() => prototypeMixture({ shape: [5, 5], prototypes: 1, flip: 0.1, seed: 1 }).table()).toThrow(TooLargeError);
  });
});
