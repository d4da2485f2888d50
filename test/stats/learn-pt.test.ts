/**
 * Parallel tempering correctness (Desjardins et al. 2010) on a small
 * bimodal Boltzmann machine: 6 fully connected units, W_ij = 3, b_i = −7.5,
 * so E(s) = k(9 − 1.5k) with k units on: symmetric under s → 1 − s, two modes
 * (all off, all on) of equal mass and an energy barrier of 13.5 between
 * them (one Gibbs flip out of a mode has probability σ(−7.5) ≈ 5.5e-4).
 *
 * Every chain starts in the bad start "all off" (the learner's saved chains
 * are overwritten with zeros and restored). After T updates of PT (10
 * replicas, β linear from 1 to 0, one sweep and one swap round per update)
 * the negative statistics of C independent ladders match the exact model
 * statistics within Hoeffding's √(ln(2/α)/(2C)), α = 1e-7 per component (21
 * components). Negative control: plain Gibbs (PCD chains) from the same
 * start stays in the "off" mode and misses E[s_i] = ½ by ≈ 0.5.
 */
import { describe, expect, it } from 'vitest';
import { boltzmann, constant, createRng } from '@stochnet/graph';
import { compile, zeroGradient } from '@stochnet/model';
import { createLearner, restoreLearner } from '@stochnet/inference';
import type { LearnerOptions, LearnerSnapshot } from '@stochnet/inference';
import { assertBelow, hoeffding } from '../support/stats.js';
import { flatten, maxAbsDiff, modelStatistics } from '../support/cd-oracle.js';
import { TIER } from './support/gibbs-checks.js';

const ALPHA = 1e-7;
const SEED = 'PT';
const C = TIER === 'main' ? 20_000 : 1_000;
const T = 100;
/** The main tier runs minutes, off the PR path. */
const TIMEOUT = TIER === 'main' ? 600_000 : undefined;
const plan = compile(boltzmann(6, { init: constant(3), bias: constant(-7.5) }), { dtype: 'float64' });
const model = flatten(modelStatistics(plan));
const ONE = new Uint8Array(6);

/** The rule's negative statistics after T updates, every chain started at all-off. */
function fromBadStart(opts: LearnerOptions): Float64Array {
  const g = zeroGradient(plan);
  const first = createLearner(plan, opts);
  first.gradient(g, ONE, 1, createRng(SEED).fork('init'));
  const saved = JSON.parse(JSON.stringify(first.save())) as { chains: { states: number[] } | null; tempering: { replicas: { states: number[] }[] } | null };
  if (saved.chains !== null) saved.chains.states = saved.chains.states.map(() => 0);
  for (const r of saved.tempering?.replicas ?? []) r.states = r.states.map(() => 0);
  const learner = restoreLearner(plan, opts, saved as unknown as LearnerSnapshot);
  for (let t = 0; t < T; t++) learner.gradient(g, ONE, 1, createRng(SEED).fork(`update/${t}`));
  return flatten(learner.negative);
}

describe('PT on a bimodal Boltzmann machine', () => {
  it('the exact model is bimodal and symmetric: E[s_i] = ½', () => {
    for (let i = 0; i < 6; i++) expect(model[i]).toBeCloseTo(0.5, 12);
  });

  it('PT from the bad start matches the exact model statistics', () => {
    const neg = fromBadStart({ method: 'pt', k: 1, chains: C, seed: `${SEED}/pt` });
    assertBelow({ test: 'PT moments', statistic: maxAbsDiff(neg, model), threshold: hoeffding(C, ALPHA, 1), n: C, alpha: ALPHA, seed: SEED });
  }, TIMEOUT);

  it('negative control: plain Gibbs from the same start does not', () => {
    const neg = fromBadStart({ method: 'pcd', k: 1, chains: C, seed: `${SEED}/gibbs` });
    expect(maxAbsDiff(neg, model)).toBeGreaterThan(hoeffding(C, ALPHA, 1));
  }, TIMEOUT);
});
