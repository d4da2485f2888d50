/**
 * Belief nets for the SBN gradient checks: the zoo's layered 2-2-2 SBN (M3)
 * and 5-unit DAG with skip edges (M4, single units joined by sparse pairs),
 * plus a layered net with a masked and a sparse block.
 */
import type { Network } from '@stochnet/graph';
import { m3, m4 } from './fixtures.js';
import { makeNet } from './nets.js';

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
    ['the 2-2-2 SBN (M3)', m3()],
    ['the 5-unit DAG with skips (M4)', m4()],
    ['a layered SBN with masked and sparse blocks', maskedSparseSbn()],
  ];
}
