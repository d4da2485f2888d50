/**
 * Unit tests of the statistical helpers. Reference values were computed
 * offline with scipy 1.17.1 / numpy in Python 3 (the commands are quoted next
 * to each value), and the constants of TESTING.md B.0 are the plan's own.
 */
import { describe, expect, it } from 'vitest';
import {
  CHI2_CRITICAL,
  KL_CHERNOFF_THRESHOLD,
  assertBelow,
  bernoulliKl,
  chiSquare,
  chiSquareCritical,
  chiSquareQuantile,
  chiSquareSf,
  expectedCounts,
  formatFailure,
  histogram,
  hoeffding,
  klChernoff,
  logGamma,
  normalise,
  probabilitiesFromLog,
  sampleExact,
  statesFromIndices,
  tv,
  tvThreshold,
  twoSampleChiSquare,
  type UniformSource,
} from './stats.js';

/** A small seeded 53-bit uniform source (two mulberry32 words), so these tests need no package. */
function mulberry(seed: number): UniformSource {
  let a = seed >>> 0;
  const word = (): number => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return (t ^ (t >>> 14)) >>> 0;
  };
  return { nextDouble: () => ((word() >>> 5) * 67108864 + (word() >>> 6)) / 9007199254740992 };
}

/** A source that replays fixed uniforms. */
function replay(us: number[]): UniformSource {
  let i = 0;
  return { nextDouble: () => us[i++]! };
}

describe('chi-square distribution', () => {
  it('matches scipy.stats.chi2.isf at df the plan lists and at merged df', () => {
    // python: stats.chi2.isf(a, d)
    const scipy: [number, number, number][] = [
      [1e-6, 1, 23.928126976934827],
      [1e-6, 2, 27.631021115928547],
      [1e-6, 3, 30.664849706213598],
      [1e-6, 40, 97.65295741506304],
      [1e-6, 63, 131.36970205168686],
      [1e-6, 255, 377.07811549898673],
      [1e-7, 15, 62.32591056825738],
      [1e-4, 10, 35.56401394195211],
    ];
    for (const [alpha, df, ref] of scipy) expect(Math.abs(chiSquareQuantile(alpha, df) - ref)).toBeLessThan(1e-9 * ref);
  });

  it('matches scipy.stats.chi2.sf in the body and the far tail', () => {
    // python: stats.chi2.sf(10.0, 5), sf(131.37, 63), sf(0.5, 1), sf(400, 255)
    const cases: [number, number, number][] = [
      [10, 5, 0.07523524614651217],
      [131.37, 63, 9.999184123096319e-7],
      [0.5, 1, 0.47950012218695337],
      [400, 255, 1.6600025244123397e-8],
    ];
    for (const [x, df, ref] of cases) expect(Math.abs(chiSquareSf(x, df) - ref)).toBeLessThan(1e-10 * ref);
    expect(chiSquareSf(0, 3)).toBe(1);
    expect(logGamma(5)).toBeCloseTo(Math.log(24), 13);
    expect(logGamma(0.5)).toBeCloseTo(0.5 * Math.log(Math.PI), 13);
  });

  it('keeps the plan literals, each within rounding of the computed quantile', () => {
    for (const [key, table] of Object.entries(CHI2_CRITICAL)) {
      for (const [df, value] of Object.entries(table)) {
        const alpha = Number(key);
        expect(chiSquareCritical(Number(df), alpha)).toBe(value);
        expect(Math.abs(chiSquareQuantile(alpha, Number(df)) - value)).toBeLessThanOrEqual(0.005);
      }
    }
    expect(chiSquareCritical(40, 1e-6)).toBeCloseTo(97.65295741506304, 8);
    expect(() => chiSquareCritical(0, 1e-6)).toThrow(RangeError);
  });
});

describe('non-asymptotic thresholds', () => {
  it('tvThreshold reproduces TESTING.md B.0', () => {
    // python: 0.5*sqrt((K-1)/n) + sqrt(log(1/a)/(2n)); (64, 1e6) -> 0.006596887851475352
    expect(tvThreshold(64, 1e6, 1e-6)).toBeCloseTo(0.006596887851475352, 15);
    const table: [number, number, number][] = [
      [16, 2e5, 0.0102],
      [16, 1e6, 0.0046],
      [64, 2e5, 0.0148],
      [64, 1e6, 0.0066],
      [128, 1e6, 0.0083],
    ];
    for (const [K, n, ref] of table) expect(Math.abs(tvThreshold(K, n, 1e-6) - ref)).toBeLessThan(5e-5);
  });

  it('hoeffding reproduces TESTING.md B.0', () => {
    // python: r*sqrt(log(2/a)/(2n)); (1e6, 1e-7, 1) -> 0.00289924497339551
    expect(hoeffding(1e6, 1e-7, 1)).toBeCloseTo(0.00289924497339551, 15);
    expect(hoeffding(2e5, 1e-7, 1)).toBeCloseTo(0.00648, 5);
    expect(hoeffding(1e5, 1e-7, 2)).toBeCloseTo(0.0183, 4);
    expect(hoeffding(2e5, 1e-7, 2)).toBeCloseTo(0.013, 4);
    expect(hoeffding(1e6, 1e-7, 2)).toBeCloseTo(0.0058, 4);
    expect(() => hoeffding(0, 1e-7, 1)).toThrow(RangeError);
  });

  it('KL-Chernoff thresholds are ln(2K/alpha) and detect a 4.9% deviation of a 1/64 cell', () => {
    for (const [K, ref] of Object.entries(KL_CHERNOFF_THRESHOLD)) {
      const p = new Float64Array(Number(K)).fill(1 / Number(K));
      expect(klChernoff(expectedCounts(p, 1000), p, 1e-6).threshold).toBeCloseTo(ref, 2);
    }
    // python: n*KL(1.049/64 || 1/64) at n = 1e6 -> 18.756547707211595
    const p = new Float64Array(64).fill(1 / 64);
    const counts = expectedCounts(p, 1e6);
    // the excess of cell 0 is taken evenly from the other 63 cells
    for (let k = 1; k < 64; k++) counts[k] = (1e6 * (1 - 1.049 / 64)) / 63;
    counts[0] = 1e6 * (1.049 / 64);
    const r = klChernoff(counts, p, 1e-6);
    expect(r.worst).toBe(0);
    expect(r.statistic).toBeCloseTo(18.756547707211595, 8);
    expect(r.statistic).toBeGreaterThan(r.threshold);
    expect(klChernoff(expectedCounts(p, 1e6), p, 1e-6).statistic).toBeLessThan(1e-9);
    expect(bernoulliKl(0.5, 0)).toBe(Infinity);
    expect(bernoulliKl(0, 0.5)).toBeCloseTo(Math.log(2), 15);
  });
});

describe('chiSquare', () => {
  it('merges the smallest expected cells greedily', () => {
    const r = chiSquare([55, 50, 210, 290, 395], [50, 60, 200, 300, 390]);
    // by hand: cells {0,1} merge to 110; (105-110)^2/110 + 10^2/200 + 10^2/300 + 5^2/390
    expect(r.df).toBe(3);
    expect(r.groups).toContainEqual([0, 1]);
    expect(r.statistic).toBeCloseTo(1.1247086247086246, 13);
    const one = chiSquare([3, 4], [3.5, 3.5]);
    expect(one.df).toBe(0);
    expect(one.statistic).toBe(0);
  });

  it('is infinite when a zero-expectation cell is observed', () => {
    expect(chiSquare([1, 9], [0, 10], 0).statistic).toBe(Infinity);
  });

  it('twoSampleChiSquare equals scipy chi2_contingency without correction', () => {
    // python: stats.chi2_contingency([[120,300,580,1000],[90,330,560,1020]], correction=False)
    const r = twoSampleChiSquare([120, 300, 580, 1000], [90, 330, 560, 1020]);
    expect(r.df).toBe(3);
    expect(r.statistic).toBeCloseTo(6.263182709248369, 12);
  });
});

describe('histograms, distances and exact sampling', () => {
  it('histogram puts unit i in bit i', () => {
    const h = histogram([1, 0, 0, 0, 1, 1, 1, 0, 0], 3);
    expect(Array.from(h)).toEqual([0, 2, 0, 0, 0, 0, 1, 0]);
    expect(histogram([0, 0, 0, 0, 0, 0], 3)[0]).toBe(2);
    expect(() => histogram([0.5, 1], 2)).toThrow(RangeError);
    expect(Array.from(statesFromIndices([6, 1], 3))).toEqual([0, 1, 1, 1, 0, 0]);
  });

  it('tv and normalise', () => {
    expect(tv([0.5, 0.5], [0.25, 0.75])).toBe(0.25);
    expect(Array.from(normalise([1, 3]))).toEqual([0.25, 0.75]);
    const p = probabilitiesFromLog([Math.log(2), Math.log(6)]);
    expect(p[0]).toBeCloseTo(0.25, 15);
    expect(p[1]).toBeCloseTo(0.75, 15);
  });

  it('sampleExact inverts the CDF and never draws a zero-probability cell', () => {
    const logp = [Math.log(0.25), -Infinity, Math.log(0.75)];
    const draws = sampleExact(logp, 4, replay([0, 0.2499, 0.25, 0.9999999]));
    expect(Array.from(draws)).toEqual([0, 0, 2, 2]);
  });

  it('sampleExact passes its own chi-square, TV and KL checks; a perturbed table fails them', () => {
    const K = 16;
    const n = 200_000;
    const logp = Array.from({ length: K }, (_, k) => 0.3 * k - 0.05 * k * k);
    const p = probabilitiesFromLog(logp);
    const seed = 20240611;
    const counts = histogram(statesFromIndices(sampleExact(logp, n, mulberry(seed)), 4), 4);
    const chi = chiSquare(counts, expectedCounts(p, n));
    assertBelow({ test: 'sampleExact chi2', statistic: chi.statistic, threshold: chiSquareCritical(chi.df, 1e-6), n, alpha: 1e-6, seed, observed: counts, expected: expectedCounts(p, n) });
    assertBelow({ test: 'sampleExact tv', statistic: tv(normalise(counts), p), threshold: tvThreshold(K, n, 1e-6), n, alpha: 1e-6, seed });
    const kl = klChernoff(counts, p, 1e-6);
    assertBelow({ test: 'sampleExact kl', statistic: kl.statistic, threshold: kl.threshold, n, alpha: 1e-6, seed });
    // Negative control: 8% of cell 0's mass moved to cell 1. Non-centrality
    // n·Σ(q−p)²/p = 211 > 132.7 (power 1 − 1e-6 at df 15); n·KL on cell 0 ≈ 67.
    const q = Float64Array.from(p);
    q[1]! += 0.08 * q[0]!;
    q[0]! *= 0.92;
    const bad = histogram(statesFromIndices(sampleExact(Array.from(q, Math.log), n, mulberry(seed)), 4), 4);
    expect(chiSquare(bad, expectedCounts(p, n)).statistic).toBeGreaterThan(chiSquareCritical(15, 1e-6));
    expect(klChernoff(bad, p, 1e-6).statistic).toBeGreaterThan(KL_CHERNOFF_THRESHOLD[16]!);
  });
});

describe('failure report', () => {
  it('names statistic, threshold, n, alpha, seed and the 5 worst cells, worst first', () => {
    const observed = [100, 130, 90, 100, 100, 100, 80, 100];
    const expected = new Array<number>(8).fill(100);
    const text = formatFailure({ test: 'S2 chi2', statistic: 14, threshold: 12, n: 800, alpha: 1e-6, seed: 'golden-1', observed, expected });
    const lines = text.split('\n');
    expect(lines[0]).toContain('S2 chi2');
    expect(lines[0]).toContain('"golden-1"');
    expect(lines[0]).toContain('n = 800');
    expect(lines[0]).toContain('alpha = 0.000001');
    expect(lines).toHaveLength(7);
    expect(lines[2]!.trim().startsWith('1 ')).toBe(true);
    expect(lines[3]!.trim().startsWith('6 ')).toBe(true);
    expect(() => assertBelow({ test: 't', statistic: 2, threshold: 1, n: 1, alpha: 1e-6, seed: 1 })).toThrow(Error);
    expect(() => assertBelow({ test: 't', statistic: Number.NaN, threshold: 1, n: 1, alpha: 1e-6, seed: 1 })).toThrow(Error);
  });
});
