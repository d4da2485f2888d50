/**
 * Minibatch iteration: coverage, seeding, views, copies and reused buffers.
 */
import { describe, expect, it } from 'vitest';
import { ConfigError, SeedError, ShapeError } from '@stochnet/graph';
import { loadDigits, minibatches, shuffledIndicesInto } from '@stochnet/data';
import type { Batch, Dataset } from '@stochnet/data';
import { createRng } from '@stochnet/graph';

function small(rows: number): Dataset<Float64Array> {
  // Row r holds [r, r + 0.5]; label r mod 256.
  const images = new Float64Array(rows * 2);
  for (let r = 0; r < rows; r++) [images[2 * r], images[2 * r + 1]] = [r, r + 0.5];
  return { images, labels: Uint8Array.from({ length: rows }, (_, r) => r % 256), rows, cols: 2, shape: [1, 2] };
}

function rowsSeen(batches: Iterable<Batch<Float64Array>>): number[] {
  const seen: number[] = [];
  for (const b of batches) {
    for (let k = 0; k < b.rows; k++) {
      const r = b.values[2 * k]!;
      expect(b.values[2 * k + 1]).toBe(r + 0.5);
      expect(b.indices[k]).toBe(r);
      expect(b.labels![k]).toBe(r % 256);
      seen.push(r);
    }
  }
  return seen;
}

const range = (n: number): number[] => Array.from({ length: n }, (_, i) => i);

describe('minibatches', () => {
  for (const reuse of [false, true]) {
    for (const shuffle of [true, false]) {
      it(`covers every row once per epoch (shuffle ${shuffle}, reuse ${reuse})`, () => {
        const mb = minibatches(small(23), { batchSize: 5, seed: 1, shuffle, reuse });
        expect(mb.batchesPerEpoch).toBe(5);
        for (const e of [0, 1]) {
          const sizes: number[] = [];
          const seen = rowsSeen(
            (function* () {
              for (const b of mb.epoch(e)) {
                sizes.push(b.rows);
                expect([b.epoch, b.index]).toEqual([e, sizes.length - 1]);
                yield b;
              }
            })(),
          );
          expect(sizes).toEqual([5, 5, 5, 5, 3]);
          expect([...seen].sort((a, b) => a - b)).toEqual(range(23));
          if (!shuffle) expect(seen).toEqual(range(23));
        }
      });
    }
  }

  it('orders each epoch by Fisher–Yates on createRng(seed).fork("epoch/e"), independent of history', () => {
    const mb = minibatches(small(30), { batchSize: 7, seed: 'run' });
    const expected = shuffledIndicesInto(new Uint32Array(30), createRng('run').fork('epoch/3'));
    expect(Array.from(mb.order(3))).toEqual(Array.from(expected));
    const fresh = minibatches(small(30), { batchSize: 7, seed: 'run' });
    for (const _ of fresh.epoch(0));
    expect(rowsSeen(fresh.epoch(3))).toEqual(Array.from(expected));
    expect(Array.from(mb.order(0))).not.toEqual(Array.from(mb.order(1)));
    expect(Array.from(minibatches(small(30), { batchSize: 7, seed: 'other' }).order(3))).not.toEqual(Array.from(expected));
  });

  it('drops a short last batch when asked', () => {
    const mb = minibatches(small(23), { batchSize: 5, seed: 1, dropLast: true });
    expect(mb.batchesPerEpoch).toBe(4);
    expect(rowsSeen(mb.epoch(0)).length).toBe(20);
  });

  it('gives views without shuffling, fresh copies with it, and one reused buffer with reuse', () => {
    const d = small(10);
    const views = [...minibatches(d, { batchSize: 4, shuffle: false }).epoch(0)];
    expect(views.every((b) => b.values.buffer === d.images.buffer)).toBe(true);
    const copies = [...minibatches(d, { batchSize: 4, seed: 1 }).epoch(0)];
    expect(copies.every((b) => b.values.buffer !== d.images.buffer)).toBe(true);
    expect(new Set(copies.map((b) => b.values.buffer)).size).toBe(3);
    const mb = minibatches(d, { batchSize: 4, seed: 1, reuse: true });
    const buffers = new Set<ArrayBufferLike>();
    const batchObjects = new Set<Batch<Float64Array>>();
    for (const b of mb.epoch(0)) {
      buffers.add(b.values.buffer);
      batchObjects.add(b);
    }
    for (const b of mb.epoch(1)) buffers.add(b.values.buffer);
    expect(buffers.size).toBe(1);
    expect(batchObjects.size).toBe(1);
  });

  it('works on byte data sets as training batches { values, rows, cols }', () => {
    const d = loadDigits({ binarize: true });
    const b = minibatches(d, { batchSize: 64, seed: 2 }).epoch(0).next().value as Batch;
    expect(b.values).toBeInstanceOf(Uint8Array);
    expect([b.rows, b.cols, b.values.length]).toEqual([64, 64, 64 * 64]);
  });

  it('rejects bad options and leaves the data alone', () => {
    const d = small(5);
    expect(() => minibatches(d, { batchSize: 0, seed: 1 })).toThrow(ConfigError);
    expect(() => minibatches(d, { batchSize: 2.5, seed: 1 })).toThrow(ConfigError);
    expect(() => minibatches(d, { batchSize: 2 })).toThrow(SeedError);
    expect(() => minibatches(d, { batchSize: 2, seed: 1, reuse: 'yes' as never })).toThrow(ConfigError);
    expect(() => minibatches({ ...d, rows: 4 }, { batchSize: 2, seed: 1 })).toThrow(ShapeError);
    expect(() => minibatches(d, { batchSize: 2, seed: 1 }).order(-1)).toThrow(ConfigError);
    const before = d.images.slice();
    for (const _ of minibatches(d, { batchSize: 2, seed: 1, reuse: true }).epoch(0));
    expect(Array.from(d.images)).toEqual(Array.from(before));
  });
});
