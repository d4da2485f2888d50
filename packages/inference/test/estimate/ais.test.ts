/**
 * AIS (forward and reverse) against exact log Z for 16 × 12 RBMs over a
 * range of weight scales; the sandwich; exactness when the model is its
 * own base; negative controls that must fail the 0.5-nat check.
 */
import { describe, expect, it } from 'vitest';
import { createRng } from '@stochnet/graph';
import { compile, exactLogZ, logSumExp } from '@stochnet/model';
import { aisLogZ, baseRateBiases, reverseAisLogZ } from '@stochnet/inference';
import type { AisResult } from '@stochnet/inference';
import { anneal, AnnealState } from '../../src/estimate/ais-anneal.js';
import { rbmParams, rbmSides } from '../../src/estimate/rbm-params.js';
import { expectSandwich } from './ais-check.js';
import { exactRbmSamples, randomRows, rbmPlan } from './support.js';

const RUNS = 100;
const STEPS = 1000;

/** Forward estimates of the 16 × 12 models, shared with the negative controls. */
const forwardCache = new Map<number, AisResult>();

describe('AIS on 16 × 12 RBMs agrees with exactLogZ and sandwiches it', () => {
  for (const sd of [0.5, 1, 2]) {
    it(`W sd ${sd}: forward, reverse from a Gibbs chain, reverse from exact samples`, () => {
      const plan = rbmPlan(16, 12, sd, `ais16/${sd}`);
      const exact = exactLogZ(plan);
      const data = exactRbmSamples(plan, 200, createRng(`ais16/${sd}/data`));
      const base = { data, rows: 200 };
      const fwd = aisLogZ(plan, { seed: 1, runs: RUNS, betas: STEPS, base });
      forwardCache.set(sd, fwd);
      const rev = reverseAisLogZ(plan, { seed: 1, runs: RUNS, betas: STEPS, base, burnIn: 500 });
      expectSandwich(exact, fwd, rev);
      const revExact = reverseAisLogZ(plan, { seed: 2, runs: RUNS, betas: STEPS, base, init: { data: exactRbmSamples(plan, RUNS, createRng('starts')), rows: RUNS }, burnIn: 0 });
      expectSandwich(exact, fwd, revExact);
      expect(fwd.logZLow).toBeLessThan(fwd.logZ);
      expect(fwd.logZHigh).toBeGreaterThan(fwd.logZ);
      expect(fwd.ess).toBeGreaterThan(1);
      expect(fwd.ess).toBeLessThanOrEqual(RUNS);
      expect([fwd.runs, fwd.steps, fwd.logWeights.length]).toEqual([RUNS, STEPS, RUNS]);
    });
  }
});

describe('AIS is exact when the model is its own base (all weights zero)', () => {
  it('default base (the model visible biases), default 14,500-step schedule: to 1e-10', () => {
    const plan = rbmPlan(6, 4, 0, 'zero');
    plan.weights[0]!.weights.fill(0);
    const est = aisLogZ(plan, { seed: 3, runs: 10 });
    expect(est.steps).toBe(14_500);
    expect(Math.abs(est.logZ - exactLogZ(plan))).toBeLessThan(1e-10);
    expect(Math.max(...est.logWeights) - Math.min(...est.logWeights)).toBe(0);
    const rev = reverseAisLogZ(plan, { seed: 3, runs: 10, betas: 2000, burnIn: 3 });
    expect(Math.abs(rev.logZ - exactLogZ(plan))).toBeLessThan(1e-10);
  });

  it('base rates from data, visible biases set to those base rates: log Z of the base rate = truth', () => {
    const rows = 50;
    const data = randomRows(createRng('zero/data'), rows, 10, 0.3);
    const plan = rbmPlan(10, 5, 0, 'zero2');
    plan.weights[0]!.weights.fill(0);
    const vOff = plan.blocks.find((b) => b.role === 'visible')!.offset;
    plan.bias.set(baseRateBiases(data, rows, 10), vOff);
    const est = aisLogZ(plan, { seed: 4, runs: 20, betas: 3000, base: { data, rows } });
    expect(Math.abs(est.logZ - exactLogZ(plan))).toBeLessThan(1e-10);
    expect(Math.abs(est.logZBase + logSumExp(est.logWeights) - Math.log(20) - exactLogZ(plan))).toBeLessThan(1e-10);
  });
});

describe('negative controls: broken AIS fails the within-0.5-nats check', () => {
  const plan = rbmPlan(16, 12, 1, 'ais16/1');
  const exact = exactLogZ(plan);
  const data = exactRbmSamples(plan, 200, createRng('ais16/1/data'));

  it('the wrong sign of the weight increment', () => {
    // The chain does not depend on the weights, so flipping every increment negates each log-weight.
    const est = forwardCache.get(1) ?? aisLogZ(plan, { seed: 1, runs: RUNS, betas: STEPS, base: { data, rows: 200 } });
    expect(Math.abs(est.logZ - exact)).toBeLessThan(0.5);
    const wrong = est.logZBase + logSumExp(Array.from(est.logWeights, (x) => -x)) - Math.log(RUNS);
    expect(Math.abs(wrong - exact)).toBeGreaterThan(0.5);
  });

  it('β not reaching 1 (the public API rejects such a list; the annealing core is run directly)', () => {
    const sides = rbmSides('test', plan, '');
    const p = rbmParams('test', plan, sides);
    const bA = baseRateBiases(data, 200, 16);
    const base = createRng(1);
    const runs = 40;
    let z0 = 12 * Math.LN2;
    for (const b of bA) z0 += Math.log1p(Math.exp(b));
    const estimate = (betas: Float64Array): number => {
      const state = new AnnealState(p, bA, runs, Array.from({ length: runs }, (_, r) => base.fork(`ais/${r}`)), plan.backend);
      state.drawBase();
      return z0 + logSumExp(anneal(state, betas)) - Math.log(runs);
    };
    const short = Float64Array.from({ length: 451 }, (_, k) => k / 500); // 0 … 0.9
    expect(Math.abs(estimate(short) - exact)).toBeGreaterThan(0.5);
    // The same core with the full schedule passes: the control isolates the schedule.
    expect(Math.abs(estimate(Float64Array.from({ length: 501 }, (_, k) => k / 500)) - exact)).toBeLessThan(0.5);
  });
});

describe('AIS on a float32 plan reads the same parameters', () => {
  it('matches the float64 estimate of the same float32-rounded parameters', () => {
    const p32 = compile(rbmPlan(8, 4, 1, 'f32').toNetwork(), { dtype: 'float32' });
    const p64 = compile(p32.toNetwork(), { dtype: 'float64' });
    const a = aisLogZ(p32, { seed: 5, runs: 20, betas: 200 });
    const b = aisLogZ(p64, { seed: 5, runs: 20, betas: 200 });
    expect(a.logZ).toBe(b.logZ);
  });
});
