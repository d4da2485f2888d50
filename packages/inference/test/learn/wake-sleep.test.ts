/**
 * Wake-sleep (Hinton, Dayan, Frey & Neal 1995): it raises the exact
 * log-likelihood of data from a known SBN; the recognition net's q(h | v)
 * moves toward the true posterior (exact KL by enumeration); the trained
 * recognition net is a good importance-sampling proposal; the wake gradient
 * and the sleep delta rule follow their formulas exactly.
 */
import { describe, expect, it } from 'vitest';
import { createRng, sbn } from '@stochnet/graph';
import { compile, createSigmoidNet, exactLogLikelihood, logProb, sbnGradientInto, sigmoid, zeroGradient } from '@stochnet/model';
import type { Plan, SigmoidNet } from '@stochnet/model';
import { ancestralSample, createRecognitionNet, createWakeSleepLearner, importanceLogLikelihood, trainSbn } from '@stochnet/inference';
import { teacher as makeTeacher, teacherData } from './support/belief-data.js';

/** Mean over rows of KL(p(h | v) ‖ q(h | v)) for a one-hidden-layer plan, by enumeration. */
function meanKl(plan: Plan, rec: SigmoidNet, values: Uint8Array, rows: number): number {
  const v = plan.blocks.find((b) => b.role === 'visible')!;
  const h = plan.blocks.find((b) => b.role !== 'visible')!;
  const l = rec.layers[0]!;
  const state = new Float64Array(plan.size);
  let total = 0;
  for (let r = 0; r < rows; r++) {
    for (let i = 0; i < v.size; i++) state[v.offset + i] = values[r * v.size + i]!;
    const q = Array.from({ length: h.size }, (_, j) => {
      let a = l.bias[j]!;
      for (let i = 0; i < v.size; i++) a += values[r * v.size + i]! * l.weights[i * h.size + j]!;
      return sigmoid(a);
    });
    const lp: number[] = [];
    const lq: number[] = [];
    for (let c = 0; c < 1 << h.size; c++) {
      let logq = 0;
      for (let j = 0; j < h.size; j++) {
        const bit = (c >> j) & 1;
        state[h.offset + j] = bit;
        logq += Math.log(bit === 1 ? q[j]! : 1 - q[j]!);
      }
      lp.push(logProb(plan, state));
      lq.push(logq);
    }
    const max = Math.max(...lp);
    const logZ = max + Math.log(lp.reduce((s, x) => s + Math.exp(x - max), 0));
    total += lp.reduce((s, x, c) => s + Math.exp(x - logZ) * (x - logZ - lq[c]!), 0);
  }
  return total / rows;
}

describe('wake-sleep', () => {
  const data = teacherData(200, 'train-rows');
  const held = teacherData(200, 'held-rows');
  const plan = compile(sbn([6, 3], { seed: 'student' }), { dtype: 'float64' });

  it('raises the exact log-likelihood (train and held-out) and moves q(h | v) toward p(h | v)', () => {
    const rec0 = createRecognitionNet(plan, { rng: createRng(4).fork('recognition') }); // trainSbn's default start for seed 4
    const r = trainSbn(plan, data, { method: 'wake-sleep', epochs: 30, batchSize: 10, learningRate: 0.1, momentum: 0.5, seed: 4 });
    // Development seeds 1..6 gained 0.905–0.936 nats per row (train) and 1.011–1.030 (held-out); margin: half the worst.
    expect(exactLogLikelihood(r.plan, data.values, 200) - exactLogLikelihood(plan, data.values, 200)).toBeGreaterThan(0.45);
    expect(exactLogLikelihood(r.plan, held.values, 200) - exactLogLikelihood(plan, held.values, 200)).toBeGreaterThan(0.45);
    const rec = r.recognition!;
    // Against the trained generative model, the trained q is far closer to the posterior than the untrained one.
    expect(meanKl(r.plan, rec, held.values, 200)).toBeLessThan(0.5 * meanKl(r.plan, rec0, held.values, 200));
    const given = createRecognitionNet(plan, { seed: 'given' });
    const copy = Float64Array.from(given.layers[0]!.weights);
    const r2 = trainSbn(plan, data, { method: 'wake-sleep', recognition: given, epochs: 1, batchSize: 10, learningRate: 0.1, seed: 4 });
    expect(Array.from(given.layers[0]!.weights)).toEqual(Array.from(copy)); // a given net is copied, never trained in place
    expect(Array.from(r2.recognition!.layers[0]!.weights)).not.toEqual(Array.from(copy));
  });

  it('with the generative model held fixed, the sleep phase drives KL(p(h | v) ‖ q(h | v)) down', () => {
    const teacher = makeTeacher();
    const learner = createWakeSleepLearner(teacher, { method: 'wake-sleep', recognitionRate: 0.2, recognitionMomentum: 0.5, fantasies: 20, seed: 1 });
    const kl = [meanKl(teacher, learner.recognition, held.values, 200)];
    const g = zeroGradient(teacher);
    for (let t = 0; t < 300; t++) {
      learner.gradient(g, data.values.subarray(0, 60), 10, createRng(`u/${t}`)); // the gradient is not applied: p stays fixed
      if (t === 29 || t === 299) kl.push(meanKl(teacher, learner.recognition, held.values, 200));
    }
    expect(kl[1]!).toBeLessThan(kl[0]!);
    expect(kl[2]!).toBeLessThan(kl[1]!);
    expect(kl[2]!).toBeLessThan(0.25 * kl[0]!);
  });

  it('its recognition net is a good importance-sampling proposal (estimate within its error of the exact value)', () => {
    const r = trainSbn(plan, data, { method: 'wake-sleep', epochs: 30, batchSize: 10, learningRate: 0.1, momentum: 0.5, seed: 4 });
    const exact = exactLogLikelihood(r.plan, held.values, 200);
    const prior = importanceLogLikelihood(r.plan, held.values, 200, { samples: 200, seed: 9 });
    const est = importanceLogLikelihood(r.plan, held.values, 200, { samples: 200, seed: 9, proposal: r.recognition! });
    expect(Math.abs(est.logLikelihood - exact)).toBeLessThan(5 * est.standardError + 0.01);
    expect(est.ess).toBeGreaterThan(prior.ess);
  });

  it('wake phase: with a deterministic recognition net the gradient is sbnGradientInto of (v, h)', () => {
    const p = compile(sbn([3, 2], { seed: 2 }), { dtype: 'float64' });
    const rec = createSigmoidNet([{ inputs: 3, outputs: 2, weights: new Float64Array(6), bias: Float64Array.of(60, -60) }], 'logistic');
    const learner = createWakeSleepLearner(p, { method: 'wake-sleep', recognition: rec, recognitionRate: 0.1 });
    const g = learner.gradient(zeroGradient(p), Uint8Array.of(1, 0, 1, 0, 1, 1), 2, createRng('u'));
    const h = p.blocks.find((b) => b.role !== 'visible')!;
    const v = p.blocks.find((b) => b.role === 'visible')!;
    const states = new Float64Array(2 * p.size);
    [[1, 0, 1], [0, 1, 1]].forEach((row, r) => {
      row.forEach((x, i) => (states[r * p.size + v.offset + i] = x));
      states[r * p.size + h.offset] = 1;
    });
    const expected = zeroGradient(p);
    sbnGradientInto(expected, p, states, 2, 0.5);
    expect(Array.from(g.bias)).toEqual(Array.from(expected.bias));
    expect(Array.from(g.weights[0]!)).toEqual(Array.from(expected.weights[0]!));
  });

  it('sleep phase: the recognition step is the delta rule on the fantasies, exactly', () => {
    const p = compile(sbn([3, 2], { seed: 3 }), { dtype: 'float64' });
    const rec = createRecognitionNet(p, { seed: 1, sd: 0.5 });
    const learner = createWakeSleepLearner(p, { method: 'wake-sleep', recognition: rec, recognitionRate: 0.3, fantasies: 16 });
    learner.gradient(zeroGradient(p), Uint8Array.of(1, 0, 1), 1, createRng('update/7'));
    const f = ancestralSample(p, { samples: 16, rng: createRng('update/7').fork('sleep') }).states;
    const v = p.blocks.find((b) => b.role === 'visible')!;
    const h = p.blocks.find((b) => b.role !== 'visible')!;
    const l = rec.layers[0]!;
    const after = learner.recognition.layers[0]!;
    for (let j = 0; j < 2; j++) {
      let db = 0;
      const dw = [0, 0, 0];
      for (let s = 0; s < 16; s++) {
        let a = l.bias[j]!;
        for (let i = 0; i < 3; i++) a += f[s * p.size + v.offset + i]! * l.weights[i * 2 + j]!;
        const err = f[s * p.size + h.offset + j]! - sigmoid(a);
        db += err;
        for (let i = 0; i < 3; i++) dw[i]! += f[s * p.size + v.offset + i]! * err;
      }
      expect(after.bias[j]! - l.bias[j]!).toBeCloseTo((0.3 * db) / 16, 12);
      for (let i = 0; i < 3; i++) expect(after.weights[i * 2 + j]! - l.weights[i * 2 + j]!).toBeCloseTo((0.3 * dw[i]!) / 16, 12);
    }
  });
});
