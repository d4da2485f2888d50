/**
 * Seeded shuffles and train/validation/test splits.
 */
import { describe, expect, it } from 'vitest';
import { ConfigError, createRng, SeedError, ShapeError, ValidationError } from '@stochnet/graph';
import { loadDigits, selectRows, shuffledIndices, shuffledIndicesInto, splitDataset, splitIndices } from '@stochnet/data';
import type { Dataset } from '@stochnet/data';

describe('shuffledIndices', () => {
  it('is a permutation, seeded, and the same for 7 and "7"', () => {
    const p = shuffledIndices(100, 7);
    expect(Array.from(p).sort((a, b) => a - b)).toEqual(Array.from({ length: 100 }, (_, i) => i));
    expect(Array.from(p)).toEqual(Array.from(shuffledIndices(100, '7')));
    expect(Array.from(p)).not.toEqual(Array.from(shuffledIndices(100, 8)));
    expect(Array.from(shuffledIndices(0, 1))).toEqual([]);
    expect(Array.from(shuffledIndices(1, 1))).toEqual([0]);
  });

  it('takes exactly n − 1 draws from a given Rng', () => {
    const a = createRng(3);
    const b = createRng(3);
    shuffledIndicesInto(new Uint32Array(10), a);
    for (let k = 0; k < 9; k++) b.next();
    expect(a.next()).toBe(b.next());
  });

  it('rejects bad n and seeds', () => {
    expect(() => shuffledIndices(-1, 1)).toThrow(ConfigError);
    expect(() => shuffledIndices(2.5, 1)).toThrow(ConfigError);
    expect(() => shuffledIndices(3, { seed: 1 } as never)).toThrow(SeedError);
    expect(() => shuffledIndicesInto([0, 1] as never, createRng(1))).toThrow(ConfigError);
  });
});

describe('splitIndices', () => {
  it('gives disjoint sorted parts of the requested sizes that cover 0..n−1', () => {
    const s = splitIndices(1000, { seed: 'x', validation: 0.15, test: 100 });
    expect([s.train.length, s.validation.length, s.test.length]).toEqual([750, 150, 100]);
    const all = [...s.train, ...s.validation, ...s.test].sort((a, b) => a - b);
    expect(all).toEqual(Array.from({ length: 1000 }, (_, i) => i));
    for (const part of [s.train, s.validation, s.test]) {
      for (let k = 1; k < part.length; k++) expect(part[k]!).toBeGreaterThan(part[k - 1]!);
    }
  });

  it('is the documented rule on shuffledIndices', () => {
    const p = Array.from(shuffledIndices(20, 4));
    const s = splitIndices(20, { seed: 4, validation: 5, test: 3 });
    const sort = (a: number[]): number[] => a.sort((x, y) => x - y);
    expect(Array.from(s.train)).toEqual(sort(p.slice(0, 12)));
    expect(Array.from(s.validation)).toEqual(sort(p.slice(12, 17)));
    expect(Array.from(s.test)).toEqual(sort(p.slice(17)));
  });

  it('defaults to everything in train, and is seeded', () => {
    expect(splitIndices(5, { seed: 1 }).train.length).toBe(5);
    expect(Array.from(splitIndices(50, { seed: 1, test: 10 }).test)).toEqual(Array.from(splitIndices(50, { seed: 1, test: 10 }).test));
    expect(Array.from(splitIndices(50, { seed: 1, test: 10 }).test)).not.toEqual(Array.from(splitIndices(50, { seed: 2, test: 10 }).test));
  });

  it('rejects sizes that do not fit, bad sizes, and missing seeds', () => {
    expect(() => splitIndices(10, { seed: 1, validation: 6, test: 5 })).toThrow(ConfigError);
    expect(() => splitIndices(10, { seed: 1, test: -1 })).toThrow(ConfigError);
    expect(() => splitIndices(10, { seed: 1, test: 1.5 })).toThrow(ConfigError);
    expect(() => splitIndices(10, {} as never)).toThrow(SeedError);
  });
});

describe('splitDataset and selectRows', () => {
  it('splits rows with their labels and leaves the source untouched', () => {
    const d = loadDigits();
    const before = d.images.slice();
    const { train, validation, test, indices } = splitDataset(d, { seed: 9, validation: 100, test: 200 });
    expect([train.rows, validation.rows, test.rows]).toEqual([1497, 100, 200]);
    indices.validation.forEach((r, k) => expect(validation.labels![k]).toBe(d.labels[r]));
    expect(Array.from(d.images)).toEqual(Array.from(before));
  });

  it('selectRows copies rows and rejects out-of-range indices', () => {
    const d: Dataset<Float64Array> = { images: Float64Array.from([1, 2, 3, 4, 5, 6]), labels: null, rows: 3, cols: 2, shape: [1, 2] };
    const s = selectRows(d, [2, 0, 2]);
    expect(Array.from(s.images)).toEqual([5, 6, 1, 2, 5, 6]);
    expect(s.images).toBeInstanceOf(Float64Array);
    expect(s.labels).toBeNull();
    s.images[0] = 99;
    expect(d.images[4]).toBe(5);
    let err: unknown;
    try {
      selectRows(d, [0, 3]);
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(ValidationError);
    expect((err as ValidationError).details['index']).toBe(1);
  });

  it('rejects inconsistent data sets', () => {
    const bad = { images: new Uint8Array(5), labels: null, rows: 3, cols: 2, shape: [1, 2] } as Dataset;
    expect(() => selectRows(bad, [0])).toThrow(ShapeError);
    const badLabels = { images: new Uint8Array(6), labels: new Uint8Array(2), rows: 3, cols: 2, shape: [1, 2] } as Dataset;
    expect(() => selectRows(badLabels, [0])).toThrow(ShapeError);
    const badShape = { images: new Uint8Array(6), labels: null, rows: 3, cols: 2, shape: [2, 2] } as unknown as Dataset;
    expect(() => selectRows(badShape, [0])).toThrow(ShapeError);
    expect(() => selectRows({ images: [1, 2] } as never, [0])).toThrow(ConfigError);
  });

  it('rejects indices that are not array-like with a ConfigError (not a TypeError)', () => {
    const d = loadDigits();
    for (const indices of [null, undefined, 3, { length: -1 }]) expect(() => selectRows(d, indices as never)).toThrow(ConfigError);
    expect(selectRows(d, new Uint32Array(0)).rows).toBe(0); // control: empty is fine
  });
});
