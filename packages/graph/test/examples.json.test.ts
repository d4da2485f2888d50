/** Twins of the @example blocks in src/json.ts and src/version.ts. */
import * as E from 'fp-ts/lib/Either.js';
import { describe, expect, it } from 'vitest';
import { fromJSON, LIBRARY_VERSION, NETWORK_FORMAT_VERSION, ParseError, parseNetwork, rbm, sbn, toJSON } from '@stochnet/graph';

describe('json examples', () => {
  it('toJSON', () => {
    const net = rbm(4, 3, { seed: 7 });
    const text = toJSON(net, { integrity: true });
    expect(toJSON(fromJSON(text), { integrity: true }) === text).toBe(true);
  });

  it('parseNetwork', () => {
    expect(E.isRight(parseNetwork(toJSON(rbm(3, 2, { seed: 1 }))))).toBe(true);
    const r = parseNetwork('{"format":"stochnet-network","formatVersion":2}');
    expect(E.isLeft(r) && r.left[0].code).toBe('VERSION');
  });

  it('fromJSON', () => {
    const net = fromJSON(toJSON(sbn([6, 3], { seed: 2 })));
    expect(net.structure.couplings.map((c) => c.id)).toEqual(['h1->v']);
    let caught: unknown;
    try {
      fromJSON('{"format":');
    } catch (e) {
      caught = e;
    }
    expect(caught instanceof ParseError).toBe(true);
  });

  it('LIBRARY_VERSION and NETWORK_FORMAT_VERSION', () => {
    expect(LIBRARY_VERSION).toBe('0.1.0');
    expect(NETWORK_FORMAT_VERSION).toBe(1);
  });
});
