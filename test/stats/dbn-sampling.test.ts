/**
 * DBN sampling vs exact enumeration on the small DBN fixture
 * v(2) ← h1(2) ← h2(1) -- h3(2) (7 units, 128 joint states).
 *
 * dbnSample runs G block-Gibbs sweeps in the top pair from a random start,
 * then one ancestral pass down. The pass down is exact given the top pair,
 * so each sample's law is within d(G) of the DBN's joint in TV, where d(G)
 * is the worst-start TV of the exact top-pair sweep kernel after G sweeps
 * (assembled from the model's blockFieldInto fields in the plan's Gibbs
 * schedule order). G is the smallest t with d(t) ≤ 1e-13, so N samples are
 * within N·1e-13 of N iid draws and the thresholds keep their α.
 *
 * Checks at N (2e5 PR, 1e6 main): χ² (cells merged to expected ≥ 100) below
 * the α = 1e-6 critical value, TV ≤ τ(128, N, 1e-6) (0.0185 at 2e5), and
 * per-cell KL-Chernoff < 19.36.
 *
 * Negative controls (run through dbnSample itself, on N/2 samples: a
 * control that fails on half the data fails a fortiori on all of it; their
 * exact laws are asserted > 2τ(N/2) from the joint first, so detection is
 * guaranteed at false-pass ≤ 1e-6):
 * - wrong CPD column: the h1 → v block transposed (exact TV 0.074);
 * - too few top-pair sweeps: one sweep from the all-zero start.
 */
import { describe, expect, it } from 'vitest';
import { blockFieldInto, compile, exactLogProbabilities, sigmoid } from '@stochnet/model';
import type { Plan } from '@stochnet/model';
import { dbnSample } from '@stochnet/inference';
import { histogram, tv, tvThreshold } from '../support/stats.js';
import { smallDbn } from '../support/fixtures.js';
import { mixingTime, worstStartTv } from './support/exact-kernel.js';
import { ALPHA, N, THIN_TV, expectFails, expectMatches, probabilities } from './support/gibbs-checks.js';
import { propagate, transposedPlan } from './support/site-tables.js';

const SEED = 'DBN';
const plan = compile(smallDbn(), { dtype: 'float64' });
const pi = probabilities(exactLogProbabilities(plan));
const top = plan.weights.find((w) => !w.directed)!;
/** Global indices of the top pair's units, in layout order: bit t of a top state is TOP[t]. */
const TOP = [top.from, top.to].sort((a, b) => a - b).flatMap((b) => Array.from({ length: plan.blocks[b]!.size }, (_, i) => plan.blocks[b]!.offset + i));
const T = 2 ** TOP.length;

/** The exact top-pair block-Gibbs sweep kernel (T × T), in the plan's Gibbs schedule order. */
function topKernel(p: Plan): Float64Array[] {
  const s = new Float64Array(p.size);
  const K: Float64Array[] = [];
  for (let t0 = 0; t0 < T; t0++) {
    let dist = new Float64Array(T);
    dist[t0] = 1;
    for (const step of p.schedules.gibbs) {
      const next = new Float64Array(T);
      for (let t = 0; t < T; t++) {
        if (dist[t] === 0) continue;
        s.fill(0);
        TOP.forEach((g, k) => (s[g] = (t >> k) & 1));
        // Each block of the step is drawn given the rest: a product of its units' Bernoullis.
        let laws: [number, number][] = [[t, dist[t]!]];
        for (const part of step.parts) {
          const blk = p.blocks[part.block]!;
          const field = new Float64Array(blk.size);
          blockFieldInto(field, p, s, 1, part.block);
          for (let i = 0; i < blk.size; i++) {
            const bit = TOP.indexOf(blk.offset + i);
            const q = sigmoid(field[i]!);
            laws = laws.flatMap(([y, py]): [number, number][] => [
              [y | (1 << bit), py * q],
              [y & ~(1 << bit), py * (1 - q)],
            ]);
          }
        }
        for (const [y, py] of laws) next[y]! += py;
      }
      dist = next;
    }
    K.push(dist);
  }
  return K;
}

const topIndex = (x: number): number => TOP.reduce((acc, g, k) => acc | (((x >> g) & 1) << k), 0);
const piTop = (() => {
  const q = new Float64Array(T);
  pi.forEach((p, x) => (q[topIndex(x)]! += p));
  return q;
})();
const K = topKernel(plan);
const G = mixingTime(K, piTop, THIN_TV, 200);

/** The full joint when the top pair has law `topLaw` (the pass down is exact). */
function jointWithTop(topLaw: ArrayLike<number>): Float64Array {
  return pi.map((p, x) => (piTop[topIndex(x)]! === 0 ? 0 : (p * topLaw[topIndex(x)]!) / piTop[topIndex(x)]!));
}

describe('DBN sampling of the small DBN', () => {
  it('the top-pair kernel leaves the top marginal invariant, and G sweeps mix it to 1e-13', () => {
    const after = propagate(K, piTop, 1);
    for (let t = 0; t < T; t++) expect(Math.abs(after[t]! - piTop[t]!)).toBeLessThan(1e-15);
    expect(worstStartTv(K, piTop, G)).toBeLessThanOrEqual(THIN_TV);
    expect(G).toBeLessThanOrEqual(60);
  });

  it('dbnSample matches exact enumeration (χ², TV, KL-Chernoff)', () => {
    const { states } = dbnSample(plan, { samples: N, gibbsSteps: G, seed: SEED });
    expectMatches('DBN', histogram(states, plan.size), pi, SEED);
  });

  it('negative control: wrong CPD column (h1 → v transposed) fails χ² and TV', () => {
    const n = N / 2;
    const control = transposedPlan(plan, plan.weights.findIndex((w) => w.coupling === 'h1->v'));
    expect(tv(probabilities(exactLogProbabilities(control)), pi)).toBeGreaterThan(2 * tvThreshold(128, n, ALPHA));
    const { states } = dbnSample(control, { samples: n, gibbsSteps: G, seed: SEED });
    expectFails('DBN control wrong-cpd', histogram(states, plan.size), pi);
  });

  it('negative control: one top-pair sweep from zeros fails χ² and TV', () => {
    const n = N / 2;
    const law = jointWithTop(propagate(K, Float64Array.from({ length: T }, (_, t) => (t === 0 ? 1 : 0)), 1));
    expect(tv(law, pi)).toBeGreaterThan(2 * tvThreshold(128, n, ALPHA));
    const { states } = dbnSample(plan, { samples: n, gibbsSteps: 1, seed: SEED, init: 'zeros' });
    expectFails('DBN control one-sweep', histogram(states, plan.size), pi);
  });
});
