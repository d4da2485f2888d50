/**
 * Float arrays as base64 text of their little-endian bytes, for
 * checkpoints: bit-exact (−0, every payload) and browser-safe (no Buffer).
 *
 * @module
 */
import type { FloatArray } from '@stochnet/model';

const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
const DECODE = new Int16Array(128).fill(-1);
for (let i = 0; i < ALPHABET.length; i++) DECODE[ALPHABET.charCodeAt(i)] = i;

/** A float array as JSON-safe data. */
export interface PackedArray {
  /** Element type. */
  readonly dtype: 'float32' | 'float64';
  /** Number of elements. */
  readonly length: number;
  /** Base64 of the little-endian bytes. */
  readonly data: string;
}

function bytesOf(x: FloatArray): Uint8Array {
  const size = x instanceof Float64Array ? 8 : 4;
  const out = new Uint8Array(x.length * size);
  const view = new DataView(out.buffer);
  for (let i = 0; i < x.length; i++) {
    if (size === 8) view.setFloat64(i * 8, x[i]!, true);
    else view.setFloat32(i * 4, x[i]!, true);
  }
  return out;
}

/** @internal Packs a float array. */
export function pack(x: FloatArray): PackedArray {
  const bytes = bytesOf(x);
  let text = '';
  for (let i = 0; i < bytes.length; i += 3) {
    const b0 = bytes[i]!;
    const b1 = i + 1 < bytes.length ? bytes[i + 1]! : 0;
    const b2 = i + 2 < bytes.length ? bytes[i + 2]! : 0;
    const t = (b0 << 16) | (b1 << 8) | b2;
    text += ALPHABET[t >> 18]! + ALPHABET[(t >> 12) & 63]!;
    text += i + 1 < bytes.length ? ALPHABET[(t >> 6) & 63]! : '=';
    text += i + 2 < bytes.length ? ALPHABET[t & 63]! : '=';
  }
  return { dtype: x instanceof Float64Array ? 'float64' : 'float32', length: x.length, data: text };
}

/** @internal Unpacks a packed array, or returns undefined when it is malformed or not `length` elements of `dtype`. */
export function unpack(p: unknown, dtype: 'float32' | 'float64', length: number): FloatArray | undefined {
  const o = p as Partial<PackedArray> | null;
  if (o === null || typeof o !== 'object' || o.dtype !== dtype || o.length !== length || typeof o.data !== 'string') return undefined;
  const size = dtype === 'float64' ? 8 : 4;
  const text = o.data;
  const nBytes = length * size;
  if (text.length !== 4 * Math.ceil(nBytes / 3)) return undefined;
  const bytes = new Uint8Array(nBytes);
  for (let i = 0, j = 0; i < text.length; i += 4) {
    const s = [0, 1, 2, 3].map((q) => {
      const c = text.charCodeAt(i + q);
      return text[i + q] === '=' ? 0 : c < 128 ? DECODE[c]! : -1;
    });
    if (s.some((v) => v < 0)) return undefined;
    const t = (s[0]! << 18) | (s[1]! << 12) | (s[2]! << 6) | s[3]!;
    if (j < nBytes) bytes[j++] = t >> 16;
    if (j < nBytes) bytes[j++] = (t >> 8) & 255;
    if (j < nBytes) bytes[j++] = t & 255;
  }
  const view = new DataView(bytes.buffer);
  const out = dtype === 'float64' ? new Float64Array(length) : new Float32Array(length);
  for (let i = 0; i < length; i++) out[i] = size === 8 ? view.getFloat64(i * 8, true) : view.getFloat32(i * 4, true);
  return out;
}
