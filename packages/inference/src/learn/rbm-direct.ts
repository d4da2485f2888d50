/**
 * The RBM fast path's products on a backend with kernels for 0/1 left
 * factors (`BinaryStateKernels`): p(h | v) for a binary batch as a sum of
 * the weight rows each v selects, and the sufficient statistics Σ v hᵀ
 * straight from the layer buffers (rows of h added into the weight rows v
 * selects, or one transposed gemm when v is not binary), with no copy into
 * the full state layout. Each batch chooses by its density of ones: the
 * row sums win below about 0.4 (measured on 784-500, batch 100).
 *
 * @module
 */
import { BINARY_DENSITY_LIMIT, hasBinaryStateKernels } from '@stochnet/model';
import type { Backend, BinaryStateKernels, FloatArray, GemmShape, Gradient, Plan, WeightBlock } from '@stochnet/model';


/** @internal Whether the entries of x[0 .. n) that are 1 are at most BINARY_DENSITY_LIMIT of them. */
export function sparseEnough(x: FloatArray, n: number): boolean {
  let ones = 0;
  for (let i = 0; i < n; i++) if (x[i] !== 0) ones++;
  return ones <= BINARY_DENSITY_LIMIT * n;
}

/**
 * @internal Direct statistics and binary products for a dense, unmasked
 * coupling stored visible × hidden (the rbm preset's `v--h`).
 */
export class DirectRbm {
  private readonly backend: Backend & BinaryStateKernels;
  private readonly w: WeightBlock;
  private readonly scratch: FloatArray;
  private readonly sums: Float64Array;
  private readonly shape: GemmShape = { m: 0, n: 0, k: 0, transA: true, transB: false, alpha: 1, beta: 0 };

  /** The direct path for this plan, or null when it does not apply (backend without the kernels, sparse or masked weights, hidden × visible storage). */
  static create(plan: Plan, visIsFrom: boolean): DirectRbm | null {
    const w = plan.weights[0]!;
    if (!visIsFrom || w.sparse !== null || w.mask !== null || !hasBinaryStateKernels(plan.backend)) return null;
    return new DirectRbm(plan, plan.backend, w);
  }

  private constructor(plan: Plan, backend: Backend & BinaryStateKernels, w: WeightBlock) {
    this.backend = backend;
    this.w = w;
    this.scratch = plan.dtype === 'float64' ? new Float64Array(w.rows * w.cols) : new Float32Array(w.rows * w.cols);
    this.sums = new Float64Array(Math.max(w.rows, w.cols));
  }

  /** pre (rows × nh) ← v W for a 0/1 batch v (rows × nv). */
  hiddenInputs(pre: FloatArray, v: FloatArray, rows: number): void {
    this.backend.selectRowsSum(pre, v, this.w.weights, rows, this.w.rows, this.w.cols);
  }

  /**
   * grad += scale · statistics of (v, h): weights Σ_r v_r h_rᵀ (selected-row
   * sums when `binary`, else one gemm), biases Σ_r v_r and Σ_r h_r.
   */
  add(grad: Gradient, v: FloatArray, h: FloatArray, rows: number, scale: number, visOff: number, hidOff: number, binary: boolean): void {
    const { rows: nv, cols: nh } = this.w;
    const s = this.scratch;
    if (binary) {
      this.backend.selectedRowsOuter(s, v, h, rows, nv, nh);
    } else {
      const shape = this.shape;
      shape.m = nv;
      shape.n = nh;
      shape.k = rows;
      this.backend.gemm(s, v, h, shape);
    }
    const g = grad.weights[0]!;
    for (let q = 0; q < nv * nh; q++) g[q] = g[q]! + scale * s[q]!;
    this.columnSums(grad.bias, visOff, v, rows, nv, scale);
    this.columnSums(grad.bias, hidOff, h, rows, nh, scale);
  }

  /** out[off + j] += scale · Σ_r x[r·cols + j], summed in float64 row by row. */
  private columnSums(out: Float64Array, off: number, x: FloatArray, rows: number, cols: number, scale: number): void {
    const acc = this.sums;
    acc.fill(0, 0, cols);
    for (let r = 0; r < rows; r++) {
      const o = r * cols;
      for (let j = 0; j < cols; j++) acc[j] = acc[j]! + x[o + j]!;
    }
    for (let j = 0; j < cols; j++) out[off + j] = out[off + j]! + scale * acc[j]!;
  }
}
