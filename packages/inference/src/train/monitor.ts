/**
 * Monitoring during training: the per-epoch metrics and early stopping on
 * one of them, with the best parameters kept for restoring.
 *
 * @module
 */
import type { FloatArray, Plan } from '@stochnet/model';
import { meanFieldReconstruction } from '../estimate/reconstruction.js';
import type { EpochRecord, ResolvedTrainOptions, TrainingData } from './options.js';

/** Early-stopping progress (saved in checkpoints). */
export interface EarlyStoppingState {
  /** The best monitored value so far, or null before the first epoch. */
  readonly best: number | null;
  /** The epoch of the best value (−1 before the first epoch). */
  readonly bestEpoch: number;
  /** Epochs since the last improvement. */
  readonly wait: number;
  /** Whether the run has stopped. */
  readonly stopped: boolean;
  /** The parameters of the best epoch (bias, then every weight block), kept when `restoreBest`. */
  readonly bestParams: readonly FloatArray[] | null;
}

/**
 * @internal The built-in and named metrics of a data set: `reconstruction`
 * is the squared reconstruction error per visible unit of one mean-field
 * pass (the estimator `reconstructionError`, for every undirected kind and
 * for probability data).
 */
export function evaluate(plan: Plan, data: TrainingData, metrics: ResolvedTrainOptions['metrics']): Record<string, number> {
  const out: Record<string, number> = { reconstruction: meanFieldReconstruction(plan, data.values, data.rows, data.cols, 'squared') };
  for (const [name, f] of metrics) out[name] = f(plan, data);
  return out;
}

function paramsOf(plan: Plan): FloatArray[] {
  return [plan.bias, ...plan.weights.map((w) => w.weights)];
}

/** @internal Early stopping: tracks the monitored metric, keeps the best parameters, stops after `patience` epochs without improvement. */
export class EarlyStopping {
  private best: number | null;
  bestEpoch: number;
  private wait: number;
  stopped: boolean;
  private bestParams: FloatArray[] | null;

  constructor(
    private readonly o: NonNullable<ResolvedTrainOptions['early']>,
    saved: EarlyStoppingState | null,
  ) {
    this.best = saved?.best ?? null;
    this.bestEpoch = saved?.bestEpoch ?? -1;
    this.wait = saved?.wait ?? 0;
    this.stopped = saved?.stopped ?? false;
    this.bestParams = saved?.bestParams ? saved.bestParams.map((a) => a.slice()) : null;
  }

  /** Checks the epoch just recorded; on the last allowed epoch without improvement, stops (restoring the best parameters). */
  update(plan: Plan, record: EpochRecord, monitored: TrainingData): void {
    const m = this.o.metric;
    const scores = record.validation ?? record.train;
    const value = typeof m === 'string' ? scores[m]! : m(plan, monitored);
    const better = this.best === null || (this.o.mode === 'min' ? value < this.best : value > this.best);
    if (better) {
      this.best = value;
      this.bestEpoch = record.epoch;
      this.wait = 0;
      if (this.o.restoreBest) this.bestParams = paramsOf(plan).map((a) => a.slice());
      return;
    }
    this.wait++;
    if (this.wait < this.o.patience) return;
    this.stopped = true;
    if (this.bestParams !== null) paramsOf(plan).forEach((a, k) => a.set(this.bestParams![k]!));
  }

  /** A copy of the progress, for checkpoints. */
  state(): EarlyStoppingState {
    return { best: this.best, bestEpoch: this.bestEpoch, wait: this.wait, stopped: this.stopped, bestParams: this.bestParams === null ? null : this.bestParams.map((a) => a.slice()) };
  }
}
