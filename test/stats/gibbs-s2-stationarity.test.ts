/**
 * S2 (TESTING.md B.1): one-sweep stationarity of block Gibbs on M1. N states
 * are drawn iid from the exact enumerated π (inverse CDF, on the stream
 * 'S2/exact', separate from the chains' 'S2/chain/c'), each is given exactly
 * one sweep, and the histogram of the 64 results must match π: χ² (cells
 * merged to expected ≥ 100) below the α = 1e-6 critical value, TV ≤ τ(64, N,
 * 1e-6) (0.0148 at 2e5, 0.0066 at 1e6) and per-cell KL-Chernoff < 18.67.
 * The test passes whether or not the chain mixes.
 *
 * Power (exact one-sweep effect sizes on this M1, computed by enumerating
 * the broken kernels): synchronous update TV 0.138 / χ²-divergence 0.216;
 * missing bias of the largest-|b| unit TV 0.208 / 0.203; stale neighbour
 * (last step reads the sweep's start state) TV 0.083 / 0.047. At N = 2e5 the
 * smallest detectable χ²-divergence is 9.5e-4 and TV detection is guaranteed
 * above 2τ = 0.030, so each control fails by a wide margin.
 *
 * Draws are made in rounds of C chains: a round overwrites the chain states
 * with fresh exact draws, so its outputs are independent of earlier rounds
 * (each chain's stream only advances).
 */
import { describe, expect, it } from 'vitest';
import { createRng } from '@stochnet/graph';
import { compile, exactLogProbabilities } from '@stochnet/model';
import { createGibbsWorkspace, gibbsStep, initGibbs } from '@stochnet/inference';
import { m1 } from '../support/fixtures.js';
import { sampleExact, statesFromIndices } from '../support/stats.js';
import { ControlSampler } from './support/gibbs-controls.js';
import type { Fault } from './support/gibbs-controls.js';
import { N, accumulate, expectFails, expectMatches, probabilities } from './support/gibbs-checks.js';

const SEED = 'S2';
const C = 10_000;
const plan = compile(m1(), { dtype: 'float64' });
const logp = exactLogProbabilities(plan);
const p = probabilities(logp);
const UNITS = [0, 1, 2, 3, 4, 5];

/** N one-sweep transitions of exact draws, by the library (fault null) or a control. */
function oneSweepHistogram(fault: Fault | null, n = N): Float64Array {
  const state = initGibbs(plan, { chains: C, seed: SEED });
  const exact = createRng(SEED).fork('exact');
  const control = fault === null ? null : new ControlSampler(state, fault);
  const ws = createGibbsWorkspace(plan, C);
  const counts = new Float64Array(64);
  for (let round = 0; round < n / C; round++) {
    state.states.set(statesFromIndices(sampleExact(logp, C, exact), 6));
    if (control === null) gibbsStep(state, ws);
    else control.sweep();
    accumulate(counts, state.states, C, 6, UNITS);
  }
  return counts;
}

describe('S2 one-sweep stationarity on M1', () => {
  it('keeps the exact distribution after one sweep', () => {
    expectMatches('S2', oneSweepHistogram(null), p, SEED);
  });

  it('the control sampler without a fault is the library sweep, byte for byte', () => {
    const a = initGibbs(plan, { chains: 50, seed: 'S2/ref', init: 'random' });
    const b = initGibbs(plan, { chains: 50, seed: 'S2/ref', init: 'random' });
    const ref = new ControlSampler(b, 'none');
    for (let t = 0; t < 5; t++) {
      gibbsStep(a);
      ref.sweep();
    }
    expect(Buffer.from(b.states.buffer).equals(Buffer.from(a.states.buffer))).toBe(true);
  });

  it.each<Fault>(['synchronous', 'missing-bias', 'stale-neighbour'])('negative control %s fails the same checks', (fault) => {
    expectFails(`S2 control ${fault}`, oneSweepHistogram(fault), p);
  });
});
