/**
 * Deliberately broken backends for the negative controls: each is the `js`
 * backend with one kernel replaced by a plausible wrong implementation. The
 * conformance checks must reject every one of them.
 */
import { ShapeError } from '@stochnet/graph';
import { jsBackend, sigmoid, softplus } from '@stochnet/model';
import type { Backend, FloatArray } from '@stochnet/model';

function withKernel(name: string, patch: Partial<Backend>): Backend {
  return { ...jsBackend, ...patch, name };
}

/** GEMM that ignores `transB` (reads B as stored k×n always). */
export const gemmIgnoresTransB = withKernel('gemm-ignores-transB', {
  gemm: (c, a, b, s) => jsBackend.gemm(c, a, b, { ...s, transB: false }),
});

/** GEMM that ignores `transA`. */
export const gemmIgnoresTransA = withKernel('gemm-ignores-transA', {
  gemm: (c, a, b, s) => jsBackend.gemm(c, a, b, { ...s, transA: false }),
});

/** GEMM that ignores `alpha`. */
export const gemmIgnoresAlpha = withKernel('gemm-ignores-alpha', {
  gemm: (c, a, b, s) => jsBackend.gemm(c, a, b, { ...s, alpha: 1 }),
});

/** GEMM that applies beta = 0 by multiplying, so NaN in C survives. */
export const gemmBetaZeroMultiplies = withKernel('gemm-beta-zero-multiplies', {
  gemm: (c, a, b, s) => {
    for (let i = 0; i < s.m * s.n; i++) c[i] = c[i]! * s.beta;
    jsBackend.gemm(c, a, b, { ...s, beta: 1 });
  },
});

/** GEMM that rounds every partial sum to float32, even for float64 buffers. */
export const gemmSinglePrecision = withKernel('gemm-single-precision', {
  gemm: (c, a, b, s) => {
    const { m, n, k, transA, transB, alpha, beta } = s;
    for (let i = 0; i < m; i++) {
      for (let j = 0; j < n; j++) {
        let acc = 0;
        for (let p = 0; p < k; p++) {
          const av = transA ? a[p * m + i]! : a[i * k + p]!;
          const bv = transB ? b[j * k + p]! : b[p * n + j]!;
          acc = Math.fround(acc + Math.fround(av * bv));
        }
        c[i * n + j] = Math.fround(alpha * acc + (beta === 0 ? 0 : beta * c[i * n + j]!));
      }
    }
  },
});

/** GEMM that zeroes one element past the end of C. */
export const gemmWritesPastEnd = withKernel('gemm-writes-past-end', {
  gemm: (c, a, b, s) => {
    jsBackend.gemm(c, a, b, s);
    if (c.length > s.m * s.n) c[s.m * s.n] = 0;
  },
});

/** GEMM that writes into C before checking lengths, then throws. */
export const gemmWritesBeforeThrowing = withKernel('gemm-writes-before-throwing', {
  gemm: (c, a, b, s) => {
    c.fill(0);
    jsBackend.gemm(c, a, b, s);
  },
});

/** GEMM that throws a plain Error instead of a ShapeError. */
export const gemmThrowsPlainError = withKernel('gemm-throws-plain-error', {
  gemm: (c, a, b, s) => {
    if (c.length < s.m * s.n || a.length < s.m * s.k || b.length < s.k * s.n) throw new Error('bad shape');
    jsBackend.gemm(c, a, b, s);
  },
});

/** GEMM whose ShapeError names the wrong argument. */
export const gemmNamesWrongArgument = withKernel('gemm-names-wrong-argument', {
  gemm: (c, a, b, s) => {
    try {
      jsBackend.gemm(c, a, b, s);
    } catch (e) {
      if (e instanceof ShapeError) throw new ShapeError(e.message, { ...e.details, argument: 'matrix' });
      throw e;
    }
  },
});

/** Bernoulli with `<=`: fires at p = 0 when u = 0, and when u = p. */
export const bernoulliLessOrEqual = withKernel('bernoulli-less-or-equal', {
  bernoulli: (out, p, u, n) => {
    for (let i = 0; i < n; i++) out[i] = u[i]! <= p[i]! ? 1 : 0;
  },
});

/** Bernoulli with p and 1 − p swapped. */
export const bernoulliSwapped = withKernel('bernoulli-swapped', {
  bernoulli: (out, p, u, n) => {
    for (let i = 0; i < n; i++) out[i] = u[i]! < 1 - p[i]! ? 1 : 0;
  },
});

/** biasSigmoid as e^z / (1 + e^z) everywhere: NaN at z = 800. */
export const sigmoidOverflows = withKernel('sigmoid-overflows', {
  biasSigmoid: (out, x, bias, rows, cols) => {
    for (let i = 0; i < rows * cols; i++) {
      const e = Math.exp(x[i]! + bias[i % cols]!);
      out[i] = e / (1 + e);
    }
  },
});

/** biasSigmoid that uses `out` as scratch: right out of place, wrong in place. */
export const sigmoidBreaksInPlace = withKernel('sigmoid-breaks-in-place', {
  biasSigmoid: (out, x, bias, rows, cols) => {
    for (let i = 0; i < rows * cols; i++) {
      out[i] = bias[i % cols]!;
      out[i] = sigmoid(out[i]! + x[i]!);
    }
  },
});

/** addBias that indexes the bias by row instead of column. */
export const addBiasByRow = withKernel('add-bias-by-row', {
  addBias: (x, bias, rows, cols) => {
    for (let r = 0; r < rows; r++) for (let j = 0; j < cols; j++) x[r * cols + j] = x[r * cols + j]! + bias[r % cols]!;
  },
});

/** ger that writes the transposed outer product. */
export const gerTransposed = withKernel('ger-transposed', {
  ger: (g, x, y, m, n, alpha) => {
    for (let i = 0; i < m; i++) {
      for (let j = 0; j < n; j++) {
        const q = j * m + i;
        g[q] = g[q]! + alpha * x[i]! * y[j]!;
      }
    }
  },
});

/** spmm that skips the last row of S. */
export const spmmSkipsLastRow = withKernel('spmm-skips-last-row', {
  spmm: (c, x, s, batch, alpha) => {
    const trimmed = { ...s, rows: Math.max(0, s.rows - 1) };
    for (let bi = 0; bi < batch; bi++) {
      const xs = x.subarray(bi * s.rows, bi * s.rows + trimmed.rows);
      jsBackend.spmm(c.subarray(bi * s.cols, (bi + 1) * s.cols), xs, trimmed, 1, alpha);
    }
  },
});

/** softplus sums as log(1 + e^x): Infinity at 800. */
export const softplusOverflows = withKernel('softplus-overflows', {
  softplusRowSums: (out, x, rows, cols) => {
    for (let r = 0; r < rows; r++) {
      let s = 0;
      for (let j = 0; j < cols; j++) s += Math.log1p(Math.exp(x[r * cols + j]!));
      out[r] = s;
    }
  },
});

/** softplus sums accumulated in float32. */
export const softplusSingleAccumulator = withKernel('softplus-single-accumulator', {
  softplusRowSums: (out, x: FloatArray, rows, cols) => {
    for (let r = 0; r < rows; r++) {
      let s = 0;
      for (let j = 0; j < cols; j++) s = Math.fround(s + softplus(x[r * cols + j]!));
      out[r] = s;
    }
  },
});
