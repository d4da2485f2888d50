/**
 * S7 (TESTING.md B.1): posterior Gibbs (single-site Markov-blanket updates)
 * on M3, vs exact enumeration and vs ancestral sampling.
 *
 * Design: C = 2 000 chains from the all-zero state, burn-in B = 50 sweeps,
 * then N records (2e5 PR, 1e6 main) thinned at the exact mixing interval T:
 * the smallest t with worst-start TV(δ_x K^t, π) ≤ 1e-13, K the exact sweep
 * kernel assembled from the model's `conditional` in the sampler's order
 * (ascending unit index). By the hybrid argument of collectThinned the N
 * records are within N·1e-13 in TV of N iid draws from π, so the thresholds
 * keep their α. (The kernel itself equals `conditional` decision for decision:
 * packages/inference/test/posterior-kernel.test.ts.)
 *
 * (a) nothing observed: the 64-state histogram vs the exact joint: χ² < the
 *     α = 1e-6 critical value (131.37 at df 63), TV ≤ 0.0148 (2e5) / 0.0066
 *     (1e6), KL-Chernoff < 18.67;
 * (b) two-sample homogeneity χ² between (a)'s histogram and N ancestral
 *     samples < the α = 1e-6 critical value;
 * (c) v = (1, 0) observed: the 16 hidden states vs the exact posterior
 *     (χ² < 56.49 at df 15, TV ≤ 0.0102 at 2e5), observed units never change.
 *
 * Negative controls: single-site samplers with exactly one thing wrong
 * (test/stats/support/site-tables.ts): child likelihood terms missing
 * (aima-java#245), a stale child pre-activation cache (never updated on
 * flips within a sweep), and a wrong CPD column (each weight block
 * transposed). Each control's exact sweep kernel gives the law of its state
 * after B sweeps from zeros, i.e. the output law of TESTING.md's design of N
 * independent chains, and N draws are taken from that law exactly (the
 * cheapest faithful simulation of the broken sampler). Their laws are
 * ≥ 0.075 from π in TV (asserted > 2τ: detection guaranteed at false-pass
 * ≤ 1e-6); each must fail (a)'s χ² and TV and (b)'s χ²; 'no-children' must
 * also fail (c).
 */
import { describe, expect, it } from 'vitest';
import { createRng } from '@stochnet/graph';
import { compile, exactLogProbabilities } from '@stochnet/model';
import { ancestralSample, createPosteriorWorkspace, initPosterior, posteriorStep } from '@stochnet/inference';
import type { Evidence } from '@stochnet/inference';
import { chiSquareCritical, histogram, sampleExact, tv, tvThreshold, twoSampleChiSquare } from '../support/stats.js';
import { m3 } from '../support/fixtures.js';
import { mixingTime, worstStartTv } from './support/exact-kernel.js';
import { ALPHA, N, THIN_TV, accumulate, collectThinned, expectFails, expectMatches, probabilities } from './support/gibbs-checks.js';
import { exactRule, noChildrenRule, propagate, staleCacheRule, sweepKernel, transposedPlan } from './support/site-tables.js';
import type { SiteRule } from './support/site-tables.js';

const SEED = 'S7';
const C = 2_000;
const BURN_IN = 50;
const plan = compile(m3(), { dtype: 'float64' });
// Layout: h1 0-1, h2 2-3, v 4-5.
const ALL = [0, 1, 2, 3, 4, 5];
const HIDDEN = [0, 1, 2, 3];
const pi = probabilities(exactLogProbabilities(plan));
const K = sweepKernel(exactRule(plan), ALL);
const THIN = mixingTime(K, pi, THIN_TV, 40);

/** p(h | v = (1, 0)), embedded in the 64 states and as 16 hidden cells. */
const V10 = (x: number): boolean => ((x >> 4) & 3) === 1;
const posterior64 = (() => {
  const q = pi.map((p, x) => (V10(x) ? p : 0));
  const z = q.reduce((a, b) => a + b, 0);
  return q.map((p) => p / z);
})();
const posterior16 = Float64Array.from({ length: 16 }, (_, h) => posterior64[h | (1 << 4)]!);
const KC = sweepKernel(exactRule(plan), HIDDEN);
const THIN_C = mixingTime(KC, posterior64, THIN_TV, 40, V10);

/** N thinned records of the library's posterior sampler: histogram over `units`. */
function libraryCounts(evidence: Evidence, units: readonly number[]): { counts: Float64Array; moved: number } {
  const state = initPosterior(plan, { chains: C, seed: SEED, evidence, init: new Float64Array(6) });
  const ws = createPosteriorWorkspace(state);
  const observed = Array.from(state.evidence.units);
  const counts = new Float64Array(2 ** units.length);
  let moved = 0;
  collectThinned({
    n: N,
    chains: C,
    burnIn: BURN_IN,
    thin: units.length === 6 ? THIN : THIN_C,
    reset: () => undefined,
    sweep: () => {
      posteriorStep(state, ws);
      for (let c = 0; c < C; c++) for (const [j, u] of observed.entries()) if (state.states[c * 6 + u] !== state.evidence.values[j]) moved++;
    },
    record: () => accumulate(counts, state.states, C, 6, units),
  });
  return { counts, moved };
}

/**
 * N draws from the exact law of a control sampler's state after B sweeps of
 * `order` from state `start`, histogrammed over the bits in `mask`.
 */
function controlCounts(name: string, rule: SiteRule, order: readonly number[], start: number, cells: number, mask: number): Float64Array {
  const law = propagate(sweepKernel(rule, order), Float64Array.from({ length: 64 }, (_, x) => (x === start ? 1 : 0)), BURN_IN);
  const draws = sampleExact(Float64Array.from(law, Math.log), N, createRng(SEED).fork(`control/${name}`));
  const counts = new Float64Array(cells);
  for (const x of draws) counts[x & mask]! += 1;
  return counts;
}

const ancestral = histogram(ancestralSample(plan, { samples: N, seed: `${SEED}/ancestral` }).states, 6);

const controls: [string, SiteRule][] = [
  ['no-children', noChildrenRule(plan)],
  ['stale-cache', staleCacheRule(plan)],
  ['wrong-cpd h1->v', exactRule(transposedPlan(plan, 0))],
  ['wrong-cpd h2->h1', exactRule(transposedPlan(plan, 1))],
];

describe('S7 posterior Gibbs on M3', () => {
  const gibbs = libraryCounts([], ALL).counts;

  it('has negligible burn-in bias and a short thinning interval (exact kernels)', () => {
    expect(worstStartTv(K, pi, BURN_IN)).toBeLessThan(THIN_TV);
    expect(worstStartTv(KC, posterior64, BURN_IN, V10)).toBeLessThan(THIN_TV);
    expect(Math.max(THIN, THIN_C)).toBeLessThanOrEqual(20);
  });

  it('(a) matches the exact joint with nothing observed', () => {
    expectMatches('S7a', gibbs, pi, SEED);
  });

  it('(b) is homogeneous with ancestral samples (two-sample χ²)', () => {
    const chi = twoSampleChiSquare(gibbs, ancestral);
    expect(chi.statistic, `S7b chi-square ${chi.statistic} at df ${chi.df}`).toBeLessThan(chiSquareCritical(chi.df, ALPHA));
  });

  it('(c) matches the exact posterior p(h | v = (1, 0)); observed units never move', () => {
    const { counts, moved } = libraryCounts([{ group: 'v', values: [1, 0] }], HIDDEN);
    expect(moved).toBe(0);
    expectMatches('S7c', counts, posterior16, SEED);
  });

  it.each(controls)('negative control %s: TV > 2τ after B sweeps, fails (a) and (b)', (name, rule) => {
    const tau = tvThreshold(64, N, ALPHA);
    const law = propagate(sweepKernel(rule, ALL), Float64Array.from({ length: 64 }, (_, x) => (x === 0 ? 1 : 0)), BURN_IN);
    expect(tv(law, pi)).toBeGreaterThan(2 * tau);
    const counts = controlCounts(name, rule, ALL, 0, 64, 63);
    expectFails(`S7a control ${name}`, counts, pi);
    const chi = twoSampleChiSquare(counts, ancestral);
    expect(chi.statistic).toBeGreaterThan(chiSquareCritical(chi.df, ALPHA));
  });

  it('negative control no-children fails (c)', () => {
    const counts = controlCounts('no-children-c', noChildrenRule(plan), HIDDEN, 1 << 4, 16, 15);
    expectFails('S7c control no-children', counts, posterior16);
  });
});
