/**
 * The seeded stream (TESTING.md T3, T6): the seed rule, uniforms that stay
 * below 1 in every precision, nextInt's range check, saved state.
 */
import { describe, expect, it } from 'vitest';
import { createRng, restoreRng, SeedError, ValidationError } from '@stochnet/graph';
import type { RngState } from '@stochnet/graph';
import { expectRejectsWithoutMutation } from '../../../test/support/no-mutation.js';

/**
 * A saved state whose next draw is 1 − 2^−32, the largest Alea output:
 * Alea's step sets t = 2091639·s0 + c·2^−32 and returns t − ⌊t⌋, so s0 = 0
 * and c = 2^32 − 1 give it at once.
 */
const NEAR_ONE: RngState = { algorithm: 'alea', seed: 'near-one', state: { c: 2 ** 32 - 1, s0: 0, s1: 0, s2: 0 } };

describe('Rng.fill', () => {
  it('the crafted state really draws 1 − 2^−32 (so the checks below are not vacuous)', () => {
    const u = restoreRng(NEAR_ONE).next();
    expect(u).toBe(1 - 2 ** -32);
    expect(Math.fround(u)).toBe(1); // negative control: a plain float32 store would hold 1
  });

  it('keeps float32 uniforms below 1, so u < p fires for p = 1', () => {
    const out = restoreRng(NEAR_ONE).fill(new Float32Array(4));
    expect(out[0]).toBe(Math.fround(1 - 2 ** -24));
    for (const u of out) expect(u).toBeLessThan(1);
  });

  it('stores float64 draws exactly, and float32 draws rounded to nearest otherwise', () => {
    const f64 = createRng('fill').fill(new Float64Array(1000));
    const f32 = createRng('fill').fill(new Float32Array(1000));
    const plain = createRng('fill');
    for (let i = 0; i < 1000; i++) {
      const u = plain.next();
      expect(f64[i]).toBe(u);
      expect(f32[i]).toBe(Math.fround(u) === 1 ? Math.fround(1 - 2 ** -24) : Math.fround(u));
    }
  });

  it('rejects anything but a float array without advancing the stream', () => {
    const rng = createRng('fill-bad');
    for (const out of [null, [0, 0], new Uint8Array(2)]) {
      expectRejectsWithoutMutation(() => rng.fill(out as never), { errorClass: ValidationError, inputs: [rng, out] });
    }
  });
});

describe('Rng.nextInt', () => {
  it('draws floor(n·u) for n in [1, 2^32]', () => {
    const a = createRng(5), b = createRng(5);
    for (const n of [1, 2, 7, 2 ** 32]) expect(a.nextInt(n)).toBe(Math.floor(b.next() * n));
  });

  it.each([0, -1, 1.5, Number.NaN, Infinity, 2 ** 32 + 1, '3' as unknown as number])('rejects n = %s without advancing the stream', (n) => {
    const rng = createRng('range');
    expectRejectsWithoutMutation(() => rng.nextInt(n), { errorClass: ValidationError, code: 'INVALID', inputs: [rng] });
  });
});

describe('seed rule and saved state', () => {
  it('111 and "111" give one stream; -0 is "0"; forks depend on the seed only', () => {
    expect(createRng(111).next()).toBe(createRng('111').next());
    expect(createRng(-0).seed).toBe('0');
    const r = createRng('base');
    const before = r.fork('chain/3').next();
    r.next();
    expect(r.fork('chain/3').next()).toBe(before);
    expect(r.fork('chain/3').next()).toBe(createRng('base/chain/3').next());
  });

  it.each([undefined, null, Number.NaN, 1.5, {}, [], () => 1])('rejects the seed %s', (seed) => {
    expect(() => createRng(seed as never)).toThrow(SeedError);
  });

  it('restores a saved state mid-stream (T6) and rejects malformed states', () => {
    const r = createRng('t6');
    for (let i = 0; i < 10; i++) r.next();
    const copy = restoreRng(JSON.parse(JSON.stringify(r.state())) as RngState);
    for (let i = 0; i < 10; i++) expect(copy.nextDouble()).toBe(r.nextDouble());
    for (const bad of [null, {}, { ...NEAR_ONE, algorithm: 'arc4' }, { ...NEAR_ONE, state: { c: 1, s0: Number.NaN, s1: 0, s2: 0 } }]) {
      expect(() => restoreRng(bad as never)).toThrow(SeedError);
    }
  });
});
