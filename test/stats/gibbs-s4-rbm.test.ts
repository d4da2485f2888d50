/**
 * S4 (TESTING.md B.1): RBM block Gibbs (v then h) on M2b (4v × 2h), joint
 * (v, h) with 64 states, on the default float32 plan (gemm path). As S2
 * (one sweep from exact iid draws) and S3 (from zeros, burn-in 50, then N
 * records thinned at the exact mixing interval, see collectThinned), each with χ² (merged cells), TV ≤ τ(64, N, 1e-6) and KL-Chernoff at
 * α = 1e-6. The exact worst-start TV after the burn-in is checked below.
 *
 * Negative controls (one-sweep checks; S3 runs a long-run control), with
 * their exact one-sweep effect on this M2b: h sampled from the stale v (the
 * previous sweep's v), TV 0.148 / χ²-divergence 0.192; a missing bias on the
 * largest-|b| unit, TV 0.056 / 0.018 (λ = 3.6e3 at N = 2e5, against the
 * df-63 power threshold 189).
 */
import { describe, expect, it } from 'vitest';
import { createRng } from '@stochnet/graph';
import { compile, exactLogProbabilities } from '@stochnet/model';
import { createGibbsWorkspace, gibbsStep, initGibbs } from '@stochnet/inference';
import { m2b } from '../support/fixtures.js';
import { sampleExact, statesFromIndices } from '../support/stats.js';
import { exactSweepKernel, mixingTime, worstStartTv } from './support/exact-kernel.js';
import { ControlSampler } from './support/gibbs-controls.js';
import type { Fault } from './support/gibbs-controls.js';
import { N, THIN_TV, accumulate, collectThinned, expectFails, expectMatches, probabilities } from './support/gibbs-checks.js';

const SEED = 'S4';
const C = 10_000;
const BURN_IN = 50;
const plan = compile(m2b());
const logp = exactLogProbabilities(plan);
const p = probabilities(logp);
const kernel = exactSweepKernel(plan);
const THIN = mixingTime(kernel, p, THIN_TV, 40);
const UNITS = [0, 1, 2, 3, 4, 5];

function histogram(mode: 'one-sweep' | 'long-run', fault: Fault | null): Float64Array {
  const chains = mode === 'one-sweep' ? C : C / 5;
  const state = initGibbs(plan, { chains, seed: `${SEED}/${mode}` });
  const exact = createRng(`${SEED}/${mode}`).fork('exact');
  const control = fault === null ? null : new ControlSampler(state, fault);
  const ws = createGibbsWorkspace(plan, chains);
  const counts = new Float64Array(64);
  const sweep = (): void => (control === null ? void gibbsStep(state, ws) : control.sweep());
  const record = (): void => accumulate(counts, state.states, chains, 6, UNITS);
  if (mode === 'long-run') {
    collectThinned({ n: N, chains, burnIn: BURN_IN, thin: THIN, reset: () => state.states.fill(0), sweep, record });
    return counts;
  }
  for (let round = 0; round < N / chains; round++) {
    state.states.set(statesFromIndices(sampleExact(logp, chains, exact), 6));
    sweep();
    record();
  }
  return counts;
}

describe('S4 RBM block Gibbs on M2b (joint v, h)', () => {
  it('sweeps v then h', () => {
    expect(plan.schedules.gibbs.map((s) => s.parts.map((part) => plan.blocks[part.block]!.group))).toEqual([['v'], ['h']]);
  });

  it('keeps the exact joint after one sweep', () => {
    expectMatches('S4 one-sweep', histogram('one-sweep', null), p, `${SEED}/one-sweep`);
  });

  it('has negligible burn-in bias and a short thinning interval (exact kernel)', () => {
    expect(worstStartTv(kernel, p, BURN_IN)).toBeLessThan(THIN_TV);
    expect(THIN).toBeLessThanOrEqual(20);
  });

  it('reaches the exact joint from zeros', () => {
    expectMatches('S4 long-run', histogram('long-run', null), p, `${SEED}/long-run`);
  });

  it.each<Fault>(['stale-neighbour', 'missing-bias'])('negative control %s fails the one-sweep checks', (fault) => {
    expectFails(`S4 control ${fault}`, histogram('one-sweep', fault), p);
  });
});
