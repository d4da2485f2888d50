/**
 * S6 on the wasm backend: ancestral sampling of M3 (layered SBN 2-2-2) and
 * M4 (5-unit DAG with skip edges), each compiled for `createWasmBackend()`
 * in float32 and float64, against exact enumeration: N samples (2e5 PR,
 * 1e6 main), χ² (merged cells), TV and KL-Chernoff at α = 1e-6 each, six
 * checks per plan (false-failure rate < 1e-4 for the file).
 *
 * Negative control: the same wasm kernels with the fused logistic shifted
 * by −0.5 (every unit's log-odds off by half a unit) must fail χ² and TV.
 */
import { beforeAll, describe, it } from 'vitest';
import { compile, exactLogProbabilities } from '@stochnet/model';
import type { Backend, Dtype, FloatArray } from '@stochnet/model';
import { ancestralSample } from '@stochnet/inference';
import { createWasmBackend } from '@stochnet/wasm';
import { histogram } from '../support/stats.js';
import { m3, m4 } from '../support/fixtures.js';
import { N, expectFails, expectMatches, probabilities } from './support/gibbs-checks.js';

const SEED = 'wasm-S6';

let wasm!: Backend;
let shifted!: Backend;
beforeAll(async () => {
  wasm = await createWasmBackend();
  shifted = {
    ...wasm,
    name: 'wasm-shifted',
    biasSigmoid(out: FloatArray, x: FloatArray, bias: FloatArray, rows: number, cols: number) {
      const b = bias instanceof Float64Array ? Float64Array.from(bias, (v) => v - 0.5) : Float32Array.from(bias, (v) => v - 0.5);
      wasm.biasSigmoid(out, x, b, rows, cols);
    },
  };
});

describe.each([
  ['M3', m3],
  ['M4', m4],
])('S6 ancestral sampling of %s on the wasm backend', (name, make) => {
  const pi = probabilities(exactLogProbabilities(compile(make(), { dtype: 'float64' })));
  for (const dtype of ['float32', 'float64'] as Dtype[]) {
    it(`${dtype}: matches exact enumeration (χ², TV, KL-Chernoff)`, () => {
      const plan = compile(make(), { dtype, backend: wasm });
      expectMatches(`wasm S6 ${name} ${dtype}`, histogram(ancestralSample(plan, { samples: N, seed: SEED }).states, plan.size), pi, SEED);
    });
  }

  it('negative control: a logistic shifted by −0.5 fails χ² and TV', () => {
    const plan = compile(make(), { dtype: 'float32', backend: shifted });
    expectFails(`wasm S6 ${name} control shifted`, histogram(ancestralSample(plan, { samples: N, seed: SEED }).states, plan.size), pi);
  });
});
