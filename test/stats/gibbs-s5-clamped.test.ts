/**
 * S5 (TESTING.md B.1): clamped block Gibbs. M1 with units 0 and 1 clamped
 * to (1, 0); chains start from zeros (clamped units at their values), burn-in
 * 50, then N records thinned at the exact mixing interval of the clamped
 * kernel (see collectThinned); the 16 free states must follow the exact conditional p(x_free | x_0 = 1,
 * x_1 = 0): χ² (merged cells) below the α = 1e-6 critical value (56.49 at
 * df 15), TV ≤ τ(16, N, 1e-6) (0.0102 at 2e5, 0.0046 at 1e6) and per-cell
 * KL-Chernoff < 17.28. The clamped units are checked exactly after every
 * sweep of every chain.
 *
 * Negative controls: evidence resampled during the sweep and put back at its
 * end (JuliaBUGS#250: exact stationary TV 0.14 from the conditional) must
 * fail χ² and TV; evidence ignored altogether must fail the exact check.
 */
import { describe, expect, it } from 'vitest';
import { compile, exactLogProbabilities } from '@stochnet/model';
import { createGibbsWorkspace, gibbsStep, initGibbs } from '@stochnet/inference';
import type { GibbsState } from '@stochnet/inference';
import { m1 } from '../support/fixtures.js';
import { exactSweepKernel, mixingTime, worstStartTv } from './support/exact-kernel.js';
import { ControlSampler } from './support/gibbs-controls.js';
import type { Fault } from './support/gibbs-controls.js';
import { N, THIN_TV, accumulate, collectThinned, expectFails, expectMatches, probabilities } from './support/gibbs-checks.js';

const SEED = 'S5';
const C = 2_000;
const BURN_IN = 50;
const plan = compile(m1(), { dtype: 'float64' });
const joint = probabilities(exactLogProbabilities(plan));
const CLAMP = [{ group: 'x', units: [0, 1], values: [1, 0] }];
const FREE = [2, 3, 4, 5];

/** p(x_2..x_5 | x_0 = 1, x_1 = 0): cell c holds free bits c, full state 1 | c << 2. */
const conditional = (() => {
  const q = new Float64Array(16);
  for (let c = 0; c < 16; c++) q[c] = joint[1 | (c << 2)]!;
  const z = q.reduce((a, v) => a + v, 0);
  return q.map((v) => v / z);
})();

const full = Float64Array.from({ length: 64 }, (_, x) => ((x & 3) === 1 ? conditional[x >> 2]! : 0));
const kernel = exactSweepKernel(plan, [0, 1]);
const clampedStart = (x: number): boolean => (x & 3) === 1;
const THIN = mixingTime(kernel, full, THIN_TV, 40, clampedStart);

/** Chains whose clamped units differ from (1, 0). */
function clampViolations(state: GibbsState): number {
  let bad = 0;
  for (let r = 0; r < state.chains; r++) if (state.states[r * 6] !== 1 || state.states[r * 6 + 1] !== 0) bad++;
  return bad;
}

function run(fault: Fault | null, n: number, burnIn: number): { counts: Float64Array; violations: number } {
  const state = initGibbs(plan, { chains: C, seed: SEED, clamp: CLAMP });
  const control = fault === null ? null : new ControlSampler(state, fault);
  const ws = createGibbsWorkspace(plan, C);
  const counts = new Float64Array(16);
  let violations = 0;
  collectThinned({
    n,
    chains: C,
    burnIn,
    thin: THIN,
    reset: () => {
      state.states.fill(0);
      for (let r = 0; r < C; r++) state.states[r * 6] = 1;
    },
    sweep: () => {
      if (control === null) gibbsStep(state, ws);
      else control.sweep();
      violations += clampViolations(state);
    },
    record: () => accumulate(counts, state.states, C, 6, FREE),
  });
  return { counts, violations };
}

describe('S5 clamped Gibbs on M1, units 0 and 1 clamped to (1, 0)', () => {
  it('has negligible burn-in bias and a short thinning interval (exact clamped kernel)', () => {
    expect(worstStartTv(kernel, full, BURN_IN, clampedStart)).toBeLessThan(THIN_TV);
    expect(THIN).toBeLessThanOrEqual(20);
  });

  it('samples the exact conditional and never changes a clamped unit', () => {
    const { counts, violations } = run(null, N, BURN_IN);
    expect(violations).toBe(0);
    expectMatches('S5', counts, conditional, SEED);
  });

  it('negative control resampled-evidence fails the distribution checks', () => {
    const { counts, violations } = run('resampled-evidence', N, BURN_IN);
    expect(violations).toBe(0); // put back before anyone looks: only the statistics can see it
    expectFails('S5 control resampled-evidence', counts, conditional);
  });

  it('negative control ignored-evidence fails the exact clamp check', () => {
    expect(run('ignored-evidence', C, 2).violations).toBeGreaterThan(0);
  });
});
