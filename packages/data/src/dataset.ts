/**
 * The Dataset value every reader returns and every transformation takes:
 * rows of pixel values, row-major, with optional class labels and the image
 * shape used by pictures.
 *
 * @module
 */
import { ShapeError, ValidationError } from '@stochnet/graph';
import { optionError } from './check.js';

/** Pixel storage of a dataset: bytes (intensities or 0/1), or float64 values. */
export type PixelArray = Uint8Array | Float64Array;

/**
 * A data set of `rows` examples with `cols` values each.
 *
 * @remarks
 * `images[r * cols + c]` is value c of example r. `shape` is the picture
 * shape `[height, width]` of one example (`height · width = cols`); data
 * that is not a picture has shape `[1, cols]`. A binarised data set holds
 * only 0 and 1 and is ready for training: pass
 * `{ values: d.images, rows: d.rows, cols: d.cols }`.
 */
export interface Dataset<P extends PixelArray = Uint8Array> {
  /** rows × cols values, row-major. */
  readonly images: P;
  /** One class label per row, or null when the data has none. */
  readonly labels: Uint8Array | null;
  /** Number of examples. */
  readonly rows: number;
  /** Values per example. */
  readonly cols: number;
  /** Picture shape `[height, width]` of one example. */
  readonly shape: readonly [number, number];
}

/**
 * Checks that `data` is a consistent Dataset; throws otherwise.
 *
 * @param fn - the calling function's name, for messages
 * @param data - the value to check
 * @throws ConfigError when `data` is not a dataset object; ShapeError when
 *   its lengths, sizes or shape disagree
 */
export function checkDataset(fn: string, data: unknown): asserts data is Dataset<PixelArray> {
  if (data === null || typeof data !== 'object') throw optionError(fn, 'data', 'a dataset { images, labels, rows, cols, shape }', data);
  const d = data as Record<string, unknown>;
  const images = d['images'];
  if (!(images instanceof Uint8Array) && !(images instanceof Float64Array)) {
    throw optionError(fn, 'data.images', 'a Uint8Array or Float64Array', images);
  }
  const rows = d['rows'];
  const cols = d['cols'];
  if (typeof rows !== 'number' || !Number.isInteger(rows) || rows < 0) throw optionError(fn, 'data.rows', 'an integer ≥ 0', rows);
  if (typeof cols !== 'number' || !Number.isInteger(cols) || cols < 1) throw optionError(fn, 'data.cols', 'an integer ≥ 1', cols);
  if (images.length !== rows * cols) {
    throw new ShapeError(`${fn}: data.images has ${images.length} values, expected rows × cols = ${rows} × ${cols} = ${rows * cols}`, {
      function: fn,
      option: 'data.images',
      expected: rows * cols,
      received: images.length,
    });
  }
  const labels = d['labels'];
  if (labels !== null && !(labels instanceof Uint8Array)) throw optionError(fn, 'data.labels', 'a Uint8Array or null', labels);
  if (labels !== null && labels.length !== rows) {
    throw new ShapeError(`${fn}: data has ${rows} rows but ${labels.length} labels; give one label per row`, {
      function: fn,
      option: 'data.labels',
      expected: rows,
      received: labels.length,
    });
  }
  const shape = d['shape'];
  const ok = Array.isArray(shape) && shape.length === 2 && shape.every((s) => Number.isInteger(s) && (s as number) > 0);
  if (!ok || (shape as number[])[0]! * (shape as number[])[1]! !== cols) {
    throw new ShapeError(`${fn}: data.shape must be [height, width] with height × width = cols = ${cols}`, {
      function: fn,
      option: 'data.shape',
      expected: `[h, w] with h·w = ${cols}`,
      received: Array.isArray(shape) ? JSON.stringify(shape) : String(shape),
    });
  }
}

/**
 * A new data set holding the given rows of `data`, in the given order
 * (copies, never views).
 *
 * @param data - the source data set
 * @param indices - row indices, each an integer in [0, data.rows); repeats are allowed
 * @returns a data set of `indices.length` rows with the same cols and shape
 * @throws ShapeError or ConfigError when `data` is inconsistent or
 *   `indices` is not array-like;
 *   ValidationError (code `INVALID`) naming the position and value of a bad index
 *
 * @example
 * ```ts
 * import { loadDigits, selectRows } from '@stochnet/data';
 * const firstTwo = selectRows(loadDigits(), [0, 1]);
 * console.log(firstTwo.rows, Array.from(firstTwo.labels ?? [])); // 2 [ 0, 1 ]
 * ```
 */
export function selectRows<P extends PixelArray>(data: Dataset<P>, indices: ArrayLike<number>): Dataset<P> {
  checkDataset('selectRows', data);
  const length: unknown = indices !== null && typeof indices === 'object' ? indices.length : undefined;
  if (typeof length !== 'number' || !Number.isSafeInteger(length) || length < 0) {
    throw optionError('selectRows', 'indices', 'an array or typed array of row indices', indices);
  }
  const n = length;
  for (let k = 0; k < n; k++) {
    const r = indices[k];
    if (typeof r !== 'number' || !Number.isInteger(r) || r < 0 || r >= data.rows) {
      throw new ValidationError(`selectRows: indices[${k}] is ${String(r)}, expected an integer row in [0, ${data.rows})`, {
        function: 'selectRows',
        index: k,
        expected: `integer in [0, ${data.rows})`,
        received: r,
      });
    }
  }
  const { cols } = data;
  const images = (data.images instanceof Uint8Array ? new Uint8Array(n * cols) : new Float64Array(n * cols)) as P;
  const labels = data.labels === null ? null : new Uint8Array(n);
  for (let k = 0; k < n; k++) {
    const r = indices[k]!;
    images.set(data.images.subarray(r * cols, (r + 1) * cols), k * cols);
    if (labels !== null) labels[k] = data.labels![r]!;
  }
  return { images, labels, rows: n, cols, shape: [data.shape[0], data.shape[1]] };
}
