/**
 * The IDX format of MNIST and Fashion-MNIST: a magic number, big-endian
 * dimensions, big-endian data; plain or gzip-compressed.
 *
 * @module
 */
import { gunzipSync } from 'fflate';
import { TooLargeError } from '@stochnet/graph';
import { optionError, optionsObject } from './check.js';
import { DataFormatError } from './errors.js';

/** Element types of IDX files, by their type byte: 0x08 uint8, 0x09 int8, 0x0B int16, 0x0C int32, 0x0D float32, 0x0E float64. */
export type IdxDtype = 'uint8' | 'int8' | 'int16' | 'int32' | 'float32' | 'float64';

/** The typed array holding an IDX file's data, by dtype. */
export type IdxData = Uint8Array | Int8Array | Int16Array | Int32Array | Float32Array | Float64Array;

/** A parsed IDX file. */
export interface IdxArray {
  /** Element type. */
  readonly dtype: IdxDtype;
  /** Dimensions, outermost first (MNIST images: [count, 28, 28]; labels: [count]). */
  readonly dims: readonly number[];
  /** The values, row-major, in native byte order. */
  readonly data: IdxData;
}

/** Options of {@link parseIdx}. */
export interface ParseIdxOptions {
  /** The file's name, used in error details (default `'<bytes>'`). */
  readonly name?: string | undefined;
  /**
   * The caller gunzipped these bytes from a gzip file: offsets in errors are
   * then marked as decompressed-stream offsets (`details.gzip` true). Default false.
   */
  readonly decompressed?: boolean | undefined;
}

/** The largest number of elements an IDX file may hold (2^31 − 1). */
export const MAX_IDX_ELEMENTS = 2 ** 31 - 1;

const TYPES: Readonly<Record<number, { dtype: IdxDtype; size: number }>> = {
  0x08: { dtype: 'uint8', size: 1 },
  0x09: { dtype: 'int8', size: 1 },
  0x0b: { dtype: 'int16', size: 2 },
  0x0c: { dtype: 'int32', size: 4 },
  0x0d: { dtype: 'float32', size: 4 },
  0x0e: { dtype: 'float64', size: 8 },
};

/**
 * Whether `bytes` start with the gzip magic number 1f 8b.
 *
 * @param bytes - the file's bytes
 * @returns true for a gzip stream
 * @throws ConfigError when `bytes` is not a Uint8Array
 *
 * @example
 * ```ts
 * import { isGzip } from '@stochnet/data';
 * console.log(isGzip(new Uint8Array([0x1f, 0x8b, 8])), isGzip(new Uint8Array([0, 0, 8, 1]))); // true false
 * ```
 */
export function isGzip(bytes: Uint8Array): boolean {
  if (!(bytes instanceof Uint8Array)) throw optionError('isGzip', 'bytes', 'a Uint8Array', bytes);
  return bytes.length >= 2 && bytes[0] === 0x1f && bytes[1] === 0x8b;
}

/** Decompresses a gzip stream; a corrupt one is a DataFormatError with reason 'gzip'. */
function gunzipBytes(bytes: Uint8Array, file: string): Uint8Array {
  try {
    return gunzipSync(bytes);
  } catch (e) {
    throw new DataFormatError(`${file}: the gzip stream is corrupt or truncated (${(e as Error).message}); download the file again`, {
      file,
      reason: 'gzip',
      received: bytes.length,
    });
  }
}

function fail(file: string, reason: string, offset: number, what: string, expected: unknown, received: unknown, gzip: boolean): never {
  const where = gzip ? `byte ${offset} of the decompressed stream` : `byte ${offset}`;
  throw new DataFormatError(`${file}: ${what} at ${where}; expected ${String(expected)}, got ${String(received)}`, {
    file,
    reason,
    offset,
    expected,
    received,
    gzip,
  });
}

/**
 * Parses an IDX file (MNIST format) from its bytes, gzip-compressed or not.
 *
 * @remarks
 * Layout: bytes 0–1 are zero; byte 2 is the element type (0x08 uint8, 0x09
 * int8, 0x0B int16, 0x0C int32, 0x0D float32, 0x0E float64); byte 3 the
 * number of dimensions d; then d big-endian uint32 sizes; then the values,
 * big-endian, row-major. A stream starting with 1f 8b is gunzipped first
 * (fflate, which runs in browsers and Node alike); offsets in errors then
 * count in the decompressed stream and `details.gzip` is true.
 *
 * @param bytes - the file's bytes (not modified)
 * @param options - the file name for errors
 * @returns the dtype, dimensions and values
 * @throws DataFormatError with `details.reason` `'magic'`, `'dtype'`,
 *   `'truncated'`, `'trailing'` or `'gzip'`, and the byte `offset`;
 *   TooLargeError past 2^31 − 1 elements
 *
 * @example
 * ```ts
 * import { parseIdx } from '@stochnet/data';
 * const bytes = new Uint8Array([0, 0, 0x08, 1, 0, 0, 0, 3, 7, 8, 9]);
 * const idx = parseIdx(bytes);
 * console.log(idx.dtype, idx.dims, Array.from(idx.data)); // 'uint8' [ 3 ] [ 7, 8, 9 ]
 * ```
 */
export function parseIdx(bytes: Uint8Array, options?: ParseIdxOptions): IdxArray {
  const o = optionsObject('parseIdx', options);
  const file = o['name'] === undefined ? '<bytes>' : String(o['name']);
  if (!(bytes instanceof Uint8Array)) throw optionError('parseIdx', 'bytes', 'a Uint8Array', bytes);
  const gzip = isGzip(bytes) || o['decompressed'] === true;
  const b = isGzip(bytes) ? gunzipBytes(bytes, file) : bytes;
  for (let i = 0; i < 2; i++) {
    if (i < b.length && b[i] !== 0) fail(file, 'magic', i, 'not an IDX file: bad magic number', 0, b[i], gzip);
  }
  if (b.length < 4) fail(file, 'truncated', b.length, 'the file ends inside the 4-byte header', 'at least 4 bytes', b.length, gzip);
  const type = TYPES[b[2]!];
  if (type === undefined) fail(file, 'dtype', 2, 'unknown element type', '0x08, 0x09, 0x0b, 0x0c, 0x0d or 0x0e', `0x${b[2]!.toString(16)}`, gzip);
  const ndims = b[3]!;
  const headerEnd = 4 + 4 * ndims;
  if (b.length < headerEnd) fail(file, 'truncated', b.length, `the file ends inside the ${ndims} dimension sizes`, `${headerEnd} header bytes`, b.length, gzip);
  const view = new DataView(b.buffer, b.byteOffset, b.byteLength);
  const dims: number[] = [];
  let count = 1;
  for (let k = 0; k < ndims; k++) {
    const size = view.getUint32(4 + 4 * k, false);
    dims.push(size);
    count *= size;
  }
  if (count > MAX_IDX_ELEMENTS) {
    throw new TooLargeError(`${file}: dimensions ${dims.join('×')} hold ${count} elements; the limit is ${MAX_IDX_ELEMENTS}`, {
      file,
      dims,
      limit: MAX_IDX_ELEMENTS,
    });
  }
  const end = headerEnd + count * type.size;
  if (b.length < end) fail(file, 'truncated', b.length, `the data stops early (dims ${dims.join('×')})`, `${end} bytes`, b.length, gzip);
  if (b.length > end) fail(file, 'trailing', end, 'extra bytes after the data', `${end} bytes`, b.length, gzip);
  return { dtype: type.dtype, dims, data: readValues(view, headerEnd, count, type.dtype) };
}

function readValues(view: DataView, start: number, n: number, dtype: IdxDtype): IdxData {
  switch (dtype) {
    case 'uint8':
      return new Uint8Array(view.buffer, view.byteOffset + start, n).slice();
    case 'int8':
      return new Int8Array(view.buffer, view.byteOffset + start, n).slice();
    case 'int16': {
      const out = new Int16Array(n);
      for (let i = 0; i < n; i++) out[i] = view.getInt16(start + 2 * i, false);
      return out;
    }
    case 'int32': {
      const out = new Int32Array(n);
      for (let i = 0; i < n; i++) out[i] = view.getInt32(start + 4 * i, false);
      return out;
    }
    case 'float32': {
      const out = new Float32Array(n);
      for (let i = 0; i < n; i++) out[i] = view.getFloat32(start + 4 * i, false);
      return out;
    }
    case 'float64': {
      const out = new Float64Array(n);
      for (let i = 0; i < n; i++) out[i] = view.getFloat64(start + 8 * i, false);
      return out;
    }
  }
}
