/**
 * A small, pure-TypeScript SHA-256 (FIPS 180-4), browser-safe: no `node:`
 * imports, no WebCrypto (which is asynchronous).
 *
 * @module
 */

const K = new Uint32Array([
  0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1, 0x923f82a4, 0xab1c5ed5, 0xd807aa98, 0x12835b01,
  0x243185be, 0x550c7dc3, 0x72be5d74, 0x80deb1fe, 0x9bdc06a7, 0xc19bf174, 0xe49b69c1, 0xefbe4786, 0x0fc19dc6, 0x240ca1cc,
  0x2de92c6f, 0x4a7484aa, 0x5cb0a9dc, 0x76f988da, 0x983e5152, 0xa831c66d, 0xb00327c8, 0xbf597fc7, 0xc6e00bf3, 0xd5a79147,
  0x06ca6351, 0x14292967, 0x27b70a85, 0x2e1b2138, 0x4d2c6dfc, 0x53380d13, 0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85,
  0xa2bfe8a1, 0xa81a664b, 0xc24b8b70, 0xc76c51a3, 0xd192e819, 0xd6990624, 0xf40e3585, 0x106aa070, 0x19a4c116, 0x1e376c08,
  0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a, 0x5b9cca4f, 0x682e6ff3, 0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208,
  0x90befffa, 0xa4506ceb, 0xbef9a3f7, 0xc67178f2,
]);

const H0 = [0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a, 0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19];

/** An incremental SHA-256: feed byte chunks with `update`, then read `digestHex` once. */
export interface Sha256 {
  /** Feeds more bytes; returns the same hasher. */
  update(bytes: Uint8Array): Sha256;
  /** Finishes and returns the digest as 64 lowercase hex digits. */
  digestHex(): string;
}

/**
 * Creates an incremental SHA-256 hasher.
 *
 * @internal
 */
export function createSha256(): Sha256 {
  const h = Uint32Array.from(H0);
  const w = new Uint32Array(64);
  const block = new Uint8Array(64);
  let filled = 0;
  let total = 0;

  const compress = (bytes: Uint8Array, at: number): void => {
    for (let t = 0; t < 16; t++) {
      const o = at + 4 * t;
      w[t] = ((bytes[o]! << 24) | (bytes[o + 1]! << 16) | (bytes[o + 2]! << 8) | bytes[o + 3]!) >>> 0;
    }
    for (let t = 16; t < 64; t++) {
      const x = w[t - 15]!;
      const y = w[t - 2]!;
      const s0 = ((x >>> 7) | (x << 25)) ^ ((x >>> 18) | (x << 14)) ^ (x >>> 3);
      const s1 = ((y >>> 17) | (y << 15)) ^ ((y >>> 19) | (y << 13)) ^ (y >>> 10);
      w[t] = (w[t - 16]! + s0 + w[t - 7]! + s1) >>> 0;
    }
    let a = h[0]!, b = h[1]!, c = h[2]!, d = h[3]!, e = h[4]!, f = h[5]!, g = h[6]!, k = h[7]!;
    for (let t = 0; t < 64; t++) {
      const S1 = ((e >>> 6) | (e << 26)) ^ ((e >>> 11) | (e << 21)) ^ ((e >>> 25) | (e << 7));
      const ch = (e & f) ^ (~e & g);
      const t1 = (k + S1 + ch + K[t]! + w[t]!) >>> 0;
      const S0 = ((a >>> 2) | (a << 30)) ^ ((a >>> 13) | (a << 19)) ^ ((a >>> 22) | (a << 10));
      const maj = (a & b) ^ (a & c) ^ (b & c);
      const t2 = (S0 + maj) >>> 0;
      k = g;
      g = f;
      f = e;
      e = (d + t1) >>> 0;
      d = c;
      c = b;
      b = a;
      a = (t1 + t2) >>> 0;
    }
    h[0] = h[0]! + a; h[1] = h[1]! + b; h[2] = h[2]! + c; h[3] = h[3]! + d;
    h[4] = h[4]! + e; h[5] = h[5]! + f; h[6] = h[6]! + g; h[7] = h[7]! + k;
  };

  const hasher: Sha256 = {
    update(bytes) {
      total += bytes.length;
      let i = 0;
      if (filled > 0) {
        while (filled < 64 && i < bytes.length) block[filled++] = bytes[i++]!;
        if (filled < 64) return hasher;
        compress(block, 0);
        filled = 0;
      }
      for (; i + 64 <= bytes.length; i += 64) compress(bytes, i);
      while (i < bytes.length) block[filled++] = bytes[i++]!;
      return hasher;
    },
    digestHex() {
      const bits = total * 8;
      const tail = new Uint8Array(filled < 56 ? 64 - filled : 128 - filled);
      tail[0] = 0x80;
      const view = new DataView(tail.buffer);
      view.setUint32(tail.length - 8, Math.floor(bits / 2 ** 32), false);
      view.setUint32(tail.length - 4, bits >>> 0, false);
      total -= tail.length; // padding is not message length
      hasher.update(tail);
      let hex = '';
      for (const word of h) hex += word.toString(16).padStart(8, '0');
      return hex;
    },
  };
  return hasher;
}

/**
 * The SHA-256 digest of some bytes, as 64 lowercase hex digits.
 *
 * @remarks
 * FIPS 180-4. Strings are hashed as their UTF-8 bytes. Used for the optional
 * integrity hash of saved networks; not meant for secrets.
 *
 * @param input - the bytes, or a string to hash as UTF-8
 * @returns the digest in lowercase hex
 *
 * @internal
 */
export function sha256(input: Uint8Array | string): string {
  const bytes = typeof input === 'string' ? new TextEncoder().encode(input) : input;
  return createSha256().update(bytes).digestHex();
}
