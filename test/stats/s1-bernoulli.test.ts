/**
 * S1 (TESTING.md B.1): the Bernoulli primitive. N draws (2e5 PR, 1e6 main)
 * for p ∈ {1e-3, 0.25, 0.5, 0.999}, twice:
 * - through the backend kernel (`jsBackend.bernoulli`) on a seeded stream of
 *   uniforms;
 * - end to end through ancestralSample on a plan of four independent units
 *   with biases logit(p) (bias → σ → kernel → state).
 * Each estimate must satisfy |p̂ − p| ≤ Hoeffding half-width at α = 1e-7
 * (0.00648 at 2e5, 0.0029 at 1e6): 8 assertions, ≤ 8e-7 false failures.
 * Exact: p = 0 never fires with the stub uniform 0, p = 1 always fires with
 * 1 − 2⁻⁵³ (the largest double below 1), for every backend call.
 *
 * Negative controls: `u <= p` fails the exact p = 0 check; a p/1−p swap and
 * a logit sign error (σ(−x)) move p̂ by ≥ 0.49 at p = 1e-3 and 0.5 at p = 0.25
 * and fail the Hoeffding check (power: any |Δp| > 2·0.00648 is detected with
 * false-pass ≤ 1e-7).
 */
import { describe, expect, it } from 'vitest';
import { createRng, network } from '@stochnet/graph';
import { compile, jsBackend } from '@stochnet/model';
import type { FloatArray } from '@stochnet/model';
import { ancestralSample } from '@stochnet/inference';
import { assertBelow, hoeffding } from '../support/stats.js';
import { N } from './support/gibbs-checks.js';

const SEED = 'S1';
const PS = [1e-3, 0.25, 0.5, 0.999];
const HALF_WIDTH = hoeffding(N, 1e-7, 1);
type Kernel = (out: Uint8Array, p: FloatArray, u: FloatArray, n: number) => void;

const correct: Kernel = (out, p, u, n) => jsBackend.bernoulli(out, p, u, n);
const lessOrEqual: Kernel = (out, p, u, n) => {
  for (let i = 0; i < n; i++) out[i] = u[i]! <= p[i]! ? 1 : 0;
};
const swapped: Kernel = (out, p, u, n) => {
  for (let i = 0; i < n; i++) out[i] = u[i]! < 1 - p[i]! ? 1 : 0;
};

function kernelMean(kernel: Kernel, p: number): number {
  const u = createRng(SEED).fork(`p=${p}`).fill(new Float64Array(N));
  const probs = new Float64Array(N).fill(p);
  const out = new Uint8Array(N);
  kernel(out, probs, u, N);
  return out.reduce((a, b) => a + b, 0) / N;
}

/** Exact edge cases: p = 0 with u = 0 never fires, p = 1 with u = 1 − 2⁻⁵³ always fires. */
function edgesExact(kernel: Kernel): boolean {
  const out = new Uint8Array(4);
  kernel(out, Float64Array.of(0, 0, 1, 1), Float64Array.of(0, 1 - 2 ** -53, 0, 1 - 2 ** -53), 4);
  const f32 = new Uint8Array(2);
  kernel(f32, Float32Array.of(0, 1), Float64Array.of(0, 1 - 2 ** -53), 2);
  return out.join() === '0,0,1,1' && f32.join() === '0,1';
}

/** p̂ of four independent units with biases sign·logit(p), sampled ancestrally. */
function samplerMeans(sign: 1 | -1): number[] {
  let b = network();
  PS.forEach((p, k) => (b = b.unit(`u${k}`, { bias: sign * Math.log(p / (1 - p)) })));
  const plan = compile(b.build(), { dtype: 'float64' });
  const { states } = ancestralSample(plan, { samples: N, seed: SEED });
  const sums = [0, 0, 0, 0];
  for (let r = 0; r < N; r++) for (let k = 0; k < 4; k++) sums[k]! += states[r * 4 + k]!;
  return sums.map((s) => s / N);
}

describe('S1 Bernoulli primitive', () => {
  it.each(PS)('the backend kernel at p = %s is within the Hoeffding half-width', (p) => {
    const phat = kernelMean(correct, p);
    assertBelow({ test: `S1 kernel p=${p}`, statistic: Math.abs(phat - p), threshold: HALF_WIDTH, n: N, alpha: 1e-7, seed: SEED });
  });

  it('ancestralSample of units with bias logit(p) is within the half-width for every p', () => {
    samplerMeans(1).forEach((phat, k) => {
      assertBelow({ test: `S1 sampler p=${PS[k]}`, statistic: Math.abs(phat - PS[k]!), threshold: HALF_WIDTH, n: N, alpha: 1e-7, seed: SEED });
    });
  });

  it('p = 0 never fires and p = 1 always fires, exactly (float64 and float32 p)', () => {
    expect(edgesExact(correct)).toBe(true);
  });

  it('negative control u <= p fails the exact check', () => {
    expect(edgesExact(lessOrEqual)).toBe(false);
  });

  it('negative controls p/1−p swap and logit sign error fail the Hoeffding check', () => {
    expect(Math.abs(kernelMean(swapped, 1e-3) - 1e-3)).toBeGreaterThan(HALF_WIDTH);
    const flipped = samplerMeans(-1);
    expect(Math.abs(flipped[0]! - PS[0]!)).toBeGreaterThan(HALF_WIDTH);
    expect(Math.abs(flipped[1]! - PS[1]!)).toBeGreaterThan(HALF_WIDTH);
  });
});
