/**
 * Checkpoint arrays (train/base64.ts): bit-exact round trips through
 * @stochnet/graph's base64, the stored text pinned, malformed text refused.
 */
import { describe, expect, it } from 'vitest';
import { pack, unpack } from '../../src/train/base64.js';

function bits(x: Float32Array | Float64Array): string {
  return Array.from(new Uint8Array(x.buffer, x.byteOffset, x.byteLength)).join();
}

describe('pack / unpack', () => {
  it('pins the stored text: little-endian bytes as padded standard base64', () => {
    expect(pack(Float32Array.of(1))).toEqual({ dtype: 'float32', length: 1, data: 'AACAPw==' });
    expect(pack(Float64Array.of(-2)).data).toBe('AAAAAAAAAMA=');
    expect(pack(new Float32Array(0)).data).toBe('');
  });

  it('round-trips every length (every padding) bit for bit, −0 and NaN payloads included', () => {
    const nan = new Float64Array(new BigUint64Array([0x7ff8_0000_dead_beefn]).buffer)[0]!;
    for (let n = 0; n <= 7; n++) {
      const x64 = Float64Array.from({ length: n }, (_, i) => [-0, nan, 5e-324, -1.5, Infinity, 1e300, 0.1][i]!);
      const x32 = Float32Array.from(x64);
      expect(bits(unpack(pack(x64), 'float64', n) as Float64Array)).toBe(bits(x64));
      expect(bits(unpack(pack(x32), 'float32', n) as Float32Array)).toBe(bits(x32));
    }
  });

  it('refuses a wrong dtype or length, a bad character, misplaced padding and non-objects', () => {
    const p = pack(Float32Array.of(1, 2));
    expect(unpack(p, 'float64', 1)).toBeUndefined();
    expect(unpack(p, 'float32', 3)).toBeUndefined();
    expect(unpack({ ...p, length: 3 }, 'float32', 3)).toBeUndefined();
    expect(unpack({ ...p, data: `${p.data.slice(0, -1)}*` }, 'float32', 2)).toBeUndefined();
    expect(unpack({ ...p, data: `=${p.data.slice(1)}` }, 'float32', 2)).toBeUndefined();
    expect(unpack({ ...p, data: p.data.slice(4) }, 'float32', 2)).toBeUndefined();
    expect(unpack(null, 'float32', 2)).toBeUndefined();
    expect(unpack('AACAPw==', 'float32', 1)).toBeUndefined();
  });
});
