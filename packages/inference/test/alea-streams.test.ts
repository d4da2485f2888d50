/**
 * The typed-array Alea streams used for per-sample and per-chain randomness
 * are bit-identical to the seedrandom-backed Rng of the same seed: this pins
 * the documented substream rule (`rng.fork('sample/' + i)`,
 * `rng.fork('chain/' + c)`, `fork('ais/' + r)`) to the fast implementation.
 */
import { describe, expect, it } from 'vitest';
import { createRng, restoreRng, ValidationError } from '@stochnet/graph';
import { AleaStreams, forkStreams, sharedStreams } from '../src/alea-streams.js';
import { fillUniforms } from '../src/uniforms.js';

describe('AleaStreams', () => {
  it('stream k seeded with s draws exactly createRng(s).next(), for many seeds', () => {
    const seeds = ['', '0', '111', 'golden-1', 'x/chain/12345', 'ünïcödé/σ', 'a'.repeat(300), String(2 ** 53 - 1)];
    const streams = new AleaStreams(seeds.length);
    seeds.forEach((s, k) => streams.seed(k, s));
    seeds.forEach((s, k) => {
      const ref = createRng(s);
      for (let i = 0; i < 2000; i++) expect(streams.next(k)).toBe(ref.next());
    });
  });

  it('matches fork labels of a base stream, and fill() interleaves nothing across streams', () => {
    const base = createRng(42);
    const streams = new AleaStreams(50);
    for (let c = 0; c < 50; c++) streams.seed(c, `${base.seed}/chain/${c}`);
    const out = new Float64Array(50 * 7);
    streams.fill(out, 7);
    for (let c = 0; c < 50; c++) {
      const ref = base.fork(`chain/${c}`);
      for (let i = 0; i < 7; i++) expect(out[c * 7 + i]).toBe(ref.next());
    }
  });

  it('fillStreams (four streams at a time) draws what next() draws, for every count, offset and stride, and leaves the rest alone', () => {
    for (const count of [0, 1, 3, 4, 5, 8, 9, 13]) {
      for (const [first, per, base, stride] of [[0, 5, 0, 5], [2, 3, 7, 11], [1, 0, 0, 1], [3, 17, 2, 17]] as const) {
        const a = new AleaStreams(first + count + 2);
        const b = new AleaStreams(first + count + 2);
        for (let k = 0; k < a.count; k++) {
          a.seed(k, `fs/${k}`);
          b.seed(k, `fs/${k}`);
        }
        // Advance streams unevenly first, so the carry and lags differ between streams.
        for (let k = 0; k < a.count; k++) for (let i = 0; i < k % 3; i++) expect(a.next(k)).toBe(b.next(k));
        const out = new Float64Array(base + Math.max(1, count) * Math.max(stride, per) + per).fill(-1);
        a.fillStreams(first, count, per, out, base, stride);
        const want = new Float64Array(out.length).fill(-1);
        for (let j = 0; j < count; j++) for (let i = 0; i < per; i++) want[base + j * stride + i] = b.next(first + j);
        expect(out).toEqual(want);
        // Every stream, filled or not, continues exactly as its twin.
        for (let k = 0; k < a.count; k++) expect(a.next(k)).toBe(b.next(k));
      }
    }
  });

  it('reseeding a stream restarts it', () => {
    const s = new AleaStreams(1);
    s.seed(0, 'r');
    const first = [s.next(0), s.next(0)];
    s.seed(0, 'r');
    expect([s.next(0), s.next(0)]).toEqual(first);
  });
});

describe('fillUniforms on forked streams', () => {
  it('takes the four-at-a-time path for consecutive streams of one AleaStreams, and draws as the seedrandom forks do', () => {
    const base = createRng('fu');
    const rngs = forkStreams(base, 'chain/', 10);
    expect(sharedStreams(rngs)).not.toBeNull();
    expect(sharedStreams([rngs[0]!, rngs[2]!])).toBeNull();
    expect(sharedStreams([rngs[0]!, createRng('x')])).toBeNull();
    const out = fillUniforms(new Float64Array(10 * 6), rngs, 6);
    const ref = fillUniforms(new Float64Array(10 * 6), Array.from({ length: 10 }, (_, c) => base.fork(`chain/${c}`)), 6);
    expect(out).toEqual(ref);
    // The streams advanced by exactly six draws.
    const r = base.fork('chain/3');
    for (let i = 0; i < 6; i++) r.next();
    expect(rngs[3]!.next()).toBe(r.next());
  });
});

describe('forkStreams', () => {
  it('stream k draws exactly as base.fork(label + k) (next, nextDouble, nextInt, fill, nextNormal, state, fork)', () => {
    const base = createRng('ff');
    const fast = forkStreams(base, 'chain/', 3, 2);
    for (let k = 0; k < 3; k++) {
      const a = fast[k]!;
      const b = base.fork(`chain/${k + 2}`);
      expect(a.seed).toBe(b.seed);
      for (let i = 0; i < 50; i++) expect([a.next(), a.nextDouble(), a.nextInt(1000), a.nextNormal()]).toEqual([b.next(), b.nextDouble(), b.nextInt(1000), b.nextNormal()]);
      expect(Array.from(a.fill(new Float64Array(9)))).toEqual(Array.from(b.fill(new Float64Array(9))));
      expect(Array.from(a.fill(new Float32Array(9)))).toEqual(Array.from(b.fill(new Float32Array(9))));
      expect(a.state()).toEqual(b.state());
      expect(JSON.stringify(a.state())).toBe(JSON.stringify(b.state()));
      expect(restoreRng(a.state()).next()).toBe(b.next());
      expect(a.fork('x').next()).toBe(b.fork('x').next());
    }
  });

  it('keeps the Rng contract: a bad nextInt range or fill buffer is a ValidationError and draws nothing', () => {
    const [a] = forkStreams(createRng('ff3'), 'chain/', 1);
    const b = createRng('ff3').fork('chain/0');
    for (const n of [0, -1, 1.5, 2 ** 32 + 1, Number.NaN]) {
      expect(() => a!.nextInt(n)).toThrow(ValidationError);
      expect(() => b.nextInt(n)).toThrow(ValidationError);
    }
    expect(() => a!.fill(new Uint8Array(3) as unknown as Float64Array)).toThrow(ValidationError);
    expect(a!.next()).toBe(b.next());
  });
});
