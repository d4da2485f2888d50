/**
 * S10 (TESTING.md B.1): PCD persistence and correctness, with the model
 * frozen (the learner is called without an optimiser: learning rate 0) on
 * M2c with W sd 2 (second eigenvalue of the visible kernel 0.29).
 *
 * (a) Exact: the chains an update starts from are the chains the previous
 *     update ended with — each update is reproduced from the saved state
 *     (chain states and every chain's stream state) with the library's layer
 *     conditionals, and must equal the learner's next state exactly.
 * (b) After T updates of C chains (PR: C = 1e4, T = 50; main: C = 1e5,
 *     T = 100) the negative statistics (v_k·p(h | v_k)ᵀ and means, each in
 *     [0, 1], independent across chains) match the exact model statistics
 *     within Hoeffding's √(ln(2/α)/(2C)), α = 1e-7 per component (19
 *     components). The start's influence after T updates is ≤ 0.29^T.
 * (c) Negative control: a "PCD" that re-initialises its chains at the data
 *     every update (which is CD-1) must fail (b): E[CD_1]'s model term
 *     differs from the model's by far more than the bound here.
 */
import { describe, expect, it } from 'vitest';
import { createRng, restoreRng } from '@stochnet/graph';
import { compile, hiddenGivenVisible, visibleGivenHidden, zeroGradient } from '@stochnet/model';
import { createLearner } from '@stochnet/inference';
import type { Learner } from '@stochnet/inference';
import { m2c } from '../support/fixtures.js';
import { assertBelow, hoeffding } from '../support/stats.js';
import { flatten, maxAbsDiff, modelStatistics, sidesOf } from '../support/cd-oracle.js';
import { TIER } from './support/gibbs-checks.js';

const ALPHA = 1e-7;
const SEED = 'S10';
const DATA = Uint8Array.of(1, 0, 1, 0, 0, 1, 1, 0, 1, 1, 0, 1, 0, 0, 0, 1);
const C = TIER === 'main' ? 100_000 : 10_000;
const T = TIER === 'main' ? 100 : 50;
/** The main tier runs minutes, off the PR path. */
const TIMEOUT = TIER === 'main' ? 600_000 : undefined;
const plan = compile(m2c('M2c', 2), { dtype: 'float64' });
const model = flatten(modelStatistics(plan));

function run(learner: Learner, updates: number): Float64Array {
  const g = zeroGradient(plan);
  for (let t = 0; t < updates; t++) learner.gradient(g, DATA, 4, createRng(SEED).fork(`update/${t}`));
  return flatten(learner.negative);
}

describe('S10 PCD persistence and correctness (M2c, W sd 2, frozen model)', () => {
  it('(a) every update continues exactly from the chains the previous one left', () => {
    const s = sidesOf(plan);
    const learner = createLearner(plan, { method: 'pcd', k: 1, chains: 6, seed: `${SEED}/a` });
    const g = zeroGradient(plan);
    learner.gradient(g, DATA, 4, createRng(SEED));
    for (let t = 0; t < 20; t++) {
      const before = learner.save().chains!;
      learner.gradient(g, DATA, 4, createRng(SEED).fork(`a/${t}`));
      const after = learner.save().chains!;
      for (let c = 0; c < 6; c++) {
        const row = before.states.slice(c * plan.size, (c + 1) * plan.size);
        const rng = restoreRng(before.rngStates[c]!);
        const pv = visibleGivenHidden(plan, Float64Array.from({ length: s.nh }, (_, j) => row[s.hidOff + j]!));
        const v = Float64Array.from(pv, (p) => (rng.next() < p ? 1 : 0));
        const ph = hiddenGivenVisible(plan, v);
        const h = Float64Array.from(ph, (p) => (rng.next() < p ? 1 : 0));
        const want = new Array<number>(plan.size);
        v.forEach((x, i) => (want[s.visOff + i] = x));
        h.forEach((x, j) => (want[s.hidOff + j] = x));
        expect(after.states.slice(c * plan.size, (c + 1) * plan.size)).toEqual(want);
        expect(after.rngStates[c]).toEqual(rng.state());
      }
    }
  });

  it('(b) negative statistics match the exact model statistics', () => {
    const neg = run(createLearner(plan, { method: 'pcd', k: 1, chains: C, seed: `${SEED}/b` }), T);
    assertBelow({ test: 'S10 (b)', statistic: maxAbsDiff(neg, model), threshold: hoeffding(C, ALPHA, 1), n: C, alpha: ALPHA, seed: SEED });
  }, TIMEOUT);

  it('(c) negative control: chains re-initialised at the data (CD-1) fail', () => {
    const rows = 4 * 2_500;
    const data = new Uint8Array(rows * 4);
    for (let r = 0; r < rows / 4; r++) data.set(DATA, r * 16);
    const cd = createLearner(plan, { method: 'cd', k: 1, sampleVisible: true });
    cd.gradient(zeroGradient(plan), data, rows, createRng(SEED).fork('c'));
    expect(maxAbsDiff(flatten(cd.negative), model)).toBeGreaterThan(hoeffding(rows, ALPHA, 1));
  });
});
