import { expect, it } from 'vitest';
import { hasRbmSession, jsBackend } from '@stochnet/model';

it('hasRbmSession example', () => {
  expect(hasRbmSession(jsBackend)).toBe(false);
});
