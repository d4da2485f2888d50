/**
 * Training sigmoid belief nets by Gibbs-based learning or wake-sleep through
 * the shared training loop (minibatches, optimiser, metrics, early stopping,
 * divergence guard).
 *
 * @module
 */
import { createRng, throwIssues } from '@stochnet/graph';
import type { Network, Seed, StochnetError } from '@stochnet/graph';
import { clonePlan } from '@stochnet/model';
import type { Plan, SigmoidNet } from '@stochnet/model';
import { EarlyStopping } from '../train/monitor.js';
import { Optimiser } from '../train/optimiser.js';
import { resolveOptimiserOptions } from '../train/optimiser-options.js';
import type { OptimiserOptions } from '../train/optimiser-options.js';
import { resolveTrainOptions } from '../train/options.js';
import type { BatchEvent, EarlyStoppingOptions, EpochEvent, EpochRecord, Metric, TrainingData, TrainOptions } from '../train/options.js';
import { runEpochs } from '../train/train.js';
import type { Learner } from './learner.js';
import { checkBatch, visibleCount } from './batch-check.js';
import { bottomUpBlocks, checkBeliefPlan } from './belief-net.js';
import { checkRecognitionFits } from './recognition-net.js';
import { createSbnGibbsLearner } from './sbn-gibbs.js';
import { resolveRuleOptions } from './sbn-options.js';
import type { BeliefNetLearner, BeliefNetRuleOptions, SbnGibbsOptions, WakeSleepOptions } from './sbn-options.js';
import { createWakeSleepLearner } from './wake-sleep.js';

/** The loop options of {@link trainSbn} (the same as `train`'s, without the Boltzmann-machine rule options). */
export interface SbnLoopOptions extends OptimiserOptions {
  /** Epochs to run, a non-negative integer. */
  readonly epochs: number;
  /** Rows per batch, a positive integer (a last, smaller batch takes the remainder). */
  readonly batchSize: number;
  /** The seed of every random stream of the run. */
  readonly seed: Seed;
  /** Held-out data for the monitored metrics. */
  readonly validation?: TrainingData | undefined;
  /** Named metric functions evaluated after every epoch (on training and validation data). */
  readonly metrics?: Readonly<Record<string, Metric>> | undefined;
  /** Stop when the monitored metric stops improving (name a metric: see remarks of trainSbn). */
  readonly earlyStopping?: EarlyStoppingOptions | undefined;
  /** Called after every step. */
  readonly onBatch?: ((event: BatchEvent) => void) | undefined;
  /** Called after every epoch. */
  readonly onEpoch?: ((event: EpochEvent) => void) | undefined;
}

/** Options of {@link trainSbn}: the rule (sbn-gibbs or wake-sleep) and the loop. */
export type TrainSbnOptions = (SbnGibbsOptions & SbnLoopOptions) | (WakeSleepOptions & SbnLoopOptions);

/** What {@link trainSbn} returns. */
export interface TrainSbnResult {
  /** The trained copy of the plan (the input plan is never changed). */
  readonly plan: Plan;
  /** One record per epoch. */
  readonly history: readonly EpochRecord[];
  /** The trained parameters written back into a new Network. */
  network(): Network;
  /** Whether early stopping ended the run. */
  readonly stoppedEarly: boolean;
  /** The epoch with the best monitored metric, or null without early stopping. */
  readonly bestEpoch: number | null;
  /** wake-sleep: the trained recognition net (an importance-sampling proposal); null for sbn-gibbs. */
  readonly recognition: SigmoidNet | null;
  /** The learning rule, with its persistent chains. */
  readonly learner: BeliefNetLearner;
}

function checkData(fn: string, argument: string, plan: Plan | null, data: unknown, issues: StochnetError[]): void {
  const d = data as Partial<TrainingData> | null;
  const cols = d !== null && typeof d === 'object' ? d.cols : undefined;
  const nv = plan === null ? (typeof cols === 'number' ? cols : 0) : visibleCount(plan);
  if (d === null || typeof d !== 'object') {
    checkBatch(fn, argument, undefined, 1, nv, nv, false, issues);
    return;
  }
  checkBatch(fn, argument, d.values, d.rows, typeof cols === 'number' ? cols : Number.NaN, nv, false, issues);
}

/**
 * Trains a sigmoid belief net by Gibbs-based learning (Neal 1992) or
 * wake-sleep (Hinton, Dayan, Frey & Neal 1995) with the training loop and
 * optimiser that `train` uses.
 *
 * @remarks
 * The input plan is never changed: training runs on `clonePlan(plan)`.
 * The loop is `train`'s: epoch e shuffles its rows with
 * `fork('epoch/' + e).fork('shuffle')`, update b of epoch e draws from
 * `fork('epoch/' + e).fork('batch/' + b)`, each row's training-set index
 * goes to the rule (persistent chains are kept per example), and the
 * optimiser (momentum, weight decay, L1, sparsity, schedules, clipping)
 * applies the rule's ascent direction. sbn-gibbs: see
 * {@link createSbnGibbsLearner}, persistent chains from `fork('chains')`.
 * wake-sleep: see {@link createWakeSleepLearner}; the initial recognition
 * weights come from `fork('recognition')` and the trained recognition net
 * is returned. Metrics after every epoch: the loop's built-in
 * `reconstruction` is a deterministic mean-field pass that, for a belief
 * net, propagates only top-down (hidden units ignore the data), so it is
 * not a fit measure here; pass `metrics` (e.g. an exact or
 * importance-sampled log-likelihood) and name one in `earlyStopping`.
 * Data must be 0/1. Every option and the data are checked first, every
 * problem collected: a failed call changes nothing. Checkpoints
 * (`checkpoint` / `resumeTraining`) cover the Boltzmann-machine rules only.
 *
 * @param plan - a compiled sigmoid belief net (kind sbn; layered for wake-sleep)
 * @param data - rows × cols 0/1 training data, columns = visible units in layout order
 * @param options - the rule, hyperparameters, seed, monitoring and callbacks
 * @returns the trained copy, its history, the learner and (wake-sleep) the recognition net
 * @throws ConfigError naming an invalid option
 * @throws ShapeError when data has the wrong width or no rows, or a given recognition net does not fit
 * @throws BinaryDataError naming the row and column of a value that is not 0 or 1
 * @throws SeedError when the seed is missing or not accepted
 * @throws GraphStructureError when the plan is not a sigmoid belief net
 * @throws LayeringError when wake-sleep is asked of a net that is not layered
 * @throws TrainingDivergedError when training produces a non-finite gradient or parameter
 *
 * @example
 * ```ts
 * import { sbn } from '@stochnet/graph';
 * import { compile, exactLogLikelihood } from '@stochnet/model';
 * import { trainSbn } from '@stochnet/inference';
 * const plan = compile(sbn([4, 2], { seed: 1 }), { dtype: 'float64' });
 * const values = Uint8Array.of(1, 1, 0, 0, 0, 0, 1, 1, 1, 1, 0, 0, 0, 0, 1, 1);
 * const data = { values, rows: 4, cols: 4 };
 * const result = trainSbn(plan, data, { method: 'sbn-gibbs', epochs: 100, batchSize: 2, learningRate: 0.1, momentum: 0.5, seed: 3 });
 * console.log(exactLogLikelihood(result.plan, values, 4) > exactLogLikelihood(plan, values, 4)); // true
 * ```
 */
export function trainSbn(plan: Plan, data: TrainingData, options: TrainSbnOptions): TrainSbnResult {
  const fn = 'trainSbn';
  const issues: StochnetError[] = [];
  const o = (options !== null && typeof options === 'object' ? options : {}) as Record<string, unknown>;
  const planOk = checkBeliefPlan(fn, plan, issues);
  const rule = resolveRuleOptions(fn, o as unknown as BeliefNetRuleOptions, issues);
  resolveOptimiserOptions(fn, o, issues);
  const resolved = resolveTrainOptions(fn, o, issues);
  checkData(fn, 'data', planOk ? plan : null, data, issues);
  if (o['validation'] !== undefined) checkData(fn, 'validation', planOk ? plan : null, o['validation'], issues);
  if (planOk && rule.method === 'wake-sleep') {
    try {
      const order = bottomUpBlocks(fn, plan);
      if (rule.recognition !== null) checkRecognitionFits(fn, 'recognition', rule.recognition, plan, order);
    } catch (e) {
      issues.push(e as StochnetError);
    }
  }
  if (issues.length > 0) throwIssues(issues as [StochnetError, ...StochnetError[]]);
  const work = clonePlan(plan);
  const root = createRng(resolved.seed);
  const learner: BeliefNetLearner =
    rule.method === 'sbn-gibbs'
      ? createSbnGibbsLearner(work, { ...(options as SbnGibbsOptions), seed: undefined, rng: root.fork('chains') })
      : createWakeSleepLearner(work, { ...(options as WakeSleepOptions & SbnLoopOptions), seed: undefined, rng: root.fork('recognition') });
  const optimiser = new Optimiser(work, options);
  const early = resolved.early === null ? null : new EarlyStopping(resolved.early, null);
  // The loop reads only `gradient` and `positive` of its learner and the loop options of its
  // options (callbacks, validation); belief-net runs are not checkpointed, so the state is not exposed.
  const result = runEpochs(
    { plan: work, learner: learner as unknown as Learner, optimiser, options: options as unknown as TrainOptions, resolved, epoch: 0, step: 0, history: [], early },
    data,
  );
  return {
    plan: work,
    history: result.history,
    network: () => work.toNetwork(),
    stoppedEarly: result.stoppedEarly,
    bestEpoch: result.bestEpoch,
    recognition: 'recognition' in learner ? (learner as { recognition: SigmoidNet }).recognition : null,
    learner,
  };
}
