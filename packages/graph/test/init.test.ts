import { describe, expect, it } from 'vitest';
import { ConfigError, NonFiniteError, ProbabilityRangeError, SeedError, ShapeError, ValidationError } from '../src/errors.js';
import {
  constant,
  initialise,
  isInitialiser,
  isRandomInitialiser,
  normal,
  smallRandom,
  uniform,
  visibleBiasFromData,
  zeros,
} from '../src/init.js';
import { createRng } from '../src/rng.js';

describe('initialisers', () => {
  it('are plain frozen tagged objects', () => {
    expect(zeros()).toEqual({ kind: 'zeros' });
    expect(constant(2)).toEqual({ kind: 'constant', value: 2 });
    expect(normal(1, 2)).toEqual({ kind: 'normal', mean: 1, sd: 2 });
    expect(uniform(-1, 1)).toEqual({ kind: 'uniform', low: -1, high: 1 });
    expect(smallRandom()).toEqual({ kind: 'normal', mean: 0, sd: 0.01 });
    expect(Object.isFrozen(smallRandom())).toBe(true);
    expect(isRandomInitialiser(smallRandom())).toBe(true);
    expect(isRandomInitialiser(constant(1))).toBe(false);
    expect(isInitialiser({ kind: 'normal', mean: 0, sd: -1 })).toBe(false);
  });

  it.each([
    ['constant(NaN)', () => constant(Number.NaN), NonFiniteError],
    ['constant(Infinity)', () => constant(Number.POSITIVE_INFINITY), NonFiniteError],
    ['constant("1")', () => constant('1' as unknown as number), ConfigError],
    ['normal(NaN, 1)', () => normal(Number.NaN, 1), NonFiniteError],
    ['normal(0, -1)', () => normal(0, -1), ConfigError],
    ['normal(0, Infinity)', () => normal(0, Number.POSITIVE_INFINITY), NonFiniteError],
    ['uniform(1, 0)', () => uniform(1, 0), ConfigError],
    ['uniform(-1e308, 1e308) (width overflows)', () => uniform(-1e308, 1e308), ConfigError],
    ['smallRandom(-0.1)', () => smallRandom(-0.1), ConfigError],
  ] as const)('%s is rejected', (_name, make, cls) => {
    try {
      make();
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(cls);
      expect((e as ConfigError).details['option']).toBeDefined();
    }
  });
});

describe('initialise', () => {
  it('fills deterministically from the stream', () => {
    expect([...initialise(constant(3), 2)]).toEqual([3, 3]);
    const a = initialise(normal(1, 2), 50, createRng('i'));
    const b = initialise(normal(1, 2), 50, createRng('i'));
    expect(a).toEqual(b);
    const u = initialise(uniform(2, 3), 1000, createRng(1));
    expect(u.every((x) => x >= 2 && x < 3)).toBe(true);
  });

  it('needs a stream for random initialisers, a matching length for values', () => {
    expect(() => initialise(smallRandom(), 3)).toThrow(SeedError);
    expect(() => initialise(visibleBiasFromData([0, 1], 1, 2), 3)).toThrow(ShapeError);
    expect(() => initialise({ kind: 'bogus' } as never, 3)).toThrow(ConfigError);
    expect(() => initialise(zeros(), -1)).toThrow(ConfigError);
  });
});

describe('visibleBiasFromData (Hinton 2010)', () => {
  it('gives log(p/(1−p)) of the column means, p clipped to [eps, 1−eps]', () => {
    // 4 rows × 3 cols; column means 0.25, 1, 0.
    const data = Uint8Array.from([1, 1, 0, 0, 1, 0, 0, 1, 0, 0, 1, 0]);
    const b = initialise(visibleBiasFromData(data, 4, 3, 0.01), 3);
    expect(b[0]).toBeCloseTo(Math.log(0.25 / 0.75), 14);
    expect(b[1]).toBeCloseTo(Math.log(0.99 / 0.01), 14);
    expect(b[2]).toBeCloseTo(Math.log(0.01 / 0.99), 14);
  });

  it.each([
    ['wrong length', () => visibleBiasFromData([0, 1, 0], 2, 2), ShapeError],
    ['rows 0', () => visibleBiasFromData([], 0, 2), ConfigError],
    ['eps 0.5', () => visibleBiasFromData([0, 1], 1, 2, 0.5), ConfigError],
    ['a NaN', () => visibleBiasFromData([0, Number.NaN], 1, 2), NonFiniteError],
    ['a value of 2', () => visibleBiasFromData([0, 2], 1, 2), ProbabilityRangeError],
    ['a string', () => visibleBiasFromData([0, '1'] as unknown as number[], 1, 2), ValidationError],
  ] as const)('rejects %s', (_name, make, cls) => {
    expect(make).toThrow(cls);
  });
});
