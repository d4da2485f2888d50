/**
 * Twins of the `@example` blocks in compare-ids.ts and base64.ts, and their
 * edge cases: empty input, every padding length, bytes of every value.
 */
import { describe, expect, it } from 'vitest';
import { compareIds, decodeBase64, encodeBase64, ValidationError } from '@stochnet/graph';

describe('compare-ids.ts example', () => {
  it('compareIds', () => {
    expect(['h', 'V', 'h10', 'h2'].sort(compareIds)).toEqual(['V', 'h', 'h10', 'h2']);
  });
});

describe('base64.ts examples', () => {
  it('encodeBase64 and decodeBase64', () => {
    expect(encodeBase64(new Uint8Array([104, 105]))).toBe('aGk=');
    expect([decodeBase64('aGk='), decodeBase64('a*k=')]).toEqual([new Uint8Array([104, 105]), undefined]);
  });

  it('round-trips every length 0..7 and every byte value', () => {
    const all = Uint8Array.from({ length: 256 }, (_, i) => i);
    for (let n = 0; n < 8; n++) expect(decodeBase64(encodeBase64(all.subarray(0, n)))).toEqual(all.slice(0, n));
    expect(decodeBase64(encodeBase64(all))).toEqual(all);
    expect(encodeBase64(new Uint8Array(0))).toBe('');
    expect(encodeBase64(Uint8Array.of(0xfb, 0xff))).toBe('+/8='); // the two non-alphanumeric letters
  });

  it('rejects malformed text with undefined and wrong argument types with ValidationError', () => {
    for (const bad of ['a', 'aGk', 'aG=k', '=aGk', 'aGk=aGk=', 'aGkä']) expect(decodeBase64(bad)).toBeUndefined();
    expect(() => encodeBase64([1, 2] as never)).toThrow(ValidationError);
    expect(() => decodeBase64(42 as never)).toThrow(ValidationError);
  });
});
