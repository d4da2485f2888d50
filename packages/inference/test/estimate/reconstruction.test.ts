/**
 * reconstructionError against a direct loop reference, for both losses, a
 * float32 plan, a sparse coupling and a batch larger than one tile; the
 * training loop's metric is the same pass, for RBMs and other kinds.
 */
import { describe, expect, it } from 'vitest';
import { boltzmann, createRng, network, normal } from '@stochnet/graph';
import { compile, sigmoid } from '@stochnet/model';
import type { Plan } from '@stochnet/model';
import { reconstructionError, train } from '@stochnet/inference';
import { randomRows, rbmArrays, rbmPlan } from './support.js';

function reference(plan: Plan, data: Uint8Array, rows: number): { squared: number; ce: number } {
  const { nv, nh, w, b, c } = rbmArrays(plan);
  let sq = 0;
  let ce = 0;
  for (let r = 0; r < rows; r++) {
    const h = new Float64Array(nh);
    for (let j = 0; j < nh; j++) {
      let x = c[j]!;
      for (let i = 0; i < nv; i++) x += data[r * nv + i]! * w[i * nh + j]!;
      h[j] = sigmoid(x);
    }
    for (let i = 0; i < nv; i++) {
      let a = b[i]!;
      for (let j = 0; j < nh; j++) a += h[j]! * w[i * nh + j]!;
      const p = sigmoid(a);
      const v = data[r * nv + i]!;
      sq += (p - v) ** 2;
      ce -= v * Math.log(p) + (1 - v) * Math.log(1 - p);
    }
  }
  return { squared: sq / (rows * nv), ce: ce / (rows * nv) };
}

describe('reconstructionError', () => {
  const plan = rbmPlan(9, 5, 1, 'recon');
  const rows = 600; // more than one 256-row tile
  const data = randomRows(createRng('recon-data'), rows, 9);

  it('equals the direct reference for the squared loss (mean per unit)', () => {
    const ref = reference(plan, data, rows);
    expect(Math.abs(reconstructionError(plan, data, rows) - ref.squared)).toBeLessThan(1e-12);
    expect(Math.abs(reconstructionError(plan, data, rows, { loss: 'squared' }) - ref.squared)).toBeLessThan(1e-12);
  });

  it('equals the direct reference for the cross-entropy loss', () => {
    const ref = reference(plan, data, rows);
    expect(Math.abs(reconstructionError(plan, data, rows, { loss: 'cross-entropy' }) - ref.ce)).toBeLessThan(1e-12);
  });

  it('is a mean per unit: one row of two units with reconstruction 0.5 scores 0.25', () => {
    const p = compile(network().layer('v', 2, { role: 'visible' }).layer('h', 3).connect('v', 'h', { undirected: true }).build(), { dtype: 'float64' });
    expect(reconstructionError(p, Uint8Array.of(1, 0), 1)).toBe(0.25);
    expect(reconstructionError(p, Uint8Array.of(1, 0), 1, { loss: 'cross-entropy' })).toBeCloseTo(Math.LN2, 15);
  });

  it('accepts float32 plans and Float32Array data (computed in float32: within 1e-6 of float64)', () => {
    const p32 = compile(plan.toNetwork(), { dtype: 'float32' });
    const ref = reference(compile(p32.toNetwork(), { dtype: 'float64' }), data, rows);
    const got = reconstructionError(p32, Float32Array.from(data), rows);
    // float32 products: relative error ~1e-7 per logit, so the mean loss moves by far less than 1e-6; equal to 1e-12 would mean float64.
    expect(Math.abs(got - ref.squared)).toBeLessThan(1e-6);
    expect(Math.abs(got - ref.squared)).toBeGreaterThan(0);
  });

  it('handles a hidden-first orientation and a sparse coupling', () => {
    const net = network({ seed: 3 })
      .layer('a', 3)
      .layer('z', 4, { role: 'visible' })
      .connect('a', 'z', { undirected: true, init: normal(0, 1) })
      .build();
    const p = compile(net, { dtype: 'float64' });
    const dense = p.weights[0]!.weights; // stored a × z: 3 × 4 (hidden first)
    const d = randomRows(createRng('orient'), 5, 4);
    let sq = 0;
    for (let r = 0; r < 5; r++) {
      const h = [0, 1, 2].map((j) => sigmoid([0, 1, 2, 3].reduce((s, i) => s + d[r * 4 + i]! * dense[j * 4 + i]!, p.bias[j]!)));
      for (let i = 0; i < 4; i++) sq += (sigmoid(h.reduce((s, hj, j) => s + hj * dense[j * 4 + i]!, p.bias[3 + i]!)) - d[r * 4 + i]!) ** 2;
    }
    expect(Math.abs(reconstructionError(p, d, 5) - sq / 20)).toBeLessThan(1e-12);
    // A sparse coupling scores like the dense one with the same weights.
    const pairs = [[0, 1, 0.7], [2, 0, -1.2], [3, 2, 0.4]] as const;
    const dense2 = [0, 1, 2, 3].map((i) => [0, 1, 2].map((j) => pairs.find((q) => q[0] === i && q[1] === j)?.[2] ?? 0));
    const build = (opts: object) => compile(network().layer('v', 4, { role: 'visible' }).layer('h', 3).connect('v', 'h', { undirected: true, ...opts }).build(), { dtype: 'float64' });
    const sparse = build({ sparse: pairs });
    expect(sparse.weights[0]!.sparse).not.toBeNull();
    expect(reconstructionError(sparse, d, 5)).toBeCloseTo(reconstructionError(build({ weights: dense2 }), d, 5), 14);
  });
});

describe("the training loop's reconstruction metric is the same pass", () => {
  it('equals reconstructionError on a float32 RBM (one implementation, float64 throughout)', () => {
    const p32 = compile(rbmPlan(9, 5, 1, 'recon').toNetwork(), { dtype: 'float32' });
    const data = randomRows(createRng('metric'), 300, 9);
    const result = train(p32, { values: data, rows: 300, cols: 9 }, { method: 'cd', epochs: 1, batchSize: 50, learningRate: 0.05, seed: 1 });
    expect(result.history[0]!.train['reconstruction']).toBe(reconstructionError(result.plan, data, 300));
  });

  it('scores a fully visible Boltzmann machine and probability data against a direct loop', () => {
    const plan = compile(boltzmann(4, { seed: 2, init: normal(0, 1), bias: normal(0, 1) }), { dtype: 'float32' });
    const values = Float64Array.of(0.9, 0.1, 0.5, 0.2, 0.8, 1, 0, 0.3);
    const W = plan.weights[0]!.weights;
    let sq = 0;
    for (let r = 0; r < 2; r++) {
      for (let i = 0; i < 4; i++) {
        let a = plan.bias[i]!;
        for (let j = 0; j < 4; j++) a += W[i * 4 + j]! * values[r * 4 + j]!;
        sq += (sigmoid(a) - values[r * 4 + i]!) ** 2;
      }
    }
    const result = train(plan, { values, rows: 2, cols: 4 }, { method: 'cd', epochs: 1, batchSize: 2, learningRate: 1e-300, momentum: 0, seed: 1, allowProbabilities: true });
    expect(Math.abs(result.history[0]!.train['reconstruction']! - sq / 8)).toBeLessThan(1e-12);
  });
});
