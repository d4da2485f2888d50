/**
 * CD-k and PCD-k on RBM plans: the positive phase with exact p(h | v), and
 * the negative phases as block Gibbs v → h → v on the fast kernels.
 *
 * @module
 */
import type { Rng } from '@stochnet/graph';
import type { FloatArray, Gradient, Plan } from '@stochnet/model';
import type { GibbsState } from '../gibbs-init.js';
import { fillUniforms } from '../uniforms.js';
import type { ResolvedLearnOptions } from './options.js';
import { drawUniforms, RbmKernels } from './rbm-kernels.js';
import { stateBuffer } from '../sample-options.js';

/** @internal Buffers for `rows` chains of an RBM: visible and hidden samples and probabilities, uniforms. */
class Buffers {
  readonly rows: number;
  readonly v: FloatArray;
  readonly pv: FloatArray;
  readonly h: FloatArray;
  readonly ph: FloatArray;
  readonly u: Float64Array;
  constructor(plan: Plan, rows: number, nv: number, nh: number) {
    this.rows = rows;
    this.v = stateBuffer(plan, rows * nv);
    this.pv = stateBuffer(plan, rows * nv);
    this.h = stateBuffer(plan, rows * nh);
    this.ph = stateBuffer(plan, rows * nh);
    this.u = new Float64Array(rows * Math.max(nv, nh));
  }
}

/** @internal The RBM phases of one learner. */
export class RbmPhases {
  readonly kernels: RbmKernels;
  private readonly opts: ResolvedLearnOptions;
  private batch: Buffers | null = null;
  private chain: Buffers | null = null;

  constructor(plan: Plan, opts: ResolvedLearnOptions) {
    this.kernels = new RbmKernels(plan);
    this.opts = opts;
  }

  private batchBuffers(rows: number): Buffers {
    if (this.batch === null || this.batch.rows < rows) this.batch = new Buffers(this.kernels.plan, rows, this.kernels.nv, this.kernels.nh);
    return this.batch;
  }

  /**
   * Positive phase: v0 ← data, ph ← p(h | v0), pos += (1/rows)·Σ stats(v0, ph).
   * Leaves v0 in `batch.pv` and p(h | v0) in `batch.ph` for CD.
   */
  positive(pos: Gradient, data: ArrayLike<number>, rows: number): void {
    const K = this.kernels;
    K.refresh();
    const b = this.batchBuffers(rows);
    const n = rows * K.nv;
    for (let i = 0; i < n; i++) b.pv[i] = data[i]!;
    const binary = !this.opts.allowProbabilities && K.binaryPays(b.pv, n);
    K.hiddenProbs(b.ph, b.pv, rows, binary);
    K.statistics(pos, b.pv, b.ph, rows, 1 / rows, binary);
  }

  /**
   * CD-k negative phase after {@link RbmPhases.positive}, drawing every
   * uniform from `rng` in this order: h0 (rows × nh); then per step t the
   * visible draws (rows × nv, only when sampling visibles) and, for t < k,
   * the hidden draws (rows × nh); finally rows × nh when sampling the last
   * hidden states.
   */
  cdNegative(neg: Gradient, rows: number, rng: Rng): void {
    const K = this.kernels;
    const { k, sampleVisible, sampleHiddenLast } = this.opts;
    const b = this.batch!;
    const nh = rows * K.nh;
    const nv = rows * K.nv;
    drawUniforms(b.u, nh, rng);
    K.sample(b.h, b.ph, b.u, nh);
    let vt: FloatArray = b.pv;
    for (let t = 1; t <= k; t++) {
      K.visibleProbs(b.pv, b.h, rows);
      if (sampleVisible) {
        drawUniforms(b.u, nv, rng);
        K.sample(b.v, b.pv, b.u, nv);
        vt = b.v;
      } else {
        vt = b.pv;
      }
      K.hiddenProbs(b.ph, vt, rows);
      if (t < k) {
        drawUniforms(b.u, nh, rng);
        K.sample(b.h, b.ph, b.u, nh);
      }
    }
    if (sampleHiddenLast) {
      drawUniforms(b.u, nh, rng);
      K.sample(b.h, b.ph, b.u, nh);
      K.statistics(neg, vt, b.h, rows, 1 / rows);
    } else {
      K.statistics(neg, vt, b.ph, rows, 1 / rows);
    }
  }

  /**
   * PCD-k negative phase on persistent chains (full-layout 0/1 states): k
   * steps h → v → h, chain c drawing nv then nh uniforms per step from its
   * own stream; the model statistics use p(h | v_k) (or the sampled h_k).
   * Adds (1/chains)·Σ stats into `neg` (the model statistics).
   */
  pcdNegative(neg: Gradient, state: GibbsState): void {
    const K = this.kernels;
    const C = state.chains;
    if (this.chain === null || this.chain.rows !== C) this.chain = new Buffers(K.plan, C, K.nv, K.nh);
    const b = this.chain;
    K.gather(b.v, b.h, state.states, C);
    for (let t = 0; t < this.opts.k; t++) {
      K.visibleProbs(b.pv, b.h, C);
      fillUniforms(b.u, state.rngs, K.nv);
      K.sample(b.v, b.pv, b.u, C * K.nv);
      K.hiddenProbs(b.ph, b.v, C);
      fillUniforms(b.u, state.rngs, K.nh);
      K.sample(b.h, b.ph, b.u, C * K.nh);
    }
    K.scatter(state.states, b.v, b.h, C);
    state.sweeps += this.opts.k;
    K.statistics(neg, b.v, this.opts.sampleHiddenLast ? b.h : b.ph, C, 1 / C, K.binaryPays(b.v, C * K.nv));
  }
}
