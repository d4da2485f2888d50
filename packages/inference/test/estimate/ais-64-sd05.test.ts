/**
 * AIS on a 64 × 20 RBM (2^20 hidden states, so exactLogZ is the oracle)
 * at weight scale 0.5: forward and reverse within 0.5 nats of the truth,
 * and the sandwich with the slack stated in ais-check.ts. One file per
 * weight scale, so the two exact oracles run in parallel.
 */
import { describe, it } from 'vitest';
import { exactLogZ } from '@stochnet/model';
import { aisLogZ, reverseAisLogZ } from '@stochnet/inference';
import { expectSandwich } from './ais-check.js';
import { rbmPlan } from './support.js';

describe('AIS on a 64 × 20 RBM', () => {
  it('W sd 0.5 (1000 steps, 100 runs)', () => {
    const plan = rbmPlan(64, 20, 0.5, 'ais64/0.5');
    const exact = exactLogZ(plan);
    const fwd = aisLogZ(plan, { seed: 1, runs: 100, betas: 1000 });
    const rev = reverseAisLogZ(plan, { seed: 1, runs: 100, betas: 1000, burnIn: 300 });
    expectSandwich(exact, fwd, rev);
  });
});
