/**
 * Standard base64 (RFC 4648 §4, with `=` padding), browser-safe: no Buffer,
 * no `atob` (which works on binary strings, not bytes).
 *
 * @module
 */
import { ValidationError } from './errors.js';

const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
const DECODE = new Int16Array(128).fill(-1);
for (let i = 0; i < ALPHABET.length; i++) DECODE[ALPHABET.charCodeAt(i)] = i;
const CODES = Uint8Array.from(ALPHABET, (c) => c.charCodeAt(0));
const PAD = '='.charCodeAt(0);

/**
 * Encodes bytes as padded standard base64 text (RFC 4648 §4), without
 * Buffer or `btoa`, so it runs in browsers and Node alike: the encoding of
 * the large arrays in saved networks, shared by every package that stores
 * typed arrays as text.
 *
 * @param bytes - the bytes (for a typed array `x`, pass
 *   `new Uint8Array(x.buffer, x.byteOffset, x.byteLength)`; mind the byte order)
 * @returns the base64 text, 4·⌈n/3⌉ characters
 * @throws {@link ValidationError} when `bytes` is not a Uint8Array
 *
 * @example
 * ```ts
 * import { encodeBase64 } from '@stochnet/graph';
 * console.log(encodeBase64(new Uint8Array([104, 105]))); // 'aGk='
 * ```
 */
export function encodeBase64(bytes: Uint8Array): string {
  if (!(bytes instanceof Uint8Array)) {
    throw new ValidationError('encodeBase64 needs a Uint8Array of bytes', { argument: 'bytes', expected: 'Uint8Array' });
  }
  const n = bytes.length;
  const out = new Uint8Array(4 * Math.ceil(n / 3));
  let o = 0;
  let i = 0;
  for (; i + 3 <= n; i += 3) {
    const triple = (bytes[i]! << 16) | (bytes[i + 1]! << 8) | bytes[i + 2]!;
    out[o++] = CODES[triple >> 18]!;
    out[o++] = CODES[(triple >> 12) & 63]!;
    out[o++] = CODES[(triple >> 6) & 63]!;
    out[o++] = CODES[triple & 63]!;
  }
  if (i < n) {
    const b1 = i + 1 < n ? bytes[i + 1]! : 0;
    const triple = (bytes[i]! << 16) | (b1 << 8);
    out[o++] = CODES[triple >> 18]!;
    out[o++] = CODES[(triple >> 12) & 63]!;
    out[o++] = i + 1 < n ? CODES[(triple >> 6) & 63]! : PAD;
    out[o++] = PAD;
  }
  // Every byte is ASCII, so UTF-8 decoding is exact.
  return new TextDecoder().decode(out);
}

/**
 * The number of bytes a padded base64 text decodes to, or -1 when its length
 * or padding is malformed. Reads only the length and the last two characters,
 * so callers can check sizes before allocating.
 *
 * @internal
 */
export function base64ByteLength(text: string): number {
  if (text.length % 4 !== 0) return -1;
  const pad = text.endsWith('==') ? 2 : text.endsWith('=') ? 1 : 0;
  return (text.length / 4) * 3 - pad;
}

/**
 * Decodes padded standard base64 text, the inverse of {@link encodeBase64}.
 *
 * @param text - the base64 text
 * @returns the bytes, or `undefined` when `text` is not valid padded base64
 *   (a length that is not a multiple of 4, a character outside the
 *   alphabet, or misplaced padding)
 * @throws {@link ValidationError} when `text` is not a string
 *
 * @example
 * ```ts
 * import { decodeBase64 } from '@stochnet/graph';
 * console.log(decodeBase64('aGk='), decodeBase64('a*k=')); // Uint8Array(2) [ 104, 105 ] undefined
 * ```
 */
export function decodeBase64(text: string): Uint8Array | undefined {
  if (typeof text !== 'string') {
    throw new ValidationError('decodeBase64 needs base64 text (a string)', { argument: 'text', expected: 'string', received: typeof text });
  }
  const length = base64ByteLength(text);
  if (length < 0) return undefined;
  const out = new Uint8Array(length);
  let o = 0;
  for (let i = 0; i < text.length; i += 4) {
    const last = i + 4 === text.length;
    const c0 = sextet(text, i);
    const c1 = sextet(text, i + 1);
    const c2 = last && text[i + 2] === '=' && text[i + 3] === '=' ? 0 : sextet(text, i + 2);
    const c3 = last && text[i + 3] === '=' ? 0 : sextet(text, i + 3);
    if (c0 < 0 || c1 < 0 || c2 < 0 || c3 < 0) return undefined;
    const triple = (c0 << 18) | (c1 << 12) | (c2 << 6) | c3;
    out[o++] = triple >> 16;
    if (o < length) out[o++] = (triple >> 8) & 255;
    if (o < length) out[o++] = triple & 255;
  }
  return out;
}

function sextet(text: string, i: number): number {
  const code = text.charCodeAt(i);
  return code < 128 ? DECODE[code]! : -1;
}
