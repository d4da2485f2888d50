/**
 * Twins of the `@example` blocks in rng.ts and of throwIssues in errors.ts:
 * the same code, with the commented outputs asserted.
 */
import * as E from 'fp-ts/lib/Either.js';
import { describe, expect, it } from 'vitest';
import { canonicalSeed, createRng, restoreRng, ShapeError, throwIssues } from '@stochnet/graph';

describe('rng.ts examples', () => {
  it('canonicalSeed', () => {
    expect(canonicalSeed(111)).toEqual({ _tag: 'Right', right: '111' });
    expect(E.isLeft(canonicalSeed(Number.NaN))).toBe(true);
  });
  it('createRng', () => {
    const a = createRng(7), b = createRng('7');
    expect(a.next() === b.next()).toBe(true);
  });
  it('restoreRng', () => {
    const r = createRng(1);
    r.next();
    const copy = restoreRng(r.state());
    expect(copy.next() === r.next()).toBe(true);
  });
});

describe('errors.ts example', () => {
  it('throwIssues', () => {
    let count = 0;
    try {
      throwIssues([new ShapeError('a'), new ShapeError('b')]);
    } catch (e) {
      count = (e as ShapeError).issues.length;
    }
    expect(count).toBe(2);
  });
});
