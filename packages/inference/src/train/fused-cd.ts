/**
 * CD-k and PCD-k training on a backend's resident RBM session: when a run
 * qualifies (an RBM plan with a dense, unmasked visible × hidden coupling;
 * method 'cd' with mean-field reconstructions and p(h | v_k) statistics, or
 * method 'pcd' with p(h | v) in the chains' statistics; no sparsity target
 * and no clipping; a backend with `rbmSession`), each minibatch update runs
 * in one backend call on parameters (and, for PCD, persistent chains) kept
 * in the backend's memory. The plan, the optimiser's velocity and the
 * learner's chains are loaded at the start of every epoch and written back
 * at its end (and when a step diverges or a callback throws), so records,
 * callbacks, early stopping and checkpoints see them as on the ordinary
 * path.
 *
 * @module
 */
import type { Rng } from '@stochnet/graph';
import { hasRbmSession } from '@stochnet/model';
import type { FloatArray, Plan, RbmSessionArrays, RbmTrainingSession } from '@stochnet/model';
import { TrainingDivergedError } from '../errors.js';
import type { GibbsState } from '../gibbs-init.js';
import { BmLearner } from '../learn/learner.js';
import type { Learner } from '../learn/learner.js';
import { gatherLayers, isFastRbm, scatterLayers } from '../learn/rbm-kernels.js';
import { stateBuffer } from '../sample-options.js';
import type { Optimiser, StepInfo, StepPlace } from './optimiser.js';
import { resolveOptimiserOptions } from './optimiser-options.js';
import type { TrainOptions } from './options.js';

/** The persistent chains of a PCD run on a session, and their (v, h) buffers in the session's layout. */
interface SessionChains {
  readonly state: GibbsState;
  readonly v: FloatArray;
  readonly h: FloatArray;
  readonly visOff: number;
  readonly hidOff: number;
  readonly nv: number;
  readonly nh: number;
  readonly k: number;
}

/** @internal A run's updates on a resident session. */
export class FusedCd {
  private readonly arrays: RbmSessionArrays;
  private readonly weightDecay: number;
  private readonly l1: number;
  /** Whether the chains were loaded into the session (so sync may write them back). */
  private chainsLoaded = false;

  private constructor(
    private readonly plan: Plan,
    private readonly optimiser: Optimiser,
    private readonly learner: Learner,
    private readonly session: RbmTrainingSession,
    options: TrainOptions,
    private readonly chains: SessionChains | null,
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

  /**
   * The fused path for this run, or null when it does not qualify (the
   * loop then uses the learner and the optimiser). For PCD the learner's
   * chains are made here if it has none yet (as its first update would).
   */
  static create(plan: Plan, optimiser: Optimiser, learner: Learner, options: TrainOptions, batchSize: number): FusedCd | null {
    const pcd = options.method === 'pcd';
    if (options.method !== 'cd' && !pcd) return null;
    if (options.sampleHiddenLast === true || (!pcd && options.sampleVisible === true)) return null;
    if ((options.sparsity ?? null) !== null || (options.maxGradNorm ?? null) !== null) return null;
    if (pcd && !(learner instanceof BmLearner)) return null;
    if (!isFastRbm(plan) || !hasRbmSession(plan.backend)) return null;
    const w = plan.weights[0]!;
    if (w.sparse !== null || w.mask !== null || w.from === w.to || plan.blocks[w.from]!.role !== 'visible') return null;
    const k = options.k ?? 1;
    // The learner's chains as they are (restored ones keep their count), made now if there are none yet.
    const state = pcd ? (learner as BmLearner).persistentChains(options.chains ?? batchSize) : null;
    // Chains restored with values strictly between 0 and 1 take the ordinary path, which accepts them.
    if (state !== null && !state.states.every((x) => x === 0 || x === 1)) return null;
    const session = plan.backend.rbmSession({ visible: w.rows, hidden: w.cols, dtype: plan.dtype, capacity: batchSize, k, chains: state?.chains ?? 0 });
    if (session === null) return null;
    let chains: SessionChains | null = null;
    if (state !== null) {
      const count = state.chains;
      chains = {
        state,
        v: stateBuffer(plan, count * w.rows),
        h: stateBuffer(plan, count * w.cols),
        visOff: plan.blocks[w.from]!.offset,
        hidOff: plan.blocks[w.to]!.offset,
        nv: w.rows,
        nh: w.cols,
        k,
      };
    }
    return new FusedCd(plan, optimiser, learner, session, options, chains);
  }

  /** Copies the plan's parameters, the optimiser's velocity and the chains into the session. */
  load(): void {
    this.session.load(this.arrays);
    const c = this.chains;
    if (c === null) return;
    gatherLayers(c.v, c.h, c.state.states, c.state.chains, this.plan.size, c.visOff, c.nv, c.hidOff, c.nh);
    this.session.loadChains(c.v, c.h);
    this.chainsLoaded = true;
  }

  /** Writes the session's parameters, velocity and chains back. */
  sync(): void {
    // state() returns the optimiser's live velocity arrays: the session writes straight into them.
    this.session.store(this.arrays);
    const c = this.chains;
    if (c === null || !this.chainsLoaded) return;
    this.session.storeChains(c.v, c.h);
    scatterLayers(c.state.states, c.v, c.h, c.state.chains, this.plan.size, c.visOff, c.nv, c.hidOff, c.nh);
  }

  /** One update on the session; throws TrainingDivergedError (after writing back) when it was not applied. */
  step(batch: Uint8Array | Float64Array, rows: number, rng: Rng, place: StepPlace): StepInfo {
    const learningRate = this.optimiser.learningRateAt(place.epoch);
    const momentum = this.optimiser.momentumAt(place.epoch);
    const settings = { learningRate, momentum, weightDecay: this.weightDecay, l1: this.l1 };
    const c = this.chains;
    const r = c === null ? this.session.step(batch, rows, rng, settings) : this.session.pcdStep(batch, rows, rng, c.state.rngs, settings);
    if (c !== null) c.state.sweeps += c.k;
    // Counted before the divergence check, as the learner counts an update before the optimiser's step.
    if (this.learner instanceof BmLearner) this.learner.countUpdate();
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

  /** Frees the session. */
  dispose(): void {
    this.session.dispose();
  }
}
