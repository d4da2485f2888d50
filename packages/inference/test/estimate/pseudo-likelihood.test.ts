/**
 * pseudoLogLikelihood: its documented normalisation on a hand-computed
 * 2-unit case (TESTING.md N5), agreement with exact conditional
 * log-probabilities (enumeration) for Boltzmann machines and RBMs, and the
 * stochastic one-unit-per-example estimator.
 */
import { describe, expect, it } from 'vitest';
import { createRng, network, normal } from '@stochnet/graph';
import { compile, conditional, exactLogProbabilities, logSumExp } from '@stochnet/model';
import type { Plan } from '@stochnet/model';
import { pseudoLogLikelihood } from '@stochnet/inference';
import { m1, m2c } from '../../../model/test/support/fixtures.js';
import { randomRows, rbmPlan } from './support.js';

/** A 2-unit BM with b = (0.3, −0.2) and W_01 = 1.5. */
function twoUnit(): Plan {
  return compile(
    network()
      .layer('x', 2, { role: 'visible', bias: [0.3, -0.2] })
      .connect('x', 'x', { undirected: true, weights: [[0, 1.5], [1.5, 0]] })
      .build(),
    { dtype: 'float64' },
  );
}

/** All 2^n states as rows. */
function allStates(n: number): Uint8Array {
  const out = new Uint8Array(2 ** n * n);
  for (let x = 0; x < 2 ** n; x++) for (let i = 0; i < n; i++) out[x * n + i] = (x >> i) & 1;
  return out;
}

/** Σ_i log p(v_i | v_−i) from the library's single-unit conditional (any undirected plan, all units visible). */
function conditionalReference(plan: Plan, states: Uint8Array, rows: number): Float64Array {
  const n = plan.size;
  const out = new Float64Array(rows);
  for (let r = 0; r < rows; r++) {
    const s = Float64Array.from(states.subarray(r * n, (r + 1) * n));
    for (let i = 0; i < n; i++) {
      const p1 = conditional(plan, s, i);
      out[r]! += Math.log(s[i] === 1 ? p1 : 1 - p1);
    }
  }
  return out;
}

describe('pseudoLogLikelihood normalisation (N5)', () => {
  // Hand computation: v = (1, 0): log σ(b0) + log σ(−(b1 + W)) = log σ(0.3) + log σ(−1.3);
  // v = (1, 1): log σ(b0 + W) + log σ(b1 + W) = log σ(1.8) + log σ(1.3). Values from Python's math module.
  const row10 = -0.5543552444685271 + -1.5410084538329922;
  const row11 = -0.3939860643590663;

  it('is per example, summed over units; perUnit divides by the unit count', () => {
    const pll = pseudoLogLikelihood(twoUnit(), Uint8Array.of(1, 0), 1);
    expect(pll.mean).toBeCloseTo(row10, 14);
    expect(pll.perUnit).toBeCloseTo(row10 / 2, 14);
    expect(pll.units).toBe(2);
    expect(pll.stochastic).toBe(false);
  });

  it('averages examples (never sums them)', () => {
    const pll = pseudoLogLikelihood(twoUnit(), Uint8Array.of(1, 0, 1, 1), 2);
    expect(pll.mean).toBeCloseTo((row10 + row11) / 2, 14);
    expect(pll.mean).toBeCloseTo(-1.244674881330293, 14);
    expect(pll.perUnit).toBeCloseTo(-1.244674881330293 / 2, 14);
    expect(Array.from(pll.perRow).map((x) => Number(x.toFixed(12)))).toEqual([row10, row11].map((x) => Number(x.toFixed(12))));
  });

  it('a negative control: the per-unit value is not the per-example value', () => {
    const pll = pseudoLogLikelihood(twoUnit(), Uint8Array.of(1, 0), 1);
    expect(Math.abs(pll.perUnit - row10)).toBeGreaterThan(0.5);
  });
});

describe('pseudoLogLikelihood equals exact conditional log-probabilities', () => {
  it('M1 (6-unit BM): every one of the 64 states', () => {
    const plan = compile(m1(), { dtype: 'float64' });
    const states = allStates(6);
    const pll = pseudoLogLikelihood(plan, states, 64);
    const ref = conditionalReference(plan, states, 64);
    for (let r = 0; r < 64; r++) expect(Math.abs(pll.perRow[r]! - ref[r]!)).toBeLessThan(1e-12);
  });

  it('a multi-group BM with a dense inter-group coupling and a sparse lateral', () => {
    const net = network({ seed: 5 })
      .layer('a', 3, { role: 'visible', bias: normal(0, 0.5) })
      .layer('b', 2, { role: 'visible', bias: normal(0, 0.5) })
      .connect('a', 'b', { undirected: true, init: normal(0, 1) })
      .connect('a', 'a', { undirected: true, sparse: [[0, 2, 0.8], [1, 2, -1.1]] })
      .build();
    const plan = compile(net, { dtype: 'float64' });
    expect(plan.kind).toBe('boltzmann');
    const states = allStates(5);
    const pll = pseudoLogLikelihood(plan, states, 32);
    const ref = conditionalReference(plan, states, 32);
    for (let r = 0; r < 32; r++) expect(Math.abs(pll.perRow[r]! - ref[r]!)).toBeLessThan(1e-12);
  });

  it('RBM (M2c, 4v × 3h): the visible marginal conditionals by enumeration of the joint', () => {
    const plan = compile(m2c(), { dtype: 'float64' });
    const lp = exactLogProbabilities(plan); // index bits: hidden block 'h' (offset 0) then visible 'v' (offset 3)
    const vOff = plan.blocks.find((b) => b.role === 'visible')!.offset;
    const hOff = plan.blocks.find((b) => b.role !== 'visible')!.offset;
    const logPv = new Float64Array(16);
    for (let v = 0; v < 16; v++) {
      const terms: number[] = [];
      for (let h = 0; h < 8; h++) terms.push(lp[(v << vOff) | (h << hOff)]!);
      logPv[v] = logSumExp(terms);
    }
    const states = allStates(4);
    const pll = pseudoLogLikelihood(plan, states, 16);
    for (let v = 0; v < 16; v++) {
      let ref = 0;
      for (let i = 0; i < 4; i++) ref += logPv[v]! - logSumExp([logPv[v]!, logPv[v ^ (1 << i)]!]);
      expect(Math.abs(pll.perRow[v]! - ref)).toBeLessThan(1e-12);
    }
  });
});

describe('pseudoLogLikelihood, stochastic estimator', () => {
  const plan = rbmPlan(7, 4, 1, 'pll-stoch');
  const data = randomRows(createRng('pll-rows'), 300, 7);
  const term = conditionalTable(plan);

  it('scores each example as units × one exact term', () => {
    const exact = pseudoLogLikelihood(plan, data, 300);
    const est = pseudoLogLikelihood(plan, data, 300, { stochastic: true, seed: 4 });
    expect(est.stochastic).toBe(true);
    const picked = new Set<number>();
    for (let r = 0; r < 300; r++) {
      const row = data.subarray(r * 7, (r + 1) * 7);
      const hit = [0, 1, 2, 3, 4, 5, 6].findIndex((i) => Math.abs(est.perRow[r]! - 7 * term(row, i)) < 1e-12);
      expect(hit).toBeGreaterThanOrEqual(0);
      picked.add(hit);
    }
    expect(picked.size).toBe(7);
    // The same normalisation as the exact estimator: per example, summed over units.
    expect(est.perUnit).toBeCloseTo(est.mean / 7, 14);
    expect(Math.abs(est.mean - exact.mean)).toBeLessThan(Math.abs(exact.mean));
  });

  it('is unbiased: many examples of one row average to the exact value (Hoeffding, α = 1e-6)', () => {
    const row = data.subarray(0, 7);
    const n = 20000;
    const rep = new Uint8Array(n * 7);
    for (let r = 0; r < n; r++) rep.set(row, r * 7);
    const exact = pseudoLogLikelihood(plan, row, 1).mean;
    const est = pseudoLogLikelihood(plan, rep, n, { stochastic: true, seed: 11 });
    const range = Math.max(...[0, 1, 2, 3, 4, 5, 6].map((i) => -7 * term(row, i)));
    const bound = range * Math.sqrt(Math.log(2 / 1e-6) / (2 * n));
    expect(Math.abs(est.mean - exact)).toBeLessThan(bound);
  });
});

/** log p(v_i | v_−i) of an RBM by brute force over the joint (enumerated once), as a lookup (row, i) → value. */
function conditionalTable(plan: Plan): (row: Uint8Array, i: number) => number {
  const lp = exactLogProbabilities(plan);
  const vOff = plan.blocks.find((b) => b.role === 'visible')!.offset;
  const hOff = plan.blocks.find((b) => b.role !== 'visible')!.offset;
  const nv = plan.blocks.find((b) => b.role === 'visible')!.size;
  const nh = plan.size - nv;
  const marg = Array.from({ length: 2 ** nv }, (_, v) => logSumExp(Array.from({ length: 2 ** nh }, (_, h) => lp[(v << vOff) | (h << hOff)]!)));
  return (row, i) => {
    const v = row.reduce((acc, b, k) => acc | (b << k), 0);
    return marg[v]! - logSumExp([marg[v]!, marg[v ^ (1 << i)]!]);
  };
}
