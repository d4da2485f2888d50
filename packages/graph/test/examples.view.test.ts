/** Twins of the @example blocks in src/view.ts and src/markov-blanket.ts. */
import { describe, expect, it } from 'vitest';
import {
  boltzmann,
  connectedComponents,
  findDirectedCycle,
  graphView,
  isUndirectedBipartite,
  markovBlanket,
  network,
  rbm,
  sbn,
  topologicalGroups,
} from '@stochnet/graph';

describe('view examples', () => {
  it('findDirectedCycle', () => {
    expect(findDirectedCycle(sbn([4, 3, 2], { seed: 1 }).structure)).toBeNull();
  });

  it('graphView', () => {
    const g = graphView(rbm(6, 4, { seed: 1 }));
    expect([g.order, g.size, g.nodes()]).toEqual([2, 1, ['h', 'v']]);
    expect(g.getEdgeAttributes('v--h').directed).toBe(false);
  });

  it('topologicalGroups', () => {
    expect(topologicalGroups(sbn([4, 3, 2], { seed: 1 }))).toEqual(['h2', 'h1', 'v']);
  });

  it('isUndirectedBipartite', () => {
    expect(isUndirectedBipartite(rbm(6, 4, { seed: 1 }))).toEqual({ bipartite: true, sides: [['h'], ['v']] });
    expect(isUndirectedBipartite(boltzmann(5, { seed: 1 }))).toEqual({ bipartite: false, offending: 'x--x' });
  });

  it('connectedComponents', () => {
    const net = network({ seed: 1 }).layer('a', 2).layer('b', 2).layer('c', 1).connect('a', 'b').build();
    expect(connectedComponents(net)).toEqual([['a', 'b'], ['c']]);
  });

  it('markovBlanket', () => {
    const net = network({ seed: 1 })
      .unit('rain').unit('sprinkler').unit('wet')
      .edge('rain', 'wet', 1.2).edge('sprinkler', 'wet', 0.8)
      .build();
    expect(markovBlanket(net, 'rain')).toEqual([
      { group: 'sprinkler', index: 0 },
      { group: 'wet', index: 0 },
    ]);
  });
});
