/**
 * The backend conformance suite: one set of checks that every Backend runs,
 * each kernel against a naive float64 reference on seeded random inputs, in
 * both dtypes, plus exact tail and edge values and the entry validation.
 *
 * Use it from a test file:
 * `describeBackendConformance('js', () => jsBackend)`, or with an async
 * factory for a backend that must be created first.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { createRng } from '@stochnet/graph';
import { kernelNames } from '@stochnet/model';
import type { Backend } from '@stochnet/model';
import {
  checkGemm,
  checkGer,
  checkSpmm,
  checkSpmmEmpty,
  gemmLabel,
} from './checks-dense.js';
import {
  type BernoulliOut,
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
import {
  BERNOULLI_LENGTHS,
  DTYPES,
  GEMM_MULTI_BLOCK,
  GEMM_SHAPES,
  MATRIX_SHAPES,
  SPMM_SHAPES,
  TRANSPOSES,
  gemmCases,
} from './cases.js';
import type { Outcome } from './reference.js';

/** Fails the current test with the outcome's message unless it passed. */
export function expectPass(outcome: Outcome): void {
  expect(outcome.ok ? 'pass' : outcome.message).toBe('pass');
}

/**
 * Declares the conformance tests for one backend.
 *
 * @param name - the backend's name, for test titles and seeds
 * @param make - returns the backend (or a promise of it); called once
 */
export function describeBackendConformance(name: string, make: () => Backend | Promise<Backend>): void {
  describe(`backend conformance: ${name}`, () => {
    let backend!: Backend;
    beforeAll(async () => {
      backend = await make();
    });
    const rng = (label: string) => createRng(`conformance/${name}/${label}`);

    it('implements every kernel', () => {
      for (const k of kernelNames) expect(typeof backend[k], k).toBe('function');
      expect(typeof backend.name).toBe('string');
    });

    it('accumulates softplus row sums in float64 for float32 input', () => {
      expectPass(checkSoftplusAccumulation(backend));
    });

    for (const dtype of DTYPES) {
      describe(dtype, () => {
        for (const shape of GEMM_SHAPES) {
          it(`gemm ${shape.join('×')} (m×n×k), all transposes and scales`, () => {
            const r = rng(`${dtype}/gemm/${shape.join('x')}`);
            for (const c of gemmCases(dtype, shape)) expectPass(checkGemm(backend, r, c));
          });
        }

        it(`gemm ${GEMM_MULTI_BLOCK.join('×')} crossing every block boundary, all transposes`, () => {
          const r = rng(`${dtype}/gemm/multi-block`);
          const [m, n, k] = GEMM_MULTI_BLOCK;
          for (const [transA, transB] of TRANSPOSES) {
            const c = { dtype, m, n, k, transA, transB, alpha: 0.75, beta: 0.5 };
            expectPass(checkGemm(backend, r, c));
          }
        });

        it('gemm with beta = 0 overwrites NaN in C (every transpose, small and blocked sizes)', () => {
          const r = rng(`${dtype}/gemm/nan`);
          for (const [m, n, k] of [[2, 3, 4], [1, 5, 3], [20, 30, 40]] as const) {
            for (const [transA, transB] of TRANSPOSES) {
              const c = { dtype, m, n, k, transA, transB, alpha: 1.5, beta: 0, nanInC: true };
              const outcome = checkGemm(backend, r, c);
              expect(outcome.ok ? 'pass' : `${gemmLabel(c)}: ${outcome.message}`).toBe('pass');
            }
          }
        });

        it('ger matches the outer product', () => {
          const r = rng(`${dtype}/ger`);
          for (const [m, n] of MATRIX_SHAPES) {
            for (const alpha of [1, -0.5]) expectPass(checkGer(backend, r, { dtype, m, n, alpha }));
          }
        });

        it('spmm matches the dense product of the same matrix', () => {
          const r = rng(`${dtype}/spmm`);
          for (const [batch, rows, cols, density] of SPMM_SHAPES) {
            for (const alpha of [1, -0.7]) {
              expectPass(checkSpmm(backend, r, { dtype, batch, rows, cols, density, alpha }));
            }
          }
          expectPass(checkSpmmEmpty(backend, dtype));
        });

        it('biasSigmoid matches σ(x + bias), out of place and in place (out === x)', () => {
          const r = rng(`${dtype}/biasSigmoid`);
          for (const [rows, cols] of MATRIX_SHAPES) {
            expectPass(checkBiasSigmoid(backend, r, { dtype, rows, cols }));
            expectPass(checkBiasSigmoid(backend, r, { dtype, rows, cols, alias: true }));
          }
        });

        it('biasSigmoid is exactly 0 or 1 in the tails (±745, ±800, ±1000), never NaN', () => {
          expectPass(checkSigmoidTails(backend, dtype));
        });

        it('addBias adds the bias row to every row', () => {
          const r = rng(`${dtype}/addBias`);
          for (const [rows, cols] of MATRIX_SHAPES) expectPass(checkAddBias(backend, r, { dtype, rows, cols }));
        });

        for (const out of ['uint8', 'float32', 'float64'] as const satisfies readonly BernoulliOut[]) {
          it(`bernoulli into ${out} equals u < p exactly, p = 0 never and p = 1 always fires`, () => {
            const r = rng(`${dtype}/bernoulli/${out}`);
            for (const n of BERNOULLI_LENGTHS) expectPass(checkBernoulli(backend, r, dtype, out, n));
            expectPass(checkBernoulliEdges(backend, dtype, out));
          });
        }

        it('softplusRowSums matches Σ softplus in float64, exact at ±800 and ±745', () => {
          const r = rng(`${dtype}/softplusRowSums`);
          for (const [rows, cols] of MATRIX_SHAPES) expectPass(checkSoftplusRowSums(backend, r, { dtype, rows, cols }));
          expectPass(checkSoftplusTails(backend, dtype));
        });

        it('rejects short buffers and invalid dimensions with a ShapeError, writing nothing', () => {
          const results = checkShapeErrors(backend, dtype);
          expect(results.length).toBeGreaterThan(20);
          for (const { outcome } of results) expectPass(outcome);
        });
      });
    }
  });
}
