/** P7 for every preset: fromJSON(toJSON(m)) equals m bit for bit, and toJSON is idempotent. */
import { describe, expect, it } from 'vitest';
import { fromJSON, toJSON } from '../src/json.js';
import { boltzmann, dbn, rbm, sbn } from '../src/presets.js';
import type { Network } from '../src/types.js';
import { expectSameNetwork } from './view-json-nets.js';

const presets: [string, () => Network][] = [
  ['rbm(6, 4)', () => rbm(6, 4, { seed: 1 })],
  ['rbm(6, 4) with an image shape', () => rbm(6, 4, { seed: 2, shape: [2, 3] })],
  ['rbm(784, 100)', () => rbm(784, 100, { seed: 3 })],
  ['sbn([8, 4, 2])', () => sbn([8, 4, 2], { seed: 4 })],
  ['dbn([12, 8, 6, 4])', () => dbn([12, 8, 6, 4], { seed: 5 })],
  ['boltzmann(6)', () => boltzmann(6, { seed: 6 })],
  ['boltzmann(12, { density: 0.3 })', () => boltzmann(12, { seed: 7, density: 0.3 })],
];

describe.each(presets)('%s', (_name, make) => {
  it('round-trips exactly, with and without integrity, and toJSON is idempotent', () => {
    const net = make();
    for (const opts of [{}, { integrity: true }, { inline: 0 }, { inline: Infinity }]) {
      const text = toJSON(net, opts);
      const back = fromJSON(text);
      expectSameNetwork(back, net);
      expect(toJSON(back, opts)).toBe(text);
    }
  });

  it('leaves the saved network untouched', () => {
    const net = make();
    const before = toJSON(net);
    fromJSON(toJSON(net, { integrity: true }));
    expect(toJSON(net)).toBe(before);
  });
});
