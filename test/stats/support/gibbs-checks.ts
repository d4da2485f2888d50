/**
 * The statistical checks shared by the block-Gibbs tests (TESTING.md S2–S5,
 * S8): the tier's sample size, histogram accumulation, and the three
 * distribution checks (χ² with merged cells, non-asymptotic TV, per-cell
 * KL-Chernoff) at α = 1e-6 each, asserted to pass (the sampler) or to fail
 * (a negative control).
 */
import { expect } from 'vitest';
import { assertBelow, chiSquare, chiSquareCritical, expectedCounts, klChernoff, normalise, tv, tvThreshold } from '../../support/stats.js';

/** `'main'` when STOCHNET_TIER=main (pnpm test:stats), else the PR tier. */
export const TIER: 'pr' | 'main' = process.env['STOCHNET_TIER'] === 'main' ? 'main' : 'pr';

/** Draws per statistical test: 2e5 on the PR tier, 1e6 on main. */
export const N = TIER === 'main' ? 1_000_000 : 200_000;

/** α of every distribution check. */
export const ALPHA = 1e-6;

/** Hoeffding half-width for a mean of N draws in [0, 1] at α = 1e-7 (TESTING.md B.0). */
export const HOEFFDING = TIER === 'main' ? 0.0029 : 0.00648;

/**
 * Adds the states of `rows` chains to `counts`: the cell of a row is
 * Σ_t s[units[t]]·2^t (bit t = the t-th listed unit).
 */
export function accumulate(counts: Float64Array, states: ArrayLike<number>, rows: number, size: number, units: readonly number[]): void {
  for (let r = 0; r < rows; r++) {
    let cell = 0;
    for (let t = 0; t < units.length; t++) {
      const v = states[r * size + units[t]!];
      if (v !== 0 && v !== 1) throw new Error(`state row ${r}, unit ${units[t]} is ${v}, not 0 or 1`);
      cell |= v << t;
    }
    counts[cell]! += 1;
  }
}

/** The three statistics of a histogram against a distribution, with their thresholds. */
export interface DistributionStats {
  readonly n: number;
  readonly chi2: number;
  readonly df: number;
  readonly chi2Critical: number;
  readonly tv: number;
  readonly tvThreshold: number;
  readonly kl: number;
  readonly klThreshold: number;
}

export function distributionStats(counts: Float64Array, p: ArrayLike<number>): DistributionStats {
  const n = counts.reduce((a, c) => a + c, 0);
  const chi = chiSquare(counts, expectedCounts(p, n), 100);
  const kl = klChernoff(counts, p, ALPHA);
  return {
    n,
    chi2: chi.statistic,
    df: chi.df,
    chi2Critical: chiSquareCritical(chi.df, ALPHA),
    tv: tv(normalise(counts), p),
    tvThreshold: tvThreshold(p.length, n, ALPHA),
    kl: kl.statistic,
    klThreshold: kl.threshold,
  };
}

/** Asserts all three checks pass, printing TESTING.md B.8's report on failure. */
export function expectMatches(test: string, counts: Float64Array, p: ArrayLike<number>, seed: string): DistributionStats {
  const s = distributionStats(counts, p);
  const expected = expectedCounts(p, s.n);
  assertBelow({ test: `${test} chi-square (df ${s.df})`, statistic: s.chi2, threshold: s.chi2Critical, n: s.n, alpha: ALPHA, seed, observed: counts, expected });
  assertBelow({ test: `${test} TV`, statistic: s.tv, threshold: s.tvThreshold, n: s.n, alpha: ALPHA, seed, observed: counts, expected });
  assertBelow({ test: `${test} KL-Chernoff`, statistic: s.kl, threshold: s.klThreshold, n: s.n, alpha: ALPHA, seed, observed: counts, expected });
  return s;
}

/** Asserts a negative control fails both χ² and TV (the statistics that carry the test's power claim). */
export function expectFails(test: string, counts: Float64Array, p: ArrayLike<number>): DistributionStats {
  const s = distributionStats(counts, p);
  expect(s.chi2, `${test}: chi-square must exceed ${s.chi2Critical}`).toBeGreaterThan(s.chi2Critical);
  expect(s.tv, `${test}: TV must exceed ${s.tvThreshold}`).toBeGreaterThan(s.tvThreshold);
  return s;
}

/** Exact state probabilities from a log-probability table. */
export function probabilities(logp: ArrayLike<number>): Float64Array {
  return Float64Array.from(logp, Math.exp);
}

/** What {@link collectThinned} runs. */
export interface ThinnedRun {
  /** Samples to record in all, a multiple of `chains`. */
  readonly n: number;
  /** Chains sampled side by side. */
  readonly chains: number;
  /** Sweeps before the first record. */
  readonly burnIn: number;
  /** Sweeps between records. */
  readonly thin: number;
  /** Puts every chain at its start. */
  readonly reset: () => void;
  /** One sweep of every chain. */
  readonly sweep: () => void;
  /** Records every chain's current state. */
  readonly record: () => void;
}

/**
 * Records n states from a pool of chains: reset, `burnIn` sweeps, then
 * n / chains records of every chain, `thin` sweeps apart.
 *
 * Why this is as good as n independent chains: let d(t) be the exact
 * worst-start TV after t sweeps (computed by the caller from the exact sweep
 * kernel). Each record's law given everything before it is within d(thin)
 * of π (the first within d(burnIn)), so by the hybrid argument the joint law
 * of all n records is within n·max(d(burnIn), d(thin)) of n iid draws from π.
 * With d ≤ 1e-13 that is ≤ 1e-7 at n = 1e6: every threshold's false-failure
 * rate rises by at most that much.
 */
export function collectThinned(run: ThinnedRun): void {
  const rounds = run.n / run.chains;
  if (!Number.isInteger(rounds) || rounds < 1) throw new Error(`n = ${run.n} is not a positive multiple of chains = ${run.chains}`);
  run.reset();
  for (let t = 0; t < run.burnIn; t++) run.sweep();
  run.record();
  for (let r = 1; r < rounds; r++) {
    for (let t = 0; t < run.thin; t++) run.sweep();
    run.record();
  }
}

/** Largest worst-start TV allowed at the thinning interval (see collectThinned). */
export const THIN_TV = 1e-13;
