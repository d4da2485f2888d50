/**
 * G8: one gradient step changes every parameter by exactly η·∇ (float64),
 * rounds once at float32, keeps masked weights 0 and laterals symmetric, and
 * is atomic when a new value would overflow.
 */
import { describe, expect, it } from 'vitest';
import { createRng, ConfigError, NonFiniteError, ShapeError } from '@stochnet/graph';
import { applyGradient, compile, zeroGradient } from '@stochnet/model';
import type { Gradient, Plan } from '@stochnet/model';
import { isingGrid, makeNet } from './support/nets.js';

function randomGradient(plan: Plan, seed: string): Gradient {
  const rng = createRng(seed);
  const g = zeroGradient(plan);
  g.bias.forEach((_, i) => (g.bias[i] = rng.nextNormal()));
  plan.weights.forEach((w, k) => {
    const gw = g.weights[k]!;
    gw.forEach((_, i) => (gw[i] = rng.nextNormal()));
    if (w.mask !== null) w.mask.forEach((m, i) => m === 0 && (gw[i] = 0));
    if (w.sparse === null && w.from === w.to) {
      for (let i = 0; i < w.rows; i++) {
        gw[i * w.cols + i] = 0;
        for (let j = 0; j < i; j++) gw[i * w.cols + j] = gw[j * w.cols + i]!;
      }
    }
  });
  return g;
}

const nets = {
  rbm: () => makeNet([{ id: 'v', size: 3, role: 'visible' }, { id: 'h', size: 2 }], [{ id: 'v--h', from: 'v', to: 'h', connectivity: 'masked', mask: [1, 0, 1, 1, 0, 1] }]),
  lateral: () => makeNet([{ id: 'x', size: 4, role: 'visible' }], [{ id: 'x--x', from: 'x', to: 'x' }]),
  ising: () => isingGrid(2),
};

describe.each(Object.entries(nets))('applyGradient on %s', (name, make) => {
  it('G8: float64 parameters change by exactly lr·grad (1e-15 relative) and equal θ + lr·g bit for bit', () => {
    const plan = compile(make(), { dtype: 'float64' });
    const grad = randomGradient(plan, `g8/${name}`);
    const lr = 0.037;
    const before = { bias: Float64Array.from(plan.bias), weights: plan.weights.map((w) => Float64Array.from(w.weights)) };
    applyGradient(plan, grad, lr);
    const check = (now: number, old: number, g: number): void => {
      expect(now).toBe(old + lr * g);
      expect(Math.abs(now - old - lr * g)).toBeLessThanOrEqual(1e-15 * Math.max(Math.abs(now), Math.abs(old), Math.abs(lr * g)));
    };
    plan.bias.forEach((v, i) => check(v, before.bias[i]!, grad.bias[i]!));
    plan.weights.forEach((w, k) => w.weights.forEach((v, i) => check(v, before.weights[k]![i]!, grad.weights[k]![i]!)));
  });

  it('rounds once at float32 and keeps masked weights 0, lateral diagonals 0 and laterals symmetric', () => {
    const plan = compile(make(), { dtype: 'float32' });
    const grad = randomGradient(plan, `f32/${name}`);
    grad.weights.forEach((g, k) => {
      const w = plan.weights[k]!;
      if (w.mask !== null) w.mask.forEach((m, i) => m === 0 && (g[i] = 5));
    });
    const before = plan.weights.map((w) => Float64Array.from(w.weights));
    const bias = Float64Array.from(plan.bias);
    applyGradient(plan, grad, 0.1);
    plan.bias.forEach((v, i) => expect(v).toBe(Math.fround(bias[i]! + 0.1 * grad.bias[i]!)));
    plan.weights.forEach((w, k) => {
      w.weights.forEach((v, i) => {
        if (w.mask !== null && w.mask[i] === 0) expect(v).toBe(0);
        else expect(v).toBe(Math.fround(before[k]![i]! + 0.1 * grad.weights[k]![i]!));
      });
      if (w.sparse === null && w.from === w.to) {
        for (let i = 0; i < w.rows; i++) {
          expect(w.weights[i * w.cols + i]).toBe(0);
          for (let j = 0; j < i; j++) expect(w.weights[i * w.cols + j]).toBe(w.weights[j * w.cols + i]);
        }
      }
    });
  });
});

describe('applyGradient rejects bad input and changes nothing', () => {
  const plan = compile(nets.rbm(), { dtype: 'float32' });
  const snapshot = (): number[] => [...plan.bias, ...plan.weights.flatMap((w) => [...w.weights])];

  it.each([0, -1, Number.NaN, Infinity, '0.1' as unknown as number])('learning rate %s is a ConfigError', (lr) => {
    const before = snapshot();
    expect(() => applyGradient(plan, zeroGradient(plan), lr)).toThrow(ConfigError);
    expect(snapshot()).toEqual(before);
  });

  it('a gradient of the wrong shape is a ShapeError; a non-finite entry or an overflowing step a NonFiniteError', () => {
    const before = snapshot();
    const short = { bias: new Float64Array(plan.size - 1), weights: zeroGradient(plan).weights };
    expect(() => applyGradient(plan, short, 0.1)).toThrow(ShapeError);
    expect(() => applyGradient(plan, { bias: zeroGradient(plan).bias, weights: [] }, 0.1)).toThrow(ShapeError);
    const nan = zeroGradient(plan);
    nan.weights[0]![2] = Number.NaN;
    expect(() => applyGradient(plan, nan, 0.1)).toThrow(NonFiniteError);
    const huge = zeroGradient(plan);
    huge.bias[0] = 1;
    huge.weights[0]![5] = 1e39;
    // finite in float64 but not at the plan's float32: nothing is written, not even the bias
    expect(() => applyGradient(plan, huge, 1)).toThrow(NonFiniteError);
    expect(snapshot()).toEqual(before);
  });
});

describe('applyGradient on a random plan from the builder', () => {
  it('moves a bias by exactly lr·g', () => {
    const plan = compile(makeNet([{ id: 'x', size: 1 }]), { dtype: 'float64' });
    const g = zeroGradient(plan);
    g.bias[0] = createRng('one').nextNormal();
    const old = plan.bias[0]!;
    applyGradient(plan, g, 0.5);
    expect(plan.bias[0]).toBe(old + 0.5 * g.bias[0]!);
  });
});
