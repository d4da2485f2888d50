/**
 * The text encoding of the embedded digits asset, shared by the build script
 * (scripts/build-digits.ts) and the loader.
 *
 * Each byte (a pixel 0..16 or a label 0..9) is one letter, `'A' + value`;
 * each example is one line of 65 letters (64 pixels, then the label). This
 * is 25% smaller than base64 of the same bytes, needs no decoder beyond
 * `charCodeAt`, and keeps the asset line-per-example for review.
 *
 * @module
 */

/** Examples in the embedded digits. */
export const DIGITS_ROWS = 1797;
/** Pixels per example (8 × 8). */
export const DIGITS_COLS = 64;
/** Bytes per encoded example: 64 pixels and the label. */
export const DIGITS_RECORD = DIGITS_COLS + 1;

const A = 65;
const NEWLINE = 10;

/** Encodes records of `recordLength` bytes (each ≤ 25) as lines of letters. */
export function encodeLetters(bytes: Uint8Array, recordLength: number): string {
  const lines: string[] = [];
  for (let start = 0; start < bytes.length; start += recordLength) {
    let line = '';
    for (let k = start; k < start + recordLength && k < bytes.length; k++) line += String.fromCharCode(A + bytes[k]!);
    lines.push(line);
  }
  return lines.join('\n');
}

/** Decodes letters back to bytes, skipping newlines; returns null on any other character. */
export function decodeLetters(text: string): Uint8Array | null {
  let n = 0;
  for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) !== NEWLINE) n++;
  const out = new Uint8Array(n);
  let k = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === NEWLINE) continue;
    const v = c - A;
    if (v < 0 || v > 25) return null;
    out[k++] = v;
  }
  return out;
}

/** 32-bit FNV-1a hash of `bytes`, as an unsigned integer. */
export function fnv1a32(bytes: Uint8Array): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < bytes.length; i++) {
    h ^= bytes[i]!;
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}
