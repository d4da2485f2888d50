/**
 * The wasm backend's resident training session (the path `train` takes for
 * CD on an RBM) against the exact expectation of its update. M2c (RBM 4v ×
 * 3h, W sd 1); one step with η = 1, no momentum or decay, from the same
 * parameters, moves θ by the CD-k ascent direction averaged over the batch:
 * for each row, data statistics (v0, p(h | v0)) minus model statistics
 * (pv_k, p(h | pv_k)), with mean-field reconstructions pv = σ(hWᵀ + b) and
 * sampled hidden states in between. Its exact expectation is a sum over
 * the 2^3 hidden states drawn at each sampling stage (k = 1: h0; k = 2: h0
 * and h1). Every model statistic of a row lies in [0, 1] and rows draw
 * independent uniforms, so each of the 19 components of the batch mean is
 * within the Hoeffding half-width t = √(ln(2/α)/(2n)) of its expectation,
 * α = 1e-7 per component (n rows; 19 components, 6 checks: false-failure
 * rate < 1.2e-5 for the file).
 *
 * Cases: counter uniforms (Philox inside WASM) at k = 1 and k = 2 (a stage
 * reusing another stage's uniforms would bias k = 2), in float64 and
 * float32, with a dense batch (density 0.5: GEMM products) and a sparse one
 * (density 0.25: selected-row products), one batch of n = 100,000 rows
 * (the selected-row statistics) and 12,500 batches of 8 rows reloaded
 * before each step (the stacked product of small batches).
 *
 * Negative controls (each must exceed the bound): 'stream' uniforms from a
 * stream whose draws are squared (biased toward 0), and the k = 2 session
 * checked against the k = 1 expectation.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { createRng } from '@stochnet/graph';
import type { Rng } from '@stochnet/graph';
import type { Backend, Dtype, FloatArray, RbmSessionKernels } from '@stochnet/model';
import { hoeffding } from '../support/stats.js';
import { NH, NV, P, binaryStates, hiddenProbs, sessionBackends, squaredStream, stats, visibleProbs } from './support/m2c-session.js';

const ALPHA = 1e-7;
const DENSE = [Uint8Array.of(1, 0, 1, 0), Uint8Array.of(0, 1, 1, 0), Uint8Array.of(1, 1, 0, 1), Uint8Array.of(0, 0, 0, 1)];
const SPARSE = [Uint8Array.of(1, 0, 0, 0), Uint8Array.of(0, 1, 0, 0), Uint8Array.of(0, 0, 1, 0), Uint8Array.of(0, 0, 0, 1)];

/** Every hidden state with its probability under independent unit probabilities p. */
function hiddenStates(p: readonly number[]): { h: number[]; weight: number }[] {
  return binaryStates(p).map((s) => ({ h: s.x, weight: s.weight }));
}

/** E[model statistics] of one row after k stages of sampled hidden states (mean-field visibles). */
function expectedModel(v0: ArrayLike<number>, k: number): number[] {
  const acc = new Array<number>(NV * NH + NV + NH).fill(0);
  const walk = (h: number[], weight: number, stage: number): void => {
    const pv = visibleProbs(h);
    if (stage === k) {
      stats(pv).forEach((s, q) => (acc[q]! += weight * s));
      return;
    }
    for (const next of hiddenStates(hiddenProbs(pv))) walk(next.h, weight * next.weight, stage + 1);
  };
  for (const first of hiddenStates(hiddenProbs(v0))) walk(first.h, first.weight, 1);
  return acc;
}

/** The exact expected update (η = 1): mean over the distinct rows of data − E[model] statistics. */
function expectedUpdate(rows: readonly Uint8Array[], k: number): number[] {
  const out = new Array<number>(NV * NH + NV + NH).fill(0);
  for (const v0 of rows) {
    const data = stats(v0);
    const model = expectedModel(v0, k);
    data.forEach((d, q) => (out[q]! += (d - model[q]!) / rows.length));
  }
  return out;
}

interface Run {
  readonly backend: Backend & RbmSessionKernels;
  readonly dtype: Dtype;
  readonly k: number;
  readonly rows: readonly Uint8Array[];
  readonly batch: number;
  readonly steps: number;
  readonly stream: (step: number) => Rng;
}

/** The mean update over `steps` steps of `batch` rows each (rows cycled), every step from the fixture's parameters. */
function meanUpdate(r: Run): number[] {
  const make = (n: number): FloatArray => (r.dtype === 'float64' ? new Float64Array(n) : new Float32Array(n));
  const session = r.backend.rbmSession({ visible: NV, hidden: NH, dtype: r.dtype, capacity: r.batch, k: r.k });
  if (session === null) throw new Error('no session');
  const arrays = {
    weights: make(NV * NH),
    visibleBias: make(NV),
    hiddenBias: make(NH),
    weightsVelocity: make(NV * NH),
    visibleBiasVelocity: make(NV),
    hiddenBiasVelocity: make(NH),
  };
  const start = (): void => {
    arrays.weights.set(P.w);
    arrays.visibleBias.set(P.b);
    arrays.hiddenBias.set(P.c);
    for (const v of [arrays.weightsVelocity, arrays.visibleBiasVelocity, arrays.hiddenBiasVelocity]) v.fill(0);
  };
  const data = new Uint8Array(r.batch * NV);
  for (let q = 0; q < r.batch; q++) data.set(r.rows[q % r.rows.length]!, q * NV);
  const sum = new Array<number>(NV * NH + NV + NH).fill(0);
  for (let s = 0; s < r.steps; s++) {
    start();
    session.load(arrays);
    const result = session.step(data, r.batch, r.stream(s), { learningRate: 1, momentum: 0, weightDecay: 0, l1: 0 });
    expect(result.applied).toBe(true);
    session.store(arrays);
    const after = [...arrays.weights, ...arrays.visibleBias, ...arrays.hiddenBias];
    const before = [...P.w, ...P.b, ...P.c];
    after.forEach((x, q) => (sum[q]! += (x - before[q]!) / r.steps));
  }
  session.dispose();
  return sum;
}

/** The largest deviation from the expectation, and the Hoeffding half-width for n rows. */
function deviation(got: readonly number[], want: readonly number[], n: number): { worst: number; bound: number } {
  return { worst: Math.max(...got.map((g, q) => Math.abs(g - want[q]!))), bound: hoeffding(n, ALPHA, 1) };
}

let counter!: Backend & RbmSessionKernels;
let stream!: Backend & RbmSessionKernels;
beforeAll(async () => {
  ({ counter, stream } = await sessionBackends());
});

describe('the wasm training session: the expected CD-k update (counter uniforms)', () => {
  const cases = [
    { name: 'k = 1, float64, dense rows, one batch of 100,000', dtype: 'float64', k: 1, rows: DENSE, batch: 100_000, steps: 1 },
    { name: 'k = 2, float64, sparse rows, one batch of 100,000', dtype: 'float64', k: 2, rows: SPARSE, batch: 100_000, steps: 1 },
    { name: 'k = 2, float32, dense rows, one batch of 100,000', dtype: 'float32', k: 2, rows: DENSE, batch: 100_000, steps: 1 },
    { name: 'k = 1, float32, sparse rows, 12,500 batches of 8', dtype: 'float32', k: 1, rows: SPARSE, batch: 8, steps: 12_500 },
  ] as const;
  for (const c of cases) {
    it(c.name, () => {
      const got = meanUpdate({ backend: counter, dtype: c.dtype, k: c.k, rows: c.rows, batch: c.batch, steps: c.steps, stream: (s) => createRng(`wasm-fused-cd/${c.name}`).fork(`step/${s}`) });
      const { worst, bound } = deviation(got, expectedUpdate(c.rows, c.k), c.batch * c.steps);
      expect(worst, `largest deviation ${worst} vs bound ${bound}`).toBeLessThanOrEqual(bound);
    });
  }

  it('negative control: squared (biased) stream uniforms exceed the bound', () => {
    const got = meanUpdate({ backend: stream, dtype: 'float64', k: 1, rows: DENSE, batch: 100_000, steps: 1, stream: () => squaredStream('wasm-fused-cd/biased') });
    const { worst, bound } = deviation(got, expectedUpdate(DENSE, 1), 100_000);
    expect(worst).toBeGreaterThan(bound);
  });

  it('negative control: the k = 2 update checked against the k = 1 expectation exceeds the bound', () => {
    const got = meanUpdate({ backend: counter, dtype: 'float64', k: 2, rows: DENSE, batch: 100_000, steps: 1, stream: () => createRng('wasm-fused-cd/k-mix') });
    const { worst, bound } = deviation(got, expectedUpdate(DENSE, 1), 100_000);
    expect(worst).toBeGreaterThan(bound);
  });
});
