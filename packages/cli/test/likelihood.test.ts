/**
 * The log-likelihood report: exact when enumeration fits, else AIS (RBM)
 * with a sandwich bracket, IS (SBN) with ±3 standard errors, or none.
 */
import { describe, expect, it } from 'vitest';
import { dbn, normal, rbm, sbn } from '@stochnet/graph';
import { compile, exactLogLikelihood } from '@stochnet/model';
import { logLikelihood } from '../src/likelihood.js';

const rows = 3;
const data = (cols: number): Uint8Array => Uint8Array.from({ length: rows * cols }, (_, i) => (i * 7) % 3 === 0 ? 1 : 0);

describe('logLikelihood', () => {
  it('is exact for a small model and agrees with exactLogLikelihood', () => {
    const plan = compile(rbm(8, 4, { seed: 1, init: normal(0, 0.5) }), { dtype: 'float64' });
    const r = logLikelihood(plan, data(8), rows, { seed: 1 });
    expect(r.method).toBe('exact');
    expect(r.value).toBe(exactLogLikelihood(plan, data(8), rows));
  });

  it('uses AIS with a bracket for an RBM too large to enumerate', () => {
    const plan = compile(rbm(21, 21, { seed: 1, init: normal(0, 0.05) }));
    const r = logLikelihood(plan, data(21), rows, { seed: 1, runs: 20, betas: 200 });
    expect(r.method).toBe('ais');
    expect(r.lower).toBeLessThanOrEqual(r.value);
    expect(r.value).toBeLessThanOrEqual(r.upper);
    expect(Number.isFinite(r.value)).toBe(true);
  });

  it('uses importance sampling for a large SBN, and reports none for a large DBN', () => {
    const s = logLikelihood(compile(sbn([6, 21], { seed: 1 })), data(6), rows, { seed: 1, samples: 50 });
    expect(s.method).toBe('is');
    expect(s.lower).toBeLessThan(s.upper);
    const d = logLikelihood(compile(dbn([6, 21, 21], { seed: 1 })), data(6), rows, { seed: 1 });
    expect(d.method).toBe('none');
    expect(Number.isNaN(d.value)).toBe(true);
  });
});
