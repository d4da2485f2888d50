/**
 * Determinism of the seeded estimators (TESTING.md B.6): the same seed
 * gives byte-identical results, the seed rule (111 ≡ '111', seed ≡ rng of
 * that seed), per-run and per-row substreams (adding runs or rows never
 * changes earlier ones), and no Math.random anywhere (stubbed to throw).
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createRng, normal, sbn } from '@stochnet/graph';
import { compile } from '@stochnet/model';
import {
  aisLogLikelihood,
  aisLogZ,
  freeEnergyGap,
  importanceLogLikelihood,
  pseudoLogLikelihood,
  pseudoLogLikelihoodGradient,
  reconstructionError,
  reverseAisLogZ,
} from '@stochnet/inference';
import { m1 } from '../../../model/test/support/fixtures.js';
import { randomRows, rbmPlan } from './support.js';

const bytes = (x: Float64Array): number[] => Array.from(new Uint8Array(x.buffer, x.byteOffset, x.byteLength));

const rbmP = rbmPlan(10, 6, 1, 'det');
const sbnP = compile(sbn([5, 3, 2], { seed: 2, init: normal(0, 1) }), { dtype: 'float64' });
const data = randomRows(createRng('det/data'), 12, 10);
const sbnData = randomRows(createRng('det/sbn'), 6, 5);

/** Every seeded estimator once, returning its random outputs as bytes. */
function everything(seed: number | string): number[][] {
  const f = aisLogZ(rbmP, { seed, runs: 7, betas: 50 });
  const r = reverseAisLogZ(rbmP, { seed, runs: 7, betas: 50, burnIn: 5 });
  const ll = aisLogLikelihood(rbmP, data, 12, { seed, runs: 5, betas: 30, burnIn: 5 });
  const is = importanceLogLikelihood(sbnP, sbnData, 6, { seed, samples: 300 });
  const pll = pseudoLogLikelihood(rbmP, data, 12, { seed, stochastic: true });
  return [bytes(f.logWeights), bytes(r.logWeights), bytes(ll.forward.logWeights), bytes(ll.reverse!.logWeights), bytes(is.rowLogLikelihoods), bytes(pll.perRow)];
}

describe('same seed, same bytes', () => {
  it('every seeded estimator repeats exactly; another seed differs', () => {
    const a = everything(42);
    expect(everything(42)).toEqual(a);
    expect(everything('42')).toEqual(a); // the seed rule: 42 and '42' are one stream
    const b = everything(43);
    for (let k = 0; k < a.length; k++) expect(b[k]).not.toEqual(a[k]);
  });

  it('an rng option gives what its seed gives', () => {
    expect(aisLogZ(rbmP, { rng: createRng('s'), runs: 4, betas: 20 }).logWeights).toEqual(aisLogZ(rbmP, { seed: 's', runs: 4, betas: 20 }).logWeights);
  });

  it('adding runs never changes the earlier runs (substream ais/r)', () => {
    const few = aisLogZ(rbmP, { seed: 9, runs: 3, betas: 40 }).logWeights;
    const many = aisLogZ(rbmP, { seed: 9, runs: 8, betas: 40 }).logWeights;
    expect(bytes(many.subarray(0, 3))).toEqual(bytes(few));
    const rf = reverseAisLogZ(rbmP, { seed: 9, runs: 3, betas: 40, burnIn: 4 }).logWeights;
    const rm = reverseAisLogZ(rbmP, { seed: 9, runs: 8, betas: 40, burnIn: 4 }).logWeights;
    expect(bytes(rm.subarray(0, 3))).toEqual(bytes(rf));
  });

  it('adding rows never changes the earlier rows of importance sampling (substream is/r)', () => {
    const few = importanceLogLikelihood(sbnP, sbnData.subarray(0, 10), 2, { seed: 1, samples: 700 }).rowLogLikelihoods;
    const all = importanceLogLikelihood(sbnP, sbnData, 6, { seed: 1, samples: 700 }).rowLogLikelihoods;
    expect(bytes(all.subarray(0, 2))).toEqual(bytes(few));
  });
});

describe('no Math.random (stubbed to throw)', () => {
  beforeEach(() => {
    vi.spyOn(Math, 'random').mockImplementation(() => {
      throw new Error('Math.random called');
    });
  });
  afterEach(() => {
    vi.restoreAllMocks();
  });

  it('every estimator runs without it', () => {
    expect(() => Math.random()).toThrow();
    expect(everything(5).length).toBe(6);
    const bm = compile(m1(), { dtype: 'float64' });
    const states = randomRows(createRng('bm'), 8, 6);
    expect(Number.isFinite(pseudoLogLikelihood(bm, states, 8).mean)).toBe(true);
    expect(pseudoLogLikelihoodGradient(bm, states, 8).bias.length).toBe(6);
    expect(Number.isFinite(reconstructionError(rbmP, data, 12, { loss: 'cross-entropy' }))).toBe(true);
    expect(Number.isFinite(freeEnergyGap(rbmP, { data, rows: 12 }, { data, rows: 12 }).gap)).toBe(true);
  });
});
