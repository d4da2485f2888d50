/**
 * S9 (TESTING.md B.1): CD-k gradient unbiasedness. M2c (RBM 4v × 3h, W sd
 * 1), a fixed 4-row minibatch; the library's CD-k gradient with sampled
 * chains (`sampleVisible: true`, final hidden statistics p(h | v_k)),
 * averaged over M independent replicates of the minibatch (each call holds
 * many replicates and draws from its own substream `rep/<c>`), must be
 * within the Hoeffding bound of the exact E[CD_k] from the D5 oracle, for
 * all 19 components, at k = 1 and k = 50 (at k = 50 also against the true
 * log-likelihood gradient: the bias there is ≤ 5e-16).
 *
 * The bound: a component's estimate is (deterministic data term) − (mean of
 * n = 4M independent chain terms, each in [0, 1]), so Hoeffding over the n
 * chains gives t = √(ln(2/α)/(2n)) with α = 1e-7 per component (19
 * components: 1.9e-6 per check). This is tighter than the plan's
 * replicate-level bound (range 2, M terms) and equally rigorous. PR tier:
 * M = 1e5 (k = 1, t = 0.0046) and 1e4 (k = 50, t = 0.0145); main tier ten
 * times more.
 *
 * Negative controls (each must fail the same check, at 2 500 replicates):
 * the stale-hidden bug
 * (DsysDML/rbms#31), mean-field visibles where samples are documented (the
 * library with `sampleVisible: false`), one component's sign flipped, and
 * the weight gradient transposed.
 */
import { describe, expect, it } from 'vitest';
import { createRng } from '@stochnet/graph';
import { compile, exactGradient, zeroGradient } from '@stochnet/model';
import type { Gradient } from '@stochnet/model';
import { createLearner } from '@stochnet/inference';
import { m2c } from '../support/fixtures.js';
import { assertBelow, hoeffding } from '../support/stats.js';
import { expectedCd, flatten, maxAbsDiff, sidesOf } from '../support/cd-oracle.js';
import { controlCd } from './support/cd-controls.js';
import { TIER } from './support/gibbs-checks.js';

const ALPHA = 1e-7;
const SEED = 'S9';
const DATA = Uint8Array.of(1, 0, 1, 0, 0, 1, 1, 0, 1, 1, 0, 1, 0, 0, 0, 1);
const REPS: Record<number, number> = TIER === 'main' ? { 1: 1_000_000, 50: 100_000 } : { 1: 100_000, 50: 10_000 };
const PER_CALL = 2_500;
/** The main tier runs minutes, off the PR path. */
const TIMEOUT = TIER === 'main' ? 600_000 : undefined;
/** Replicates of each negative control (t = 0.029): the faults shift E[CD] by 0.057–0.17 here. */
const CONTROL_REPS = 2_500;
const plan = compile(m2c('M2c', 1), { dtype: 'float64' });

/** The library's CD-k gradient averaged over `reps` replicates of DATA, PER_CALL replicates per call. */
function libraryCd(k: number, reps: number, sampleVisible: boolean): Float64Array {
  const learner = createLearner(plan, { method: 'cd', k, sampleVisible });
  const batch = new Uint8Array(DATA.length * PER_CALL);
  for (let r = 0; r < PER_CALL; r++) batch.set(DATA, r * DATA.length);
  const g = zeroGradient(plan);
  const sum = new Float64Array(19);
  const calls = reps / PER_CALL;
  for (let c = 0; c < calls; c++) {
    learner.gradient(g, batch, 4 * PER_CALL, createRng(SEED).fork(`k${k}/rep/${c}`));
    flatten(g).forEach((x, i) => (sum[i]! += x / calls));
  }
  return sum;
}

function threshold(reps: number): number {
  return hoeffding(4 * reps, ALPHA, 1);
}

function deviation(estimate: ArrayLike<number>, oracle: Gradient): number {
  return maxAbsDiff(estimate, flatten(oracle));
}

function check(name: string, estimate: ArrayLike<number>, oracle: Gradient, reps: number): void {
  assertBelow({ test: `S9 ${name}`, statistic: deviation(estimate, oracle), threshold: threshold(reps), n: 4 * reps, alpha: ALPHA, seed: SEED });
}

function transposed(g: Float64Array): Float64Array {
  const s = sidesOf(plan);
  const out = g.slice();
  const w0 = plan.size;
  // Read the nv×nh block as if it were stored nh×nv (a layout/transpose bug).
  for (let i = 0; i < s.nv; i++) for (let j = 0; j < s.nh; j++) out[w0 + i * s.nh + j] = g[w0 + j * s.nv + i]!;
  return out;
}

describe('S9 CD-k unbiasedness on M2c (W sd 1)', () => {
  for (const k of [1, 50]) {
    describe(`k = ${k}`, () => {
      const reps = REPS[k]!;
      const oracle = expectedCd(plan, DATA, 4, k);
      let cached: Float64Array | null = null;
      // Computed in the first test that needs it, so collecting the suite stays cheap.
      const estimateOf = (): Float64Array => (cached ??= libraryCd(k, reps, true));

      it('matches the exact E[CD_k] in every component', () => {
        check(`k=${k}`, estimateOf(), oracle, reps);
      }, TIMEOUT);

      if (k === 50) {
        it('matches the true log-likelihood gradient (bias ≤ 5e-16 at k = 50)', () => {
          const exact = exactGradient(plan, DATA, 4);
          expect(maxAbsDiff(flatten(exact), flatten(oracle))).toBeLessThan(5e-16);
          check('k=50 vs exact gradient', estimateOf(), exact, reps);
        }, TIMEOUT);
      }

      it('negative control: a correct reference CD passes, the stale-hidden bug fails', () => {
        const small = CONTROL_REPS;
        const ok = flatten(controlCd(plan, DATA, 4, small, k, 'none', createRng(SEED).fork(`control/${k}/ok`)));
        check(`control none k=${k}`, ok, oracle, small);
        const stale = flatten(controlCd(plan, DATA, 4, small, k, 'stale-hidden', createRng(SEED).fork(`control/${k}/stale`)));
        expect(deviation(stale, oracle)).toBeGreaterThan(threshold(small));
      });

      it('negative control: mean-field visibles (sampleVisible: false) fail', () => {
        const small = CONTROL_REPS;
        expect(deviation(libraryCd(k, small, false), oracle)).toBeGreaterThan(threshold(small));
      });

      it('negative control: a flipped sign or a transposed weight gradient fails', () => {
        const flat = flatten(oracle);
        const worst = flat.reduce((b, x, i) => (Math.abs(x) > Math.abs(flat[b]!) ? i : b), 0);
        const estimate = estimateOf();
        const flipped = estimate.slice();
        flipped[worst] = -flipped[worst]!;
        expect(deviation(flipped, oracle)).toBeGreaterThan(threshold(reps));
        expect(deviation(transposed(estimate), oracle)).toBeGreaterThan(threshold(reps));
      }, TIMEOUT);
    });
  }
});
