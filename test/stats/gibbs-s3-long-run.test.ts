/**
 * S3 (TESTING.md B.1): long-run block Gibbs on M1 against exact enumeration.
 * Chains start from the all-zero state and run B = 50 sweeps of burn-in;
 * N states are then recorded (see collectThinned: C chains, each recorded
 * every L sweeps, where L is the first t with exact worst-start TV
 * d(t) ≤ 1e-13, L = 14 for this M1; the joint law of the N records is within
 * N·1e-13 of N independent chains, at a quarter of the cost). Checks: the S2
 * trio (χ², TV, KL-Chernoff at α = 1e-6) on the 64-state histogram, plus
 * every marginal E[x_i] and pairwise moment E[x_i x_j] within the Hoeffding
 * half-width at α = 1e-7 (0.00648 at N = 2e5, 0.0029 at 1e6; 21 assertions).
 *
 * Power: a sampler that drops the largest-|b| unit's bias samples the model
 * with that bias 0, whose exact distribution is at TV 0.216 (χ²-divergence
 * 0.217) from π, far above 2τ = 0.030; it is run the same way as the negative
 * control.
 */
import { describe, expect, it } from 'vitest';
import { compile, exactLogProbabilities } from '@stochnet/model';
import { createGibbsWorkspace, gibbsStep, initGibbs } from '@stochnet/inference';
import { m1 } from '../support/fixtures.js';
import { assertBelow } from '../support/stats.js';
import { exactSweepKernel, mixingTime, worstStartTv } from './support/exact-kernel.js';
import { ControlSampler } from './support/gibbs-controls.js';
import type { Fault } from './support/gibbs-controls.js';
import { HOEFFDING, N, THIN_TV, accumulate, collectThinned, expectFails, expectMatches, probabilities } from './support/gibbs-checks.js';

const SEED = 'S3';
const C = 2_000;
const BURN_IN = 50;
const plan = compile(m1(), { dtype: 'float64' });
const p = probabilities(exactLogProbabilities(plan));
const kernel = exactSweepKernel(plan);
const THIN = mixingTime(kernel, p, THIN_TV, 40);
const UNITS = [0, 1, 2, 3, 4, 5];

function longRunHistogram(fault: Fault | null): Float64Array {
  const state = initGibbs(plan, { chains: C, seed: SEED });
  const control = fault === null ? null : new ControlSampler(state, fault);
  const ws = createGibbsWorkspace(plan, C);
  const counts = new Float64Array(64);
  collectThinned({
    n: N,
    chains: C,
    burnIn: BURN_IN,
    thin: THIN,
    reset: () => state.states.fill(0),
    sweep: () => (control === null ? gibbsStep(state, ws) : control.sweep()),
    record: () => accumulate(counts, state.states, C, 6, UNITS),
  });
  return counts;
}

/** E[x_i x_j] (i = j: E[x_i]) of a 64-cell distribution. */
function moment(q: ArrayLike<number>, i: number, j: number): number {
  let m = 0;
  for (let x = 0; x < 64; x++) if ((x >> i) & 1 && (x >> j) & 1) m += q[x]!;
  return m;
}

describe('S3 long-run Gibbs on M1', () => {
  it('has negligible burn-in bias and a short thinning interval (exact kernel)', () => {
    expect(worstStartTv(kernel, p, BURN_IN)).toBeLessThan(THIN_TV);
    expect(THIN).toBeLessThanOrEqual(20);
  });

  it('matches the exact distribution, marginals and pairwise moments', () => {
    const counts = longRunHistogram(null);
    expectMatches('S3', counts, p, SEED);
    const q = counts.map((c) => c / N);
    for (let i = 0; i < 6; i++) {
      for (let j = i; j < 6; j++) {
        const what = i === j ? `marginal of unit ${i}` : `moment E[x${i} x${j}]`;
        assertBelow({ test: `S3 ${what}`, statistic: Math.abs(moment(q, i, j) - moment(p, i, j)), threshold: HOEFFDING, n: N, alpha: 1e-7, seed: SEED });
      }
    }
  });

  it('negative control missing-bias fails the same checks', () => {
    expectFails('S3 control missing-bias', longRunHistogram('missing-bias'), p);
  });
});
