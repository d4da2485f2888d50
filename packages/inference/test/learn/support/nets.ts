/**
 * Small undirected networks for the learning-rule and training tests: every
 * connectivity (dense, masked, sparse, lateral) and every positive-phase
 * case (RBM, hidden units independent given v, hidden units interacting).
 */
import { network, normal } from '@stochnet/graph';
import type { Network, Seed } from '@stochnet/graph';

/** RBM v(4) -- h(3) with a masked coupling (pairs (0,0), (1,2), (3,1) cut). */
export function maskedRbm(seed: Seed = 'masked'): Network {
  const mask = [
    [0, 1, 1],
    [1, 1, 0],
    [1, 1, 1],
    [1, 0, 1],
  ];
  return network({ seed })
    .layer('v', 4, { role: 'visible', bias: normal(0, 0.5) })
    .layer('h', 3, { bias: normal(0, 0.5) })
    .connect('v', 'h', { undirected: true, init: normal(0, 1), mask })
    .build();
}

/** RBM v(4) -- h(3) with a sparse coupling of 7 pairs. */
export function sparseRbm(seed: Seed = 'sparse'): Network {
  const pairs: [number, number, number][] = [
    [0, 0, 0.5],
    [0, 2, -1],
    [1, 1, 0.8],
    [2, 0, -0.3],
    [2, 2, 1.2],
    [3, 1, -0.7],
    [3, 2, 0.4],
  ];
  return network({ seed })
    .layer('v', 4, { role: 'visible', bias: normal(0, 0.5) })
    .layer('h', 3, { bias: normal(0, 0.5) })
    .connect('v', 'h', { undirected: true, sparse: pairs })
    .build();
}

/** Semi-restricted BM: visible laterals v--v, hidden units independent given v. */
export function semiRestricted(seed: Seed = 'semi'): Network {
  return network({ seed })
    .layer('v', 3, { role: 'visible', bias: normal(0, 0.5) })
    .layer('h', 2, { bias: normal(0, 0.5) })
    .connect('v', 'v', { undirected: true, init: normal(0, 0.5) })
    .connect('v', 'h', { undirected: true, init: normal(0, 1) })
    .build();
}

/** General BM whose hidden units interact (a dense h--h lateral). */
export function interactingBm(seed: Seed = 'general'): Network {
  return network({ seed })
    .layer('v', 3, { role: 'visible', bias: normal(0, 0.5) })
    .layer('h', 2, { bias: normal(0, 0.5) })
    .connect('h', 'h', { undirected: true, init: normal(0, 1) })
    .connect('v', 'h', { undirected: true, init: normal(0, 1) })
    .build();
}

/** A small deep Boltzmann machine v(3) -- h1(2) -- h2(2). */
export function dbm(seed: Seed = 'dbm'): Network {
  return network({ seed })
    .layer('v', 3, { role: 'visible', bias: normal(0, 0.5) })
    .layer('h1', 2, { bias: normal(0, 0.5) })
    .layer('h2', 2, { bias: normal(0, 0.5) })
    .connect('v', 'h1', { undirected: true, init: normal(0, 1) })
    .connect('h1', 'h2', { undirected: true, init: normal(0, 1) })
    .build();
}

/** Rows of a small 0/1 data set (rows × cols). */
export function patterns(rows: readonly (readonly number[])[]): { values: Uint8Array; rows: number; cols: number } {
  return { values: Uint8Array.from(rows.flat()), rows: rows.length, cols: rows[0]!.length };
}
