/**
 * Checkpoints of a training run as JSON-safe data, and resuming from them:
 * training 10 epochs, saving, and resuming for 10 more equals training 20
 * epochs straight, byte for byte.
 *
 * @module
 */
import { SchemaError, ValidationError, VersionError, createRng, fromJSON, throwIssues, toJSON } from '@stochnet/graph';
import type { StochnetError } from '@stochnet/graph';
import { compile } from '@stochnet/model';
import type { Backend, Dtype, FloatArray } from '@stochnet/model';
import { restoreLearner } from '../learn/restore.js';
import type { LearnerSnapshot } from '../learn/learner.js';
import { pack, unpack } from './base64.js';
import type { PackedArray } from './base64.js';
import { EarlyStopping } from './monitor.js';
import type { EarlyStoppingState } from './monitor.js';
import { Optimiser } from './optimiser.js';
import { learnOptionsOf, prepareRun } from './prepare.js';
import type { EpochRecord, TrainingData, TrainOptions } from './options.js';
import { runEpochs } from './train.js';
import type { TrainResult, TrainState } from './train.js';

/** The JSON-safe options a checkpoint keeps (functions and validation data are not saved). */
export type SavedTrainOptions = Omit<TrainOptions, 'validation' | 'metrics' | 'onBatch' | 'onEpoch' | 'earlyStopping' | 'backend'> & {
  /** Early stopping, when its metric is a name. */
  readonly earlyStopping?: { readonly metric?: string; readonly patience: number; readonly mode?: 'min' | 'max'; readonly restoreBest?: boolean } | undefined;
};

/** A number that may be non-finite, JSON-safe: non-finite values are the strings 'NaN', 'Infinity', '-Infinity'. */
export type SavedNumber = number | 'NaN' | 'Infinity' | '-Infinity';

/** A training run's state as JSON-safe data (see {@link checkpoint}). */
export interface TrainCheckpoint {
  /** Format tag. */
  readonly format: 'stochnet-checkpoint';
  /** Format version. */
  readonly version: 1;
  /** The trained network as stochnet JSON, every array base64 (bit-exact parameters). */
  readonly network: string;
  /** The plan's dtype. */
  readonly dtype: Dtype;
  /** The run's options. */
  readonly options: SavedTrainOptions;
  /** Epochs completed. */
  readonly epoch: number;
  /** Steps completed. */
  readonly step: number;
  /** The history; metric values as {@link SavedNumber}. */
  readonly history: readonly unknown[];
  /** The optimiser's velocity (per gradient block) and sparsity mean. */
  readonly optimiser: { readonly velocity: readonly PackedArray[]; readonly sparsityMean: PackedArray | null };
  /** The learning rule's persistent chains and stream states. */
  readonly learner: LearnerSnapshot;
  /** Early-stopping progress, or null. */
  readonly early: { readonly best: SavedNumber | null; readonly bestEpoch: number; readonly wait: number; readonly stopped: boolean; readonly bestParams: readonly PackedArray[] | null } | null;
}

/** Options of {@link resumeTraining}: any train option overrides the saved one; `backend` picks the kernels. */
export type ResumeOptions = Partial<TrainOptions> & {
  /** The kernels of the restored plan; default the js backend. */
  readonly backend?: Backend | undefined;
};

const SAVED_KEYS = [
  'method', 'k', 'epochs', 'batchSize', 'seed', 'learningRate', 'momentum', 'weightDecay', 'l1', 'sparsity', 'schedule', 'maxGradNorm',
  'sampleVisible', 'sampleHiddenLast', 'chains', 'replicas', 'betas', 'positive', 'allowProbabilities', 'evaluate',
] as const;

const saveNumber = (x: number): SavedNumber => (Number.isFinite(x) ? x : (String(x) as SavedNumber));
const loadNumber = (x: unknown): number => (typeof x === 'number' ? x : Number(x));
const saveScores = (r: Readonly<Record<string, number>>): Record<string, SavedNumber> => Object.fromEntries(Object.entries(r).map(([k, v]) => [k, saveNumber(v)]));
const loadScores = (r: unknown): Record<string, number> => Object.fromEntries(Object.entries(r as Record<string, unknown>).map(([k, v]) => [k, loadNumber(v)]));

/**
 * A training run's state as JSON-safe data: parameters, optimiser velocity,
 * persistent chains, every stream state, counters, history and early-stopping
 * progress.
 *
 * @remarks
 * Parameters are bit-exact (the network JSON stores every array as base64
 * of its little-endian bytes; float32 parameters widen to float64 exactly);
 * velocities as base64 float64; chain states and stream states as plain
 * numbers (exact through JSON). Callbacks, metric functions and validation
 * data are not saved: pass them again to {@link resumeTraining}.
 *
 * @param state - `result.state` of train or resumeTraining
 * @returns data that `JSON.stringify` and `JSON.parse` keep exactly
 * @throws ValidationError when state is not a TrainState
 *
 * @example
 * ```ts
 * import { rbm } from '@stochnet/graph';
 * import { compile } from '@stochnet/model';
 * import { checkpoint, train } from '@stochnet/inference';
 * const plan = compile(rbm(3, 2, { seed: 1 }));
 * const data = { values: Uint8Array.of(1, 0, 1, 0, 1, 0), rows: 2, cols: 3 };
 * const saved = checkpoint(train(plan, data, { method: 'pcd', epochs: 2, batchSize: 2, learningRate: 0.1, seed: 3 }).state);
 * console.log(saved.epoch, JSON.parse(JSON.stringify(saved)).format); // 2 stochnet-checkpoint
 * ```
 */
export function checkpoint(state: TrainState): TrainCheckpoint {
  const s = state as Partial<TrainState> | null;
  if (s === null || typeof s !== 'object' || s.plan === undefined || s.learner === undefined || s.optimiser === undefined || s.options === undefined) {
    throw new ValidationError('checkpoint: state must be result.state from train or resumeTraining', { function: 'checkpoint', argument: 'state' });
  }
  const o = state.options as unknown as Record<string, unknown>;
  const options: Record<string, unknown> = {};
  for (const key of SAVED_KEYS) if (o[key] !== undefined) options[key] = key === 'seed' ? createRng(o[key] as string).seed : structuredClone(o[key]);
  const es = state.options.earlyStopping;
  if (es !== undefined && typeof es.metric !== 'function') {
    options['earlyStopping'] = Object.fromEntries(Object.entries(es).filter(([, v]) => v !== undefined));
  }
  const opt = state.optimiser.state();
  const early = state.early;
  return {
    format: 'stochnet-checkpoint',
    version: 1,
    network: toJSON(state.plan.toNetwork(), { inline: 0 }),
    dtype: state.plan.dtype,
    options: options as SavedTrainOptions,
    epoch: state.epoch,
    step: state.step,
    history: state.history.map((r) => ({ ...r, train: saveScores(r.train), validation: r.validation === null ? null : saveScores(r.validation) })),
    optimiser: { velocity: [opt.velocity.bias, ...opt.velocity.weights].map(pack), sparsityMean: opt.sparsityMean === null ? null : pack(opt.sparsityMean) },
    learner: state.learner.save(),
    early:
      early === null
        ? null
        : { best: early.best === null ? null : saveNumber(early.best), bestEpoch: early.bestEpoch, wait: early.wait, stopped: early.stopped, bestParams: early.bestParams === null ? null : early.bestParams.map(pack) },
  };
}

function schema(path: string, message: string): SchemaError {
  return new SchemaError(`resumeTraining: checkpoint ${path} ${message}`, { function: 'resumeTraining', path });
}

function int(x: unknown): boolean {
  return typeof x === 'number' && Number.isSafeInteger(x) && x >= 0;
}

/**
 * Continues a run from a {@link checkpoint}: the result equals the
 * uninterrupted run byte for byte (same engine, backend and options).
 *
 * @remarks
 * `options.epochs` is the total: a checkpoint after 10 epochs resumed with
 * `{ epochs: 20 }` runs epochs 10–19. Every saved option applies unless
 * `options` overrides it; callbacks, metrics and validation data come from
 * `options`. Everything is checked before any work.
 *
 * @param saved - data from checkpoint (after any JSON round trip)
 * @param data - the training data
 * @param options - overrides of saved options, callbacks, metrics, validation data, backend
 * @returns the result, as train's
 * @throws SchemaError or VersionError for a malformed checkpoint; ParseError and the other errors of fromJSON for its network
 * @throws the errors of train for the merged options and the data
 *
 * @example
 * ```ts
 * import { rbm } from '@stochnet/graph';
 * import { compile } from '@stochnet/model';
 * import { checkpoint, resumeTraining, train } from '@stochnet/inference';
 * const plan = compile(rbm(3, 2, { seed: 1 }));
 * const data = { values: Uint8Array.of(1, 0, 1, 0, 1, 0, 1, 1, 0), rows: 3, cols: 3 };
 * const opts = { method: 'pcd', epochs: 4, batchSize: 2, learningRate: 0.1, seed: 3 } as const;
 * const half = train(plan, data, { ...opts, epochs: 2 });
 * const resumed = resumeTraining(JSON.parse(JSON.stringify(checkpoint(half.state))), data, { epochs: 4 });
 * const straight = train(plan, data, opts);
 * console.log(resumed.plan.weights[0]!.weights.join() === straight.plan.weights[0]!.weights.join()); // true
 * ```
 */
export function resumeTraining(saved: TrainCheckpoint, data: TrainingData, options: ResumeOptions = {}): TrainResult {
  const fn = 'resumeTraining';
  const c = saved as Partial<TrainCheckpoint> | null;
  if (c === null || typeof c !== 'object' || c.format !== 'stochnet-checkpoint') throw schema('format', "must be 'stochnet-checkpoint'");
  if (c.version !== 1) throw new VersionError(`${fn}: checkpoint version ${String(c.version)} is not supported; this library reads version 1`, { function: fn, path: 'version', received: c.version });
  const bad: SchemaError[] = [];
  if (typeof c.network !== 'string') bad.push(schema('network', 'must be stochnet network JSON text'));
  if (c.dtype !== 'float32' && c.dtype !== 'float64') bad.push(schema('dtype', "must be 'float32' or 'float64'"));
  if (!int(c.epoch) || !int(c.step)) bad.push(schema('epoch', 'and step must be non-negative integers'));
  if (!Array.isArray(c.history) || c.history.length !== c.epoch) bad.push(schema('history', 'must hold one record per completed epoch'));
  if (c.options === null || typeof c.options !== 'object' || c.learner === null || typeof c.learner !== 'object') bad.push(schema('options', 'and learner must be objects'));
  const opt = c.optimiser;
  if (opt === null || typeof opt !== 'object' || !Array.isArray(opt.velocity)) bad.push(schema('optimiser', 'must hold the velocity blocks'));
  if (bad.length > 0) throwIssues(bad as [StochnetError, ...StochnetError[]]);
  const { backend, ...overrides } = options;
  const plan = compile(fromJSON(c.network!), backend === undefined ? { dtype: c.dtype! } : { dtype: c.dtype!, backend });
  const merged = { ...c.options, ...overrides } as TrainOptions;
  const issues: StochnetError[] = [];
  const resolved = prepareRun(fn, plan, data, merged, issues);
  const blocks = [plan.size, ...plan.weights.map((w) => w.weights.length)];
  const velocity = opt!.velocity.map((p, k) => unpack(p, 'float64', blocks[k] ?? -1) as Float64Array | undefined);
  if (velocity.length !== blocks.length || velocity.some((v) => v === undefined)) issues.push(schema('optimiser.velocity', 'does not match the network'));
  const q = opt!.sparsityMean === null ? null : (unpack(opt!.sparsityMean, 'float64', plan.size) as Float64Array | undefined);
  if (q === undefined) issues.push(schema('optimiser.sparsityMean', `must be null or ${plan.size} float64 values`));
  let early: EarlyStoppingState | null = null;
  if (c.early !== null && c.early !== undefined) {
    const e = c.early;
    const params = e.bestParams === null ? null : e.bestParams.map((p, k) => unpack(p, c.dtype!, blocks[k] ?? -1));
    if (!int(e.bestEpoch + 1) || !int(e.wait) || typeof e.stopped !== 'boolean' || (params !== null && (params.length !== blocks.length || params.some((p) => p === undefined)))) {
      issues.push(schema('early', 'is malformed'));
    } else early = { best: e.best === null ? null : loadNumber(e.best), bestEpoch: e.bestEpoch, wait: e.wait, stopped: e.stopped, bestParams: params as FloatArray[] | null };
  }
  if (issues.length > 0) throwIssues(issues as [StochnetError, ...StochnetError[]]);
  const learner = restoreLearner(plan, { ...learnOptionsOf(merged, data.rows), rng: createRng(resolved.seed).fork('chains') }, c.learner!);
  const optimiser = new Optimiser(plan, merged);
  optimiser.setState({ velocity: { bias: velocity[0]!, weights: velocity.slice(1) as Float64Array[] }, sparsityMean: q ?? null });
  const history = (c.history as Record<string, unknown>[]).map(
    (r) => ({ ...r, train: loadScores(r['train']), validation: r['validation'] === null ? null : loadScores(r['validation']) }) as unknown as EpochRecord,
  );
  const stopper = resolved.early === null ? null : new EarlyStopping(resolved.early, early);
  return runEpochs({ plan, learner, optimiser, options: merged, resolved, epoch: c.epoch!, step: c.step!, history, early: stopper }, data);
}
