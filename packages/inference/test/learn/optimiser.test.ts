/**
 * G8 (TESTING.md B.2): one SGD step is exactly θ + η·∇; weight decay (on
 * weights only), L1, momentum (and its default 0.5 → 0.9 schedule),
 * learning-rate schedules and the sparsity target follow their formulas
 * exactly. Masked weights stay exactly 0 and dense laterals exactly
 * symmetric. N4's bound: with maxGradNorm every step has ‖Δθ‖ ≤ η·maxGradNorm
 * (free parameters, tied pairs once), and clipping is off by default. A
 * non-finite gradient or parameter throws TrainingDivergedError and changes
 * nothing.
 */
import { describe, expect, it } from 'vitest';
import { boltzmann, createRng, normal, rbm } from '@stochnet/graph';
import { compile, zeroGradient } from '@stochnet/model';
import type { Gradient, Plan } from '@stochnet/model';
import { Optimiser, TrainingDivergedError, createOptimiser } from '@stochnet/inference';
import { maskedRbm } from './support/nets.js';

const AT = { epoch: 0, batch: 0, step: 0 };

function randomGradient(plan: Plan, seed: string, scale = 1): Gradient {
  const rng = createRng(seed);
  const g = zeroGradient(plan);
  g.bias.forEach((_, i) => (g.bias[i] = scale * rng.nextNormal()));
  g.weights.forEach((w) => w.forEach((_, i) => (w[i] = scale * rng.nextNormal())));
  return g;
}

function params(plan: Plan): Float64Array {
  return Float64Array.from([...plan.bias, ...plan.weights.flatMap((w) => Array.from(w.weights))]);
}

function rbmPlan(): Plan {
  return compile(rbm(4, 3, { seed: 'G8', init: normal(0, 1), visibleBias: normal(0, 1), hiddenBias: normal(0, 1) }), { dtype: 'float64' });
}

describe('G8 one optimiser step', () => {
  it('plain SGD changes θ by exactly η·∇', () => {
    const plan = rbmPlan();
    const g = randomGradient(plan, 'g');
    const before = params(plan);
    const flat = [...g.bias, ...g.weights.flatMap((w) => Array.from(w))];
    createOptimiser(plan, { learningRate: 0.37, momentum: 0 }).step(g, AT);
    const want = before.map((x, i) => x + 0.37 * flat[i]!);
    expect(params(plan)).toEqual(want);
  });

  it('weight decay and L1 act on weights only, by their formula', () => {
    const plan = rbmPlan();
    const g = randomGradient(plan, 'g');
    const bias = Float64Array.from(plan.bias);
    const w = Float64Array.from(plan.weights[0]!.weights);
    createOptimiser(plan, { learningRate: 0.2, momentum: 0, weightDecay: 0.01, l1: 0.003 }).step(g, AT);
    bias.forEach((b, i) => expect(plan.bias[i]).toBe(b + 0.2 * g.bias[i]!));
    w.forEach((x, i) => expect(plan.weights[0]!.weights[i]).toBe(x + 0.2 * (g.weights[0]![i]! - (0.01 * x + 0.003 * Math.sign(x)))));
  });

  it('momentum: Δθ_t = μ·Δθ_{t−1} + η·g_t', () => {
    const plan = rbmPlan();
    const g1 = randomGradient(plan, 'g1');
    const g2 = randomGradient(plan, 'g2');
    const opt = createOptimiser(plan, { learningRate: 0.1, momentum: 0.7 });
    const b0 = plan.bias[2]!;
    opt.step(g1, AT);
    const v1 = 0.7 * 0 + 0.1 * g1.bias[2]!;
    expect(plan.bias[2]).toBe(b0 + v1);
    opt.step(g2, { epoch: 0, batch: 1, step: 1 });
    expect(plan.bias[2]).toBe(b0 + v1 + (0.7 * v1 + 0.1 * g2.bias[2]!));
    expect(opt.state().velocity.bias[2]).toBe(0.7 * v1 + 0.1 * g2.bias[2]!);
  });

  it('schedules: default momentum 0.5 then 0.9 from epoch 5; exponential and step learning rates', () => {
    const plan = rbmPlan();
    const d = createOptimiser(plan, { learningRate: 0.1 });
    expect([0, 4, 5, 9].map((e) => d.momentumAt(e))).toEqual([0.5, 0.5, 0.9, 0.9]);
    expect(d.learningRateAt(7)).toBe(0.1);
    const ex = createOptimiser(plan, { learningRate: 0.1, schedule: { type: 'exponential', decay: 0.5 } });
    expect(ex.learningRateAt(3)).toBe(0.1 * 0.5 ** 3);
    const st = createOptimiser(plan, { learningRate: 0.1, schedule: { type: 'step', every: 4, factor: 0.1 }, momentum: { initial: 0.2, final: 0.6, switchEpoch: 2 } });
    expect([st.learningRateAt(3), st.learningRateAt(4), st.learningRateAt(9)]).toEqual([0.1, 0.1 * 0.1, 0.1 * 0.1 ** 2]);
    expect([st.momentumAt(1), st.momentumAt(2)]).toEqual([0.2, 0.6]);
  });

  it('sparsity: q ← λq + (1 − λ)q̂ and cost·(q − p) on hidden biases and incoming weights', () => {
    const plan = rbmPlan();
    const hid = plan.blocks.find((b) => b.group === 'h')!.offset;
    const vis = plan.blocks.find((b) => b.group === 'v')!.offset;
    const opt = createOptimiser(plan, { learningRate: 0.2, momentum: 0, sparsity: { target: 0.1, cost: 0.5, decay: 0.9 } });
    const positive = zeroGradient(plan);
    const qhat1 = [0.3, 0.6, 0.2];
    const vbar = [0.5, 1, 0, 0.25];
    qhat1.forEach((q, j) => (positive.bias[hid + j] = q));
    vbar.forEach((v, i) => (positive.bias[vis + i] = v));
    const before = params(plan);
    opt.step(zeroGradient(plan), AT, positive);
    const term = (q: number, v: number): number => 0.2 * (0 - 0.5 * ((q - 0.1) * v));
    qhat1.forEach((q, j) => expect(plan.bias[hid + j]).toBe(before[hid + j]! + 0.2 * (0 - 0.5 * (q - 0.1))));
    vbar.forEach((_, i) => expect(plan.bias[vis + i]).toBe(before[vis + i]!));
    for (let i = 0; i < 4; i++) for (let j = 0; j < 3; j++) expect(plan.weights[0]!.weights[i * 3 + j]).toBe(before[plan.size + i * 3 + j]! + term(qhat1[j]!, vbar[i]!));
    const qhat2 = [0.1, 0.1, 0.9];
    qhat2.forEach((q, j) => (positive.bias[hid + j] = q));
    opt.step(zeroGradient(plan), AT, positive);
    const q2 = qhat1.map((q, j) => 0.9 * q + (1 - 0.9) * qhat2[j]!);
    expect(Array.from(opt.state().sparsityMean!.subarray(hid, hid + 3))).toEqual(q2);
  });

  it('masked weights stay exactly 0 and dense laterals exactly symmetric', () => {
    for (const plan of [compile(maskedRbm()), compile(boltzmann(5, { seed: 'lat', init: normal(0, 1) }))]) {
      const opt = createOptimiser(plan, { learningRate: 0.3, momentum: 0.9, weightDecay: 0.01, l1: 0.01, sparsity: { target: 0.2, cost: 0.1 }, maxGradNorm: 5 });
      const positive = zeroGradient(plan);
      positive.bias.fill(0.5);
      for (let t = 0; t < 5; t++) opt.step(randomGradient(plan, `m${t}`), { epoch: t, batch: 0, step: t }, positive);
      const w = plan.weights[0]!;
      if (w.mask !== null) w.mask.forEach((m, i) => m === 0 && expect(Object.is(w.weights[i], 0)).toBe(true));
      if (w.from === w.to) {
        for (let i = 0; i < w.rows; i++) {
          expect(w.weights[i * w.cols + i]).toBe(0);
          for (let j = 0; j < w.cols; j++) expect(w.weights[i * w.cols + j]).toBe(w.weights[j * w.cols + i]);
        }
      }
    }
  });
});

describe('N4 step clipping', () => {
  const freeNorm = (plan: Plan, before: Float64Array): number => {
    const after = params(plan);
    const w = plan.weights[0]!;
    let s = 0;
    for (let i = 0; i < plan.size; i++) s += (after[i]! - before[i]!) ** 2;
    for (let i = 0; i < w.rows; i++) for (let j = i + 1; j < w.cols; j++) s += (after[plan.size + i * w.cols + j]! - before[plan.size + i * w.cols + j]!) ** 2;
    return Math.sqrt(s);
  };

  it('bounds ‖Δθ‖ by η·maxGradNorm exactly, tied pairs counted once', () => {
    const plan = compile(boltzmann(6, { seed: 'clip', init: normal(0, 3), bias: normal(0, 3) }), { dtype: 'float64' });
    const opt = createOptimiser(plan, { learningRate: 1e3, momentum: 0.9, maxGradNorm: 1 });
    for (let t = 0; t < 20; t++) {
      const before = params(plan);
      const info = opt.step(randomGradient(plan, `c${t}`, 5), { epoch: t, batch: 0, step: t });
      expect(info.clipped).toBe(true);
      expect(info.stepNorm).toBeLessThanOrEqual(1e3);
      expect(freeNorm(plan, before)).toBeLessThanOrEqual(1e3);
    }
  });

  it('is off by default, and a step under the bound is unchanged', () => {
    const plan = compile(boltzmann(6, { seed: 'clip', init: normal(0, 3) }), { dtype: 'float64' });
    const g = randomGradient(plan, 'big', 5);
    const a = compile(plan.source, { dtype: 'float64' });
    const info = createOptimiser(a, { learningRate: 1e3, momentum: 0 }).step(g, AT);
    expect(info.clipped).toBe(false);
    expect(info.stepNorm).toBeGreaterThan(1e3);
    const b = compile(plan.source, { dtype: 'float64' });
    const small = createOptimiser(b, { learningRate: 1e-3, momentum: 0, maxGradNorm: 1e6 }).step(g, AT);
    expect(small.clipped).toBe(false);
    const c = compile(plan.source, { dtype: 'float64' });
    createOptimiser(c, { learningRate: 1e-3, momentum: 0 }).step(g, AT);
    expect(params(b)).toEqual(params(c));
  });
});

describe('divergence guard of a step', () => {
  it('a non-finite gradient throws naming the block and index, and changes nothing', () => {
    const plan = rbmPlan();
    const opt = new Optimiser(plan, { learningRate: 0.1, momentum: 0.5 });
    opt.step(randomGradient(plan, 'a'), AT);
    const before = params(plan);
    const velocity = Float64Array.from(opt.state().velocity.weights[0]!);
    const g = randomGradient(plan, 'b');
    g.weights[0]![5] = Number.NaN;
    let err: unknown;
    try {
      opt.step(g, { epoch: 3, batch: 2, step: 17 });
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(TrainingDivergedError);
    const e = err as TrainingDivergedError;
    expect(e.code).toBe('TRAINING_DIVERGED');
    expect(e.details).toMatchObject({ epoch: 3, batch: 2, step: 17, what: 'gradient', block: plan.weights[0]!.coupling, index: 5 });
    expect(params(plan)).toEqual(before);
    expect(opt.state().velocity.weights[0]).toEqual(velocity);
  });

  it('a step that overflows leaves the sparsity running mean as it was', () => {
    const plan = compile(rbm(4, 3, { seed: 'G8', init: normal(0, 1) })); // float32: a step of 1e299 overflows it
    const opt = createOptimiser(plan, { learningRate: 0.1, momentum: 0, sparsity: { target: 0.1, cost: 0.5, decay: 0.9 } });
    const positive = randomGradient(plan, 'pos');
    positive.bias.forEach((x, i) => (positive.bias[i] = 1 / (1 + Math.exp(-x))));
    opt.step(randomGradient(plan, 'a'), AT, positive);
    const q = Float64Array.from(opt.state().sparsityMean!);
    const huge = randomGradient(plan, 'b', 1e300);
    positive.bias.fill(0.5);
    expect(() => opt.step(huge, AT, positive)).toThrow(TrainingDivergedError);
    expect(opt.state().sparsityMean).toEqual(q);
    // The next good step still starts from the kept mean.
    opt.step(randomGradient(plan, 'c'), AT, positive);
    const hid = plan.blocks.find((b) => b.role !== 'visible')!.offset;
    expect(opt.state().sparsityMean![hid]).toBeCloseTo(0.9 * q[hid]! + 0.1 * 0.5, 15);
  });

  it('a step that overflows the dtype throws before writing anything', () => {
    const plan = compile(rbm(4, 3, { seed: 1 }));
    const before = params(plan);
    const g = zeroGradient(plan);
    g.bias[1] = 1;
    g.weights[0]![0] = 1;
    expect(() => createOptimiser(plan, { learningRate: 1e39, momentum: 0 }).step(g, AT)).toThrow(TrainingDivergedError);
    expect(params(plan)).toEqual(before);
  });
});
