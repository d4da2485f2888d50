/**
 * aisLogLikelihood: the estimate and its sandwich bracket against
 * exactLogLikelihood; the forward-only bracket; the free-energy part.
 */
import { describe, expect, it } from 'vitest';
import { createRng } from '@stochnet/graph';
import { exactLogLikelihood, exactLogZ } from '@stochnet/model';
import { aisLogLikelihood, aisLogZ } from '@stochnet/inference';
import { logMeanSe } from './ais-check.js';
import { exactRbmSamples, freeEnergyRef, rbmPlan } from './support.js';

describe('aisLogLikelihood', () => {
  const plan = rbmPlan(16, 10, 1, 'aisll');
  const rows = 300;
  const data = exactRbmSamples(plan, rows, createRng('aisll/data'));
  const exact = exactLogLikelihood(plan, data, rows);

  it('brackets the exact mean log-likelihood (sandwich, slack of 5 standard errors per side)', () => {
    const est = aisLogLikelihood(plan, data, rows, { seed: 3, runs: 100, betas: 800, burnIn: 300 });
    expect(est.bracket).toBe('sandwich');
    expect(est.reverse).not.toBeNull();
    expect(Math.abs(est.logLikelihood - exact)).toBeLessThan(0.5);
    expect(est.lower).toBeLessThanOrEqual(exact + 5 * logMeanSe(est.reverse!.logWeights));
    expect(est.upper).toBeGreaterThanOrEqual(exact - 5 * logMeanSe(est.forward.logWeights));
    expect(est.upper).toBe(est.logLikelihood);
    let f = 0;
    for (let r = 0; r < rows; r++) f += freeEnergyRef(plan, data.subarray(r * 16, (r + 1) * 16));
    expect(Math.abs(est.meanFreeEnergy - f / rows)).toBeLessThan(1e-10);
    expect(est.logLikelihood).toBe(-est.meanFreeEnergy - est.forward.logZ);
    expect(Math.abs(-est.meanFreeEnergy - exactLogZ(plan) - exact)).toBeLessThan(1e-9);
  });

  it('uses the forward runs of aisLogZ with the same seed and base', () => {
    const est = aisLogLikelihood(plan, data, rows, { seed: 3, runs: 10, betas: 100, reverse: false });
    const z = aisLogZ(plan, { seed: 3, runs: 10, betas: 100, base: { data, rows } });
    expect(est.forward.logWeights).toEqual(z.logWeights);
    expect(est.reverse).toBeNull();
    expect(est.bracket).toBe('forward-3sd');
    expect(est.lower).toBe(-est.meanFreeEnergy - z.logZHigh);
    expect(est.upper).toBe(-est.meanFreeEnergy - z.logZLow);
    expect(est.lower).toBeLessThan(est.logLikelihood);
  });
});
