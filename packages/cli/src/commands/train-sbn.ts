/**
 * Training a sigmoid belief net by Gibbs-based learning or wake-sleep, with
 * a log-likelihood learning curve (exact when small, importance-sampled
 * otherwise, on a fixed subset of rows).
 *
 * @module
 */
import { normal, sbn, visibleBiasFromData } from '@stochnet/graph';
import { compile } from '@stochnet/model';
import type { Backend, Plan } from '@stochnet/model';
import { importanceLogLikelihood, trainSbn } from '@stochnet/inference';
import type { Metric, TrainingData } from '@stochnet/inference';
import { tryExact } from '../likelihood.js';
import type { ProgressLine } from '../progress.js';
import type { TrainConfig } from './train-config.js';
import { epochAxis } from './outcome.js';
import type { TrainOutcome } from './outcome.js';

const CURVE_ROWS = 200;
const CURVE_EXACT_HIDDEN = 14;

function head(data: TrainingData, rows: number): TrainingData {
  const n = Math.min(rows, data.rows);
  return { values: data.values.subarray(0, n * data.cols), rows: n, cols: data.cols };
}

/** Mean log p(v) of up to 200 rows: exact for ≤ 14 hidden units, else 100 prior samples per row (a fixed seed). */
const curveMetric: Metric = (plan: Plan, data: TrainingData) => {
  const d = head(data, CURVE_ROWS);
  const hidden = plan.blocks.filter((b) => b.role !== 'visible').reduce((a, b) => a + b.size, 0);
  const values = d.values as Uint8Array;
  if (hidden <= CURVE_EXACT_HIDDEN) return tryExact(plan, values, d.rows) ?? Number.NaN;
  return importanceLogLikelihood(plan, values, d.rows, { seed: 'curve', samples: 100 }).logLikelihood;
};

/** @internal Trains an SBN [cols, ...hidden] on the data. */
export function runSbnTraining(cfg: TrainConfig, backend: Backend, data: TrainingData, validation: TrainingData | null, shape: readonly [number, number], progress: ProgressLine): TrainOutcome {
  const net = sbn([data.cols, ...cfg.hidden], { seed: cfg.seed, shape, init: normal(0, cfg.initSd), visibleBias: visibleBiasFromData(data.values, data.rows, data.cols) });
  const plan = compile(net, { dtype: 'float64', backend });
  const batches = Math.ceil(data.rows / Math.min(cfg.batchSize, data.rows));
  const total = Math.max(1, cfg.epochs * batches);
  let last = '';
  const loop = {
    epochs: cfg.epochs,
    batchSize: cfg.batchSize,
    learningRate: cfg.learningRate,
    seed: cfg.seed,
    weightDecay: cfg.weightDecay,
    ...(cfg.lrDecay === 1 ? {} : { schedule: { type: 'exponential' as const, decay: cfg.lrDecay } }),
    ...(cfg.momentum === undefined ? {} : { momentum: cfg.momentum }),
    metrics: { loglik: curveMetric },
    ...(validation === null ? {} : { validation }),
    onBatch: (e: { epoch: number; batch: number }) => progress.update((e.epoch * batches + e.batch + 1) / total, `epoch ${e.epoch + 1}/${cfg.epochs}${last}`),
    onEpoch: (e: { epoch: number; record: { train: Readonly<Record<string, number>> } }) => {
      last = `  log p ${e.record.train['loglik']?.toFixed(2) ?? '?'}`;
      progress.note((e.epoch + 1) / Math.max(1, cfg.epochs), `epoch ${e.epoch + 1}/${cfg.epochs}${last}`);
    },
  };
  const result =
    cfg.method.method === 'wake-sleep' ? trainSbn(plan, data, { method: 'wake-sleep', ...loop }) : trainSbn(plan, data, { method: 'sbn-gibbs', ...loop });
  const x = epochAxis(result.history.length);
  const series = [{ name: 'training rows', x, values: result.history.map((r) => r.train['loglik'] ?? Number.NaN) }];
  if (validation !== null) series.push({ name: 'held-out rows', x, values: result.history.map((r) => r.validation?.['loglik'] ?? Number.NaN) });
  return {
    network: result.network(),
    plan: result.plan,
    curve: { series, title: `sbn ${[data.cols, ...cfg.hidden].join('-')}, ${cfg.method.method}`, yLabel: 'mean log p(v), nats (200 rows)' },
    fineTuneCurve: null,
    recognition: result.recognition,
    classifier: null,
    lines: [],
  };
}
