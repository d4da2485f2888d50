/**
 * An image data set from a pair of IDX files (images and labels), as MNIST
 * and Fashion-MNIST ship them.
 *
 * @module
 */
import { ShapeError } from '@stochnet/graph';
import { optionError, optionsObject } from './check.js';
import type { Dataset } from './dataset.js';
import { DataFormatError } from './errors.js';
import { parseIdx } from './idx.js';
import type { IdxArray } from './idx.js';

/** File names used in error details by {@link idxDataset} and {@link parseIdxDataset}. */
export interface IdxDatasetOptions {
  /** Name of the images file (default `'<images>'`). */
  readonly imagesName?: string | undefined;
  /** Name of the labels file (default `'<labels>'`). */
  readonly labelsName?: string | undefined;
}

function names(options: unknown): { images: string; labels: string } {
  const o = optionsObject('idxDataset', options);
  return {
    images: o['imagesName'] === undefined ? '<images>' : String(o['imagesName']),
    labels: o['labelsName'] === undefined ? '<labels>' : String(o['labelsName']),
  };
}

/** Throws unless `a` is an IdxArray whose data holds exactly the elements its dims declare. */
function checkIdxArray(fn: string, a: unknown, name: string): asserts a is IdxArray {
  const x = a as Partial<IdxArray> | null;
  const dimsOk = x !== null && typeof x === 'object' && Array.isArray(x.dims) && x.dims.every((d) => Number.isSafeInteger(d) && d >= 0);
  if (!dimsOk || !ArrayBuffer.isView(x!.data)) throw optionError(fn, name, 'a parsed IDX file { dtype, dims, data } (from parseIdx)', a);
  const count = x!.dims!.reduce((p, d) => p * d, 1);
  const length = (x!.data as ArrayLike<number>).length;
  if (length !== count) {
    throw new ShapeError(`${fn}: ${name} holds ${length} values but its dims [${x!.dims!.join(', ')}] declare ${count}`, {
      function: fn,
      file: name,
      expected: count,
      received: length,
    });
  }
}

function dimsError(file: string, what: string, expected: string, received: readonly number[]): DataFormatError {
  return new DataFormatError(`${file}: ${what}; expected ${expected}, got dims [${received.join(', ')}]`, {
    file,
    reason: 'dims',
    offset: 3,
    expected,
    received: [...received],
  });
}

/**
 * A data set from parsed IDX images (uint8, dims [n, h, w] or [n, d]) and
 * optional labels (uint8, dims [n]).
 *
 * @param images - the parsed images file
 * @param labels - the parsed labels file, or null
 * @param options - file names for errors
 * @returns images as bytes 0..255 (not binarised), labels or null, shape [h, w] (or [1, d])
 * @throws DataFormatError (reason `'dtype'`, offset 2; or `'dims'`, offset
 *   3) for a file of the wrong kind; ShapeError when the label count (the
 *   labels file's uint32 at offset 4) differs from the image count, or an
 *   array's data does not hold the elements its dims declare; ConfigError
 *   when `images` or `labels` is not a parsed IDX file
 *
 * @example
 * ```ts
 * import { idxDataset } from '@stochnet/data';
 * const images = { dtype: 'uint8', dims: [2, 1, 2], data: new Uint8Array([0, 255, 255, 0]) } as const;
 * const labels = { dtype: 'uint8', dims: [2], data: new Uint8Array([3, 4]) } as const;
 * const d = idxDataset(images, labels);
 * console.log(d.rows, d.cols, d.shape); // 2 2 [ 1, 2 ]
 * ```
 */
export function idxDataset(images: IdxArray, labels: IdxArray | null, options?: IdxDatasetOptions): Dataset<Uint8Array> {
  const file = names(options);
  const checkDtype = (a: IdxArray, name: string): void => {
    checkIdxArray('idxDataset', a, name);
    if (a.dtype !== 'uint8') {
      throw new DataFormatError(`${name}: element type ${a.dtype}; expected uint8 (type byte 0x08)`, {
        file: name,
        reason: 'dtype',
        offset: 2,
        expected: 'uint8',
        received: a.dtype,
      });
    }
  };
  checkDtype(images, file.images);
  const dims = images.dims;
  if (dims.length !== 2 && dims.length !== 3) throw dimsError(file.images, 'images must have 2 or 3 dimensions', '[n, h, w] or [n, d]', dims);
  const rows = dims[0]!;
  const shape: [number, number] = dims.length === 3 ? [dims[1]!, dims[2]!] : [1, dims[1]!];
  if (shape[0] === 0 || shape[1] === 0) throw dimsError(file.images, 'an image has no pixels', 'positive image sizes', dims);
  let labelData: Uint8Array | null = null;
  if (labels !== null) {
    checkDtype(labels, file.labels);
    if (labels.dims.length !== 1) throw dimsError(file.labels, 'labels must have 1 dimension', '[n]', labels.dims);
    if (labels.dims[0] !== rows) {
      throw new ShapeError(`${file.labels}: ${labels.dims[0]} labels for the ${rows} images of ${file.images}; use the labels file of the same set`, {
        file: file.labels,
        imagesFile: file.images,
        offset: 4,
        expected: rows,
        received: labels.dims[0],
      });
    }
    labelData = (labels.data as Uint8Array).slice();
  }
  const cols = shape[0] * shape[1];
  return { images: (images.data as Uint8Array).slice(), labels: labelData, rows, cols, shape };
}

/**
 * A data set from the bytes of an IDX images file and, optionally, its
 * labels file (each plain or gzip-compressed).
 *
 * @param images - the images file's bytes
 * @param labels - the labels file's bytes, or null
 * @param options - file names for errors
 * @returns the data set (see {@link idxDataset})
 * @throws DataFormatError and TooLargeError as {@link parseIdx} and
 *   {@link idxDataset}; ShapeError for a label count that differs from the image count
 *
 * @example
 * ```ts
 * import { parseIdxDataset } from '@stochnet/data';
 * const images = new Uint8Array([0, 0, 8, 3, 0, 0, 0, 1, 0, 0, 0, 1, 0, 0, 0, 2, 10, 20]);
 * const labels = new Uint8Array([0, 0, 8, 1, 0, 0, 0, 1, 7]);
 * const d = parseIdxDataset(images, labels);
 * console.log(Array.from(d.images), Array.from(d.labels ?? [])); // [ 10, 20 ] [ 7 ]
 * ```
 */
export function parseIdxDataset(images: Uint8Array, labels: Uint8Array | null, options?: IdxDatasetOptions): Dataset<Uint8Array> {
  const file = names(options);
  const img = parseIdx(images, { name: file.images });
  const lab = labels === null ? null : parseIdx(labels, { name: file.labels });
  return idxDataset(img, lab, { imagesName: file.images, labelsName: file.labels });
}
