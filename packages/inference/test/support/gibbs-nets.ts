/**
 * Small networks covering every coupling shape the block-Gibbs sampler
 * meets: dense and sparse laterals, masked and sparse bipartite couplings,
 * a DBM, a semi-restricted BM, unit-level graphs, and directed kinds.
 */
import { boltzmann, network, normal } from '@stochnet/graph';
import type { Network } from '@stochnet/graph';
import { m1, m2b } from '../../../../test/support/fixtures.js';

/** Undirected networks (kinds rbm and boltzmann), by name, all small enough to enumerate. */
export function undirectedNets(): Record<string, Network> {
  return {
    'M1 (dense lateral)': m1(),
    'M2b (rbm)': m2b(),
    'sparse lateral': boltzmann(7, { density: 0.5, seed: 3, init: normal(0, 1), bias: normal(0, 0.5) }),
    'masked rbm': network({ seed: 4 })
      .layer('v', 3, { role: 'visible', bias: normal(0, 0.5) })
      .layer('h', 3, { bias: normal(0, 0.5) })
      .connect('v', 'h', { undirected: true, init: normal(0, 1), mask: [[1, 0, 1], [0, 1, 1], [1, 1, 0]] })
      .build(),
    'sparse rbm': network({ seed: 5 })
      .layer('v', 3, { role: 'visible', bias: normal(0, 0.5) })
      .layer('h', 2, { bias: normal(0, 0.5) })
      .connect('v', 'h', { undirected: true, sparse: [[0, 1, 0.8], [2, 0, -1.1], [1, 1, 0.4]] })
      .build(),
    dbm: network({ seed: 6 })
      .layer('v', 3, { role: 'visible', bias: normal(0, 0.5) })
      .layer('h1', 2, { bias: normal(0, 0.5) })
      .layer('h2', 2, { bias: normal(0, 0.5) })
      .connect('v', 'h1', { undirected: true, init: normal(0, 1) })
      .connect('h1', 'h2', { undirected: true, init: normal(0, 1) })
      .build(),
    'semi-restricted': network({ seed: 7 })
      .layer('v', 3, { role: 'visible', bias: normal(0, 0.5) })
      .layer('h', 2, { bias: normal(0, 0.5) })
      .connect('v', 'v', { undirected: true, sparse: [[0, 1, 0.9], [1, 2, -0.7]] })
      .connect('v', 'h', { undirected: true, init: normal(0, 1) })
      .build(),
    'unit graph': network()
      .unit('rain', { bias: -0.5 })
      .unit('sprinkler', { bias: 0.3 })
      .unit('wet', { bias: -1 })
      .unit('alone', { bias: 0.2 })
      .edge('rain', 'wet', 1.2, { undirected: true })
      .edge('sprinkler', 'wet', 0.8, { undirected: true })
      .edge('rain', 'sprinkler', -0.6, { undirected: true })
      .build(),
  };
}
