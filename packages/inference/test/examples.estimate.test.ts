/**
 * Twins of the @example blocks of the estimators: the same code, with the
 * printed values asserted.
 */
import { describe, expect, it } from 'vitest';
import { boltzmann, normal, rbm, sbn, zeros } from '@stochnet/graph';
import { compile, exactLogLikelihood, exactLogZ, zeroGradient } from '@stochnet/model';
import {
  AIS_DEFAULT_STEPS,
  aisBetaSchedule,
  aisLogLikelihood,
  aisLogZ,
  baseRateBiases,
  freeEnergyGap,
  importanceLogLikelihood,
  pseudoLogLikelihood,
  pseudoLogLikelihoodGradient,
  pseudoLogLikelihoodGradientInto,
  reconstructionError,
  reverseAisLogZ,
} from '@stochnet/inference';

describe('@example twins: estimators', () => {
  it('reconstructionError', () => {
    const plan = compile(rbm(2, 3, { seed: 1 }), { dtype: 'float64' });
    plan.weights[0]!.weights.fill(0); // every reconstruction is σ(0) = 0.5
    expect(reconstructionError(plan, Uint8Array.of(1, 0), 1)).toBe(0.25);
  });

  it('pseudoLogLikelihood', () => {
    const plan = compile(boltzmann(2, { seed: 1, init: zeros() }), { dtype: 'float64' });
    const pll = pseudoLogLikelihood(plan, Uint8Array.of(1, 0), 1);
    expect([pll.mean, pll.perUnit]).toEqual([-1.3862943611198906, -0.6931471805599453]);
  });

  it('pseudoLogLikelihoodGradientInto', () => {
    const plan = compile(boltzmann(2, { seed: 1, init: zeros() }), { dtype: 'float64' });
    const g = zeroGradient(plan);
    pseudoLogLikelihoodGradientInto(g, plan, Uint8Array.of(1, 1), 1);
    expect([Array.from(g.bias), Array.from(g.weights[0]!)]).toEqual([[0.5, 0.5], [0, 1, 1, 0]]);
  });

  it('pseudoLogLikelihoodGradient', () => {
    const plan = compile(boltzmann(2, { seed: 1, init: zeros() }), { dtype: 'float64' });
    expect(Array.from(pseudoLogLikelihoodGradient(plan, Uint8Array.of(0, 0), 1).bias)).toEqual([-0.5, -0.5]);
  });

  it('freeEnergyGap', () => {
    const plan = compile(rbm(2, 1, { seed: 1 }), { dtype: 'float64' });
    const rows = { data: Uint8Array.of(1, 0, 0, 1), rows: 2 };
    expect(freeEnergyGap(plan, rows, rows).gap).toBe(0);
  });

  it('AIS_DEFAULT_STEPS', () => expect(AIS_DEFAULT_STEPS).toBe(14500));

  it('aisBetaSchedule', () => {
    const b = aisBetaSchedule();
    expect([b.length, b[500], b[4500], b[14500]]).toEqual([14501, 0.5, 0.9, 1]);
  });

  it('baseRateBiases', () => {
    const b = baseRateBiases(Uint8Array.of(1, 0, 1, 1), 2, 2);
    expect([b[0] === Math.log(3), b[1]]).toEqual([true, 0]);
  });

  it('aisLogZ', () => {
    const plan = compile(rbm(8, 4, { seed: 1, init: normal(0, 0.5) }), { dtype: 'float64' });
    const est = aisLogZ(plan, { seed: 7, runs: 50, betas: 500 });
    expect(Math.abs(est.logZ - exactLogZ(plan)) < 0.1).toBe(true);
  });

  it('reverseAisLogZ', () => {
    const plan = compile(rbm(8, 4, { seed: 1, init: normal(0, 0.5) }), { dtype: 'float64' });
    const est = reverseAisLogZ(plan, { seed: 7, runs: 50, betas: 500, burnIn: 100 });
    expect(Math.abs(est.logZ - exactLogZ(plan)) < 0.1).toBe(true);
  });

  it('aisLogLikelihood', () => {
    const plan = compile(rbm(8, 4, { seed: 1, init: normal(0, 0.5) }), { dtype: 'float64' });
    const data = Uint8Array.of(1, 0, 1, 0, 1, 0, 1, 0, 0, 0, 1, 1, 0, 0, 1, 1);
    const est = aisLogLikelihood(plan, data, 2, { seed: 7, runs: 50, betas: 500, burnIn: 100 });
    const exact = exactLogLikelihood(plan, data, 2);
    expect([est.bracket, Math.abs(est.logLikelihood - exact) < 0.1]).toEqual(['sandwich', true]);
  });

  it('importanceLogLikelihood', () => {
    const plan = compile(sbn([6, 3], { seed: 1, init: normal(0, 1) }), { dtype: 'float64' });
    const data = Uint8Array.of(1, 0, 1, 1, 0, 0);
    const est = importanceLogLikelihood(plan, data, 1, { seed: 2, samples: 2000 });
    expect(Math.abs(est.logLikelihood - exactLogLikelihood(plan, data, 1)) < 5 * est.standardError).toBe(true);
  });
});
