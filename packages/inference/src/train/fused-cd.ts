/**
 * CD-k training on a backend's resident RBM session: when a run qualifies
 * (an RBM plan with a dense, unmasked visible × hidden coupling; method
 * 'cd' with mean-field reconstructions and p(h | v_k) statistics; no
 * sparsity target and no clipping; a backend with `rbmSession`), each
 * minibatch update runs in one backend call on parameters kept in the
 * backend's memory. The plan and the optimiser's velocity are loaded at the
 * start of every epoch and written back at its end (and when a step
 * diverges), so records, callbacks, early stopping and checkpoints see them
 * as on the ordinary path.
 *
 * @module
 */
import type { Rng } from '@stochnet/graph';
import { hasRbmSession } from '@stochnet/model';
import type { FloatArray, Plan, RbmSessionArrays, RbmTrainingSession } from '@stochnet/model';
import { TrainingDivergedError } from '../errors.js';
import { isFastRbm } from '../learn/rbm-kernels.js';
import type { Optimiser, StepInfo, StepPlace } from './optimiser.js';
import { resolveOptimiserOptions } from './optimiser-options.js';
import type { TrainOptions } from './options.js';

/** @internal A run's updates on a resident session. */
export class FusedCd {
  private readonly arrays: RbmSessionArrays;
  private readonly weightDecay: number;
  private readonly l1: number;

  private constructor(
    private readonly plan: Plan,
    private readonly optimiser: Optimiser,
    private readonly session: RbmTrainingSession,
    options: TrainOptions,
  ) {
    const w = plan.weights[0]!;
    const vis = plan.blocks[w.from]!, hid = plan.blocks[w.to]!;
    const v = optimiser.state().velocity;
    const part = (a: FloatArray, off: number, size: number): FloatArray => a.subarray(off, off + size);
    const vw = v.weights[0]!;
    this.arrays = {
      weights: w.weights,
      visibleBias: part(plan.bias, vis.offset, vis.size),
      hiddenBias: part(plan.bias, hid.offset, hid.size),
      weightsVelocity: vw,
      visibleBiasVelocity: part(v.bias, vis.offset, vis.size),
      hiddenBiasVelocity: part(v.bias, hid.offset, hid.size),
    };
    const o = resolveOptimiserOptions('train', options as unknown as Record<string, unknown>, []);
    this.weightDecay = o.weightDecay;
    this.l1 = o.l1;
  }

  /** The fused path for a run, or null when the run does not qualify (then train uses the learner and the optimiser). */
  static create(plan: Plan, optimiser: Optimiser, options: TrainOptions, batchSize: number): FusedCd | null {
    if (options.method !== 'cd' || options.sampleVisible === true || options.sampleHiddenLast === true) return null;
    if ((options.sparsity ?? null) !== null || (options.maxGradNorm ?? null) !== null) return null;
    if (!isFastRbm(plan) || !hasRbmSession(plan.backend)) return null;
    const w = plan.weights[0]!;
    if (w.sparse !== null || w.mask !== null || w.from === w.to || plan.blocks[w.from]!.role !== 'visible') return null;
    const session = plan.backend.rbmSession({ visible: w.rows, hidden: w.cols, dtype: plan.dtype, capacity: batchSize, k: options.k ?? 1 });
    return session === null ? null : new FusedCd(plan, optimiser, session, options);
  }

  /** Copies the plan's parameters and the optimiser's velocity into the session (start of an epoch). */
  load(): void {
    this.session.load(this.arrays);
  }

  /** Writes the session's parameters into the plan and its velocity into the optimiser. */
  sync(): void {
    // state() returns the optimiser's live velocity arrays: the session writes straight into them.
    this.session.store(this.arrays);
  }

  /**
   * One update on a batch; throws TrainingDivergedError (after writing the
   * last finite parameters back) when the step would make a parameter non-finite.
   */
  step(batch: Uint8Array | Float64Array, rows: number, rng: Rng, place: StepPlace): StepInfo {
    const learningRate = this.optimiser.learningRateAt(place.epoch);
    const momentum = this.optimiser.momentumAt(place.epoch);
    const r = this.session.step(batch, rows, rng, { learningRate, momentum, weightDecay: this.weightDecay, l1: this.l1 });
    if (!r.applied) {
      this.sync();
      const block = this.plan.weights[0]!.coupling;
      throw new TrainingDivergedError(
        `training diverged at epoch ${place.epoch}, batch ${place.batch}: the step would make a parameter of ${block} or its biases non-finite (the step would overflow); lower the learning rate or set maxGradNorm`,
        { ...place, what: 'parameter', block, index: null, value: null },
        this.plan,
      );
    }
    return { learningRate, momentum, stepNorm: r.stepNorm, clipped: false };
  }

  /** Releases the session. */
  dispose(): void {
    this.session.dispose();
  }
}
