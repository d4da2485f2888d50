/**
 * Belief nets for the SBN gradient checks: the layered 2-2-2 SBN (M3), the
 * 5-unit DAG with skip edges (M4, single units joined by sparse pairs), and a
 * layered net with a masked block, each with weights of order 1.
 */
import { network } from '@stochnet/graph';
import type { Network } from '@stochnet/graph';
import { makeNet } from './nets.js';

/** M3: v(2) ← h1(2) ← h2(2), dense, deterministic non-zero parameters. */
export function sbn222(): Network {
  return makeNet(
    [{ id: 'v', size: 2, role: 'visible', bias: [0.3, -0.8] }, { id: 'h1', size: 2, bias: [-0.4, 0.6] }, { id: 'h2', size: 2, bias: [0.2, -0.1] }],
    [
      { id: 'h1->v', from: 'h1', to: 'v', directed: true, weights: [1.2, -0.7, 0.5, 0.9] },
      { id: 'h2->h1', from: 'h2', to: 'h1', directed: true, weights: [-1.1, 0.8, 0.4, 1.3] },
    ],
  );
}

/** M4: a → c, b → c, a → d, c → e, d → e and the skips a → e, b → d. */
export function dagWithSkips(): Network {
  return network()
    .unit('a', { bias: 0.4 })
    .unit('b', { bias: -0.6 })
    .unit('c', { bias: 0.1 })
    .unit('d', { bias: -0.3 })
    .unit('e', { bias: 0.7, role: 'visible' })
    .edge('a', 'c', 1.1)
    .edge('b', 'c', -0.9)
    .edge('a', 'd', 0.6)
    .edge('c', 'e', 1.4)
    .edge('d', 'e', -1.2)
    .edge('a', 'e', 0.8)
    .edge('b', 'd', -0.5)
    .build();
}

/** A layered SBN whose upper block is masked and whose lower block is sparse. */
export function maskedSparseSbn(): Network {
  return makeNet(
    [{ id: 'v', size: 3, role: 'visible' }, { id: 'h1', size: 2 }, { id: 'h2', size: 2 }],
    [
      { id: 'h1->v', from: 'h1', to: 'v', directed: true, connectivity: 'sparse', rows: [0, 0, 1], cols: [0, 2, 1] },
      { id: 'h2->h1', from: 'h2', to: 'h1', directed: true, connectivity: 'masked', mask: [1, 0, 1, 1] },
    ],
  );
}

/** The named cases the G3 suite runs on. */
export function sbnFixtures(): [string, Network][] {
  return [
    ['the 2-2-2 SBN (M3)', sbn222()],
    ['the 5-unit DAG with skips (M4)', dagWithSkips()],
    ['a layered SBN with masked and sparse blocks', maskedSparseSbn()],
  ];
}
