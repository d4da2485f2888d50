/**
 * S11 (TESTING.md B.1): Geweke's successive-conditional test of posterior
 * Gibbs. Draw N = 2e5 (1e6 main) joint states (h*, v*) ancestrally from M3;
 * start chain i at h* with evidence v* (per-chain evidence rows); run L = 20
 * posterior sweeps; record (h_L, v*). If the sampler leaves p(h | v)
 * invariant, (h_L, v*) ~ p(h, v) exactly, whatever the mixing: χ² (merged
 * cells) < the α = 1e-6 critical value (131.37 at df 63) and TV ≤ 0.0148
 * (2e5) / 0.0066 (1e6). No posterior enumeration is needed.
 *
 * Negative controls: the exact law of (h_L, v*) under each broken
 * single-site rule (test/stats/support/site-tables.ts), computed from its
 * sweep kernel, sampled N times exactly:
 * - missing child terms (aima-java#245): TV 0.17 from p(h, v);
 * - evidence resampled (the chain also updates v; v* is recorded): TV 0.12;
 * - wrong CPD column (each block transposed): TV 0.05 and 0.32;
 * - stale child cache: TV 0.019 but χ²-divergence 1.9e-3, twice the
 *   smallest divergence χ² detects at power 1 − 1e-6 (λ/N = 189/2e5); it
 *   must fail χ², the others χ² and TV.
 */
import { describe, expect, it } from 'vitest';
import { createRng } from '@stochnet/graph';
import { compile, exactLogProbabilities } from '@stochnet/model';
import { ancestralSample, initPosterior, runPosterior } from '@stochnet/inference';
import { NONCENTRALITY_POWER, histogram, sampleExact } from '../support/stats.js';
import { m3 } from '../support/fixtures.js';
import { N, distributionStats, expectFails, expectMatches, probabilities } from './support/gibbs-checks.js';
import { exactRule, noChildrenRule, propagate, staleCacheRule, sweepKernel, transposedPlan } from './support/site-tables.js';
import type { SiteRule } from './support/site-tables.js';

const SEED = 'S11';
const L = 20;
const plan = compile(m3(), { dtype: 'float64' });
// Layout: h1 0-1, h2 2-3, v 4-5.
const ALL = [0, 1, 2, 3, 4, 5];
const HIDDEN = [0, 1, 2, 3];
const pi = probabilities(exactLogProbabilities(plan));

/** The exact law of (h_L, v*) when (h*, v*) ~ π and `rule` runs L sweeps of `order`. */
function gewekeLaw(rule: SiteRule, order: readonly number[]): Float64Array {
  const K = sweepKernel(rule, order);
  const law = new Float64Array(64);
  for (let x = 0; x < 64; x++) {
    const row = propagate(K, Float64Array.from({ length: 64 }, (_, y) => (y === x ? 1 : 0)), L);
    for (let y = 0; y < 64; y++) law[(y & 15) | (x & 48)]! += pi[x]! * row[y]!;
  }
  return law;
}

function chi2Divergence(q: ArrayLike<number>, p: ArrayLike<number>): number {
  let s = 0;
  for (let k = 0; k < p.length; k++) s += (q[k]! - p[k]!) ** 2 / p[k]!;
  return s;
}

function controlCounts(name: string, law: Float64Array): Float64Array {
  const draws = sampleExact(Float64Array.from(law, Math.log), N, createRng(SEED).fork(`control/${name}`));
  return histogram(Float64Array.from({ length: N * 6 }, (_, k) => (draws[Math.floor(k / 6)]! >> (k % 6)) & 1), 6);
}

describe('S11 Geweke successive-conditional test on M3', () => {
  it('the exact law of the correct rule is p(h, v) (tier i)', () => {
    const law = gewekeLaw(exactRule(plan), HIDDEN);
    for (let x = 0; x < 64; x++) expect(Math.abs(law[x]! - pi[x]!)).toBeLessThan(1e-14);
  });

  it('(h_L, v*) from the library matches the exact joint; evidence rows never move', () => {
    const start = ancestralSample(plan, { samples: N, seed: `${SEED}/prior` }).states;
    const vstar = new Float64Array(N * 2);
    for (let i = 0; i < N; i++) {
      vstar[2 * i] = start[i * 6 + 4]!;
      vstar[2 * i + 1] = start[i * 6 + 5]!;
    }
    const state = initPosterior(plan, { chains: N, seed: SEED, evidence: [{ group: 'v', values: vstar }], init: start });
    expect(Array.from(state.states.subarray(0, 60))).toEqual(Array.from(start.subarray(0, 60)));
    runPosterior(state, L);
    let moved = 0;
    for (let i = 0; i < N; i++) if (state.states[i * 6 + 4] !== vstar[2 * i] || state.states[i * 6 + 5] !== vstar[2 * i + 1]) moved++;
    expect(moved).toBe(0);
    expectMatches('S11', histogram(state.states, 6), pi, SEED);
  });

  it.each([
    ['no-children', () => gewekeLaw(noChildrenRule(plan), HIDDEN)],
    ['resampled-evidence', () => gewekeLaw(exactRule(plan), ALL)],
    ['wrong-cpd h1->v', () => gewekeLaw(exactRule(transposedPlan(plan, 0)), HIDDEN)],
    ['wrong-cpd h2->h1', () => gewekeLaw(exactRule(transposedPlan(plan, 1)), HIDDEN)],
  ] as const)('negative control %s fails χ² and TV', (name, law) => {
    expectFails(`S11 control ${name}`, controlCounts(name, law()), pi);
  });

  it('negative control stale-cache: χ²-divergence above the detectable level, fails χ²', () => {
    const law = gewekeLaw(staleCacheRule(plan), HIDDEN);
    expect(chi2Divergence(law, pi)).toBeGreaterThan(NONCENTRALITY_POWER[63]! / N);
    const s = distributionStats(controlCounts('stale-cache', law), pi);
    expect(s.chi2).toBeGreaterThan(s.chi2Critical);
  });
});
