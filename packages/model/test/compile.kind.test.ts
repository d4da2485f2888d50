import { describe, expect, it } from 'vitest';
import { compile } from '@stochnet/model';
import type { PlanKind } from '@stochnet/model';
import { makeNet } from './support/nets.js';
import type { C, G } from './support/nets.js';

const kindOf = (groups: readonly G[], couplings: readonly C[]): PlanKind => compile(makeNet(groups, couplings)).kind;
const g = (...ids: string[]): G[] => ids.map((id) => ({ id, size: 2 }));

describe('compile: kind detection', () => {
  it('detects an RBM: two groups, one undirected non-lateral coupling', () => {
    expect(kindOf(g('v', 'h'), [{ id: 'v--h', from: 'v', to: 'h' }])).toBe('rbm');
    expect(kindOf(g('v', 'h'), [{ id: 'x', from: 'h', to: 'v', connectivity: 'sparse', rows: [0], cols: [1] }])).toBe('rbm');
  });

  it('does not call a semi-restricted or three-group machine an RBM', () => {
    expect(kindOf(g('v', 'h'), [{ id: 'v--h', from: 'v', to: 'h' }, { id: 'v--v', from: 'v', to: 'v' }])).toBe('boltzmann');
    expect(kindOf(g('v', 'h', 'x'), [{ id: 'v--h', from: 'v', to: 'h' }])).toBe('boltzmann');
    expect(kindOf(g('v', 'h'), [{ id: 'v--v', from: 'v', to: 'v' }])).toBe('boltzmann');
  });

  it('detects Boltzmann machines: only undirected couplings', () => {
    expect(kindOf(g('x'), [{ id: 'x--x', from: 'x', to: 'x' }])).toBe('boltzmann');
    expect(kindOf(g('v', 'h1', 'h2'), [{ id: 'a', from: 'v', to: 'h1' }, { id: 'b', from: 'h1', to: 'h2' }])).toBe('boltzmann');
  });

  it('detects SBNs: only directed couplings, skips allowed; no couplings at all is an SBN of roots', () => {
    expect(kindOf(g('v', 'h1', 'h2'), [{ id: 'h1->v', from: 'h1', to: 'v', directed: true }, { id: 'h2->v', from: 'h2', to: 'v', directed: true }])).toBe('sbn');
    expect(kindOf(g('a'), [])).toBe('sbn');
    expect(kindOf(g('a', 'b'), [])).toBe('sbn');
  });

  it('detects a DBN: one undirected top pair, everything else directed and reachable downwards', () => {
    const groups = g('v', 'h1', 'h2', 'h3');
    const dbn: C[] = [
      { id: 'h1->v', from: 'h1', to: 'v', directed: true },
      { id: 'h2->h1', from: 'h2', to: 'h1', directed: true },
      { id: 'h2--h3', from: 'h2', to: 'h3' },
    ];
    expect(kindOf(groups, dbn)).toBe('dbn');
    // The smallest DBN: an RBM on top of one directed layer.
    expect(kindOf(g('v', 'h1', 'h2'), [{ id: 'h1->v', from: 'h1', to: 'v', directed: true }, { id: 'h1--h2', from: 'h1', to: 'h2' }])).toBe('dbn');
    // A directed coupling into the top pair makes it a general chain graph.
    expect(kindOf([...groups, { id: 'z', size: 1 }], [...dbn, { id: 'z->h3', from: 'z', to: 'h3', directed: true }])).toBe('general');
    // A group not reachable from the top pair: general.
    expect(kindOf([...groups, { id: 'z', size: 1 }], dbn)).toBe('general');
    // A lateral as the only undirected coupling is not a top pair.
    expect(kindOf(g('v', 'h'), [{ id: 'h->v', from: 'h', to: 'v', directed: true }, { id: 'h--h', from: 'h', to: 'h' }])).toBe('general');
  });

  it('detects general chain graphs', () => {
    const couplings: C[] = [
      { id: 'a--b', from: 'a', to: 'b' },
      { id: 'b->c', from: 'b', to: 'c', directed: true },
      { id: 'c--d', from: 'c', to: 'd' },
    ];
    expect(kindOf(g('a', 'b', 'c', 'd'), couplings)).toBe('general');
  });
});
