/**
 * IDX and CSV files from paths (Node only).
 *
 * @module
 */
import { access } from 'node:fs/promises';
import { join } from 'node:path';
import { ConfigError } from '@stochnet/graph';
import { DataFileError, idxDataset, isGzip, parseCsv, parseIdx } from '@stochnet/data';
import type { CsvDataset, Dataset, IdxArray, ParseCsvOptions } from '@stochnet/data';
import { gunzipFile, readBytes } from './files.js';

/** Where Debian's `dataset-fashion-mnist` package puts Fashion-MNIST. */
export const FASHION_MNIST_DIR = '/usr/share/datasets/fashion-mnist';

/** How to get Fashion-MNIST, for error hints. */
export const FASHION_MNIST_HINT = 'on Debian or Ubuntu, `apt-get install dataset-fashion-mnist` puts Fashion-MNIST in /usr/share/datasets/fashion-mnist';

/**
 * Reads an IDX file (MNIST format), plain or gzip-compressed (gunzipped
 * with node:zlib).
 *
 * @param path - the file
 * @returns the dtype, dimensions and values (see `parseIdx`)
 * @throws DataFileError when the file cannot be read; DataFormatError
 *   (`details.file` is the path, `details.offset` the byte) or TooLargeError
 *   as `parseIdx`
 *
 * @example
 * ```ts
 * import { writeFile } from 'node:fs/promises';
 * import { tmpdir } from 'node:os';
 * import { join } from 'node:path';
 * import { readIdxFile } from '@stochnet/data/node';
 * const path = join(tmpdir(), 'stochnet-example-labels-idx1-ubyte');
 * await writeFile(path, new Uint8Array([0, 0, 8, 1, 0, 0, 0, 2, 5, 6]));
 * const idx = await readIdxFile(path);
 * console.log(idx.dims, Array.from(idx.data)); // [ 2 ] [ 5, 6 ]
 * ```
 */
export async function readIdxFile(path: string): Promise<IdxArray> {
  const bytes = await readBytes(path);
  if (!isGzip(bytes)) return parseIdx(bytes, { name: path });
  return parseIdx(await gunzipFile(bytes, path), { name: path, decompressed: true });
}

/**
 * Reads an image data set from an IDX images file and, optionally, its
 * labels file (each plain or gzip-compressed).
 *
 * @param imagesPath - the images file (uint8, dims [n, h, w] or [n, d])
 * @param labelsPath - the labels file (uint8, dims [n]), or omitted
 * @returns bytes 0..255 (not binarised), labels or null, shape [h, w]
 * @throws DataFileError, DataFormatError, TooLargeError as
 *   {@link readIdxFile}; ShapeError (with `details.offset` 4, the label
 *   count's place) when the label count differs from the image count
 *
 * @example
 * ```ts
 * import { writeFile } from 'node:fs/promises';
 * import { tmpdir } from 'node:os';
 * import { join } from 'node:path';
 * import { readIdxDataset } from '@stochnet/data/node';
 * const images = join(tmpdir(), 'stochnet-example-images-idx3-ubyte');
 * await writeFile(images, new Uint8Array([0, 0, 8, 3, 0, 0, 0, 1, 0, 0, 0, 1, 0, 0, 0, 2, 0, 255]));
 * const d = await readIdxDataset(images);
 * console.log(d.rows, d.shape, Array.from(d.images)); // 1 [ 1, 2 ] [ 0, 255 ]
 * ```
 */
export async function readIdxDataset(imagesPath: string, labelsPath?: string): Promise<Dataset<Uint8Array>> {
  const images = await readIdxFile(imagesPath);
  const labels = labelsPath === undefined ? null : await readIdxFile(labelsPath);
  return idxDataset(images, labels, { imagesName: imagesPath, ...(labelsPath === undefined ? {} : { labelsName: labelsPath }) });
}

async function firstExisting(paths: readonly string[]): Promise<string | undefined> {
  for (const p of paths) {
    try {
      await access(p);
      return p;
    } catch {
      // try the next name
    }
  }
  return undefined;
}

/**
 * Reads the MNIST-layout files of one set from a folder:
 * `<set>-images-idx3-ubyte[.gz]` and `<set>-labels-idx1-ubyte[.gz]`, as
 * MNIST and Fashion-MNIST ship them (the uncompressed name is tried first).
 *
 * @param dir - the folder (for Fashion-MNIST from Debian: {@link FASHION_MNIST_DIR})
 * @param set - `'train'` (60,000 images, default) or `'t10k'` (10,000)
 * @returns 28×28 byte images 0..255 with labels 0..9
 * @throws DataFileError (`details.cause` `'ENOENT'`, with a hint on how to
 *   get Fashion-MNIST) when a file is missing; DataFormatError and
 *   ShapeError as {@link readIdxDataset}; ConfigError for another `set`
 *
 * @example
 * ```ts
 * import { DataFileError } from '@stochnet/data';
 * import { readMnist } from '@stochnet/data/node';
 * try {
 *   await readMnist('/no/such/folder', 't10k');
 * } catch (e) {
 *   console.log(e instanceof DataFileError); // true
 * }
 * ```
 */
export async function readMnist(dir: string, set: 'train' | 't10k' = 'train'): Promise<Dataset<Uint8Array>> {
  if (set !== 'train' && set !== 't10k') {
    throw new ConfigError(`readMnist: set must be 'train' or 't10k', got ${String(set)}`, { function: 'readMnist', option: 'set', received: String(set) });
  }
  const names = (kind: string): string[] => [join(dir, `${set}-${kind}-ubyte`), join(dir, `${set}-${kind}-ubyte.gz`)];
  const images = await firstExisting(names('images-idx3'));
  const labels = await firstExisting(names('labels-idx1'));
  const missing = images === undefined ? names('images-idx3')[1]! : labels === undefined ? names('labels-idx1')[1]! : undefined;
  if (missing !== undefined) {
    throw new DataFileError(`readMnist: ${missing} (or its uncompressed form) does not exist; ${FASHION_MNIST_HINT}`, {
      file: missing,
      cause: 'ENOENT',
      hint: FASHION_MNIST_HINT,
    });
  }
  return readIdxDataset(images!, labels!);
}

/**
 * Reads a numeric CSV file (plain or gzip-compressed) into a data set.
 *
 * @param path - the file
 * @param options - as `parseCsv` (its `name` is the path)
 * @returns the values, labels and header
 * @throws DataFileError when the file cannot be read; DataFormatError
 *   (`details.file`, `details.line`, `details.column`), ConfigError and
 *   ShapeError as `parseCsv`
 *
 * @example
 * ```ts
 * import { writeFile } from 'node:fs/promises';
 * import { tmpdir } from 'node:os';
 * import { join } from 'node:path';
 * import { readCsvFile } from '@stochnet/data/node';
 * const path = join(tmpdir(), 'stochnet-example.csv');
 * await writeFile(path, '0,1,1\n1,0,0\n');
 * const d = await readCsvFile(path, { labelColumn: -1 });
 * console.log(d.rows, d.cols, Array.from(d.labels ?? [])); // 2 2 [ 1, 0 ]
 * ```
 */
export async function readCsvFile(path: string, options?: ParseCsvOptions): Promise<CsvDataset> {
  let bytes = await readBytes(path);
  if (isGzip(bytes)) bytes = await gunzipFile(bytes, path);
  return parseCsv(new TextDecoder('utf-8').decode(bytes), { ...options, name: path });
}
