/**
 * `stochnet train` flags turned into one checked configuration: model kind
 * and sizes, learning rule, hyperparameters with per-rule defaults.
 *
 * @module
 */
import type { DataFlags } from '../data-source.js';
import { UsageError } from '../errors.js';
import { methodName } from '../flags.js';
import type { BackendFlag, MethodFlag } from '../flags.js';

/** The model kinds the CLI trains. */
export type ModelKind = 'rbm' | 'sbn' | 'dbn';

/** The raw flags of `stochnet train` (commander's parsed values). */
export interface TrainFlags extends DataFlags {
  readonly model: string;
  readonly hidden?: number | undefined;
  readonly layers?: number[] | undefined;
  readonly method?: MethodFlag | undefined;
  readonly epochs: number;
  readonly lr?: number | undefined;
  readonly batchSize: number;
  readonly seed: string;
  readonly weightDecay?: number | undefined;
  readonly momentum?: number | undefined;
  readonly lrDecay?: number | undefined;
  readonly initSd?: number | undefined;
  readonly chains: number;
  readonly fineTune: number;
  readonly out: string;
  readonly resume?: string | undefined;
  readonly checkpointEvery: number;
  readonly samples: number;
  readonly sweeps: number;
  readonly backend: BackendFlag;
}

/** A checked training configuration. */
export interface TrainConfig {
  readonly model: ModelKind;
  /** Hidden sizes, bottom-up (the visible size comes from the data). */
  readonly hidden: readonly number[];
  readonly method: MethodFlag;
  readonly epochs: number;
  readonly learningRate: number;
  readonly batchSize: number;
  readonly seed: string;
  readonly weightDecay: number;
  readonly momentum: number | undefined;
  /** Per-epoch factor of the learning rate (1: constant). */
  readonly lrDecay: number;
  /** Standard deviation of the initial weights. */
  readonly initSd: number;
  readonly chains: number;
  readonly fineTune: number;
}

/** The hidden units of an RBM when no size is given: small enough for an exact log-likelihood. */
export const DEFAULT_HIDDEN = 20;

const DEFAULT_RATE: Record<MethodFlag['method'], number> = { cd: 0.05, pcd: 0.05, pt: 0.05, 'sbn-gibbs': 0.05, 'wake-sleep': 0.05, dbn: 0.05 };

const RULES: Record<ModelKind, readonly MethodFlag['method'][]> = {
  rbm: ['cd', 'pcd', 'pt'],
  sbn: ['sbn-gibbs', 'wake-sleep'],
  dbn: ['dbn'],
};

const DEFAULT_METHOD: Record<ModelKind, MethodFlag> = { rbm: { method: 'pcd', k: 5 }, sbn: { method: 'sbn-gibbs' }, dbn: { method: 'dbn' } };

/** @internal Checks the flags' combinations and fills in per-rule defaults. */
export function trainConfigOf(flags: TrainFlags): TrainConfig {
  const model = flags.model;
  if (model !== 'rbm' && model !== 'sbn' && model !== 'dbn') {
    throw new UsageError(`--model must be rbm, sbn or dbn, got ${model}`, { option: '--model', received: model });
  }
  if (flags.hidden !== undefined && flags.layers !== undefined) {
    throw new UsageError('give --hidden or --layers, not both', { option: '--hidden/--layers' });
  }
  const hidden = flags.layers !== undefined ? flags.layers.slice(1) : [flags.hidden ?? DEFAULT_HIDDEN];
  if (model === 'rbm' && hidden.length !== 1) {
    throw new UsageError(`an rbm has one hidden layer; --layers gave ${hidden.length}. Use --model dbn for a stack`, { option: '--layers', received: hidden.length });
  }
  if (model === 'dbn' && hidden.length < 2) {
    throw new UsageError('a dbn needs at least two hidden layers: --layers 64,100,100 (visible first)', { option: '--layers', received: hidden.length });
  }
  const method = flags.method ?? DEFAULT_METHOD[model];
  if (!RULES[model].includes(method.method)) {
    throw new UsageError(`--method ${methodName(method)} does not train a ${model}; use ${RULES[model].map((m) => (m === 'cd' ? 'cd-K' : m)).join(', ')}`, {
      option: '--method',
      received: methodName(method),
      expected: RULES[model],
    });
  }
  if (flags.fineTune > 0 && model !== 'dbn') throw new UsageError('--fine-tune applies to --model dbn only', { option: '--fine-tune' });
  return {
    model,
    hidden,
    method,
    epochs: flags.epochs,
    learningRate: flags.lr ?? DEFAULT_RATE[method.method],
    batchSize: flags.batchSize,
    seed: flags.seed,
    weightDecay: flags.weightDecay ?? (model === 'sbn' ? 0 : model === 'rbm' ? 0.0005 : 0.0002),
    momentum: flags.momentum,
    lrDecay: flags.lrDecay ?? (model === 'rbm' ? 0.95 : 1),
    initSd: flags.initSd ?? (model === 'rbm' ? 0.1 : 0.01),
    chains: flags.chains,
    fineTune: flags.fineTune,
  };
}

/** @internal Checks that --layers, when given, starts with the data's width. */
export function checkVisibleSize(flags: TrainFlags, cols: number): void {
  const first = flags.layers?.[0];
  if (first !== undefined && first !== cols) {
    throw new UsageError(`--layers starts with the visible size ${first}, but the data has ${cols} columns; start it with ${cols}`, {
      option: '--layers',
      expected: cols,
      received: first,
    });
  }
}

/** Flags a resumed run takes from its checkpoint, by commander's attribute name and flag. */
export const FROM_CHECKPOINT: readonly (readonly [string, string])[] = [
  ['model', '--model'],
  ['hidden', '--hidden'],
  ['layers', '--layers'],
  ['method', '--method'],
  ['lr', '--lr'],
  ['batchSize', '--batch-size'],
  ['seed', '--seed'],
  ['weightDecay', '--weight-decay'],
  ['momentum', '--momentum'],
  ['lrDecay', '--lr-decay'],
  ['initSd', '--init-sd'],
  ['chains', '--chains'],
  ['idx', '--idx'],
  ['csv', '--csv'],
  ['binarize', '--binarize'],
  ['labelColumn', '--label-column'],
  ['shape', '--shape'],
];
