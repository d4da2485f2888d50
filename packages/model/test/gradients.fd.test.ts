/**
 * Finite-difference checks (TESTING.md B.2, float64 plans, pass rule
 * |a − n| ≤ 1e-7 + 1e-6·|n|, h = 1e-5·max(1, |θ|)):
 * - G2: RBM free energy, analytic gradient = −(statistics of [v, p(h | v)])
 *   from accumulateStatistics with hidden probabilities;
 * - G3: SBN log p(x) for every x, analytic gradient from sbnGradientInto;
 * - G7: the checks fail on a flipped entry, a transposed W and dropped biases.
 */
import { describe, expect, it } from 'vitest';
import type { Network } from '@stochnet/graph';
import { accumulateStatistics, compile, freeEnergy, logBernoulli, sbnGradientInto, sigmoid, zeroGradient } from '@stochnet/model';
import type { Gradient, Plan } from '@stochnet/model';
import { fdFailures, flipLargest, transposeSquare, type FdFailure } from './support/grad-check.js';
import { chainGraph, m2a, smallDbn } from './support/fixtures.js';
import { sbnFixtures } from './support/sbn-fixtures.js';

/** Every FD failure of `grad` against f, over every bias and stored weight (masked entries are not parameters). */
function check(plan: Plan, grad: Gradient, f: () => number): FdFailure[] {
  return [
    ...fdFailures('bias', plan.bias, grad.bias, f),
    ...plan.weights.flatMap((w, k) => fdFailures(w.coupling, w.weights, grad.weights[k]!, f, (i) => w.mask !== null && w.mask[i] === 0)),
  ];
}

/** Reference log p(x) of the belief-net units (blocks without undirected couplings), summing log CPDs from the plan's arrays. */
function logCpdSum(plan: Plan, x: ArrayLike<number>): number {
  let lp = 0;
  for (const b of plan.blocks) {
    if (b.undirected.length > 0) continue;
    for (let i = 0; i < b.size; i++) {
      let a = plan.bias[b.offset + i]!;
      for (const k of b.incoming) {
        const w = plan.weights[k]!;
        const p = plan.blocks[w.from]!.offset;
        if (w.sparse === null) {
          for (let j = 0; j < w.rows; j++) a += x[p + j]! * w.weights[j * w.cols + i]!;
        } else {
          for (let j = 0; j < w.rows; j++) {
            for (let q = w.sparse.rowPtr[j]!; q < w.sparse.rowPtr[j + 1]!; q++) if (w.sparse.colIdx[q] === i) a += x[p + j]! * w.weights[q]!;
          }
        }
      }
      lp += logBernoulli(a, x[b.offset + i]!);
    }
  }
  return lp;
}

function allStates(n: number): Float64Array[] {
  return Array.from({ length: 2 ** n }, (_, s) => Float64Array.from({ length: n }, (_v, i) => (s >> i) & 1));
}

describe('G2: RBM free energy (M2a)', () => {
  const plan = compile(m2a(), { dtype: 'float64' });
  const vb = plan.blocks.find((b) => b.role === 'visible')!;
  const hb = plan.blocks.find((b) => b.role !== 'visible')!;
  const w = plan.weights[0]!;

  /** −∇F(v) through accumulateStatistics on the state [v, p(h | v)]; negated to ∇F. */
  function analytic(v: Float64Array): Gradient {
    const state = new Float64Array(plan.size);
    state.set(v, vb.offset);
    for (let j = 0; j < hb.size; j++) {
      let a = plan.bias[hb.offset + j]!;
      for (let i = 0; i < vb.size; i++) a += v[i]! * w.weights[i * w.cols + j]!;
      state[hb.offset + j] = sigmoid(a);
    }
    const grad = zeroGradient(plan);
    accumulateStatistics(grad, plan, state, 1, -1);
    return grad;
  }

  it.each(allStates(3).map((v) => [Array.from(v).join(''), v] as const))('passes for v = %s', (_, v) => {
    expect(w.from).toBe(plan.blocks.indexOf(vb)); // W stored nv×nh as the formula reads it
    expect(check(plan, analytic(v), () => freeEnergy(plan, v))).toEqual([]);
  });

  it('G7: fails on a flipped entry, on bias terms dropped', () => {
    const v = Float64Array.of(1, 0, 1);
    const g = analytic(v);
    const f = (): number => freeEnergy(plan, v);
    expect(check(plan, { bias: g.bias, weights: [flipLargest(g.weights[0]!)] }, f).length).toBeGreaterThan(0);
    expect(check(plan, { bias: new Float64Array(plan.size), weights: g.weights }, f).length).toBeGreaterThan(0);
  });
});

describe.each(sbnFixtures())('G3: SBN log p(x) on %s', (_, net: Network) => {
  const plan = compile(net, { dtype: 'float64' });
  const states = allStates(plan.size);
  const gradientAt = (x: Float64Array): Gradient => {
    const grad = zeroGradient(plan);
    sbnGradientInto(grad, plan, x, 1, 1);
    return grad;
  };

  it('passes for every state x', () => {
    for (const x of states) expect(check(plan, gradientAt(x), () => logCpdSum(plan, x))).toEqual([]);
  });

  it('a whole batch with scale 1/n equals the mean of single-row gradients', () => {
    const batch = new Float64Array(states.length * plan.size);
    states.forEach((x, r) => batch.set(x, r * plan.size));
    const grad = zeroGradient(plan);
    sbnGradientInto(grad, plan, batch, states.length, 1 / states.length);
    const mean = zeroGradient(plan);
    for (const x of states) sbnGradientInto(mean, plan, x, 1, 1 / states.length);
    grad.bias.forEach((v, i) => expect(v).toBeCloseTo(mean.bias[i]!, 14));
    grad.weights.forEach((g, k) => g.forEach((v, i) => expect(v).toBeCloseTo(mean.weights[k]![i]!, 14)));
  });

  it('G7: fails on a flipped entry, a transposed square W and dropped biases', () => {
    const x = states[states.length - 3]!;
    const g = gradientAt(x);
    const f = (): number => logCpdSum(plan, x);
    const k = g.weights.findIndex((w) => w.some((v) => v !== 0));
    const flipped = g.weights.map((w, i) => (i === k ? flipLargest(w) : w));
    expect(check(plan, { bias: g.bias, weights: flipped }, f).length).toBeGreaterThan(0);
    expect(check(plan, { bias: new Float64Array(plan.size), weights: g.weights }, f).length).toBeGreaterThan(0);
    const square = plan.weights.findIndex((w) => w.sparse === null && w.rows === w.cols && w.rows > 1);
    if (square >= 0) {
      // transposing only shows where the block's gradient is not symmetric: pick such a state
      const grads = states.map(gradientAt);
      const r = grads.findIndex((gr) => {
        const w = gr.weights[square]!;
        return transposeSquare(w).some((v, i) => Math.abs(v - w[i]!) > 1e-3);
      });
      expect(r).toBeGreaterThanOrEqual(0);
      const transposed = grads[r]!.weights.map((w, i) => (i === square ? transposeSquare(w) : w));
      expect(check(plan, { bias: grads[r]!.bias, weights: transposed }, () => logCpdSum(plan, states[r]!)).length).toBeGreaterThan(0);
    }
  });
});

describe.each([
  ['a DBN (top RBM skipped)', smallDbn(), 'dbn'],
  ['a chain graph (undirected component skipped)', chainGraph(), 'general'],
] as const)('sbnGradientInto on %s', (_, net, kind) => {
  const plan = compile(net, { dtype: 'float64' });

  it('differentiates the sum of the belief-net units\' log CPDs and leaves undirected parts untouched', () => {
    expect(plan.kind).toBe(kind);
    for (const x of allStates(plan.size)) {
      const grad = zeroGradient(plan);
      sbnGradientInto(grad, plan, x, 1, 1);
      expect(check(plan, grad, () => logCpdSum(plan, x))).toEqual([]);
      plan.weights.forEach((w, k) => {
        if (!w.directed || plan.blocks[w.to]!.undirected.length > 0) expect(grad.weights[k]!.every((v) => v === 0)).toBe(true);
      });
      for (const b of plan.blocks.filter((bl) => bl.undirected.length > 0)) {
        expect(grad.bias.subarray(b.offset, b.offset + b.size).every((v) => v === 0)).toBe(true);
      }
    }
  });
});
