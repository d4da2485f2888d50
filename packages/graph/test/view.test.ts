import { describe, expect, it } from 'vitest';
import { CycleError, GraphStructureError, ShapeError, UnknownUnitError } from '../src/errors.js';
import type { Structure } from '../src/types.js';
import {
  connectedComponents,
  findDirectedCycle,
  graphView,
  isUndirectedBipartite,
  markovBlanket,
  topologicalGroups,
} from '../src/view.js';
import { makeNet, rawNet } from './view-json-nets.js';

const u = (group: string, index: number): { group: string; index: number } => ({ group, index });

describe('findDirectedCycle', () => {
  it('returns the cycle as a path with the first group repeated', () => {
    const s = rawNet([['a', 1], ['b', 1], ['c', 1]], [
      { id: 'ab', from: 'a', to: 'b', directed: true },
      { id: 'bc', from: 'b', to: 'c', directed: true },
      { id: 'ca', from: 'c', to: 'a', directed: true },
    ]).structure;
    expect(findDirectedCycle(s)).toEqual(['a', 'b', 'c', 'a']);
  });

  it('returns null for a DAG, ignores undirected couplings and unknown endpoints', () => {
    const s = rawNet([['a', 1], ['b', 1], ['c', 1]], [
      { id: 'ab', from: 'a', to: 'b', directed: true },
      { id: 'ac', from: 'a', to: 'c', directed: true },
      { id: 'bc', from: 'b', to: 'c', directed: true },
      { id: 'ca', from: 'c', to: 'a', directed: false },
      { id: 'cz', from: 'c', to: 'zz', directed: true },
      { id: 'za', from: 'zz', to: 'a', directed: true },
    ]).structure;
    expect(findDirectedCycle(s)).toBeNull();
  });

  it('reports a directed self-coupling as a cycle of length one, and works on invalid structures', () => {
    const s: Structure = rawNet([['a', 2], ['a', 3], ['b', 0]], [
      { id: 'x', from: 'b', to: 'a', directed: true },
      { id: 'x', from: 'a', to: 'a', directed: true },
    ]).structure;
    expect(findDirectedCycle(s)).toEqual(['a', 'a']);
  });

  it('is deterministic: the cycle reached first in id order', () => {
    const s = rawNet([['d', 1], ['c', 1], ['b', 1], ['a', 1]], [
      { id: '1', from: 'd', to: 'c', directed: true },
      { id: '2', from: 'c', to: 'd', directed: true },
      { id: '3', from: 'b', to: 'a', directed: true },
      { id: '4', from: 'a', to: 'b', directed: true },
    ]).structure;
    expect(findDirectedCycle(s)).toEqual(['a', 'b', 'a']);
  });
});

describe('topologicalGroups', () => {
  it('orders parents first, ties by id', () => {
    const net = makeNet([['v', 3], ['h1', 2], ['h2', 2], ['b', 1], ['z', 1]], [
      { id: 'h1->v', from: 'h1', to: 'v' },
      { id: 'h2->h1', from: 'h2', to: 'h1' },
      { id: 'z->v', from: 'z', to: 'v' },
      { id: 'b--z', from: 'b', to: 'z', directed: false },
    ]);
    expect(topologicalGroups(net)).toEqual(['b', 'h2', 'h1', 'z', 'v']);
  });

  it('throws CycleError with the cycle path', () => {
    const net = rawNet([['a', 1], ['b', 1]], [
      { id: 'ab', from: 'a', to: 'b', directed: true },
      { id: 'ba', from: 'b', to: 'a', directed: true },
    ]);
    expect(() => topologicalGroups(net)).toThrow(CycleError);
    try {
      topologicalGroups(net);
    } catch (e) {
      expect((e as CycleError).code).toBe('CYCLE');
      expect((e as CycleError).details.cycle).toEqual(['a', 'b', 'a']);
    }
  });
});

describe('isUndirectedBipartite', () => {
  it('splits an RBM and a DBM into two sides', () => {
    expect(isUndirectedBipartite(makeNet([['v', 3], ['h', 2]], [{ id: 'v--h', from: 'v', to: 'h', directed: false }]))).toEqual({
      bipartite: true,
      sides: [['h'], ['v']],
    });
    const dbm = makeNet([['v', 2], ['h1', 2], ['h2', 2]], [
      { id: 'v--h1', from: 'v', to: 'h1', directed: false },
      { id: 'h1--h2', from: 'h1', to: 'h2', directed: false },
    ]);
    expect(isUndirectedBipartite(dbm)).toEqual({ bipartite: true, sides: [['h1'], ['h2', 'v']] });
  });

  it('names the offending coupling for a lateral coupling or an odd cycle', () => {
    const lateral = makeNet([['v', 3], ['h', 2]], [
      { id: 'v--h', from: 'v', to: 'h', directed: false },
      { id: 'h--h', from: 'h', to: 'h', directed: false },
    ]);
    expect(isUndirectedBipartite(lateral)).toEqual({ bipartite: false, offending: 'h--h' });
    const triangle = makeNet([['a', 1], ['b', 1], ['c', 1]], [
      { id: 'a--b', from: 'a', to: 'b', directed: false },
      { id: 'a--c', from: 'a', to: 'c', directed: false },
      { id: 'b--c', from: 'b', to: 'c', directed: false },
    ]);
    expect(isUndirectedBipartite(triangle)).toEqual({ bipartite: false, offending: 'b--c' });
  });

  it('ignores directed couplings', () => {
    const net = makeNet([['a', 1], ['b', 1]], [{ id: 'a->b', from: 'a', to: 'b' }]);
    expect(isUndirectedBipartite(net)).toEqual({ bipartite: true, sides: [['a', 'b'], []] });
  });
});

describe('connectedComponents', () => {
  it('ignores direction and sorts', () => {
    const net = makeNet([['e', 1], ['d', 1], ['c', 1], ['b', 1], ['a', 1]], [
      { id: 'e->a', from: 'e', to: 'a' },
      { id: 'c--d', from: 'c', to: 'd', directed: false },
    ]);
    expect(connectedComponents(net)).toEqual([['a', 'e'], ['b'], ['c', 'd']]);
  });
});

describe('graphView', () => {
  const net = makeNet([['v', 784], ['h', 500]], [{ id: 'v--h', from: 'v', to: 'h', directed: false }]);

  it('has one node per group and one edge per coupling, never one per unit', () => {
    const g = graphView(net);
    expect(g.order).toBe(2);
    expect(g.size).toBe(1);
    expect(g.getNodeAttributes('v')).toEqual({ size: 784, kind: 'bernoulli', role: 'visible' });
    expect(g.getEdgeAttributes('v--h')).toEqual({ coupling: 'v--h', connectivity: 'dense', directed: false });
    expect(g.isUndirected('v--h')).toBe(true);
  });

  it('is cached per structure object', () => {
    expect(graphView(net)).toBe(graphView(net));
    expect(graphView({ ...net })).toBe(graphView(net));
    expect(graphView({ ...net, structure: { ...net.structure } })).not.toBe(graphView(net));
  });

  it('refuses every change', () => {
    const g = graphView(net) as unknown as Record<string, (...args: unknown[]) => unknown>;
    for (const method of ['addNode', 'dropNode', 'clear', 'setNodeAttribute', 'addEdgeWithKey', 'mergeEdge', 'import']) {
      expect(() => g[method]!('v', 'x')).toThrow(GraphStructureError);
    }
    expect(graphView(net).order).toBe(2);
    expect(Object.isFrozen(graphView(net).getNodeAttributes('h'))).toBe(true);
  });
});

describe('markovBlanket', () => {
  it('gives every hidden unit of a dense RBM and only the mask-1 ones of a masked one', () => {
    const dense = makeNet([['v', 3], ['h', 2]], [{ id: 'v--h', from: 'v', to: 'h', directed: false }]);
    expect(markovBlanket(dense, 'v[1]')).toEqual([u('h', 0), u('h', 1)]);
    const masked = makeNet([['v', 3], ['h', 2]], [{ id: 'v--h', from: 'v', to: 'h', directed: false, mask: [1, 0, 0, 1, 1, 1] }]);
    expect(markovBlanket(masked, 'v[0]')).toEqual([u('h', 0)]);
    expect(markovBlanket(masked, 'h[1]')).toEqual([u('v', 1), u('v', 2)]);
  });

  it('gives parents, children and co-parents of a belief net', () => {
    const net = makeNet([['v', 3], ['h', 2]], [{ id: 'h->v', from: 'h', to: 'v' }]);
    expect(markovBlanket(net, 'v[0]')).toEqual([u('h', 0), u('h', 1)]);
    expect(markovBlanket(net, { group: 'h', index: 0 })).toEqual([u('h', 1), u('v', 0), u('v', 1), u('v', 2)]);
  });

  it('respects masked directed couplings: a zero-mask entry joins nothing', () => {
    const mask = [1, 0, 0, 1, 0, 0];
    const masked = makeNet([['a', 3], ['b', 2]], [{ id: 'a->b', from: 'a', to: 'b', mask }]);
    expect(markovBlanket(masked, 'a[0]')).toEqual([u('b', 0)]);
    expect(markovBlanket(masked, 'a[2]')).toEqual([]);
    // Negative control: the same layers densely coupled.
    const dense = makeNet([['a', 3], ['b', 2]], [{ id: 'a->b', from: 'a', to: 'b' }]);
    expect(markovBlanket(dense, 'a[0]')).toEqual([u('a', 1), u('a', 2), u('b', 0), u('b', 1)]);
  });

  it('respects sparse pairs, directed and lateral', () => {
    const directed = makeNet([['a', 3], ['b', 2]], [{ id: 'a->b', from: 'a', to: 'b', pairs: [[0, 1, 0.5], [2, 1, -1]] }]);
    expect(markovBlanket(directed, 'a[0]')).toEqual([u('a', 2), u('b', 1)]);
    expect(markovBlanket(directed, 'a[1]')).toEqual([]);
    expect(markovBlanket(directed, 'b[1]')).toEqual([u('a', 0), u('a', 2)]);
    const lateral = makeNet([['x', 4]], [{ id: 'x--x', from: 'x', to: 'x', directed: false, pairs: [[0, 2, 1], [1, 2, 0], [2, 3, -1]] }]);
    expect(markovBlanket(lateral, 'x[2]')).toEqual([u('x', 0), u('x', 1), u('x', 3)]);
    expect(markovBlanket(lateral, 'x[0]')).toEqual([u('x', 2)]);
  });

  it('combines undirected neighbours with directed parents, children and co-parents (DBN shape)', () => {
    const net = makeNet([['v', 2], ['h1', 2], ['h2', 2], ['h3', 1]], [
      { id: 'h1->v', from: 'h1', to: 'v' },
      { id: 'h2->h1', from: 'h2', to: 'h1' },
      { id: 'h2--h3', from: 'h2', to: 'h3', directed: false },
    ]);
    expect(markovBlanket(net, 'h2[0]')).toEqual([u('h1', 0), u('h1', 1), u('h2', 1), u('h3', 0)]);
    expect(markovBlanket(net, 'h1[1]')).toEqual([u('h1', 0), u('h2', 0), u('h2', 1), u('v', 0), u('v', 1)]);
  });

  it('rejects unknown groups and indices', () => {
    const net = makeNet([['v', 3]]);
    expect(() => markovBlanket(net, 'w[0]')).toThrow(UnknownUnitError);
    expect(() => markovBlanket(net, 'v[3]')).toThrow(UnknownUnitError);
    expect(() => markovBlanket(net, 'v')).toThrow(ShapeError);
    expect(markovBlanket(net, 'v[2]')).toEqual([]);
  });
});
