/**
 * Options of the training loop, the data it takes, the events it emits and
 * the records it keeps; and the check that collects every problem with
 * them before any work.
 *
 * @module
 */
import { ConfigError, canonicalSeed } from '@stochnet/graph';
import type { Seed, StochnetError } from '@stochnet/graph';
import type { Plan } from '@stochnet/model';
import { countOption } from '../learn/options.js';
import type { PositivePhase } from '../learn/options.js';
import type { OptimiserOptions } from './optimiser-options.js';
import { describeValue } from '../option-checks.js';

/** A data set: `rows` rows of `cols` values, row-major; columns are the visible-role units in layout order. */
export interface TrainingData {
  /** rows × cols values: 0/1, or probabilities in [0, 1] with `allowProbabilities`. */
  readonly values: Uint8Array | Float64Array;
  /** Number of rows (examples). */
  readonly rows: number;
  /** Number of columns; must equal the plan's visible units. */
  readonly cols: number;
}

/** A monitoring metric: any function of the current plan and a data set, evaluated after every epoch. */
export type Metric = (plan: Plan, data: TrainingData) => number;

/** Early stopping on a monitored metric. */
export interface EarlyStoppingOptions {
  /** `'reconstruction'` (default), the name of one of `metrics`, or a metric function. */
  readonly metric?: string | Metric | undefined;
  /** Epochs without improvement before stopping, a positive integer. */
  readonly patience: number;
  /** Whether smaller (default) or larger values are better. */
  readonly mode?: 'min' | 'max' | undefined;
  /** Restore the parameters of the best epoch when stopping; default true. */
  readonly restoreBest?: boolean | undefined;
}

/** One epoch of the history. */
export interface EpochRecord {
  /** The epoch (0-based). */
  readonly epoch: number;
  /** Steps (batches) done in the whole run after this epoch. */
  readonly steps: number;
  /** The learning rate used. */
  readonly learningRate: number;
  /** The momentum used. */
  readonly momentum: number;
  /** Mean ‖Δθ‖ over the epoch's steps. */
  readonly meanStepNorm: number;
  /** Metrics on the training data: `reconstruction` and every named metric. */
  readonly train: Readonly<Record<string, number>>;
  /** The same metrics on the validation data, or null without validation data. */
  readonly validation: Readonly<Record<string, number>> | null;
}

/** Sent to `onBatch` after every step. */
export interface BatchEvent {
  /** The epoch (0-based). */
  readonly epoch: number;
  /** The batch within the epoch (0-based). */
  readonly batch: number;
  /** Batches per epoch. */
  readonly batches: number;
  /** Steps done in the whole run, this one included. */
  readonly step: number;
  /** Fraction of the run done, in (0, 1]. */
  readonly progress: number;
  /** The learning rate used. */
  readonly learningRate: number;
  /** ‖Δθ‖ of this step. */
  readonly stepNorm: number;
  /** Whether clipping shrank this step. */
  readonly clipped: boolean;
}

/** Sent to `onEpoch` after every epoch. */
export interface EpochEvent {
  /** The epoch (0-based). */
  readonly epoch: number;
  /** The total number of epochs of the run. */
  readonly epochs: number;
  /** Fraction of the run done, in (0, 1]. */
  readonly progress: number;
  /** The epoch's record (also appended to the history). */
  readonly record: EpochRecord;
  /** The plan being trained (live; copy it with clonePlan to keep a snapshot). */
  readonly plan: Plan;
}

/** Options of {@link train}. */
export interface TrainOptions extends OptimiserOptions {
  /** The learning rule: CD-k, PCD-k or parallel tempering. */
  readonly method: 'cd' | 'pcd' | 'pt';
  /** Gibbs steps per update, a positive integer; default 1. */
  readonly k?: number | undefined;
  /** Epochs to run in total (a resumed run counts the epochs already done), a non-negative integer. */
  readonly epochs: number;
  /** Rows per batch, a positive integer (a last, smaller batch takes the remainder). */
  readonly batchSize: number;
  /** The seed of every random stream of the run (see canonicalSeed). */
  readonly seed: Seed;
  /** CD on RBMs: sample the reconstructions' visible units; default false (Hinton 2010). */
  readonly sampleVisible?: boolean | undefined;
  /** CD/PCD on RBMs: sampled final hidden states in the statistics; default false. */
  readonly sampleHiddenLast?: boolean | undefined;
  /** PCD/PT: persistent chains; default `batchSize`. */
  readonly chains?: number | undefined;
  /** PT: number of replicas (default 10, β linear from 1 to 0). */
  readonly replicas?: number | undefined;
  /** PT: explicit inverse temperatures (1 first, decreasing, ≥ 0). */
  readonly betas?: readonly number[] | undefined;
  /** The positive phase when hidden units interact (see PositivePhase). */
  readonly positive?: PositivePhase | undefined;
  /** Accept data in [0, 1] instead of 0/1; default false. */
  readonly allowProbabilities?: boolean | undefined;
  /** Held-out data for the monitored metrics. */
  readonly validation?: TrainingData | undefined;
  /** Named metric functions evaluated after every epoch (on training and validation data). */
  readonly metrics?: Readonly<Record<string, Metric>> | undefined;
  /** Stop when the monitored metric stops improving (needs `evaluate`). */
  readonly earlyStopping?: EarlyStoppingOptions | undefined;
  /** Evaluate the metrics after every epoch; default true. With false the records carry `train: {}` and `validation: null`. */
  readonly evaluate?: boolean | undefined;
  /** Called after every step. */
  readonly onBatch?: ((event: BatchEvent) => void) | undefined;
  /** Called after every epoch. */
  readonly onEpoch?: ((event: EpochEvent) => void) | undefined;
}

/** @internal Train options checked, with defaults. */
export interface ResolvedTrainOptions {
  readonly epochs: number;
  readonly batchSize: number;
  readonly seed: string;
  readonly metrics: readonly (readonly [string, Metric])[];
  readonly evaluate: boolean;
  readonly early: {
    readonly metric: string | Metric;
    readonly patience: number;
    readonly mode: 'min' | 'max';
    readonly restoreBest: boolean;
  } | null;
}

function isFunction(x: unknown): boolean {
  return typeof x === 'function';
}

/** @internal Checks the loop's own options (the rule's and the optimiser's are checked elsewhere). */
export function resolveTrainOptions(fn: string, o: Record<string, unknown>, issues: StochnetError[]): ResolvedTrainOptions {
  const bad = (option: string, expected: string, received: unknown): void => {
    const shown = describeValue(received);
    issues.push(new ConfigError(`${fn}: option ${option} must be ${expected}, got ${shown}`, { function: fn, option, expected, received: shown }));
  };
  const epochs = o['epochs'];
  if (typeof epochs !== 'number' || !Number.isSafeInteger(epochs) || epochs < 0) bad('epochs', 'a non-negative integer', epochs);
  const required = (option: string, value: unknown, limit: number): number => {
    if (value === undefined) {
      bad(option, 'a positive integer', value);
      return 1;
    }
    return countOption(fn, option, value, 1, limit, issues);
  };
  const batchSize = required('batchSize', o['batchSize'], 2 ** 24);
  const seed = canonicalSeed(o['seed']);
  if (seed._tag === 'Left') issues.push(seed.left);
  const metrics: [string, Metric][] = [];
  const m = o['metrics'];
  if (m !== undefined) {
    if (m === null || typeof m !== 'object') bad('metrics', 'an object of named metric functions', m);
    else {
      for (const [name, f] of Object.entries(m as Record<string, unknown>)) {
        if (!isFunction(f)) bad(`metrics.${name}`, 'a function (plan, data) => number', f);
        else if (name === 'reconstruction') bad(`metrics.${name}`, "a name other than 'reconstruction' (built in)", name);
        else metrics.push([name, f as Metric]);
      }
    }
  }
  for (const cb of ['onBatch', 'onEpoch']) if (o[cb] !== undefined && !isFunction(o[cb])) bad(cb, 'a function', o[cb]);
  let early: ResolvedTrainOptions['early'] = null;
  const es = o['earlyStopping'];
  if (es !== undefined) {
    if (es === null || typeof es !== 'object') bad('earlyStopping', '{ patience, metric?, mode?, restoreBest? }', es);
    else {
      const e = es as Record<string, unknown>;
      const patience = required('earlyStopping.patience', e['patience'], 2 ** 31);
      const metric = e['metric'] ?? 'reconstruction';
      if (typeof metric === 'string') {
        if (metric !== 'reconstruction' && !metrics.some(([name]) => name === metric)) bad('earlyStopping.metric', "'reconstruction' or the name of one of metrics", metric);
      } else if (!isFunction(metric)) bad('earlyStopping.metric', 'a metric name or function', metric);
      const mode = e['mode'] ?? 'min';
      if (mode !== 'min' && mode !== 'max') bad('earlyStopping.mode', "'min' or 'max'", mode);
      const restoreBest = e['restoreBest'] ?? true;
      if (typeof restoreBest !== 'boolean') bad('earlyStopping.restoreBest', 'true or false', restoreBest);
      early = { metric: metric as string | Metric, patience, mode: mode === 'max' ? 'max' : 'min', restoreBest: restoreBest !== false };
    }
  }
  const evaluate = o['evaluate'] === undefined ? true : o['evaluate'];
  if (typeof evaluate !== 'boolean') bad('evaluate', 'true or false', evaluate);
  else if (!evaluate && es !== undefined) bad('evaluate', 'true when earlyStopping is set (early stopping monitors the evaluated metrics)', evaluate);
  return {
    epochs: typeof epochs === 'number' ? epochs : 0,
    evaluate: evaluate !== false,
    batchSize,
    seed: seed._tag === 'Right' ? seed.right : '',
    metrics,
    early,
  };
}
