/**
 * Everything the training loop checks before any work: the plan, every
 * option (rule, optimiser, loop), the data and the validation data, with
 * every problem collected into one list.
 *
 * @module
 */
import { TooLargeError, ValidationError } from '@stochnet/graph';
import type { StochnetError } from '@stochnet/graph';
import type { Plan } from '@stochnet/model';
import { MAX_CHAIN_ENTRIES } from '../chains.js';
import { checkBatch, visibleCount } from '../learn/batch-check.js';
import { prepareLearner } from '../learn/learner.js';
import type { LearnerOptions } from '../learn/learner.js';
import { resolveOptimiserOptions } from './optimiser-options.js';
import { resolveTrainOptions } from './options.js';
import type { ResolvedTrainOptions, TrainingData, TrainOptions } from './options.js';

/** @internal The rule's options for a run, chains defaulting to the (effective) batch size. */
export function learnOptionsOf(o: TrainOptions, rows: number): LearnerOptions {
  const batch = Math.min(typeof o.batchSize === 'number' && o.batchSize > 0 ? o.batchSize : 1, Math.max(rows, 1));
  const base = { k: o.k, positive: o.positive, allowProbabilities: o.allowProbabilities };
  if (o.method === 'pcd') return { method: 'pcd', ...base, chains: o.chains ?? batch, sampleHiddenLast: o.sampleHiddenLast };
  if (o.method === 'pt') return { method: 'pt', ...base, chains: o.chains ?? batch, replicas: o.replicas, betas: o.betas };
  return { ...base, method: o.method, sampleVisible: o.sampleVisible, sampleHiddenLast: o.sampleHiddenLast } as LearnerOptions;
}

function checkData(fn: string, argument: string, plan: Plan | null, data: unknown, allowProbabilities: boolean, issues: StochnetError[]): number {
  const d = data as Partial<TrainingData> | null;
  if (d === null || typeof d !== 'object') {
    issues.push(new ValidationError(`${fn}: ${argument} must be { values, rows, cols }`, { function: fn, argument }));
    return 0;
  }
  if (typeof d.cols !== 'number' || !Number.isSafeInteger(d.cols) || d.cols < 0) {
    issues.push(new ValidationError(`${fn}: ${argument}.cols must be a non-negative integer`, { function: fn, argument: `${argument}.cols`, received: d.cols }));
    return 0;
  }
  const nv = plan === null ? d.cols : visibleCount(plan);
  checkBatch(fn, argument, d.values, d.rows, d.cols, nv, allowProbabilities, issues);
  return typeof d.rows === 'number' ? d.rows : 0;
}

/** @internal Checks a run; returns the loop's resolved options (meaningful only when nothing was pushed). */
export function prepareRun(fn: string, plan: Plan, data: TrainingData, options: TrainOptions, issues: StochnetError[]): ResolvedTrainOptions {
  const o = (options !== null && typeof options === 'object' ? options : {}) as TrainOptions;
  if (options === null || typeof options !== 'object') {
    issues.push(new ValidationError(`${fn}: options must be an object such as { method: 'cd', epochs: 10, batchSize: 10, learningRate: 0.1, seed: 1 }`, { function: fn, argument: 'options' }));
  }
  const before = issues.length;
  const rows = typeof data?.rows === 'number' ? data.rows : 1;
  prepareLearner(fn, plan, { ...learnOptionsOf(o, rows), seed: 'check' }, issues);
  const planOk = issues.slice(before).every((e) => e.details['argument'] !== 'plan' && e.code !== 'STRUCTURE');
  resolveOptimiserOptions(fn, o as unknown as Record<string, unknown>, issues);
  const resolved = resolveTrainOptions(fn, o as unknown as Record<string, unknown>, issues);
  const allow = o.allowProbabilities === true;
  const n = checkData(fn, 'data', planOk ? plan : null, data, allow, issues);
  if (o.validation !== undefined) checkData(fn, 'validation', planOk ? plan : null, o.validation, allow, issues);
  if (planOk && n > 0) {
    const batch = Math.min(resolved.batchSize, n);
    const replicas = o.method === 'pt' ? (o.betas?.length ?? o.replicas ?? 10) : 1;
    const entries = Math.max(batch, typeof o.chains === 'number' ? o.chains : 0) * plan.size * replicas;
    if (entries > MAX_CHAIN_ENTRIES) {
      issues.push(
        new TooLargeError(`${fn}: batch and chains × units × replicas = ${entries} state entries exceeds the limit ${MAX_CHAIN_ENTRIES}; use smaller batches or fewer chains`, {
          function: fn,
          option: 'batchSize',
          limit: MAX_CHAIN_ENTRIES,
          received: entries,
        }),
      );
    }
  }
  return resolved;
}
