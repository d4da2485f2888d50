import { expect, it } from 'vitest';
import { hasBinaryStateKernels, jsBackend } from '@stochnet/model';

it('hasBinaryStateKernels example', () => {
  expect(hasBinaryStateKernels(jsBackend)).toBe(false);
});
