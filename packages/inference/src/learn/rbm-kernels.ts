/**
 * The RBM fast path of the learning rules: the factorised conditionals
 * p(h | v) and p(v | h) straight on the backend's kernels (gemm for dense
 * and masked couplings, spmm for sparse ones, fused biasSigmoid, bernoulli),
 * over buffers allocated once, so a CD or PCD update allocates nothing.
 *
 * @module
 */
import type { Rng } from '@stochnet/graph';
import { accumulateStatistics, createStatisticsWorkspace } from '@stochnet/model';
import type { CsrMatrix, FloatArray, GemmShape, Gradient, Plan, StatisticsWorkspace, WeightBlock } from '@stochnet/model';
import { DirectRbm, sparseEnough } from './rbm-direct.js';
import { stateBuffer } from '../sample-options.js';

/** @internal Whether the fast path applies: an rbm plan with one visible-role block and one other block. */
export function isFastRbm(plan: Plan): boolean {
  return plan.kind === 'rbm' && plan.blocks.length === 2 && plan.weights.length === 1 && plan.blocks.filter((b) => b.role === 'visible').length === 1;
}

/**
 * @internal Writes the first `rows` rows of an RBM's layers (v: rows × nv,
 * h: rows × nh) into rows of the full state layout (`size` units a row, the
 * layers at visOff and hidOff).
 */
export function scatterLayers(full: FloatArray | Float64Array, v: FloatArray, h: FloatArray, rows: number, size: number, visOff: number, nv: number, hidOff: number, nh: number): void {
  for (let r = 0; r < rows; r++) {
    full.set(v.subarray(r * nv, (r + 1) * nv), r * size + visOff);
    full.set(h.subarray(r * nh, (r + 1) * nh), r * size + hidOff);
  }
}

/** @internal Reads rows of the full state layout back into an RBM's layers (see {@link scatterLayers}). */
export function gatherLayers(v: FloatArray, h: FloatArray, full: FloatArray, rows: number, size: number, visOff: number, nv: number, hidOff: number, nh: number): void {
  for (let r = 0; r < rows; r++) {
    v.set(full.subarray(r * size + visOff, r * size + visOff + nv), r * nv);
    h.set(full.subarray(r * size + hidOff, r * size + hidOff + nh), r * nh);
  }
}

/** @internal Fills `u[0 .. n)` with the next n uniforms of one stream. */
export function drawUniforms(u: Float64Array, n: number, rng: Rng): void {
  for (let i = 0; i < n; i++) u[i] = rng.next();
}

/**
 * @internal The RBM's two layers and kernels over them, for batches of up
 * to `capacity` rows (buffers grow on demand, never shrink).
 */
export class RbmKernels {
  readonly plan: Plan;
  readonly nv: number;
  readonly nh: number;
  /** State offsets of the visible and hidden blocks. */
  readonly visOff: number;
  readonly hidOff: number;
  private readonly w: WeightBlock;
  private readonly visIsFrom: boolean;
  private readonly visBias: FloatArray;
  private readonly hidBias: FloatArray;
  private readonly shape: GemmShape = { m: 0, n: 0, k: 0, transA: false, transB: false, alpha: 1, beta: 0 };
  private readonly forward: CsrMatrix | null;
  private readonly backward: CsrMatrix | null;
  private capacity = 0;
  private full: Float64Array = new Float64Array(0);
  private view: Float64Array = new Float64Array(0);
  private stats: StatisticsWorkspace | null = null;
  /** Selected-row products and direct statistics, when the backend has kernels for 0/1 factors. */
  private readonly direct: DirectRbm | null;

  constructor(plan: Plan) {
    this.plan = plan;
    const vis = plan.blocks.findIndex((b) => b.role === 'visible');
    const hid = 1 - vis;
    const vb = plan.blocks[vis]!;
    const hb = plan.blocks[hid]!;
    this.nv = vb.size;
    this.nh = hb.size;
    this.visOff = vb.offset;
    this.hidOff = hb.offset;
    this.w = plan.weights[0]!;
    this.visIsFrom = this.w.from === vis;
    this.visBias = plan.bias.subarray(vb.offset, vb.offset + vb.size);
    this.hidBias = plan.bias.subarray(hb.offset, hb.offset + hb.size);
    const sp = this.w.sparse;
    if (sp === null) {
      this.forward = null;
      this.backward = null;
    } else {
      this.forward = { rows: this.w.rows, cols: this.w.cols, rowPtr: sp.rowPtr, colIdx: sp.colIdx, values: this.w.weights };
      this.backward = { rows: this.w.cols, cols: this.w.rows, rowPtr: sp.colPtr, colIdx: sp.rowIdx, values: stateBuffer(plan, this.w.weights.length) };
    }
    this.direct = DirectRbm.create(plan, this.visIsFrom);
  }

  /** Whether the first n entries of a 0/1 buffer are sparse enough for the selected-row kernels (false without them). */
  binaryPays(x: FloatArray, n: number): boolean {
    return this.direct !== null && sparseEnough(x, n);
  }

  /** Refreshes the transposed copy of sparse weights; call once after every parameter change. */
  refresh(): void {
    if (this.backward === null) return;
    const vals = this.backward.values;
    const perm = this.w.sparse!.perm;
    const weights = this.w.weights;
    for (let q = 0; q < perm.length; q++) vals[q] = weights[perm[q]!]!;
  }

  /** out (rows×nOut) ← x (rows×nIn) times the coupling read toward `toSide` ('to' = the block `to`). */
  private product(out: FloatArray, x: FloatArray, rows: number, intoTo: boolean): void {
    const w = this.w;
    if (w.sparse !== null) {
      const n = rows * (intoTo ? w.cols : w.rows);
      out.fill(0, 0, n);
      this.plan.backend.spmm(out, x, intoTo ? this.forward! : this.backward!, rows, 1);
      return;
    }
    const s = this.shape;
    s.m = rows;
    s.n = intoTo ? w.cols : w.rows;
    s.k = intoTo ? w.rows : w.cols;
    s.transA = false;
    s.transB = !intoTo;
    s.alpha = 1;
    s.beta = 0;
    this.plan.backend.gemm(out, x, w.weights, s);
  }

  /** ph ← p(h | v) = σ(c + vᵀW), rows × nh; `binary`: v is 0/1 and {@link RbmKernels.binaryPays} said so. */
  hiddenProbs(ph: FloatArray, v: FloatArray, rows: number, binary = false): void {
    if (binary && this.direct !== null) this.direct.hiddenInputs(ph, v, rows);
    else this.product(ph, v, rows, this.visIsFrom);
    this.plan.backend.biasSigmoid(ph, ph, this.hidBias, rows, this.nh);
  }

  /** pv ← p(v | h) = σ(b + W h), rows × nv. */
  visibleProbs(pv: FloatArray, h: FloatArray, rows: number): void {
    this.product(pv, h, rows, !this.visIsFrom);
    this.plan.backend.biasSigmoid(pv, pv, this.visBias, rows, this.nv);
  }

  /** out ← [u < p] for the first n entries. */
  sample(out: FloatArray, p: FloatArray, u: Float64Array, n: number): void {
    this.plan.backend.bernoulli(out, p, u, n);
  }

  private ensure(rows: number): void {
    if (rows <= this.capacity) return;
    this.capacity = rows;
    this.full = new Float64Array(rows * this.plan.size);
    this.view = new Float64Array(0);
    this.stats = createStatisticsWorkspace(this.plan, rows);
  }

  /** Writes rows of (v, h) into `full` rows of the state layout. */
  scatter(full: FloatArray | Float64Array, v: FloatArray, h: FloatArray, rows: number): void {
    scatterLayers(full, v, h, rows, this.plan.size, this.visOff, this.nv, this.hidOff, this.nh);
  }

  /** Reads rows of the state layout back into (v, h). */
  gather(v: FloatArray, h: FloatArray, full: FloatArray, rows: number): void {
    gatherLayers(v, h, full, rows, this.plan.size, this.visOff, this.nv, this.hidOff, this.nh);
  }

  /** grad += scale · Σ_rows statistics of (v, h) (see accumulateStatistics); `binary` as in hiddenProbs. */
  statistics(grad: Gradient, v: FloatArray, h: FloatArray, rows: number, scale: number, binary = false): void {
    if (this.direct !== null) {
      this.direct.add(grad, v, h, rows, scale, this.visOff, this.hidOff, binary);
      return;
    }
    this.ensure(rows);
    this.scatter(this.full, v, h, rows);
    // accumulateStatistics wants exactly rows × size entries: keep one view per batch length.
    if (this.view.length !== rows * this.plan.size) this.view = this.full.subarray(0, rows * this.plan.size);
    accumulateStatistics(grad, this.plan, this.view, rows, scale, this.stats!);
  }
}
