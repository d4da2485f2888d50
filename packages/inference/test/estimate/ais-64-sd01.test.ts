/**
 * AIS on a 64 × 20 RBM (2^20 hidden states, so exactLogZ is the oracle)
 * at weight scale 0.1: forward and reverse within 0.5 nats of the truth,
 * and the sandwich with the slack stated in ais-check.ts. The oracle,
 * exactLogZ of this fixed model (2^20 terms, several seconds), is stored
 * as a literal; the main tier (STOCHNET_TIER=main) recomputes it and checks
 * the literal to 1e-9.
 */
import { describe, expect, it } from 'vitest';
import { exactLogZ } from '@stochnet/model';
import { aisLogZ, reverseAisLogZ } from '@stochnet/inference';
import { expectSandwich } from './ais-check.js';
import { rbmPlan } from './support.js';

/** exactLogZ(rbmPlan(64, 20, 0.1, 'ais64/0.1')). */
const EXACT = 60.83316587149456;
const MAIN = process.env['STOCHNET_TIER'] === 'main';

describe('AIS on a 64 × 20 RBM', () => {
  it('W sd 0.1 (500 steps, 50 runs)', () => {
    const plan = rbmPlan(64, 20, 0.1, 'ais64/0.1');
    const exact = EXACT;
    if (MAIN) expect(Math.abs(exactLogZ(plan) - EXACT)).toBeLessThan(1e-9);
    const fwd = aisLogZ(plan, { seed: 1, runs: 50, betas: 500 });
    const rev = reverseAisLogZ(plan, { seed: 1, runs: 50, betas: 500, burnIn: 100 });
    expectSandwich(exact, fwd, rev);
    expect(Math.abs(fwd.logZ - exact)).toBeLessThan(0.1);
  });
});
