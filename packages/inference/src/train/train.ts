/**
 * The training loop: minibatches shuffled per epoch from seeded substreams,
 * a learning rule and an optimiser on a copy of the plan, per-epoch metrics,
 * callbacks, early stopping and a divergence guard.
 *
 * @module
 */
import { NonFiniteError, createRng, throwIssues } from '@stochnet/graph';
import type { Network, Rng, StochnetError } from '@stochnet/graph';
import { clonePlan } from '@stochnet/model';
import type { Plan } from '@stochnet/model';
import { TrainingDivergedError } from '../errors.js';
import { forkStreams } from '../alea-streams.js';
import { createLearner } from '../learn/learner.js';
import type { Learner } from '../learn/learner.js';
import { Optimiser } from './optimiser.js';
import { learnOptionsOf, prepareRun } from './prepare.js';
import type { EpochRecord, ResolvedTrainOptions, TrainingData, TrainOptions } from './options.js';
import { EarlyStopping, evaluate } from './monitor.js';
import type { EarlyStoppingState } from './monitor.js';
import { FusedCd } from './fused-cd.js';

/** Everything a run needs to continue: see `checkpoint` and `resumeTraining`. */
export interface TrainState {
  /** The trained copy (its parameters are the run's current ones). */
  readonly plan: Plan;
  /** Epochs completed. */
  readonly epoch: number;
  /** Steps (batches) completed. */
  readonly step: number;
  /** One record per completed epoch. */
  readonly history: readonly EpochRecord[];
  /** The learning rule, with its persistent chains. */
  readonly learner: Learner;
  /** The optimiser, with its velocity. */
  readonly optimiser: Optimiser;
  /** The options of the run (callbacks, metrics and validation data included). */
  readonly options: TrainOptions;
  /** Early-stopping progress, or null without early stopping. */
  readonly early: EarlyStoppingState | null;
}

/** What {@link train} returns. */
export interface TrainResult {
  /** The trained copy of the plan (the input plan is never changed). */
  readonly plan: Plan;
  /** One record per epoch, the earlier epochs of a resumed run included. */
  readonly history: readonly EpochRecord[];
  /** The trained parameters written back into a new Network. */
  network(): Network;
  /** The state to save with `checkpoint`. */
  readonly state: TrainState;
  /** Whether early stopping ended the run. */
  readonly stoppedEarly: boolean;
  /** The epoch with the best monitored metric, or null without early stopping. */
  readonly bestEpoch: number | null;
}

/** @internal A run in progress. */
export interface Run {
  readonly plan: Plan;
  readonly learner: Learner;
  readonly optimiser: Optimiser;
  readonly options: TrainOptions;
  readonly resolved: ResolvedTrainOptions;
  epoch: number;
  step: number;
  readonly history: EpochRecord[];
  readonly early: EarlyStopping | null;
}

/** @internal The random order of one epoch: Fisher–Yates from the epoch's 'shuffle' stream. */
export function epochOrder(rows: number, rng: Rng): Int32Array {
  const order = new Int32Array(rows);
  for (let i = 0; i < rows; i++) order[i] = i;
  for (let i = rows - 1; i > 0; i--) {
    const j = rng.nextInt(i + 1);
    const t = order[i]!;
    order[i] = order[j]!;
    order[j] = t;
  }
  return order;
}

function divergedFromGradient(e: NonFiniteError, run: Run, epoch: number, batch: number): TrainingDivergedError {
  const d = e.details;
  const block = typeof d['coupling'] === 'string' ? d['coupling'] : typeof d['group'] === 'string' ? `units:${d['group']}` : 'states';
  return new TrainingDivergedError(
    `training diverged at epoch ${epoch}, batch ${batch}: the learning rule met a non-finite value in ${block} (${e.message}); lower the learning rate or set maxGradNorm`,
    { epoch, batch, step: run.step, what: 'gradient', block, index: d['unit'] ?? d['index'] ?? d['column'] ?? null, value: d['received'] ?? null },
    run.plan,
  );
}

/**
 * Copies rows order[r0 .. r0 + m) of `values` (cols per row) into `batch`.
 * Its own function, so the engine optimises it after a few calls (and keeps
 * that across runs) instead of interpreting the copy inside the long epoch
 * loop until that loop is compiled on the fly.
 */
function gatherRows(batch: Uint8Array | Float64Array, values: ArrayLike<number>, order: Int32Array, r0: number, m: number, cols: number): void {
  for (let r = 0; r < m; r++) {
    const src = order[r0 + r]! * cols;
    for (let i = 0; i < cols; i++) batch[r * cols + i] = values[src + i]!;
  }
}

/** @internal Runs epochs run.epoch .. epochs − 1 (or until early stopping) and returns the result. */
export function runEpochs(run: Run, data: TrainingData): TrainResult {
  const { plan, learner, optimiser, options, resolved } = run;
  const root = createRng(resolved.seed);
  const N = data.rows;
  const cols = data.cols;
  const B = Math.min(resolved.batchSize, N);
  const batches = Math.ceil(N / B);
  const full = data.values instanceof Uint8Array ? new Uint8Array(B * cols) : new Float64Array(B * cols);
  const tail = N % B === 0 ? full : full.subarray(0, (N % B) * cols);
  const total = Math.max(1, resolved.epochs * batches);
  const fused = run.epoch < resolved.epochs ? FusedCd.create(plan, optimiser, learner, options, B) : null;
  // The ascent direction of the general path (float64); a session forms its steps in its own memory.
  const grad = fused === null ? { bias: new Float64Array(plan.size), weights: plan.weights.map((w) => new Float64Array(w.weights.length)) } : null;
  try {
    while (run.epoch < resolved.epochs && !(run.early?.stopped ?? false)) {
      const e = run.epoch;
      const er = root.fork(`epoch/${e}`);
      const order = epochOrder(N, er.fork('shuffle'));
      let normSum = 0;
      // The batches' streams er.fork('batch/' + b), draw for draw, without a seedrandom object each.
      const streams = forkStreams(er, 'batch/', batches);
      fused?.load();
      for (let b = 0; b < batches; b++) {
        const r0 = b * B;
        const m = Math.min(B, N - r0);
        const batch = m === B ? full : tail;
        gatherRows(batch, data.values, order, r0, m, cols);
        const place = { epoch: e, batch: b, step: run.step };
        let info;
        if (fused !== null) {
          info = fused.step(batch, m, streams[b]!, place);
        } else {
          try {
            learner.gradient(grad!, batch, m, streams[b]!, order.subarray(r0, r0 + m));
          } catch (err) {
            if (err instanceof NonFiniteError) throw divergedFromGradient(err, run, e, b);
            throw err;
          }
          info = optimiser.step(grad!, place, learner.positive);
        }
        run.step++;
        normSum += info.stepNorm;
        options.onBatch?.({ epoch: e, batch: b, batches, step: run.step, progress: Math.min(1, run.step / total), learningRate: info.learningRate, stepNorm: info.stepNorm, clipped: info.clipped });
      }
      fused?.sync();
      const record: EpochRecord = {
        epoch: e,
        steps: run.step,
        learningRate: optimiser.learningRateAt(e),
        momentum: optimiser.momentumAt(e),
        meanStepNorm: normSum / batches,
        train: resolved.evaluate ? evaluate(plan, data, resolved.metrics) : {},
        validation: !resolved.evaluate || options.validation === undefined ? null : evaluate(plan, options.validation, resolved.metrics),
      };
      run.history.push(record);
      run.epoch = e + 1;
      options.onEpoch?.({ epoch: e, epochs: resolved.epochs, progress: Math.min(1, run.step / total), record, plan });
      run.early?.update(plan, record, options.validation ?? data);
    }
  } catch (err) {
    // A callback or a step threw mid-epoch: leave the plan and velocity at the last applied step.
    if (fused !== null && !(err instanceof TrainingDivergedError)) fused.sync();
    throw err;
  } finally {
    fused?.dispose();
  }
  const state: TrainState = {
    plan,
    epoch: run.epoch,
    step: run.step,
    history: run.history,
    learner,
    optimiser,
    options,
    early: run.early === null ? null : run.early.state(),
  };
  return {
    plan,
    history: run.history,
    network: () => plan.toNetwork(),
    state,
    stoppedEarly: run.early?.stopped ?? false,
    bestEpoch: run.early === null ? null : run.early.bestEpoch,
  };
}

/**
 * Trains an undirected model (RBM or Boltzmann machine) on data with
 * CD-k, PCD-k or parallel tempering and SGD.
 *
 * @remarks
 * The input plan and network are never changed: training runs on
 * `clonePlan(plan)` and returns it. Randomness (all from `seed`): epoch e
 * shuffles its rows with `fork('epoch/' + e).fork('shuffle')` and update b
 * of epoch e draws from `fork('epoch/' + e).fork('batch/' + b)`, so adding
 * epochs never changes earlier ones; persistent chains (PCD, PT) draw from
 * `fork('chains')`. Each epoch visits every row once in batches of
 * `batchSize` (the last batch takes the remainder). After every step
 * `onBatch` is called; after every epoch the metrics are evaluated
 * (`reconstruction`: mean squared error per visible unit of one
 * deterministic mean-field pass, v̂ = p(v | p(h | v)) for an RBM; plus
 * every named metric) on the training and validation data, recorded in the
 * history, and `onEpoch` is called; early stopping then checks the
 * monitored metric (on validation data when given). Divergence guard: a
 * non-finite gradient, or a step that would make a parameter non-finite,
 * throws a TrainingDivergedError carrying the trained copy at its last
 * finite parameters; the step is not applied. With `evaluate: false` no
 * metric is evaluated (records carry `train: {}`, `validation: null`).
 * Fused path: for CD (without sampleVisible) or PCD on an `rbm` plan with
 * a dense, unmasked visible × hidden coupling, without sampleHiddenLast,
 * sparsity or maxGradNorm, on a backend with `rbmSession` (the wasm
 * backend), each update runs inside the backend on resident parameters and,
 * for PCD, resident persistent chains (see RbmTrainingSession; its uniforms
 * follow the backend's random mode); the plan, the optimiser velocity and
 * the chains are synchronised at every epoch end and when a step diverges
 * or a callback throws. Every option and the data
 * are checked first, every problem collected: a failed call changes
 * nothing and consumes no randomness.
 *
 * @param plan - a compiled `rbm` or `boltzmann` plan with a visible-role group
 * @param data - rows × cols training data, columns = visible units in layout order
 * @param options - rule, hyperparameters, seed, monitoring and callbacks
 * @returns the trained copy, the history and the state to checkpoint
 * @throws ConfigError naming an invalid option (k, learningRate, batchSize, epochs, momentum, weightDecay, …)
 * @throws ShapeError when data has the wrong width ("batch has 5 columns, model expects 4 visible units") or no rows
 * @throws BinaryDataError naming the row and column of a value that is not 0/1 (or outside [0, 1] with allowProbabilities)
 * @throws TooLargeError when k, chains, replicas or batch sizes exceed the documented limits
 * @throws SeedError when the seed is missing or not accepted
 * @throws GraphStructureError when the plan has directed couplings or no visible group
 * @throws TrainingDivergedError when training produces a non-finite gradient or parameter
 *
 * @example
 * ```ts
 * import { rbm } from '@stochnet/graph';
 * import { compile } from '@stochnet/model';
 * import { train } from '@stochnet/inference';
 * const plan = compile(rbm(4, 2, { seed: 1 }), { dtype: 'float64' });
 * const values = Uint8Array.of(1, 1, 0, 0, 0, 0, 1, 1, 1, 1, 0, 0, 0, 0, 1, 1);
 * const result = train(plan, { values, rows: 4, cols: 4 }, { method: 'cd', k: 1, epochs: 20, batchSize: 2, learningRate: 0.1, seed: 7 });
 * const h = result.history;
 * console.log(h.length, h[19]!.train['reconstruction']! < h[0]!.train['reconstruction']!); // 20 true
 * ```
 */
export function train(plan: Plan, data: TrainingData, options: TrainOptions): TrainResult {
  const fn = 'train';
  const issues: StochnetError[] = [];
  const resolved = prepareRun(fn, plan, data, options, issues);
  if (issues.length > 0) throwIssues(issues as [StochnetError, ...StochnetError[]]);
  const work = clonePlan(plan);
  const learner = createLearner(work, { ...learnOptionsOf(options, data.rows), rng: createRng(resolved.seed).fork('chains') });
  const optimiser = new Optimiser(work, options);
  const early = resolved.early === null ? null : new EarlyStopping(resolved.early, null);
  return runEpochs({ plan: work, learner, optimiser, options, resolved, epoch: 0, step: 0, history: [], early }, data);
}
