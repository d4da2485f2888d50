/**
 * Negative controls for the conformance checks: each broken backend must fail
 * the check aimed at its bug, while the `js` backend passes the very same
 * check with the very same seed (so the check is specific, not merely strict).
 */
import { describe, expect, it } from 'vitest';
import { createRng } from '@stochnet/graph';
import { jsBackend } from '@stochnet/model';
import type { Backend } from '@stochnet/model';
import * as broken from './broken-backends.js';
import { checkGemm, checkGer, checkSpmm } from './checks-dense.js';
import {
  checkAddBias,
  checkBernoulli,
  checkBernoulliEdges,
  checkBiasSigmoid,
  checkSigmoidTails,
  checkSoftplusAccumulation,
  checkSoftplusRowSums,
  checkSoftplusTails,
} from './checks-elementwise.js';
import { checkShapeErrors } from './checks-shapes.js';
import type { Outcome } from './reference.js';

type Check = (b: Backend) => Outcome;

const rng = (label: string) => createRng(`negative-controls/${label}`);
const gemm = (c: Parameters<typeof checkGemm>[2]): Check => (b) => checkGemm(b, rng('gemm'), c);
const shapesOk = (b: Backend): Outcome => {
  const bad = checkShapeErrors(b, 'float64').find((r) => !r.outcome.ok);
  return bad ? bad.outcome : { ok: true };
};

const controls: readonly (readonly [Backend, string, Check])[] = [
  [broken.gemmIgnoresTransB, 'gemm A·Bᵀ', gemm({ dtype: 'float64', m: 5, n: 7, k: 6, transA: false, transB: true, alpha: 1, beta: 0 })],
  [broken.gemmIgnoresTransB, 'gemm Aᵀ·Bᵀ blocked', gemm({ dtype: 'float32', m: 40, n: 30, k: 20, transA: true, transB: true, alpha: 1, beta: 0 })],
  [broken.gemmIgnoresTransA, 'gemm Aᵀ·B', gemm({ dtype: 'float64', m: 37, n: 41, k: 43, transA: true, transB: false, alpha: 1, beta: 0 })],
  [broken.gemmIgnoresAlpha, 'gemm α = 2', gemm({ dtype: 'float64', m: 4, n: 4, k: 4, transA: false, transB: false, alpha: 2, beta: 1 })],
  [broken.gemmBetaZeroMultiplies, 'gemm β = 0 over NaN', gemm({ dtype: 'float64', m: 3, n: 3, k: 3, transA: false, transB: false, alpha: 1, beta: 0, nanInC: true })],
  [broken.gemmSinglePrecision, 'gemm float64 tolerance', gemm({ dtype: 'float64', m: 16, n: 16, k: 64, transA: false, transB: false, alpha: 1, beta: 0 })],
  [broken.gemmWritesPastEnd, 'gemm guard after C', gemm({ dtype: 'float32', m: 3, n: 5, k: 2, transA: false, transB: false, alpha: 1, beta: 0 })],
  [broken.gemmWritesBeforeThrowing, 'shape errors leave buffers unchanged', shapesOk],
  [broken.gemmThrowsPlainError, 'shape errors are ShapeError', shapesOk],
  [broken.gemmNamesWrongArgument, 'shape errors name the argument', shapesOk],
  [broken.bernoulliLessOrEqual, 'bernoulli edges', (b) => checkBernoulliEdges(b, 'float64', 'uint8')],
  [broken.bernoulliLessOrEqual, 'bernoulli random (u = p ties)', (b) => checkBernoulli(b, rng('bern'), 'float32', 'float32', 1000)],
  [broken.bernoulliSwapped, 'bernoulli random', (b) => checkBernoulli(b, rng('bern'), 'float64', 'uint8', 1000)],
  [broken.sigmoidOverflows, 'sigmoid tails', (b) => checkSigmoidTails(b, 'float64')],
  [broken.sigmoidOverflows, 'biasSigmoid random with extremes', (b) => checkBiasSigmoid(b, rng('sig'), { dtype: 'float32', rows: 16, cols: 37 })],
  [broken.sigmoidBreaksInPlace, 'biasSigmoid in place', (b) => checkBiasSigmoid(b, rng('sig'), { dtype: 'float64', rows: 16, cols: 37, alias: true })],
  [broken.addBiasByRow, 'addBias', (b) => checkAddBias(b, rng('add'), { dtype: 'float64', rows: 16, cols: 37 })],
  [broken.gerTransposed, 'ger', (b) => checkGer(b, rng('ger'), { dtype: 'float64', m: 37, n: 41, alpha: 1 })],
  [broken.spmmSkipsLastRow, 'spmm', (b) => checkSpmm(b, rng('spmm'), { dtype: 'float64', batch: 3, rows: 37, cols: 41, density: 0.5, alpha: 1 })],
  [broken.softplusOverflows, 'softplus tails', (b) => checkSoftplusTails(b, 'float64')],
  [broken.softplusOverflows, 'softplus random with extremes', (b) => checkSoftplusRowSums(b, rng('sp'), { dtype: 'float64', rows: 16, cols: 37 })],
  [broken.softplusSingleAccumulator, 'softplus float64 accumulation', checkSoftplusAccumulation],
];

describe('conformance checks catch broken backends', () => {
  for (const [bad, what, check] of controls) {
    it(`${bad.name} fails "${what}" while js passes it`, () => {
      const good = check(jsBackend);
      expect(good.ok ? 'pass' : good.message).toBe('pass');
      expect(check(bad).ok).toBe(false);
    });
  }
});
