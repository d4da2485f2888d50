import { describe, expect, it } from 'vitest';
import { ConfigError, SeedError, ShapeError, TooLargeError } from '../src/errors.js';
import { constant, visibleBiasFromData, zeros } from '../src/init.js';
import { boltzmann, dbn, rbm, sbn } from '../src/presets.js';
import type { Network } from '../src/types.js';
import { biasOf, canonical, paramsOf } from './core-nets.js';

const ids = (net: Network) => ({
  groups: net.structure.groups.map((g) => [g.id, g.size, g.role]),
  couplings: net.structure.couplings.map((c) => [c.id, c.from, c.to, c.directed, c.connectivity, paramsOf(net, c.id).weights.length]),
});

const bytes = (a: Float64Array): number[] => Array.from(new Uint8Array(a.buffer, a.byteOffset, a.byteLength));

describe('rbm', () => {
  it('has groups v (visible) and h (hidden) and one undirected coupling v--h of nv × nh', () => {
    expect(ids(rbm(6, 4, { seed: 1 }))).toEqual({
      groups: [['v', 6, 'visible'], ['h', 4, 'hidden']],
      couplings: [['v--h', 'v', 'h', false, 'dense', 24]],
    });
  });

  it('takes a visible image shape, visible biases from data and hidden biases', () => {
    const data = [1, 0, 0, 0, 1, 0, 1, 0];
    const net = rbm(4, 2, { init: zeros(), shape: [2, 2], visibleBias: visibleBiasFromData(data, 2, 4), hiddenBias: constant(-4) });
    expect(net.structure.groups[0]?.shape).toEqual([2, 2]);
    // Column means 1, 0, 0.5, 0; p clipped to [1e-3, 1 − 1e-3].
    const b = biasOf(net, 'v');
    expect(b[0]).toBeCloseTo(Math.log((1 - 1e-3) / 1e-3), 12);
    expect(b[1]).toBeCloseTo(Math.log(1e-3 / (1 - 1e-3)), 12);
    expect(b[2]).toBe(0);
    expect([...biasOf(net, 'h')]).toEqual([-4, -4]);
  });

  it('starts from N(0, 0.01²) weights by default', () => {
    const w = paramsOf(rbm(100, 100, { seed: 'sd' }), 'v--h').weights;
    const mean = w.reduce((a, b) => a + b, 0) / w.length;
    const sd = Math.sqrt(w.reduce((a, b) => a + (b - mean) ** 2, 0) / w.length);
    // 10⁴ draws: the sample sd is within 2% of 0.01 with overwhelming probability (rel. s.e. ≈ 0.7%).
    expect(Math.abs(sd - 0.01)).toBeLessThan(2e-4);
    expect(Math.abs(mean)).toBeLessThan(5e-4);
  });

  it('needs a seed for its default random initialiser', () => {
    expect(() => rbm(3, 2)).toThrow(SeedError);
    expect(() => rbm(3, 2, { init: zeros() })).not.toThrow();
  });

  it('rejects bad sizes', () => {
    expect(() => rbm(0, 2, { init: zeros() })).toThrow(ShapeError);
    expect(() => rbm(2, 1.5, { init: zeros() })).toThrow(ShapeError);
  });
});

describe('sbn', () => {
  it('lists sizes visible first and couples top-down', () => {
    expect(ids(sbn([64, 20, 10], { seed: 7 }))).toEqual({
      groups: [['v', 64, 'visible'], ['h1', 20, 'hidden'], ['h2', 10, 'hidden']],
      couplings: [
        ['h1->v', 'h1', 'v', true, 'dense', 20 * 64],
        ['h2->h1', 'h2', 'h1', true, 'dense', 10 * 20],
      ],
    });
  });

  it('needs at least two layers', () => {
    expect(() => sbn([64], { seed: 1 })).toThrow(ConfigError);
    expect(() => sbn(64 as unknown as number[], { seed: 1 })).toThrow(ConfigError);
  });
});

describe('dbn', () => {
  it('is directed below an undirected top pair', () => {
    expect(ids(dbn([784, 500, 500, 2000], { seed: 1 }))).toEqual({
      groups: [['v', 784, 'visible'], ['h1', 500, 'hidden'], ['h2', 500, 'hidden'], ['h3', 2000, 'hidden']],
      couplings: [
        ['h1->v', 'h1', 'v', true, 'dense', 500 * 784],
        ['h2->h1', 'h2', 'h1', true, 'dense', 500 * 500],
        ['h2--h3', 'h2', 'h3', false, 'dense', 500 * 2000],
      ],
    });
  });

  it('holds one flat array per block: memory close to the parameter bytes', () => {
    const net = dbn([784, 500, 500, 2000], { seed: 2 });
    let bytesHeld = 0;
    for (const p of net.couplings.values()) {
      expect(p.weights).toBeInstanceOf(Float64Array);
      expect(p.weights.buffer.byteLength).toBe(p.weights.byteLength);
      bytesHeld += p.weights.byteLength;
    }
    for (const b of net.biases.values()) bytesHeld += b.byteLength;
    expect(bytesHeld).toBe(8 * (784 * 500 + 500 * 500 + 500 * 2000 + 784 + 500 + 500 + 2000));
  });

  it('with two layers is an RBM v--h1', () => {
    expect(ids(dbn([5, 3], { init: zeros() })).couplings).toEqual([['v--h1', 'v', 'h1', false, 'dense', 15]]);
  });
});

describe('boltzmann', () => {
  it('is one visible group x with a dense symmetric lateral coupling x--x', () => {
    const net = boltzmann(5, { seed: 1 });
    expect(ids(net)).toEqual({ groups: [['x', 5, 'visible']], couplings: [['x--x', 'x', 'x', false, 'dense', 25]] });
    const w = paramsOf(net, 'x--x').weights;
    for (let i = 0; i < 5; i++) for (let j = 0; j < 5; j++) expect(w[i * 5 + j]).toBe(i === j ? 0 : w[j * 5 + i]);
  });

  it('with density < 1 is sparse, pairs i < j, about density × n(n−1)/2 of them', () => {
    const net = boltzmann(40, { density: 0.25, seed: 3 });
    const p = paramsOf(net, 'x--x');
    expect(net.structure.couplings[0]?.connectivity).toBe('sparse');
    for (let k = 0; k < p.rows!.length; k++) expect(p.rows![k]!).toBeLessThan(p.cols![k]!);
    // 780 pairs at 0.25: mean 195, sd 12.1; ±80 is more than 6 sd.
    expect(Math.abs(p.rows!.length - 195)).toBeLessThan(80);
  });

  it('validates density and needs a seed for a random structure', () => {
    for (const density of [0, -0.5, 1.5, Number.NaN]) expect(() => boltzmann(4, { density, seed: 1 })).toThrow(ConfigError);
    expect(() => boltzmann(4, { density: 0.5, init: zeros() })).toThrow(SeedError);
    expect(() => boltzmann(4, { init: zeros() })).not.toThrow();
  });

  it('refuses a pair draw over more pairs than the dense limit before drawing (#24)', () => {
    // 20 000 units: 2·10⁸ pairs to visit; without the guard this would run for minutes.
    expect(() => boltzmann(20_000, { density: 1e-6, seed: 1, init: zeros() })).toThrow(TooLargeError);
    expect(() => boltzmann(20_000, { seed: 1, init: zeros() })).toThrow(TooLargeError);
    expect(boltzmann(100, { density: 0.01, seed: 1, init: zeros() }).structure.groups[0]?.size).toBe(100); // control: a small draw still works
  });
});

describe('preset determinism', () => {
  const makers: [string, (seed: number | string) => Network][] = [
    ['rbm', (seed) => rbm(7, 5, { seed })],
    ['sbn', (seed) => sbn([6, 4, 3], { seed })],
    ['dbn', (seed) => dbn([6, 4, 3, 2], { seed })],
    ['boltzmann dense', (seed) => boltzmann(6, { seed })],
    ['boltzmann sparse', (seed) => boltzmann(12, { seed, density: 0.4 })],
  ];

  it.each(makers)('%s: same seed → identical bytes; different seed → different', (_name, make) => {
    expect(canonical(make(11))).toEqual(canonical(make(11)));
    expect(canonical(make(11))).not.toEqual(canonical(make(12)));
  });

  it('adding a layer (and its coupling) leaves the other couplings’ weights unchanged', () => {
    const small = sbn([6, 4], { seed: 5 });
    const big = sbn([6, 4, 3], { seed: 5 });
    expect(bytes(paramsOf(big, 'h1->v').weights)).toEqual(bytes(paramsOf(small, 'h1->v').weights));
    const deeper = dbn([6, 4, 3, 2, 2], { seed: 5 });
    const d = dbn([6, 4, 3, 2], { seed: 5 });
    expect(bytes(paramsOf(deeper, 'h2->h1').weights)).toEqual(bytes(paramsOf(d, 'h2->h1').weights));
  });
});
