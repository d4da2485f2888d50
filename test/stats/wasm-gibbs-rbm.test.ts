/**
 * The statistical sampler checks on the wasm backend: S4's RBM block Gibbs
 * on M2b (4v × 2h, joint of 64 states) with the plan compiled for
 * `createWasmBackend()`. One sweep from exact iid draws and a thinned long
 * run from zeros must match the exact joint by χ² (merged cells), TV and
 * KL-Chernoff at α = 1e-6 each (false-failure rate < 1e-4 for the file).
 *
 * Negative control: the same wasm kernels with the fused logistic shifted
 * by −0.5 (σ(x + b − 0.5): every unit's field off by half a unit of
 * log-odds) must fail χ² and TV.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { createRng } from '@stochnet/graph';
import { compile, exactLogProbabilities } from '@stochnet/model';
import type { Backend, FloatArray } from '@stochnet/model';
import { createGibbsWorkspace, gibbsStep, initGibbs } from '@stochnet/inference';
import { createWasmBackend } from '@stochnet/wasm';
import { m2b } from '../support/fixtures.js';
import { sampleExact, statesFromIndices } from '../support/stats.js';
import { exactSweepKernel, mixingTime, worstStartTv } from './support/exact-kernel.js';
import { N, THIN_TV, accumulate, collectThinned, expectFails, expectMatches, probabilities } from './support/gibbs-checks.js';

const SEED = 'wasm-S4';
const C = 10_000;
const BURN_IN = 50;
const UNITS = [0, 1, 2, 3, 4, 5];
const reference = compile(m2b());
const logp = exactLogProbabilities(reference);
const p = probabilities(logp);
const kernel = exactSweepKernel(reference);
const THIN = mixingTime(kernel, p, THIN_TV, 40);

let wasm!: Backend;
let shifted!: Backend;
beforeAll(async () => {
  wasm = await createWasmBackend();
  shifted = Object.freeze({
    ...wasm,
    name: 'wasm-shifted-logistic',
    biasSigmoid: (out: FloatArray, x: FloatArray, bias: FloatArray, rows: number, cols: number) =>
      wasm.biasSigmoid(out, x, bias.map((b) => b - 0.5), rows, cols),
  });
});

function histogram(backend: Backend, mode: 'one-sweep' | 'long-run'): Float64Array {
  const plan = compile(m2b(), { backend });
  const chains = mode === 'one-sweep' ? C : C / 5;
  const state = initGibbs(plan, { chains, seed: `${SEED}/${mode}` });
  const exact = createRng(`${SEED}/${mode}`).fork('exact');
  const ws = createGibbsWorkspace(plan, chains);
  const counts = new Float64Array(64);
  const sweep = (): void => void gibbsStep(state, ws);
  const record = (): void => accumulate(counts, state.states, chains, 6, UNITS);
  if (mode === 'long-run') {
    collectThinned({ n: N, chains, burnIn: BURN_IN, thin: THIN, reset: () => state.states.fill(0), sweep, record });
    return counts;
  }
  for (let round = 0; round < N / chains; round++) {
    state.states.set(statesFromIndices(sampleExact(logp, chains, exact), 6));
    sweep();
    record();
  }
  return counts;
}

describe('S4 on the wasm backend: RBM block Gibbs on M2b (joint v, h)', () => {
  it('runs on the wasm kernels', () => {
    expect(compile(m2b(), { backend: wasm }).backend.name).toBe('wasm');
    expect(worstStartTv(kernel, p, BURN_IN)).toBeLessThan(THIN_TV);
  });

  it('keeps the exact joint after one sweep', () => {
    expectMatches('wasm S4 one-sweep', histogram(wasm, 'one-sweep'), p, `${SEED}/one-sweep`);
  });

  it('reaches the exact joint from zeros', () => {
    expectMatches('wasm S4 long-run', histogram(wasm, 'long-run'), p, `${SEED}/long-run`);
  });

  it('negative control: a logistic shifted by −0.5 fails the one-sweep checks', () => {
    expectFails('wasm S4 control shifted logistic', histogram(shifted, 'one-sweep'), p);
  });
});
