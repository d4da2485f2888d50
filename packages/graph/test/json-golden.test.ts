/**
 * TESTING.md B.5 item 3: the frozen format-v1 fixture loads, equals its
 * stored expected value, and reproduces its stored exact log-probabilities.
 * Never regenerate test/fixtures/format-v1/: every future version must load it.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { fromJSON, toJSON } from '../src/json.js';
import type { CouplingId, GroupId, Network } from '../src/types.js';

const text = readFileSync(new URL('./fixtures/format-v1/small-rbm.json', import.meta.url), 'utf8');

// The stored expected value of small-rbm.json (W is 3×2 row-major, v rows, h columns).
const EXPECTED = {
  groups: [
    { id: 'h', size: 2, kind: 'bernoulli', role: 'hidden' },
    { id: 'v', size: 3, kind: 'bernoulli', role: 'visible' },
  ],
  couplings: [{ id: 'v--h', from: 'v', to: 'h', directed: false, connectivity: 'dense' }],
  W: [0.5, -1.25, 2, 0.125, -0.75, 1],
  b: [0.1, -0.2, 0.3],
  c: [-0.5, 0.7],
};

// Exact log p(v) for v = 000, 100, 010, 110, 001, 101, 011, 111 (bit i of the
// state index is v_i), computed independently by enumeration when the fixture was frozen.
const LOG_P = [
  -2.9503487869578153, -3.278972158000097, -1.8377818799140568, -1.9976264088076072, -2.1078967092917416,
  -2.797491867911025, -1.3162716661175717, -1.8042645286080923,
];

function logProbabilities(net: Network): number[] {
  const W = net.couplings.get('v--h' as CouplingId)!.weights;
  const b = net.biases.get('v' as GroupId)!;
  const c = net.biases.get('h' as GroupId)!;
  const softplus = (x: number): number => Math.max(x, 0) + Math.log1p(Math.exp(-Math.abs(x)));
  const logU = Array.from({ length: 8 }, (_, s) => {
    const v = [s & 1, (s >> 1) & 1, (s >> 2) & 1];
    let sum = 0;
    for (let i = 0; i < 3; i++) sum += b[i]! * v[i]!;
    for (let j = 0; j < 2; j++) {
      let a = c[j]!;
      for (let i = 0; i < 3; i++) a += W[i * 2 + j]! * v[i]!;
      sum += softplus(a);
    }
    return sum;
  });
  const m = Math.max(...logU);
  const logZ = m + Math.log(logU.reduce((acc, x) => acc + Math.exp(x - m), 0));
  return logU.map((x) => x - logZ);
}

describe('format v1 golden fixture small-rbm.json', () => {
  it('loads (integrity hash included) and equals the stored expected value', () => {
    const net = fromJSON(text);
    expect(net.structure.groups).toEqual(EXPECTED.groups);
    expect(net.structure.couplings).toEqual(EXPECTED.couplings);
    expect([...net.couplings.get('v--h' as CouplingId)!.weights]).toEqual(EXPECTED.W);
    expect([...net.biases.get('v' as GroupId)!]).toEqual(EXPECTED.b);
    expect([...net.biases.get('h' as GroupId)!]).toEqual(EXPECTED.c);
  });

  it('reproduces the stored exact log-probabilities within 1e-12', () => {
    const got = logProbabilities(fromJSON(text));
    got.forEach((x, k) => expect(Math.abs(x - LOG_P[k]!)).toBeLessThan(1e-12));
  });

  it('is written back byte-for-byte, up to whitespace', () => {
    expect(toJSON(fromJSON(text), { integrity: true, inline: 4 })).toBe(JSON.stringify(JSON.parse(text)));
  });
});
