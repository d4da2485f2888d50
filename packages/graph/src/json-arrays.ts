/**
 * Numeric arrays inside saved networks: every array states its dtype and
 * shape, and is stored either inline as JSON numbers or as base64 of its
 * little-endian bytes.
 *
 * @module
 */
import { base64ByteLength, decodeBase64, encodeBase64 } from './base64.js';
import {
  NonFiniteError,
  SchemaError,
  ShapeError,
  type StochnetError,
  TooLargeError,
  ValidationError,
} from './errors.js';
import { isRecord, kindOf } from './values.js';

/** The element types a saved array may have. */
export type ArrayDtype = 'float64' | 'int32' | 'uint8';

/** A typed array of one of the saved dtypes. */
export type SavedArray = Float64Array | Int32Array | Uint8Array;

/** The largest number of elements one saved array (or group) may declare. */
export const MAX_SAVED_ELEMENTS = 2 ** 28;

const BYTES: Record<ArrayDtype, number> = { float64: 8, int32: 4, uint8: 1 };
const ARRAY_KEYS = new Set(['dtype', 'shape', 'encoding', 'data']);

/** The JSON form of one array, with a fixed key order. */
export interface EncodedArray {
  readonly dtype: ArrayDtype;
  readonly shape: readonly number[];
  readonly encoding: 'json' | 'base64';
  readonly data: readonly number[] | string;
}

/** Little-endian bytes of `values`; float64 -0 is written as +0. */
export function arrayBytes(values: SavedArray, dtype: ArrayDtype, start = 0, end = values.length): Uint8Array {
  const bytes = new Uint8Array((end - start) * BYTES[dtype]);
  const view = new DataView(bytes.buffer);
  for (let i = start, o = 0; i < end; i++, o += BYTES[dtype]) {
    const v = values[i]!;
    if (dtype === 'float64') view.setFloat64(o, v === 0 ? 0 : v, true);
    else if (dtype === 'int32') view.setInt32(o, v, true);
    else view.setUint8(o, v);
  }
  return bytes;
}

/**
 * Encodes one array, refusing non-finite numbers.
 *
 * @throws {@link NonFiniteError} naming `place` and the index of the first NaN or ±Infinity
 */
export function encodeArray(
  values: SavedArray,
  dtype: ArrayDtype,
  shape: readonly number[],
  inline: number,
  place: Readonly<Record<string, unknown>>,
): EncodedArray {
  if (dtype === 'float64') {
    for (let i = 0; i < values.length; i++) {
      const v = values[i]!;
      if (!Number.isFinite(v)) {
        throw new NonFiniteError(
          `cannot save ${String(v)} at ${String(place.path)}[${i}]; a saved network holds finite numbers only: fix or retrain the parameter first`,
          { ...place, index: i, received: String(v) },
        );
      }
    }
  }
  if (values.length <= inline) {
    return { dtype, shape, encoding: 'json', data: Array.from(values, (v) => (v === 0 ? 0 : v)) };
  }
  return { dtype, shape, encoding: 'base64', data: encodeBase64(arrayBytes(values, dtype)) };
}

function readShape(issues: StochnetError[], value: unknown, path: string): number[] | undefined {
  if (!Array.isArray(value) || value.some((d) => typeof d !== 'number' || !Number.isSafeInteger(d) || d < 0)) {
    issues.push(
      new SchemaError(`${path} must be a list of non-negative integers`, { path, expected: 'non-negative integers', received: kindOf(value) }),
    );
    return undefined;
  }
  return value as number[];
}

function checkElement(v: unknown, dtype: ArrayDtype, path: string): StochnetError | undefined {
  if (typeof v !== 'number' || !Number.isFinite(v)) {
    const received = typeof v === 'number' ? String(v) : kindOf(v);
    if (typeof v === 'number' || v === null) {
      return new NonFiniteError(`${path} is ${received}; saved numbers must be finite (was the file written with NaN?)`, {
        path,
        expected: 'finite number',
        received,
      });
    }
    return new ValidationError(`${path} must be a finite number, got ${received}`, { path, expected: 'finite number', received });
  }
  if (dtype === 'float64') return undefined;
  const [low, high] = dtype === 'int32' ? [-(2 ** 31), 2 ** 31 - 1] : [0, 255];
  if (!Number.isInteger(v) || v < low || v > high) {
    return new ValidationError(`${path} must be an ${dtype} integer in [${low}, ${high}], got ${v}`, {
      path,
      expected: dtype,
      received: v,
    });
  }
  return undefined;
}

function allocate(dtype: ArrayDtype, n: number): SavedArray {
  return dtype === 'float64' ? new Float64Array(n) : dtype === 'int32' ? new Int32Array(n) : new Uint8Array(n);
}

/**
 * Reads one saved array at `path`, checking its dtype, its shape (against
 * `expected` when given), its length and every element; pushes each problem
 * to `issues` and returns `undefined` when there is any. Nothing larger than
 * {@link MAX_SAVED_ELEMENTS} is allocated.
 */
export function decodeArray(
  issues: StochnetError[],
  value: unknown,
  path: string,
  dtype: ArrayDtype,
  expected?: readonly number[],
): SavedArray | undefined {
  if (!isRecord(value)) {
    issues.push(new SchemaError(`${path} must be an array object { dtype, shape, encoding, data }`, { path, received: kindOf(value) }));
    return undefined;
  }
  const before = issues.length;
  for (const key of Object.keys(value)) {
    if (!ARRAY_KEYS.has(key)) issues.push(new SchemaError(`unknown key '${key}' at ${path}`, { path: `${path}.${key}` }));
  }
  if (value.dtype !== dtype) {
    issues.push(new SchemaError(`${path}.dtype must be '${dtype}'`, { path: `${path}.dtype`, expected: dtype, received: value.dtype }));
  }
  const shape = readShape(issues, value.shape, `${path}.shape`);
  if (shape === undefined || issues.length > before) return undefined;
  let n = 1;
  for (const d of shape) n *= d;
  if (n > MAX_SAVED_ELEMENTS) {
    issues.push(
      new TooLargeError(`${path} declares ${n} elements, more than the limit ${MAX_SAVED_ELEMENTS}`, {
        path: `${path}.shape`,
        limit: MAX_SAVED_ELEMENTS,
        received: shape,
      }),
    );
    return undefined;
  }
  if (expected !== undefined && (expected.length !== shape.length || expected.some((d, i) => d !== shape[i]))) {
    issues.push(
      new ShapeError(`${path} has shape ${shape.join('×')}, expected ${expected.join('×')}`, {
        path: `${path}.shape`,
        expected,
        received: shape,
      }),
    );
    return undefined;
  }
  if (value.encoding === 'json') return decodeInline(issues, value.data, path, dtype, n);
  if (value.encoding === 'base64') return decodePacked(issues, value.data, path, dtype, n);
  issues.push(
    new SchemaError(`${path}.encoding must be 'json' or 'base64'`, {
      path: `${path}.encoding`,
      expected: ['json', 'base64'],
      received: value.encoding,
    }),
  );
  return undefined;
}

function lengthIssue(path: string, n: number, received: number): ShapeError {
  return new ShapeError(`${path}.data holds ${received} elements but the declared shape has ${n}`, {
    path: `${path}.data`,
    expected: n,
    received,
  });
}

function decodeInline(issues: StochnetError[], data: unknown, path: string, dtype: ArrayDtype, n: number): SavedArray | undefined {
  if (!Array.isArray(data)) {
    issues.push(new SchemaError(`${path}.data must be a list of numbers`, { path: `${path}.data`, received: kindOf(data) }));
    return undefined;
  }
  if (data.length !== n) {
    issues.push(lengthIssue(path, n, data.length));
    return undefined;
  }
  for (let i = 0; i < n; i++) {
    const issue = checkElement(data[i], dtype, `${path}.data[${i}]`);
    if (issue !== undefined) {
      issues.push(issue);
      return undefined;
    }
  }
  const out = allocate(dtype, n);
  for (let i = 0; i < n; i++) out[i] = (data[i] as number) + 0; // + 0 turns -0 into +0
  return out;
}

function decodePacked(issues: StochnetError[], data: unknown, path: string, dtype: ArrayDtype, n: number): SavedArray | undefined {
  if (typeof data !== 'string') {
    issues.push(new SchemaError(`${path}.data must be a base64 string`, { path: `${path}.data`, received: kindOf(data) }));
    return undefined;
  }
  const size = base64ByteLength(data);
  if (size >= 0 && size !== n * BYTES[dtype]) {
    issues.push(lengthIssue(path, n, Math.floor(size / BYTES[dtype])));
    return undefined;
  }
  const bytes = size < 0 ? undefined : decodeBase64(data);
  if (bytes === undefined) {
    issues.push(new SchemaError(`${path}.data is not valid base64`, { path: `${path}.data` }));
    return undefined;
  }
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const out = allocate(dtype, n);
  for (let i = 0; i < n; i++) {
    if (dtype === 'float64') {
      const v = view.getFloat64(8 * i, true);
      if (!Number.isFinite(v)) {
        issues.push(
          new NonFiniteError(`${path}.data[${i}] decodes to ${v}; saved numbers must be finite`, {
            path: `${path}.data[${i}]`,
            expected: 'finite number',
            received: String(v),
          }),
        );
        return undefined;
      }
      out[i] = v + 0;
    } else if (dtype === 'int32') {
      out[i] = view.getInt32(4 * i, true);
    } else {
      out[i] = bytes[i]!;
    }
  }
  return out;
}
