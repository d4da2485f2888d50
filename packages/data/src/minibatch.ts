/**
 * Minibatch iteration over a data set: a seeded shuffle per epoch, batches as
 * views, copies, or one reused buffer.
 *
 * @module
 */
import type { Rng, Seed } from '@stochnet/graph';
import { boolOption, intOption, optionError, optionsObject } from './check.js';
import { checkDataset } from './dataset.js';
import type { Dataset, PixelArray } from './dataset.js';
import { MAX_ROWS, rngFrom, shuffledIndicesInto } from './shuffle.js';

/** Options of {@link minibatches}. */
export interface MinibatchOptions {
  /** Rows per batch, an integer ≥ 1. */
  readonly batchSize: number;
  /** Shuffle the rows every epoch (default true). */
  readonly shuffle?: boolean | undefined;
  /** The seed (string or safe integer) or Rng of the shuffles; required when shuffling. */
  readonly seed?: Seed | Rng | undefined;
  /** Leave out the last batch of an epoch when it is short (default false). */
  readonly dropLast?: boolean | undefined;
  /**
   * `false` (default): shuffled batches are fresh copies, unshuffled ones
   * views into the data. `true`: every batch is written into one buffer
   * (and one batch object) allocated once, valid until the next batch.
   */
  readonly reuse?: boolean | undefined;
}

/** One minibatch. Its `values`, `rows` and `cols` form the training-data shape that `train` takes. */
export interface Batch<P extends PixelArray = Uint8Array> {
  /** rows × cols values, row-major. */
  readonly values: P;
  /** The batch's labels, or null when the data has none. */
  readonly labels: Uint8Array | null;
  /** Rows in this batch (batchSize, or fewer for the last one). */
  readonly rows: number;
  /** Values per row. */
  readonly cols: number;
  /** Source row of each batch row. */
  readonly indices: Uint32Array;
  /** The epoch (0-based). */
  readonly epoch: number;
  /** The batch within the epoch (0-based). */
  readonly index: number;
}

/** Batches of one data set, epoch after epoch. */
export interface Minibatches<P extends PixelArray = Uint8Array> {
  /** Rows per full batch. */
  readonly batchSize: number;
  /** Batches in every epoch. */
  readonly batchesPerEpoch: number;
  /**
   * The batches of epoch `e` (an integer ≥ 0), in order. Each epoch's order
   * depends on the seed and `e` only, not on which epochs ran before.
   */
  epoch(e: number): IterableIterator<Batch<P>>;
  /** The row order of epoch `e`: a fresh permutation of 0..rows−1 (identity without shuffling). */
  order(e: number): Uint32Array;
}

interface MutableBatch<P extends PixelArray> {
  values: P;
  labels: Uint8Array | null;
  rows: number;
  cols: number;
  indices: Uint32Array;
  epoch: number;
  index: number;
}

/**
 * Minibatches of a data set.
 *
 * @remarks
 * Epoch e's row order is `shuffledIndicesInto(order, rng.fork('epoch/' + e))`
 * where `rng = createRng(seed)` (or the given Rng), i.e. the seeded
 * Fisher–Yates rule on the stream `createRng(seed + '/epoch/' + e)`; batch b
 * holds rows `order[b · batchSize, (b + 1) · batchSize)`. Every row appears
 * in exactly one batch per epoch (with `dropLast`, the rows of a short last
 * batch are left out of that epoch).
 *
 * Allocates: one order array per epoch; per batch, nothing with `reuse`,
 * small view objects without shuffling, and copies of the rows otherwise.
 *
 * @param data - the data set (read, never written)
 * @param options - batch size, seed, shuffle, dropLast, reuse
 * @returns the batch source
 * @throws ConfigError for bad options; SeedError for a missing or bad seed
 *   when shuffling; ShapeError for an inconsistent data set
 *
 * @example
 * ```ts
 * import { loadDigits, minibatches } from '@stochnet/data';
 * const batches = minibatches(loadDigits({ binarize: true }), { batchSize: 100, seed: 1 });
 * let rows = 0;
 * for (const b of batches.epoch(0)) rows += b.rows;
 * console.log(batches.batchesPerEpoch, rows); // 18 1797
 * ```
 */
export function minibatches<P extends PixelArray>(data: Dataset<P>, options: MinibatchOptions): Minibatches<P> {
  const fn = 'minibatches';
  checkDataset(fn, data);
  const o = optionsObject(fn, options);
  const batchSize = intOption(fn, 'batchSize', o['batchSize'], 1, MAX_ROWS);
  const shuffle = o['shuffle'] === undefined ? true : boolOption(fn, 'shuffle', o['shuffle']);
  const dropLast = o['dropLast'] === undefined ? false : boolOption(fn, 'dropLast', o['dropLast']);
  const reuse = o['reuse'] === undefined ? false : boolOption(fn, 'reuse', o['reuse']);
  const rng = shuffle ? rngFrom(o['seed'] as Seed | Rng) : null;
  const { rows, cols, images, labels } = data;
  const batchesPerEpoch = dropLast ? Math.floor(rows / batchSize) : Math.ceil(rows / batchSize);
  const full = Math.min(batchSize, rows);
  const make = (n: number): P => (images instanceof Uint8Array ? new Uint8Array(n) : new Float64Array(n)) as P;
  // Buffers of reuse mode, with views of the short last batch made once here.
  const buffer = reuse ? make(full * cols) : null;
  const labelBuffer = reuse && labels !== null ? new Uint8Array(full) : null;
  const indexBuffer = reuse ? new Uint32Array(full) : null;
  const tail = rows % batchSize;
  const tailViews =
    reuse && tail !== 0
      ? {
          values: buffer!.subarray(0, tail * cols) as P,
          labels: labelBuffer === null ? null : labelBuffer.subarray(0, tail),
          indices: indexBuffer!.subarray(0, tail),
        }
      : null;

  const order = (e: number): Uint32Array => {
    intOption(fn, 'epoch', e, 0);
    const out = new Uint32Array(rows);
    if (rng === null) {
      for (let i = 0; i < rows; i++) out[i] = i;
      return out;
    }
    return shuffledIndicesInto(out, rng.fork(`epoch/${e}`));
  };

  const fill = (batch: MutableBatch<P>, ord: Uint32Array, e: number, b: number): void => {
    const start = b * batchSize;
    const n = Math.min(batchSize, rows - start);
    batch.epoch = e;
    batch.index = b;
    batch.rows = n;
    if (reuse) {
      const short = n < full && tailViews !== null;
      batch.values = short ? tailViews.values : buffer!;
      batch.labels = short ? tailViews.labels : labelBuffer;
      batch.indices = short ? tailViews.indices : indexBuffer!;
      batch.indices.set(ord.subarray(start, start + n));
      copyRows(batch.values, batch.labels, images, labels, batch.indices, cols);
    } else if (rng === null) {
      batch.values = images.subarray(start * cols, (start + n) * cols) as P;
      batch.labels = labels === null ? null : labels.subarray(start, start + n);
      batch.indices = ord.subarray(start, start + n);
    } else {
      batch.indices = ord.slice(start, start + n);
      batch.values = make(n * cols);
      batch.labels = labels === null ? null : new Uint8Array(n);
      copyRows(batch.values, batch.labels, images, labels, batch.indices, cols);
    }
  };

  const shared: MutableBatch<P> = { values: make(0), labels: null, rows: 0, cols, indices: new Uint32Array(0), epoch: 0, index: 0 };

  const epoch = (e: number): IterableIterator<Batch<P>> => {
    const ord = order(e);
    let b = 0;
    const result = { done: false, value: shared as Batch<P> };
    const it: IterableIterator<Batch<P>> = {
      next() {
        if (b >= batchesPerEpoch) return { done: true, value: undefined };
        const batch = reuse ? shared : { ...shared };
        fill(batch, ord, e, b++);
        if (!reuse) return { done: false, value: batch };
        result.value = batch;
        return result;
      },
      [Symbol.iterator]() {
        return it;
      },
    };
    return it;
  };

  return { batchSize, batchesPerEpoch, epoch, order };
}

function copyRows(
  out: PixelArray,
  outLabels: Uint8Array | null,
  images: PixelArray,
  labels: Uint8Array | null,
  indices: Uint32Array,
  cols: number,
): void {
  for (let k = 0; k < indices.length; k++) {
    const r = indices[k]!;
    for (let c = 0; c < cols; c++) out[k * cols + c] = images[r * cols + c]!;
    if (outLabels !== null && labels !== null) outLabels[k] = labels[r]!;
  }
}
