/**
 * G1 / G4 / G6 / G7: the exact log-likelihood gradient and the moments as
 * the gradient of log Z, checked by central finite differences, at extreme
 * parameters, and with negative controls that the same checker must reject.
 */
import { describe, expect, it } from 'vitest';
import { createRng, network, normal } from '@stochnet/graph';
import type { Network } from '@stochnet/graph';
import type { Plan } from '@stochnet/model';
import {
  compile,
  conditional,
  exactGradient,
  exactLogLikelihood,
  exactLogProbabilities,
  exactLogZ,
  exactMarginals,
} from '@stochnet/model';
import { chainGraph, m1, m2c, m3, m4, m5, smallDbn } from './support/fixtures.js';
import { momentsInPlanLayout } from './support/moments-layout.js';
import { gradientFailures } from './support/tied-fd.js';

const f64 = { dtype: 'float64' } as const;

/** A Boltzmann machine with a dense visible lateral, hidden units and a sparse hidden lateral. */
function lateralBm(): Network {
  return network({ seed: 'G1/lateral' })
    .layer('v', 3, { role: 'visible', bias: normal(0, 0.5) })
    .layer('h', 3, { bias: normal(0, 0.5) })
    .connect('v', 'v', { undirected: true, init: normal(0, 1) })
    .connect('v', 'h', { undirected: true, init: normal(0, 1), mask: [[1, 1, 0], [0, 1, 1], [1, 0, 1]] })
    .connect('h', 'h', { undirected: true, sparse: [[0, 2, 0.8]] })
    .build();
}

function randomData(plan: Plan, rows: number, seed: string): Uint8Array {
  const nv = plan.blocks.filter((b) => b.role === 'visible').reduce((a, b) => a + b.size, 0);
  const rng = createRng(seed);
  return Uint8Array.from({ length: rows * nv }, () => (rng.nextDouble() < 0.5 ? 1 : 0));
}

const MODELS: Record<string, () => Network> = {
  'RBM (M2c)': () => m2c(),
  'BM with laterals': lateralBm,
  'SBN (M3)': () => m3(),
  'DAG (M4)': () => m4(),
  DBN: () => smallDbn(),
  'chain graph': () => chainGraph(),
  'fully visible BM (M1)': () => m1(),
};

describe('G1 exact log-likelihood gradient vs finite differences', () => {
  for (const [id, make] of Object.entries(MODELS)) {
    it(`${id}: every bias and weight passes |a − n| ≤ 1e-7 + 1e-6|n|`, () => {
      const plan = compile(make(), f64);
      const data = randomData(plan, 5, `G1/${id}`);
      const grad = exactGradient(plan, data, 5);
      expect(gradientFailures(plan, grad, () => exactLogLikelihood(plan, data, 5))).toEqual([]);
    });
  }
});

describe('G4 log Z gradient = model moments', () => {
  for (const [id, make] of Object.entries({ 'RBM (M2c)': () => m2c(), 'BM with laterals': lateralBm, M1: () => m1(), 'M5 sd 2': () => m5('M5', 2) })) {
    it(`${id}: ∂ log Z/∂b = E[s], ∂ log Z/∂W = E[s_i s_j]`, () => {
      const plan = compile(make(), f64);
      expect(gradientFailures(plan, momentsInPlanLayout(plan), () => exactLogZ(plan))).toEqual([]);
    });
  }
});

describe('G6 extreme parameters', () => {
  /** M3's structure with every bias and weight set to ±scale (alternating signs). */
  function scaled(scale: number): Plan {
    const plan = compile(m3(), f64);
    plan.bias.forEach((_, i) => (plan.bias[i] = (i % 2 === 0 ? 1 : -1) * scale));
    for (const wb of plan.weights) wb.weights.forEach((_, k) => (wb.weights[k] = (k % 3 === 0 ? -1 : 1) * scale * 0.5));
    return plan;
  }

  it('fields of about ±30: finite differences agree', () => {
    const plan = scaled(15);
    const data = Uint8Array.of(1, 0, 0, 1, 1, 1);
    const grad = exactGradient(plan, data, 3);
    expect(gradientFailures(plan, grad, () => exactLogLikelihood(plan, data, 3))).toEqual([]);
  });

  for (const scale of [700, 800]) {
    it(`fields of ±${scale}: no NaN or Infinity anywhere`, () => {
      const plan = scaled(scale);
      const data = Uint8Array.of(1, 0, 0, 1, 1, 1, 0, 0);
      expect(Number.isFinite(exactLogLikelihood(plan, data, 4))).toBe(true);
      const grad = exactGradient(plan, data, 4);
      expect([...grad.bias, ...grad.weights.flatMap((w) => [...w])].every(Number.isFinite)).toBe(true);
      expect(exactLogProbabilities(plan).every((x) => !Number.isNaN(x) && x !== Infinity)).toBe(true);
      expect(exactMarginals(plan).every((p) => p >= 0 && p <= 1)).toBe(true);
      for (let i = 0; i < plan.size; i++) expect(Number.isNaN(conditional(plan, new Float64Array(plan.size).fill(1), i))).toBe(false);
    });
  }

  it('near-deterministic BM (M5, sd 20): log Z, log-likelihood and gradient are finite', () => {
    const plan = compile(m5('M5', 20), f64);
    const data = Uint8Array.of(1, 0, 1, 0, 1, 0);
    expect(Number.isFinite(exactLogZ(plan))).toBe(true);
    expect(Number.isFinite(exactLogLikelihood(plan, data, 1))).toBe(true);
    const grad = exactGradient(plan, data, 1);
    expect([...grad.bias, ...grad.weights[0]!].every(Number.isFinite)).toBe(true);
  });
});

describe('G7 negative controls: the checker rejects broken gradients', () => {
  const plan = compile(m2c(), f64);
  const data = randomData(plan, 4, 'G7');
  const f = (): number => exactLogLikelihood(plan, data, 4);
  const good = exactGradient(plan, data, 4);

  it('the correct gradient passes (control)', () => expect(gradientFailures(plan, good, f)).toEqual([]));

  it('a sign flip on one weight entry fails', () => {
    const w = Float64Array.from(good.weights[0]!);
    let k = 0;
    for (let i = 1; i < w.length; i++) if (Math.abs(w[i]!) > Math.abs(w[k]!)) k = i;
    w[k] = -w[k]!;
    expect(gradientFailures(plan, { bias: good.bias, weights: [w] }, f).length).toBeGreaterThan(0);
  });

  it('a transposed weight gradient fails', () => {
    const wb = plan.weights[0]!;
    const g = good.weights[0]!;
    const t = new Float64Array(g.length);
    for (let i = 0; i < wb.rows; i++) for (let j = 0; j < wb.cols; j++) t[j * wb.rows + i] = g[i * wb.cols + j]!;
    expect(gradientFailures(plan, { bias: good.bias, weights: [t] }, f).length).toBeGreaterThan(0);
  });

  it('dropped bias terms fail', () => {
    expect(gradientFailures(plan, { bias: new Float64Array(plan.size), weights: good.weights }, f).length).toBeGreaterThan(0);
  });
});
