import { expect, it } from 'vitest';
import { BINARY_DENSITY_LIMIT, hasBinaryStateKernels, jsBackend } from '@stochnet/model';

it('hasBinaryStateKernels example', () => {
  expect(hasBinaryStateKernels(jsBackend)).toBe(false);
});

it('BINARY_DENSITY_LIMIT example', () => {
  expect(BINARY_DENSITY_LIMIT).toBe(0.4);
});
