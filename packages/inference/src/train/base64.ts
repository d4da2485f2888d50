/**
 * Float arrays as base64 text of their little-endian bytes, for
 * checkpoints: bit-exact (−0, every NaN payload) and browser-safe (no
 * Buffer). The base64 itself is @stochnet/graph's, shared with saved
 * networks.
 *
 * @module
 */
import { decodeBase64, encodeBase64 } from '@stochnet/graph';
import type { FloatArray } from '@stochnet/model';

/** A float array as JSON-safe data. */
export interface PackedArray {
  /** Element type. */
  readonly dtype: 'float32' | 'float64';
  /** Number of elements. */
  readonly length: number;
  /** Base64 of the little-endian bytes. */
  readonly data: string;
}

/** @internal Packs a float array. */
export function pack(x: FloatArray): PackedArray {
  const wide = x instanceof Float64Array;
  const size = wide ? 8 : 4;
  const bytes = new Uint8Array(x.length * size);
  const view = new DataView(bytes.buffer);
  for (let i = 0; i < x.length; i++) {
    if (wide) view.setFloat64(i * 8, x[i]!, true);
    else view.setFloat32(i * 4, x[i]!, true);
  }
  return { dtype: wide ? 'float64' : 'float32', length: x.length, data: encodeBase64(bytes) };
}

/** @internal Unpacks a packed array, or returns undefined when it is malformed or not `length` elements of `dtype`. */
export function unpack(p: unknown, dtype: 'float32' | 'float64', length: number): FloatArray | undefined {
  const o = p as Partial<PackedArray> | null;
  if (o === null || typeof o !== 'object' || o.dtype !== dtype || o.length !== length || typeof o.data !== 'string') return undefined;
  const size = dtype === 'float64' ? 8 : 4;
  const bytes = decodeBase64(o.data);
  if (bytes === undefined || bytes.length !== length * size) return undefined;
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const out = dtype === 'float64' ? new Float64Array(length) : new Float32Array(length);
  for (let i = 0; i < length; i++) out[i] = size === 8 ? view.getFloat64(i * 8, true) : view.getFloat32(i * 4, true);
  return out;
}
