/**
 * The general (non-RBM) path of the learning rules is unbiased where it
 * should be: on a small deep Boltzmann machine v(3) — h1(2) — h2(2), PCD-1
 * with a clamped-Gibbs positive phase (20 sweeps per data row) estimates
 * the exact log-likelihood gradient (the library's exactGradient: exact
 * posterior data term, exact model term).
 *
 * Set-up: C = 5e3 persistent chains burnt in by 30 updates on the 4 data
 * rows, then one update on R = 5e3 rows (the 4 rows repeated), each with its
 * own positive chain. Every component is (mean of R independent positive
 * terms in [0, 1]) − (mean of C independent chain terms in [0, 1]), so with
 * α = 1e-7 for each mean the bound is 2·√(ln(2/α)/(2·5e3)) = 0.082 (17
 * components). Residual biases (20 clamped sweeps on 4 hidden units, 30
 * chain updates) are orders of magnitude below it.
 *
 * Negative control: a positive phase that has not converged (one
 * mean-field iteration from zero, so h2 never informs h1) misses the data
 * term by ≈ 0.13 and must fail.
 */
import { describe, expect, it } from 'vitest';
import { createRng } from '@stochnet/graph';
import { compile, exactGradient, zeroGradient } from '@stochnet/model';
import { createLearner } from '@stochnet/inference';
import type { LearnerOptions } from '@stochnet/inference';
import { assertBelow, hoeffding } from '../support/stats.js';
import { flatten, maxAbsDiff } from '../support/cd-oracle.js';
import { dbm } from '../../packages/inference/test/learn/support/nets.js';

const ALPHA = 1e-7;
const SEED = 'general-bm';
const R = 5_000;
const DATA = Uint8Array.of(1, 0, 1, 0, 1, 1, 1, 1, 0, 0, 0, 1);
const plan = compile(dbm(), { dtype: 'float64' });
const exact = flatten(exactGradient(plan, DATA, 4));
const THRESHOLD = 2 * hoeffding(R, ALPHA, 1);

function estimate(positive: LearnerOptions['positive']): Float64Array {
  const learner = createLearner(plan, { method: 'pcd', k: 1, chains: R, seed: SEED, positive });
  const g = zeroGradient(plan);
  for (let t = 0; t < 30; t++) learner.gradient(g, DATA, 4, createRng(SEED).fork(`burn-in/${t}`));
  const big = new Uint8Array(R * 3);
  for (let r = 0; r < R / 4; r++) big.set(DATA, r * 12);
  return flatten(learner.gradient(g, big, R, createRng(SEED).fork('final')));
}

describe('general Boltzmann machine: PCD with a Gibbs positive phase (DBM)', () => {
  it('estimates the exact log-likelihood gradient', () => {
    const dev = maxAbsDiff(estimate({ method: 'gibbs', sweeps: 20 }), exact);
    assertBelow({ test: 'general BM gradient', statistic: dev, threshold: THRESHOLD, n: R, alpha: 2 * ALPHA, seed: SEED });
  });

  it('negative control: an unconverged positive phase fails', () => {
    expect(maxAbsDiff(estimate({ method: 'mean-field', iterations: 1 }), exact)).toBeGreaterThan(THRESHOLD);
  });
});
