import { describe, expect, it } from 'vitest';
import { createRng, canonicalSeed, SeedError } from '@stochnet/graph';

describe('seed rule', () => {
  it('treats 111 and "111" the same', () => {
    expect(createRng(111).next()).toBe(createRng('111').next());
  });
  it('rejects NaN', () => {
    expect(() => createRng(Number.NaN)).toThrow(SeedError);
    expect(canonicalSeed(undefined)._tag).toBe('Left');
  });
});
