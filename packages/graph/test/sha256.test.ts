import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { base64ByteLength, decodeBase64, encodeBase64 } from '../src/base64.js';
import { createSha256, sha256 } from '../src/sha256.js';

const node = (b: Uint8Array): string => createHash('sha256').update(b).digest('hex');
const bytes = (n: number, seed: number): Uint8Array => Uint8Array.from({ length: n }, (_, i) => (i * 31 + seed * 17 + ((i * i) >> 3)) & 255);

describe('sha256', () => {
  it('matches the FIPS 180-4 / NIST vectors', () => {
    expect(sha256('')).toBe('e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855');
    expect(sha256('abc')).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
    expect(sha256('abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq')).toBe(
      '248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1',
    );
    expect(sha256('a'.repeat(1_000_000))).toBe('cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0');
  });

  it('agrees with node:crypto at every length around the block and padding edges', () => {
    for (let n = 0; n <= 200; n++) expect(sha256(bytes(n, n))).toBe(node(bytes(n, n)));
  });

  it('gives the same digest however the input is split into updates', () => {
    const data = bytes(1000, 3);
    for (const step of [1, 7, 63, 64, 65, 333]) {
      const h = createSha256();
      for (let i = 0; i < data.length; i += step) h.update(data.subarray(i, i + step));
      expect(h.digestHex()).toBe(node(data));
    }
  });

  it('negative control: one flipped bit changes the digest', () => {
    const data = bytes(100, 1);
    const flipped = data.slice();
    flipped[50]! ^= 1;
    expect(sha256(flipped)).not.toBe(sha256(data));
  });
});

describe('base64', () => {
  it('agrees with Buffer at every length 0..100 and round-trips', () => {
    for (let n = 0; n <= 100; n++) {
      const b = bytes(n, n + 5);
      const text = encodeBase64(b);
      expect(text).toBe(Buffer.from(b).toString('base64'));
      expect(base64ByteLength(text)).toBe(n);
      expect(decodeBase64(text)).toEqual(b);
    }
  });

  it('encodes inputs longer than one internal chunk', () => {
    const b = bytes(50_000, 9);
    expect(encodeBase64(b)).toBe(Buffer.from(b).toString('base64'));
  });

  it('rejects malformed text', () => {
    for (const bad of ['A', 'AB', 'ABC', 'AB=C', 'A===', '=AAA', 'AB!D', 'ABCD====', 'AÀCD', 'AA==AAAA']) {
      expect(decodeBase64(bad)).toBeUndefined();
    }
  });
});
