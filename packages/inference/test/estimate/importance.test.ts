/**
 * importanceLogLikelihood for sigmoid belief nets: with many samples the
 * estimate agrees with exactLogLikelihood within 5 standard errors (M3, M4
 * and a 6←3 SBN; the prior proposal, a recognition net and a recognition
 * function), with a negative control showing the bound has power.
 */
import { describe, expect, it } from 'vitest';
import { createRng, network, normal } from '@stochnet/graph';
import type { Network } from '@stochnet/graph';
import { compile, createSigmoidNet, exactLogLikelihood, logProb, sigmoid } from '@stochnet/model';
import type { Plan, SigmoidLayer } from '@stochnet/model';
import { importanceLogLikelihood } from '@stochnet/inference';
import type { RecognitionFunction } from '@stochnet/inference';
import { m3, m4 } from '../../../model/test/support/fixtures.js';
import { randomRows } from './support.js';

const S = 4000;

/** A 6←3 SBN (h1 → v), W ~ N(0, sd²), biases ~ N(0, 0.5²) (the `sbn` preset's ids, with hidden biases too). */
function sbnNet(nv: number, nh: number, seed: string, sd = 1): Network {
  return network({ seed })
    .layer('v', nv, { role: 'visible', bias: normal(0, 0.5) })
    .layer('h1', nh, { bias: normal(0, 0.5) })
    .connect('h1', 'v', { init: normal(0, sd) })
    .build();
}

/** Every visible configuration of a plan with nv visible units, as rows. */
function allRows(nv: number): Uint8Array {
  const out = new Uint8Array(2 ** nv * nv);
  for (let x = 0; x < 2 ** nv; x++) for (let i = 0; i < nv; i++) out[x * nv + i] = (x >> i) & 1;
  return out;
}

function expectWithin5Se(plan: Plan, data: Uint8Array, rows: number, est: { logLikelihood: number; standardError: number }): void {
  const exact = exactLogLikelihood(plan, data, rows);
  expect(est.standardError).toBeGreaterThan(0);
  expect(est.standardError).toBeLessThan(0.05);
  expect(Math.abs(est.logLikelihood - exact)).toBeLessThanOrEqual(5 * est.standardError);
}

const fixtures: [string, () => Network, number][] = [
  ['M3 (2-2-2 layered SBN)', () => m3(), 2],
  ['M4 (5-unit DAG with skip edges)', () => m4(), 3],
  ['a 6←3 SBN', () => sbnNet(6, 3, 'sbn63'), 6],
];

describe('importanceLogLikelihood with the prior proposal', () => {
  for (const [name, make, nv] of fixtures) {
    it(`${name}: every visible configuration, ${S} samples each`, () => {
      const plan = compile(make(), { dtype: 'float64' });
      const rows = 2 ** nv;
      const data = allRows(nv);
      const est = importanceLogLikelihood(plan, data, rows, { seed: `is/${name}`, samples: S });
      expectWithin5Se(plan, data, rows, est);
      expect(est.samples).toBe(S);
      for (let r = 0; r < rows; r++) {
        expect(est.rowEss[r]).toBeGreaterThanOrEqual(1);
        expect(est.rowEss[r]).toBeLessThanOrEqual(S);
        const one = exactLogLikelihood(plan, data.subarray(r * nv, (r + 1) * nv), 1);
        expect(Math.abs(est.rowLogLikelihoods[r]! - one)).toBeLessThanOrEqual(5 * est.rowStandardErrors[r]! + 1e-12);
      }
    });
  }

  it('negative control: the same estimate misses a slightly different model by more than 5 standard errors', () => {
    const plan = compile(sbnNet(6, 3, 'sbn63'), { dtype: 'float64' });
    const data = allRows(6);
    const est = importanceLogLikelihood(plan, data, 64, { seed: 'neg', samples: S });
    const other = compile(plan.toNetwork(), { dtype: 'float64' });
    other.weights[0]!.weights[0]! += 0.3;
    expect(Math.abs(est.logLikelihood - exactLogLikelihood(other, data, 64))).toBeGreaterThan(5 * est.standardError);
  });

  it('a float32 plan and data with more samples than one tile (non-multiple of 256)', () => {
    const plan = compile(m3(), { dtype: 'float32' });
    const data = randomRows(createRng('f32'), 3, 2);
    const est = importanceLogLikelihood(plan, data, 3, { seed: 1, samples: 3001 });
    expectWithin5Se(compile(plan.toNetwork(), { dtype: 'float64' }), data, 3, est);
  });
});

/** A recognition net for M3 (bottom-up: v(2) → h1(2) → h2(2)) with small seeded weights. */
function m3Recognition(): SigmoidLayer[] {
  const rng = createRng('rec');
  const layer = (inputs: number, outputs: number): SigmoidLayer => ({
    inputs,
    outputs,
    weights: Float64Array.from({ length: inputs * outputs }, () => 0.5 * rng.nextNormal()),
    bias: Float64Array.from({ length: outputs }, () => 0.5 * rng.nextNormal()),
  });
  return [layer(2, 2), layer(2, 2)];
}

describe('importanceLogLikelihood with a recognition proposal', () => {
  const plan = compile(m3(), { dtype: 'float64' });
  const data = allRows(2);

  it('a SigmoidNet (logistic output), bottom-up', () => {
    const net = createSigmoidNet(m3Recognition(), 'logistic');
    const est = importanceLogLikelihood(plan, data, 4, { seed: 2, samples: S, proposal: net });
    expectWithin5Se(plan, data, 4, est);
  });

  it('a recognition function giving the same means gives the same estimate', () => {
    const layers = m3Recognition();
    const net = createSigmoidNet(layers, 'logistic');
    const seen: number[] = [];
    const fn: RecognitionFunction = (out, input, layer, rows) => {
      seen.push(layer);
      const l = layers[layer]!;
      for (let r = 0; r < rows; r++) {
        for (let j = 0; j < l.outputs; j++) {
          let a = l.bias[j]!;
          for (let i = 0; i < l.inputs; i++) a += input[r * l.inputs + i]! * l.weights[i * l.outputs + j]!;
          out[r * l.outputs + j] = 1 / (1 + Math.exp(-a));
        }
      }
    };
    const a = importanceLogLikelihood(plan, data, 4, { seed: 2, samples: 600, proposal: net });
    const b = importanceLogLikelihood(plan, data, 4, { seed: 2, samples: 600, proposal: fn });
    expect(Math.abs(a.logLikelihood - b.logLikelihood)).toBeLessThan(1e-9);
    expect(seen.slice(0, 2)).toEqual([0, 1]);
    expectWithin5Se(plan, data, 4, importanceLogLikelihood(plan, data, 4, { seed: 3, samples: S, proposal: fn }));
  });

  it('the exact posterior as proposal gives weights all equal to p(v): zero variance, exact estimate', () => {
    const one = compile(sbnNet(3, 1, 'one', 1.5), { dtype: 'float64' });
    expect(one.blocks.map((b) => b.group)).toEqual(['h1', 'v']); // state layout: h1 at 0, v at 1..3
    const posterior: RecognitionFunction = (out, input, layer, rows) => {
      expect(layer).toBe(0);
      for (let r = 0; r < rows; r++) {
        const v = Array.from(input.subarray(r * 3, r * 3 + 3));
        const lp1 = logProb(one, Float64Array.of(1, ...v));
        const lp0 = logProb(one, Float64Array.of(0, ...v));
        out[r] = sigmoid(lp1 - lp0);
      }
    };
    const rows = allRows(3);
    const est = importanceLogLikelihood(one, rows, 8, { seed: 1, samples: 50, proposal: posterior });
    expect(est.standardError).toBeLessThan(1e-12);
    expect(Math.abs(est.logLikelihood - exactLogLikelihood(one, rows, 8))).toBeLessThan(1e-12);
    for (const e of est.rowEss) expect(e).toBeCloseTo(50, 9);
    // The prior proposal on the same model has a visibly positive standard error.
    expect(importanceLogLikelihood(one, rows, 8, { seed: 1, samples: 50 }).standardError).toBeGreaterThan(1e-3);
  });
});
