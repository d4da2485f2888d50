/**
 * The embedded UCI digits: counts, labels, intensities, binarisation, the
 * asset's provenance, and the documented train/test split.
 */
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { gunzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { ConfigError, createRng, SeedError } from '@stochnet/graph';
import { DIGITS_MAX, DIGITS_TEST_ROWS, DIGITS_THRESHOLD, digitsSplit, loadDigits } from '@stochnet/data';
import { DEFAULT_DIGITS_CSV, digitsModuleFromCsv, parseDigitsCsv } from '../scripts/build-digits.js';

/** Label counts 0..9 of the UCI optdigits test set (optdigits.tes), as counted from the shipped CSV. */
const UCI_TEST_COUNTS = [178, 182, 177, 183, 181, 182, 181, 179, 174, 180];

function histogram(labels: Uint8Array): number[] {
  const h = new Array<number>(10).fill(0);
  for (const l of labels) h[l]!++;
  return h;
}

describe('loadDigits', () => {
  it('has 1797 rows of 64 intensities 0..16 with labels 0..9', () => {
    const d = loadDigits();
    expect([d.rows, d.cols, d.shape]).toEqual([1797, 64, [8, 8]]);
    expect(d.images.length).toBe(1797 * 64);
    expect(d.labels.length).toBe(1797);
    expect(Math.max(...d.images)).toBe(DIGITS_MAX);
    expect(Math.min(...d.images)).toBe(0);
    expect(histogram(d.labels)).toEqual(UCI_TEST_COUNTS);
  });

  it('keeps the first example of the CSV exactly', () => {
    const d = loadDigits();
    const first = '0,0,5,13,9,1,0,0,0,0,13,15,10,15,5,0,0,3,15,2,0,11,8,0,0,4,12,0,0,8,8,0,0,5,8,0,0,9,8,0,0,4,11,0,1,12,7,0,0,2,14,5,10,12,0,0,0,0,6,13,10,0,0,0'
      .split(',')
      .map(Number);
    expect(Array.from(d.images.subarray(0, 64))).toEqual(first);
  });

  it('binarises with pixel > 7 by default, or with a given threshold', () => {
    const raw = loadDigits();
    const b = loadDigits({ binarize: true });
    expect(DIGITS_THRESHOLD).toBe(7);
    expect(b.images.every((x, i) => x === (raw.images[i]! > 7 ? 1 : 0))).toBe(true);
    const b12 = loadDigits({ binarize: { threshold: 12 } });
    expect(b12.images.every((x, i) => x === (raw.images[i]! > 12 ? 1 : 0))).toBe(true);
    // Negative control: the two thresholds give different images.
    expect(b12.images.some((x, i) => x !== b.images[i])).toBe(true);
    expect(Array.from(loadDigits({ binarize: false }).images)).toEqual(Array.from(raw.images));
  });

  it('returns fresh arrays each call', () => {
    const a = loadDigits();
    a.images.fill(99);
    a.labels.fill(99);
    const b = loadDigits();
    expect(b.images[2]).toBe(5);
    expect(b.labels[1]).toBe(1);
  });

  it('rejects bad options with ConfigError', () => {
    expect(() => loadDigits({ binarize: 'yes' as unknown as boolean })).toThrow(ConfigError);
    expect(() => loadDigits({ binarize: { threshold: Number.NaN } })).toThrow(ConfigError);
    expect(() => loadDigits(5 as never)).toThrow(ConfigError);
  });
});

describe('the digits asset', () => {
  const csvAvailable = existsSync(DEFAULT_DIGITS_CSV);
  it.skipIf(!csvAvailable)('is what scripts/build-digits.ts makes from the shared CSV (skipped when shared/data is not beside the repository)', () => {
    const csv = gunzipSync(readFileSync(DEFAULT_DIGITS_CSV)).toString('utf8');
    const asset = readFileSync(fileURLToPath(new URL('../src/digits-asset.ts', import.meta.url)), 'utf8');
    expect(digitsModuleFromCsv(csv)).toBe(asset);
    const bytes = parseDigitsCsv(csv);
    const labels = Uint8Array.from({ length: 1797 }, (_, r) => bytes[r * 65 + 64]!);
    expect(histogram(labels)).toEqual(UCI_TEST_COUNTS);
  });

  it('the build script rejects a bad CSV', () => {
    expect(() => parseDigitsCsv('1,2,3\n')).toThrow();
  });
});

describe('digitsSplit', () => {
  it('splits 1500 / 297, disjoint, sorted, covering every row', () => {
    const s = digitsSplit(1);
    expect([s.train.rows, s.test.rows, DIGITS_TEST_ROWS]).toEqual([1500, 297, 297]);
    const all = [...s.trainIndices, ...s.testIndices].sort((a, b) => a - b);
    expect(all).toEqual(Array.from({ length: 1797 }, (_, i) => i));
    for (const part of [s.trainIndices, s.testIndices]) {
      for (let k = 1; k < part.length; k++) expect(part[k]!).toBeGreaterThan(part[k - 1]!);
    }
  });

  it('carries the rows and labels of its indices', () => {
    const d = loadDigits();
    const s = digitsSplit('abc');
    s.testIndices.forEach((r, k) => {
      expect(s.test.labels[k]).toBe(d.labels[r]);
      expect(Array.from(s.test.images.subarray(k * 64, (k + 1) * 64))).toEqual(Array.from(d.images.subarray(r * 64, (r + 1) * 64)));
    });
  });

  it('is deterministic, follows the seed rule, and differs between seeds', () => {
    expect(Array.from(digitsSplit(111).testIndices)).toEqual(Array.from(digitsSplit('111').testIndices));
    expect(Array.from(digitsSplit(111).testIndices)).not.toEqual(Array.from(digitsSplit(112).testIndices));
  });

  it('follows the documented rule: Fisher–Yates from createRng(seed), test = p[1500, 1797)', () => {
    const rng = createRng(5);
    const p = Array.from({ length: 1797 }, (_, i) => i);
    for (let i = 1796; i > 0; i--) {
      const j = Math.floor((i + 1) * rng.next());
      [p[i], p[j]] = [p[j]!, p[i]!];
    }
    const test = p.slice(1500).sort((a, b) => a - b);
    expect(Array.from(digitsSplit(5).testIndices)).toEqual(test);
  });

  it('binarises when asked and rejects bad seeds', () => {
    expect(digitsSplit(1, { binarize: true }).train.images.every((x) => x <= 1)).toBe(true);
    expect(() => digitsSplit(Number.NaN)).toThrow(SeedError);
    expect(() => digitsSplit(undefined as unknown as number)).toThrow(SeedError);
  });
});
