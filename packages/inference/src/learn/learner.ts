/**
 * Learning rules for Boltzmann machines as objects: `createLearner(plan,
 * options)` makes a CD-k, PCD-k or parallel-tempering learner whose
 * `gradient` writes the log-likelihood ascent direction for a batch in the
 * plan's layout; `save` and `restoreLearner` carry persistent chains across.
 *
 * @module
 */
import { GraphStructureError, SeedError, ValidationError, throwIssues } from '@stochnet/graph';
import type { Rng, StochnetError } from '@stochnet/graph';
import { dataMinusModel, zeroGradient } from '@stochnet/model';
import type { Gradient, Plan } from '@stochnet/model';
import { baseRng, checkChains } from '../chains.js';
import type { RandomnessOptions } from '../chains.js';
import { initGibbs } from '../gibbs-init.js';
import type { GibbsState } from '../gibbs-init.js';
import { restoreChains, saveChains } from '../persistent.js';
import type { SavedChains } from '../persistent.js';
import { checkBatch, checkGradientShape, clearGradient, visibleCount } from './batch-check.js';
import type { BatchArray } from './batch-check.js';
import { generalCdNegative, generalPcdNegative } from './general-phases.js';
import { resolveLearnOptions } from './options.js';
import type { LearnOptions, ResolvedLearnOptions } from './options.js';
import { GeneralPositive } from './positive.js';
import { RbmPhases } from './rbm-phases.js';
import { isFastRbm } from './rbm-kernels.js';
import { Tempering } from './tempering.js';
import type { SavedTempering } from './tempering.js';

/** Options of {@link createLearner}: the rule, plus a seed or stream for persistent chains (PCD, PT). */
export type LearnerOptions = LearnOptions & RandomnessOptions;

/** Counters of a learner. */
export interface LearnerInfo {
  /** Updates (gradient calls) so far. */
  readonly updates: number;
  /** PT only: accepted / attempted swaps per neighbour pair (r, r+1); null for other rules. */
  readonly swapAcceptance: Float64Array | null;
}

/** A learner's persistent state as JSON-safe data (see {@link restoreLearner}). */
export interface LearnerSnapshot {
  /** Format tag. */
  readonly format: 'stochnet-learner';
  /** Format version. */
  readonly version: 1;
  /** The rule. */
  readonly method: 'cd' | 'pcd' | 'pt';
  /** Updates so far. */
  readonly updates: number;
  /** PCD: the persistent chains (null before the first update and for CD and PT). */
  readonly chains: SavedChains | null;
  /** PT: the replica ladders (null before the first update and for CD and PCD). */
  readonly tempering: SavedTempering | null;
}

/**
 * A learning rule bound to a plan. It reads the plan's live parameters, so
 * a trainer updates the plan in place between calls.
 */
export interface Learner {
  /** The rule. */
  readonly method: 'cd' | 'pcd' | 'pt';
  /** The plan whose parameters the rule reads. */
  readonly plan: Plan;
  /** Data statistics of the last update: ⟨s_i⟩_data per bias, ⟨s_i s_j⟩_data per weight. */
  readonly positive: Gradient;
  /** Model statistics of the last update, laid out like {@link Learner.positive}. */
  readonly negative: Gradient;
  /**
   * Writes positive − negative statistics for a batch (the ascent direction
   * of the mean log-likelihood, approximated by the rule) into `out`.
   *
   * @param out - destination shaped like zeroGradient(plan); overwritten
   * @param data - rows × (visible units) values, row-major, columns in layout order of the visible-role groups
   * @param rows - number of rows
   * @param rng - the update's stream (CD chains and positive-phase chains draw from it)
   * @param indices - optional: each row's index in the training set (the loop passes them; rules with per-example persistent chains use them, the others ignore them)
   * @returns out
   */
  gradient(out: Gradient, data: BatchArray, rows: number, rng: Rng, indices?: Int32Array): Gradient;
  /** Counters: updates and, for PT, swap acceptance rates. */
  info(): LearnerInfo;
  /** The persistent chains and counters as JSON-safe data. */
  save(): LearnerSnapshot;
}

/** @internal The learner behind every rule. */
export class BmLearner implements Learner {
  // Buffers are made on first use: a run whose updates execute elsewhere (a backend's
  // training session) never allocates them.
  private positiveBuf: Gradient | null = null;
  private negativeBuf: Gradient | null = null;
  private rbmBuf: RbmPhases | null | undefined = undefined;
  private generalBuf: GeneralPositive | null = null;
  private readonly nv: number;
  private updates: number;
  private chains: GibbsState | null;
  private tempering: Tempering | null;

  constructor(
    readonly plan: Plan,
    private readonly opts: ResolvedLearnOptions,
    private readonly chainRng: Rng | null,
    snapshot: LearnerSnapshot | null,
  ) {
    this.nv = visibleCount(plan);
    this.updates = snapshot?.updates ?? 0;
    this.chains = snapshot?.chains ? restoreChains(plan, snapshot.chains) : null;
    this.tempering = snapshot?.tempering ? Tempering.restore(plan, snapshot.tempering) : null;
  }

  get positive(): Gradient {
    return (this.positiveBuf ??= zeroGradient(this.plan));
  }

  get negative(): Gradient {
    return (this.negativeBuf ??= zeroGradient(this.plan));
  }

  private get rbm(): RbmPhases | null {
    if (this.rbmBuf === undefined) this.rbmBuf = isFastRbm(this.plan) ? new RbmPhases(this.plan, this.opts) : null;
    return this.rbmBuf;
  }

  private get general(): GeneralPositive {
    return (this.generalBuf ??= new GeneralPositive(this.plan, this.opts));
  }

  get method(): 'cd' | 'pcd' | 'pt' {
    return this.opts.method;
  }

  gradient(out: Gradient, data: BatchArray, rows: number, rng: Rng): Gradient {
    const fn = 'learner.gradient';
    const issues: StochnetError[] = [];
    checkGradientShape(fn, 'out', this.plan, out, issues);
    const length = data !== null && typeof data === 'object' && typeof data.length === 'number' ? data.length : 0;
    const cols = typeof rows === 'number' && rows > 0 ? length / rows : this.nv;
    checkBatch(fn, 'data', data, rows, cols, this.nv, this.opts.allowProbabilities, issues);
    const r = rng as Partial<Rng> | null;
    if (r === null || typeof r !== 'object' || typeof r.next !== 'function' || typeof r.fork !== 'function' || typeof r.seed !== 'string') {
      issues.push(new SeedError(`${fn}: rng must be a stream from createRng (one per update, e.g. root.fork('update/' + t))`, { function: fn, argument: 'rng' }));
    }
    const C = this.opts.chains ?? rows;
    if (issues.length === 0 && this.opts.method !== 'cd' && this.chains === null && this.tempering === null) {
      checkChains(fn, C, this.plan.size * this.opts.betas.length);
    }
    if (issues.length > 0) throwIssues(issues as [StochnetError, ...StochnetError[]]);
    clearGradient(this.positive);
    clearGradient(this.negative);
    if (this.rbm !== null) this.rbm.positive(this.positive, data, rows);
    else this.general.run(this.positive, data, rows, rng);
    const { method, k } = this.opts;
    if (method === 'cd') {
      if (this.rbm !== null) this.rbm.cdNegative(this.negative, rows, rng);
      else generalCdNegative(this.negative, this.general, k);
    } else if (method === 'pcd') {
      this.persistentChains(C);
      if (this.rbm !== null) this.rbm.pcdNegative(this.negative, this.chains!);
      else generalPcdNegative(this.negative, this.general, this.chains!, k);
    } else {
      this.tempering ??= Tempering.create(this.plan, this.opts.betas, C, this.chainRng!);
      this.tempering.run(k, (states, n) => this.general.accumulate(this.negative, states, n, 1 / n));
    }
    this.updates++;
    return dataMinusModel(out, this.positive, this.negative);
  }

  /** Counts an update made elsewhere (the training loop's fused path, which runs CD or PCD inside the backend). */
  countUpdate(): void {
    this.updates++;
  }

  /**
   * The PCD chains, made as the first PCD update makes them (`count` random
   * chains from the learner's chain stream) when there are none yet; for
   * the training loop's fused path, which runs them inside the backend.
   */
  persistentChains(count: number): GibbsState {
    if (this.chains === null) {
      checkChains('learner.gradient', count, this.plan.size * this.opts.betas.length);
      this.chains = initGibbs(this.plan, { chains: count, rng: this.chainRng!, init: 'random' });
    }
    return this.chains;
  }

  info(): LearnerInfo {
    return { updates: this.updates, swapAcceptance: this.tempering === null ? null : this.tempering.acceptance() };
  }

  save(): LearnerSnapshot {
    return {
      format: 'stochnet-learner',
      version: 1,
      method: this.opts.method,
      updates: this.updates,
      chains: this.chains === null ? null : saveChains(this.chains),
      tempering: this.tempering === null ? null : this.tempering.save(),
    };
  }
}

function checkPlan(fn: string, plan: unknown, issues: StochnetError[]): plan is Plan {
  const p = plan as Partial<Plan> | null;
  if (p === null || typeof p !== 'object' || !Array.isArray(p.blocks) || !(p.bias instanceof Float64Array || p.bias instanceof Float32Array)) {
    issues.push(new ValidationError(`${fn}: plan must be a Plan made by compile()`, { function: fn, argument: 'plan' }));
    return false;
  }
  if (p.kind !== 'rbm' && p.kind !== 'boltzmann') {
    issues.push(
      new GraphStructureError(`${fn}: CD, PCD and PT learn undirected models, but this plan is ${p.kind}; train directed couplings with belief-net learning (wake-sleep or Gibbs-based SBN learning)`, {
        function: fn,
        kind: p.kind,
        expected: ['rbm', 'boltzmann'],
      }),
    );
  } else if (!p.blocks.some((b) => b.role === 'visible')) {
    issues.push(new GraphStructureError(`${fn}: no group has role 'visible' to hold the data; give the data groups role 'visible'`, { function: fn, groups: p.blocks.map((b) => b.group) }));
  }
  return true;
}

/** @internal Checks the plan and options (collecting every problem) and returns the resolved options and chain stream. */
export function prepareLearner(fn: string, plan: Plan, options: LearnerOptions, issues: StochnetError[]): { opts: ResolvedLearnOptions; rng: Rng | null } {
  checkPlan(fn, plan, issues);
  const opts = resolveLearnOptions(fn, options, issues);
  let rng: Rng | null = null;
  if (opts.method !== 'cd' && options !== null && typeof options === 'object') {
    try {
      rng = baseRng(fn, options);
    } catch (e) {
      issues.push(e as StochnetError);
    }
  }
  if (issues.length === 0 && opts.chains !== null) {
    try {
      checkChains(fn, opts.chains, plan.size * opts.betas.length);
    } catch (e) {
      issues.push(e as StochnetError);
    }
  }
  return { opts, rng };
}

/**
 * Makes a CD-k, PCD-k or parallel-tempering learner for an undirected plan.
 *
 * @remarks
 * The gradient is ⟨s_i s_j⟩_data − ⟨s_i s_j⟩_model per weight and
 * ⟨s_i⟩_data − ⟨s_i⟩_model per bias (DESIGN §1), means over the batch and
 * the chains, in the plan's layout (masked entries 0, dense laterals
 * symmetric).
 * - Positive phase: on an `rbm` plan, exactly p(h | v) (no randomness).
 *   Elsewhere: hidden units that do not interact get p(h | v) exactly; when
 *   they interact, `positive` chooses clamped Gibbs (default, 10 sweeps) or
 *   mean field; with no hidden units it is the data itself.
 * - CD-k (Hinton 2002): RBM plans run the fast kernels with Hinton's (2010)
 *   defaults, see {@link CdOptions}; other plans continue the positive
 *   phase's chains k full sweeps, with 0/1 states throughout
 *   (`sampleVisible` and `sampleHiddenLast` apply to RBM plans only).
 * - PCD-k (Tieleman 2008): `chains` persistent chains (default: the rows
 *   of the first batch), started at random states from
 *   `rng.fork('chain/' + c)`; k steps per update; statistics use p(h | v_k)
 *   on RBM plans unless `sampleHiddenLast`.
 * - PT (Desjardins et al. 2010): see {@link PtOptions}; the swap acceptance
 *   is min(1, exp((β_r − β_{r+1})(E(x_r) − E(x_{r+1})))).
 * Everything is checked (every problem collected) before anything is
 * allocated or drawn.
 *
 * @param plan - a compiled `rbm` or `boltzmann` plan with a visible-role group
 * @param options - the rule and its options; `seed` or `rng` for PCD and PT
 * @returns the learner
 * @throws ConfigError naming an invalid option (k not a positive integer, unknown method, bad betas, …)
 * @throws TooLargeError when k, chains or replicas exceed the documented limits
 * @throws SeedError when PCD or PT has no seed or rng
 * @throws GraphStructureError when the plan has directed couplings or no visible group
 *
 * @example
 * ```ts
 * import { createRng, rbm } from '@stochnet/graph';
 * import { compile, zeroGradient } from '@stochnet/model';
 * import { createLearner } from '@stochnet/inference';
 * const plan = compile(rbm(4, 3, { seed: 1 }), { dtype: 'float64' });
 * const cd = createLearner(plan, { method: 'cd', k: 1 });
 * const g = cd.gradient(zeroGradient(plan), Uint8Array.of(1, 0, 1, 0, 0, 1, 0, 1), 2, createRng('update/0'));
 * console.log(g.weights[0]!.length, cd.info().updates); // 12 1
 * ```
 */
export function createLearner(plan: Plan, options: LearnerOptions): Learner {
  const issues: StochnetError[] = [];
  const { opts, rng } = prepareLearner('createLearner', plan, options, issues);
  if (issues.length > 0) throwIssues(issues as [StochnetError, ...StochnetError[]]);
  return new BmLearner(plan, opts, rng, null);
}
