/**
 * Twins of the @example blocks of the math on plans: the same code, with the
 * printed values asserted.
 */
import { describe, expect, it } from 'vitest';
import { boltzmann, rbm, sbn } from '@stochnet/graph';
import {
  blockFieldInto,
  compile,
  conditional,
  DEFAULT_MAX_STATES,
  energy,
  exactGradient,
  exactGradientInto,
  exactLogLikelihood,
  exactLogProbabilities,
  exactLogProbabilitiesInto,
  exactLogZ,
  exactMarginals,
  exactMarginalsInto,
  exactMoments,
  exactMomentsInto,
  FieldWorkspace,
  freeEnergy,
  freeEnergyBatchInto,
  hiddenGivenVisible,
  hiddenGivenVisibleInto,
  logProb,
  softplus,
  visibleGivenHidden,
  visibleGivenHiddenInto,
  zeroGradient,
} from '@stochnet/model';

describe('@example twins: math on plans', () => {
  it('DEFAULT_MAX_STATES', () => expect(DEFAULT_MAX_STATES === 2 ** 24).toBe(true));

  it('zeroGradient', () => {
    const g = zeroGradient(compile(rbm(4, 3, { seed: 1 })));
    expect([g.bias.length, g.weights[0]!.length]).toEqual([7, 12]);
  });

  it('FieldWorkspace', () => {
    const plan = compile(rbm(4, 3, { seed: 1 }));
    const ws = new FieldWorkspace(plan, 16);
    expect(ws.plan === plan).toBe(true);
  });

  it('blockFieldInto', () => {
    const plan = compile(rbm(2, 1, { seed: 1 }), { dtype: 'float64' });
    const out = new Float64Array(1);
    blockFieldInto(out, plan, Float64Array.of(0, 0, 0), 1, 0); // block 0 is 'h'
    expect(out[0] === plan.bias[0]).toBe(true);
  });

  it('energy', () => {
    const plan = compile(boltzmann(3, { seed: 1 }), { dtype: 'float64' });
    expect(Object.is(energy(plan, new Float64Array(3)), 0)).toBe(true);
  });

  it('freeEnergyBatchInto', () => {
    const plan = compile(rbm(3, 2, { seed: 1 }), { dtype: 'float64' });
    const out = new Float64Array(2);
    freeEnergyBatchInto(out, plan, Float64Array.of(0, 0, 0, 1, 1, 1), 2);
    expect(out.every(Number.isFinite)).toBe(true);
  });

  it('freeEnergy', () => {
    const plan = compile(rbm(2, 3, { seed: 1 }), { dtype: 'float64' });
    const zero = freeEnergy(plan, Float64Array.of(0, 0));
    expect(Math.abs(zero + 3 * softplus(0)) < 1e-12).toBe(true);
  });

  it('conditional', () => {
    const plan = compile(boltzmann(3, { seed: 1 }), { dtype: 'float64' });
    plan.bias[1] = 2;
    expect(conditional(plan, new Float64Array(3), 1)).toBe(0.8807970779778823);
  });

  it('hiddenGivenVisibleInto', () => {
    const plan = compile(rbm(3, 2, { seed: 1 }), { dtype: 'float64' });
    const out = new Float64Array(2);
    hiddenGivenVisibleInto(out, plan, Uint8Array.of(1, 0, 1), 1);
    expect(out.every((p) => p > 0 && p < 1)).toBe(true);
  });

  it('hiddenGivenVisible', () => {
    const plan = compile(rbm(3, 2, { seed: 1 }), { dtype: 'float64' });
    expect(hiddenGivenVisible(plan, Uint8Array.of(0, 0, 0))).toEqual(Float64Array.of(0.5, 0.5));
  });

  it('visibleGivenHiddenInto', () => {
    const plan = compile(rbm(3, 2, { seed: 1 }), { dtype: 'float64' });
    const out = new Float64Array(3);
    visibleGivenHiddenInto(out, plan, Uint8Array.of(1, 1), 1);
    expect(out.length).toBe(3);
  });

  it('visibleGivenHidden', () => {
    const plan = compile(rbm(3, 2, { seed: 1 }), { dtype: 'float64' });
    expect(visibleGivenHidden(plan, Uint8Array.of(0, 0))).toEqual(Float64Array.of(0.5, 0.5, 0.5));
  });

  it('logProb', () => {
    const plan = compile(sbn([2, 1], { seed: 1 }), { dtype: 'float64' });
    plan.weights[0]!.weights.fill(0);
    expect(logProb(plan, new Float64Array(3))).toBe(-2.0794415416798357);
  });

  it('exactLogZ', () => {
    const plan = compile(rbm(3, 2, { seed: 1 }), { dtype: 'float64' });
    plan.weights[0]!.weights.fill(0);
    expect(exactLogZ(plan)).toBeCloseTo(3.4657359027997265, 14);
  });

  it('exactLogProbabilitiesInto', () => {
    const plan = compile(boltzmann(2, { seed: 1 }), { dtype: 'float64' });
    const out = new Float64Array(4);
    exactLogProbabilitiesInto(out, plan);
    expect(out.reduce((a, l) => a + Math.exp(l), 0).toFixed(12)).toBe('1.000000000000');
  });

  it('exactLogProbabilities', () => {
    const lp = exactLogProbabilities(compile(sbn([2, 2], { seed: 3 }), { dtype: 'float64' }));
    expect(lp.length).toBe(16);
  });

  it('exactMarginalsInto', () => {
    const plan = compile(boltzmann(3, { seed: 1 }), { dtype: 'float64' });
    const out = new Float64Array(3);
    exactMarginalsInto(out, plan);
    expect(out.every((p) => p > 0 && p < 1)).toBe(true);
  });

  it('exactMarginals', () => {
    const plan = compile(sbn([2, 1], { seed: 1 }), { dtype: 'float64' });
    expect(exactMarginals(plan).length).toBe(3);
  });

  it('exactMomentsInto', () => {
    const plan = compile(boltzmann(2, { seed: 1 }), { dtype: 'float64' });
    const out = { mean: new Float64Array(2), second: new Float64Array(4) };
    exactMomentsInto(out, plan);
    expect(out.second[0] === out.mean[0]).toBe(true);
  });

  it('exactMoments', () => {
    const m = exactMoments(compile(rbm(2, 2, { seed: 1 }), { dtype: 'float64' }));
    expect(m.second.length).toBe(16);
  });

  it('exactLogLikelihood', () => {
    const plan = compile(rbm(3, 2, { seed: 1 }), { dtype: 'float64' });
    plan.weights[0]!.weights.fill(0);
    expect(exactLogLikelihood(plan, Uint8Array.of(1, 0, 1), 1)).toBeCloseTo(-2.0794415416798357, 14);
  });

  it('exactGradientInto', () => {
    const plan = compile(rbm(3, 2, { seed: 1 }), { dtype: 'float64' });
    const g = zeroGradient(plan);
    exactGradientInto(g, plan, Uint8Array.of(1, 1, 1), 1);
    expect(g.weights[0]!.every((x) => x > 0)).toBe(true);
  });

  it('exactGradient', () => {
    const plan = compile(sbn([2, 1], { seed: 1 }), { dtype: 'float64' });
    const g = exactGradient(plan, Uint8Array.of(1, 0, 0, 1), 2);
    expect([g.bias.length, g.weights[0]!.length]).toEqual([3, 2]);
  });
});
