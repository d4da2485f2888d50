/**
 * Threshold and stochastic binarisation.
 */
import { describe, expect, it } from 'vitest';
import { ConfigError, createRng, NonFiniteError, ProbabilityRangeError, SeedError, ShapeError } from '@stochnet/graph';
import { binarize, binarizeInto, DIGITS_MAX, loadDigits, sampleBinary, sampleBinaryInto } from '@stochnet/data';
import type { Dataset } from '@stochnet/data';

describe('binarize', () => {
  it('is value > threshold, keeps labels and shape, and copies', () => {
    const d: Dataset<Float64Array> = { images: Float64Array.from([0, 0.5, 0.51, 1]), labels: Uint8Array.from([1, 2]), rows: 2, cols: 2, shape: [1, 2] };
    const b = binarize(d, { threshold: 0.5 });
    expect(Array.from(b.images)).toEqual([0, 0, 1, 1]);
    expect(Array.from(b.labels!)).toEqual([1, 2]);
    expect(b.labels).not.toBe(d.labels);
    expect(b.shape).toEqual([1, 2]);
  });

  it('binarizeInto agrees with binarize', () => {
    const d = loadDigits();
    const out = binarizeInto(new Uint8Array(d.images.length), d.images, 7);
    expect(Array.from(out)).toEqual(Array.from(binarize(d, { threshold: 7 }).images));
  });

  it('names the row and column of a non-finite value, and changes nothing on failure', () => {
    const d: Dataset<Float64Array> = { images: Float64Array.from([0, 1, 2, Number.NaN]), labels: null, rows: 2, cols: 2, shape: [1, 2] };
    let err: unknown;
    try {
      binarize(d, { threshold: 1 });
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(NonFiniteError);
    expect((err as NonFiniteError).details).toMatchObject({ row: 1, column: 1 });
    const out = Uint8Array.from([7, 7, 7, 7]);
    expect(() => binarizeInto(out, d.images, 1)).toThrow(NonFiniteError);
    expect(Array.from(out)).toEqual([7, 7, 7, 7]);
  });

  it('rejects bad thresholds and lengths', () => {
    const d = loadDigits();
    expect(() => binarize(d, { threshold: Number.NaN })).toThrow(ConfigError);
    expect(() => binarize(d, {} as never)).toThrow(ConfigError);
    expect(() => binarizeInto(new Uint8Array(2), [1, 2, 3], 1)).toThrow(ShapeError);
  });
});

describe('sampleBinary', () => {
  it('is seeded: same seed same bits, other seed other bits', () => {
    const d = loadDigits();
    const a = sampleBinary(d, { max: DIGITS_MAX, seed: 1 });
    expect(Array.from(a.images)).toEqual(Array.from(sampleBinary(d, { max: DIGITS_MAX, seed: '1' }).images));
    expect(Array.from(a.images)).not.toEqual(Array.from(sampleBinary(d, { max: DIGITS_MAX, seed: 2 }).images));
    expect(a.images.every((x, i) => (d.images[i] === 0 ? x === 0 : d.images[i] === 16 ? x === 1 : true))).toBe(true);
  });

  it('sampleBinaryInto follows the documented rule (one draw per entry, u < v / max)', () => {
    const values = [0, 4, 8, 12, 16, 3];
    const out = sampleBinaryInto(new Uint8Array(6), values, 16, createRng(5));
    const rng = createRng(5);
    expect(Array.from(out)).toEqual(values.map((v) => (rng.next() < v / 16 ? 1 : 0)));
    expect(Array.from(sampleBinary({ images: Uint8Array.from(values), labels: null, rows: 1, cols: 6, shape: [1, 6] }, { max: 16, seed: 5 }).images)).toEqual(Array.from(out));
  });

  it('has the right mean: |mean(x) − mean(v/max)| within the Hoeffding bound (false-failure rate 1e-6)', () => {
    const d = loadDigits();
    const n = d.images.length;
    // Hoeffding for n independent bits with means p_i: P(|x̄ − p̄| ≥ t) ≤ 2 exp(−2 n t²).
    const t = Math.sqrt(Math.log(2 / 1e-6) / (2 * n));
    const pBar = d.images.reduce((s, v) => s + v / DIGITS_MAX, 0) / n;
    const mean = (x: Uint8Array): number => x.reduce((s, v) => s + v, 0) / n;
    expect(Math.abs(mean(sampleBinary(d, { max: DIGITS_MAX, seed: 11 }).images) - pBar)).toBeLessThan(t);
    // Negative controls: a wrong scale, and threshold binarisation, both fail the same check.
    expect(Math.abs(mean(sampleBinary(d, { max: 20, seed: 11 }).images) - pBar)).toBeGreaterThan(t);
    expect(Math.abs(mean(binarize(d, { threshold: 7 }).images) - pBar)).toBeGreaterThan(t);
  });

  it('names the place of values outside [0, max] and rejects bad options', () => {
    const d: Dataset<Float64Array> = { images: Float64Array.from([0, 1, 17, 3]), labels: null, rows: 2, cols: 2, shape: [1, 2] };
    let err: unknown;
    try {
      sampleBinary(d, { max: 16, seed: 1 });
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(ProbabilityRangeError);
    expect((err as ProbabilityRangeError).details).toMatchObject({ row: 1, column: 0 });
    expect(() => sampleBinary(d, { max: 0, seed: 1 })).toThrow(ConfigError);
    expect(() => sampleBinary(d, { max: 20 } as never)).toThrow(SeedError);
    const rng = createRng(1);
    const state = rng.state();
    const out = new Uint8Array(4);
    expect(() => sampleBinaryInto(out, d.images, 16, rng)).toThrow(ProbabilityRangeError);
    expect(rng.state()).toEqual(state);
  });
});
