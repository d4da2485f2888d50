/**
 * Likelihood weighting (ancestralSample with evidence) on M4 (5-unit DAG
 * with skips): the self-normalised estimate μ̂_f = Σ w f / Σ w of the
 * posterior marginals of a, b (upstream of the evidence) and e (downstream)
 * given c = 1, d = 0 must agree with exact enumeration.
 *
 * Bound (non-asymptotic): each weight lies in [0, w_max] (w_max: the largest
 * likelihood of the evidence over parent configurations, computed exactly),
 * so Hoeffding bounds |A_f − E A_f| and |B − E B| by t = w_max·√(ln(8/α)/(2N))
 * for A_f = mean(w f) (three targets) and B = mean(w), jointly with
 * probability ≥ 1 − α (α = 1e-6, union over 4 events). On that event,
 * since E A_f = μ_f E B, |μ̂_f − μ_f| ≤ t(1 + μ_f)/B. At N = 2e5 the bound is
 * about 0.015. A tighter asymptotic check (delta method, z = 5.327 at
 * α = 1e-7) is asserted too.
 *
 * Negative controls (must exceed the same bound; their exact limits are
 * asserted to differ from μ by more than twice the bound first):
 * - weights ignored (plain mean of the weighted samples): biases a and b;
 * - evidence resampled (observed units drawn like the others, weights still
 *   computed from the observed values given the sampled parents): biases e,
 *   whose parents c and d are then the sampled ones.
 */
import { describe, expect, it } from 'vitest';
import { blockFieldInto, compile, exactLogProbabilities, logBernoulli } from '@stochnet/model';
import type { FloatArray } from '@stochnet/model';
import { ancestralSample } from '@stochnet/inference';
import { hoeffding } from '../support/stats.js';
import { m4 } from '../support/fixtures.js';
import { N } from './support/gibbs-checks.js';

const SEED = 'LW';
const ALPHA = 1e-6;
const plan = compile(m4(), { dtype: 'float64' });
// Layout: a 0, b 1, c 2, d 3, e 4 (single-unit groups sorted by id).
const EVIDENCE = [
  { unit: 'c', values: [1] },
  { unit: 'd', values: [0] },
];
const TARGETS = [0, 1, 4];
const pi = Float64Array.from(exactLogProbabilities(plan), Math.exp);
const consistent = (x: number): boolean => ((x >> 2) & 1) === 1 && ((x >> 3) & 1) === 0;

/** log p(c = 1 | parents) + log p(d = 0 | parents) for each row of a state batch. */
function logLikelihoodOfEvidence(states: FloatArray, rows: number): Float64Array {
  const fc = new Float64Array(rows);
  const fd = new Float64Array(rows);
  blockFieldInto(fc, plan, states, rows, 2);
  blockFieldInto(fd, plan, states, rows, 3);
  return Float64Array.from(fc, (f, r) => logBernoulli(f, 1) + logBernoulli(fd[r]!, 0));
}

const allStates = Float64Array.from({ length: 32 * 5 }, (_, k) => (Math.floor(k / 5) >> (k % 5)) & 1);
const weightOf = Float64Array.from(logLikelihoodOfEvidence(allStates, 32), Math.exp);
const W_MAX = Math.max(...weightOf);

/** Exact posterior marginals given the evidence. */
const exact = TARGETS.map((u) => {
  let num = 0;
  let den = 0;
  for (let x = 0; x < 32; x++) {
    if (!consistent(x)) continue;
    den += pi[x]!;
    if ((x >> u) & 1) num += pi[x]!;
  }
  return num / den;
});

interface Estimate {
  readonly mu: number[];
  readonly bound: number[];
  readonly se: number[];
}

function estimate(states: FloatArray, logW: Float64Array, weighted = true): Estimate {
  const t = hoeffding(N, ALPHA / 4, W_MAX);
  let B = 0;
  for (let r = 0; r < N; r++) B += weighted ? Math.exp(logW[r]!) : 1;
  const mu = TARGETS.map((u) => {
    let A = 0;
    for (let r = 0; r < N; r++) A += (weighted ? Math.exp(logW[r]!) : 1) * states[r * 5 + u]!;
    return A / B;
  });
  const se = TARGETS.map((u, k) => {
    let s = 0;
    for (let r = 0; r < N; r++) s += (Math.exp(logW[r]!) * (states[r * 5 + u]! - mu[k]!)) ** 2;
    return Math.sqrt(s) / B;
  });
  return { mu, bound: exact.map((m) => (t * (1 + m)) / (B / N)), se };
}

describe('likelihood weighting on M4, evidence c = 1, d = 0', () => {
  const { states, logWeights } = ancestralSample(plan, { samples: N, seed: SEED, evidence: EVIDENCE });

  it('the self-normalised estimates of the marginals of a, b, e are within the Hoeffding bound and 5.327 SE', () => {
    const est = estimate(states, logWeights!);
    TARGETS.forEach((u, k) => {
      const err = Math.abs(est.mu[k]! - exact[k]!);
      expect(err, `unit ${u}: |${est.mu[k]} − ${exact[k]}| vs bound ${est.bound[k]}`).toBeLessThanOrEqual(est.bound[k]!);
      expect(err, `unit ${u}: |${est.mu[k]} − ${exact[k]}| vs 5.327 SE = ${5.327 * est.se[k]!}`).toBeLessThanOrEqual(5.327 * est.se[k]!);
    });
    expect(Math.max(...est.bound)).toBeLessThan(0.03);
  });

  it('negative control: weights ignored fails the bound (a and b)', () => {
    // Exact limit of the unweighted mean for a and b: their prior marginals (nothing upstream is observed).
    const est = estimate(states, logWeights!);
    const bad = estimate(states, logWeights!, false);
    for (const k of [0, 1]) {
      const prior = pi.reduce((a, p, x) => a + ((x >> TARGETS[k]!) & 1) * p, 0);
      expect(Math.abs(prior - exact[k]!)).toBeGreaterThan(2 * est.bound[k]!);
      expect(Math.abs(bad.mu[k]! - exact[k]!)).toBeGreaterThan(est.bound[k]!);
    }
  });

  it('negative control: evidence resampled fails the bound (e)', () => {
    // Exact limit: Σ π(x) w(a, b) e(x) / Σ π(x) w(a, b) over all states (c, d as sampled).
    let num = 0;
    let den = 0;
    for (let x = 0; x < 32; x++) {
      den += pi[x]! * weightOf[x & 3]!;
      num += pi[x]! * weightOf[x & 3]! * ((x >> 4) & 1);
    }
    const free = ancestralSample(plan, { samples: N, seed: SEED }).states;
    const bad = estimate(free, logLikelihoodOfEvidence(free, N));
    expect(Math.abs(num / den - exact[2]!)).toBeGreaterThan(2 * bad.bound[2]!);
    expect(Math.abs(bad.mu[2]! - exact[2]!)).toBeGreaterThan(bad.bound[2]!);
  });
});
