/**
 * The wasm backend's resident training session in PCD mode (the path
 * `train` takes for PCD on an RBM) against the exact expectation of one
 * update. M2c (RBM 4v × 3h, W sd 1); one step with η = 1, no momentum or
 * decay, on a fixed batch, with C = 100,000 persistent chains started from
 * given hidden states, moves θ by the data statistics (v0, p(h | v0))
 * averaged over the batch minus the chains' statistics (v_k, p(h | v_k))
 * averaged over the chains, each chain running k steps v ~ p(v | h),
 * h ~ p(h | v) from its start. The data term is exact; each chain's term
 * lies in [0, 1] per component and chains draw independent uniforms (the
 * counter is the element index), so each of the 19 components is within
 * the Hoeffding half-width t = √(ln(2/α)/(2C)) of its expectation, which
 * is a sum over the 2^4 visible and 2^3 hidden states of every stage
 * (α = 1e-7 per component; 19 components, 4 checks: false-failure rate
 * < 1e-5 for the file).
 *
 * Cases: counter uniforms at k = 1 and k = 2 (a stage reusing another's
 * uniforms would bias k = 2), float64 and float32, chains started from all
 * eight hidden states (dense: GEMM products) or from the four with at most
 * one unit on (sparse: selected-row products).
 *
 * Negative controls (each must exceed the bound): 'stream' uniforms from
 * chain streams whose draws are squared (biased toward 0), and the k = 2
 * session checked against the k = 1 expectation.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { createRng } from '@stochnet/graph';
import type { Rng } from '@stochnet/graph';
import type { Backend, Dtype, FloatArray, RbmSessionKernels } from '@stochnet/model';
import { hoeffding } from '../support/stats.js';
import { NH, NV, P, binaryStates, hiddenProbs, sessionBackends, squaredStream, stats, visibleProbs } from './support/m2c-session.js';

const ALPHA = 1e-7;
const C = 100_000;
const BATCH = [Uint8Array.of(1, 0, 1, 0), Uint8Array.of(0, 1, 1, 0), Uint8Array.of(1, 1, 0, 1), Uint8Array.of(0, 0, 0, 1)];
const ALL_H = Array.from({ length: 8 }, (_, s) => [s & 1, (s >> 1) & 1, (s >> 2) & 1]);
const SPARSE_H = [[0, 0, 0], [1, 0, 0], [0, 1, 0], [0, 0, 1]];
/** One entry per chain, as pcdStep requires; counter mode never reads them. */
const UNREAD: readonly Rng[] = new Array<Rng>(C).fill(createRng('wasm-fused-pcd/unread'));

/** E[statistics of v_k] for a chain started at hidden state h0 (k steps v ~ p(v | h), h ~ p(h | v)). */
function expectedChain(h0: readonly number[], k: number): number[] {
  const acc = new Array<number>(NV * NH + NV + NH).fill(0);
  const walk = (h: readonly number[], weight: number, step: number): void => {
    for (const v of binaryStates(visibleProbs(h))) {
      const w = weight * v.weight;
      if (step === k) stats(v.x).forEach((s, q) => (acc[q]! += w * s));
      else for (const next of binaryStates(hiddenProbs(v.x))) walk(next.x, w * next.weight, step + 1);
    }
  };
  walk(h0, 1, 1);
  return acc;
}

/** The exact expected update (η = 1): mean data statistics − mean over the chain starts of E[chain statistics]. */
function expectedUpdate(starts: readonly number[][], k: number): number[] {
  const out = new Array<number>(NV * NH + NV + NH).fill(0);
  for (const v0 of BATCH) stats(v0).forEach((d, q) => (out[q]! += d / BATCH.length));
  for (const h0 of starts) expectedChain(h0, k).forEach((m, q) => (out[q]! -= m / starts.length));
  return out;
}

/** The update (η = 1) of one PCD step from the fixture's parameters with C chains started at `starts` (cycled). */
function update(backend: Backend & RbmSessionKernels, dtype: Dtype, k: number, starts: readonly number[][], chainRngs: readonly Rng[]): number[] {
  const make = (n: number): FloatArray => (dtype === 'float64' ? new Float64Array(n) : new Float32Array(n));
  const session = backend.rbmSession({ visible: NV, hidden: NH, dtype, capacity: BATCH.length, k, chains: C });
  if (session === null) throw new Error('no session');
  const arrays = { weights: make(NV * NH), visibleBias: make(NV), hiddenBias: make(NH), weightsVelocity: make(NV * NH), visibleBiasVelocity: make(NV), hiddenBiasVelocity: make(NH) };
  arrays.weights.set(P.w);
  arrays.visibleBias.set(P.b);
  arrays.hiddenBias.set(P.c);
  session.load(arrays);
  const v = make(C * NV), h = make(C * NH);
  for (let c = 0; c < C; c++) h.set(starts[c % starts.length]!, c * NH);
  session.loadChains(v, h);
  const data = new Uint8Array(BATCH.length * NV);
  BATCH.forEach((row, q) => data.set(row, q * NV));
  const result = session.pcdStep(data, BATCH.length, createRng(`wasm-fused-pcd/${dtype}/${k}/${starts.length}`), chainRngs, { learningRate: 1, momentum: 0, weightDecay: 0, l1: 0 });
  expect(result.applied).toBe(true);
  session.store(arrays);
  session.dispose();
  const before = [...P.w, ...P.b, ...P.c];
  return [...arrays.weights, ...arrays.visibleBias, ...arrays.hiddenBias].map((x, q) => x - before[q]!);
}

function worst(got: readonly number[], want: readonly number[]): number {
  return Math.max(...got.map((g, q) => Math.abs(g - want[q]!)));
}

let counter!: Backend & RbmSessionKernels;
let stream!: Backend & RbmSessionKernels;
beforeAll(async () => {
  ({ counter, stream } = await sessionBackends());
});

describe('the wasm training session: the expected PCD-k update (counter uniforms, 100,000 chains)', () => {
  const bound = hoeffding(C, ALPHA, 1);
  const cases = [
    { name: 'k = 1, float64, chains from every hidden state', dtype: 'float64', k: 1, starts: ALL_H },
    { name: 'k = 2, float64, chains from sparse hidden states', dtype: 'float64', k: 2, starts: SPARSE_H },
    { name: 'k = 2, float32, chains from every hidden state', dtype: 'float32', k: 2, starts: ALL_H },
    { name: 'k = 1, float32, chains from sparse hidden states', dtype: 'float32', k: 1, starts: SPARSE_H },
  ] as const;
  for (const c of cases) {
    it(c.name, () => {
      const got = update(counter, c.dtype, c.k, c.starts, UNREAD);
      const w = worst(got, expectedUpdate(c.starts, c.k));
      expect(w, `largest deviation ${w} vs bound ${bound}`).toBeLessThanOrEqual(bound);
    });
  }

  it('negative control: squared (biased) chain streams exceed the bound', () => {
    const rngs = Array.from({ length: C }, (_, c) => squaredStream(`wasm-fused-pcd/biased/${c}`));
    const got = update(stream, 'float64', 1, ALL_H, rngs);
    expect(worst(got, expectedUpdate(ALL_H, 1))).toBeGreaterThan(bound);
  });

  it('negative control: the k = 2 update checked against the k = 1 expectation exceeds the bound', () => {
    const got = update(counter, 'float64', 2, ALL_H, UNREAD);
    expect(worst(got, expectedUpdate(ALL_H, 1))).toBeGreaterThan(bound);
  });
});
