/**
 * Options of `fineTuneDbn` and their checks, which collect every problem
 * (options, data, labels, held-out sets) before any work.
 *
 * @module
 */
import { ConfigError, NonFiniteError, ShapeError, ValidationError, canonicalSeed } from '@stochnet/graph';
import type { Seed, StochnetError } from '@stochnet/graph';
import type { TrainingData } from '../train/options.js';

/** A labelled data set: rows of inputs and one class index per row. */
export interface LabelledData {
  /** rows × cols inputs (finite; 0/1 or probabilities for a DBN). */
  readonly data: TrainingData;
  /** One class index per row, integers in [0, classes). */
  readonly labels: ArrayLike<number>;
}

/** One epoch of fine-tuning. */
export interface FineTuneEpoch {
  /** The epoch (0-based). */
  readonly epoch: number;
  /** Mean cross-entropy (nats) over the epoch's batches, before each step. */
  readonly loss: number;
  /** Accuracy on the training data after the epoch. */
  readonly trainAccuracy: number;
  /** Accuracy on the validation data after the epoch, or null without validation data. */
  readonly validationAccuracy: number | null;
  /** Mean cross-entropy on the validation data after the epoch (breaks accuracy ties), or null without validation data. */
  readonly validationLoss: number | null;
}

/** Options of `fineTuneDbn`. */
export interface FineTuneOptions {
  /** Epochs, a non-negative integer (early stopping may end sooner). */
  readonly epochs: number;
  /** Rows per batch, a positive integer. */
  readonly batchSize: number;
  /** Learning rate η > 0 of the descent on the mean loss. */
  readonly learningRate: number;
  /** Momentum μ in [0, 1); default 0.9. */
  readonly momentum?: number | undefined;
  /** L2 weight decay λ ≥ 0 on weights (not biases); default 0. */
  readonly weightDecay?: number | undefined;
  /** The seed of the output layer's initial weights and of the shuffles. */
  readonly seed: Seed;
  /** Number of classes, an integer ≥ 2; default the largest label + 1 (at least 2). */
  readonly classes?: number | undefined;
  /** Standard deviation of the output layer's initial weights, ≥ 0; default 0.01. */
  readonly outputSd?: number | undefined;
  /** Held-out data for early stopping on accuracy (hold it out of the training set, never the test set). */
  readonly validation?: LabelledData | undefined;
  /** Stop after this many epochs without a better validation accuracy (needs validation); default: never. */
  readonly patience?: number | undefined;
  /** Test data: its accuracy is reported once, after training. */
  readonly test?: LabelledData | undefined;
  /** Called after every epoch. */
  readonly onEpoch?: ((record: FineTuneEpoch) => void) | undefined;
}

/** @internal Checked fine-tuning options. */
export interface ResolvedFineTune {
  readonly epochs: number;
  readonly batchSize: number;
  readonly learningRate: number;
  readonly momentum: number;
  readonly weightDecay: number;
  readonly seed: string;
  readonly classes: number;
  readonly outputSd: number;
  readonly patience: number | null;
}

function shown(x: unknown): string {
  return typeof x === 'number' || typeof x === 'string' || typeof x === 'boolean' ? String(x) : x === null ? 'null' : typeof x;
}

/** @internal Pushes problems with a labelled set of `width` columns; returns the largest label seen (−1 when unusable). */
export function checkLabelled(fn: string, argument: string, data: unknown, labels: unknown, width: number, classes: number | null, issues: StochnetError[]): number {
  const d = data as Partial<TrainingData> | null;
  if (d === null || typeof d !== 'object' || !(d.values instanceof Uint8Array || d.values instanceof Float64Array)) {
    issues.push(new ValidationError(`${fn}: ${argument} must be { values, rows, cols } with a Uint8Array or Float64Array`, { function: fn, argument }));
    return -1;
  }
  const rows = d.rows;
  if (typeof rows !== 'number' || !Number.isSafeInteger(rows) || rows < 1 || d.cols !== width || d.values.length !== rows * width) {
    issues.push(new ShapeError(`${fn}: ${argument} must hold rows × ${width} values (rows ≥ 1); it has rows ${shown(rows)}, cols ${shown(d.cols)}, ${d.values.length} values`, { function: fn, argument, expected: width, received: d.cols }));
    return -1;
  }
  for (let i = 0; i < d.values.length; i++) {
    const v = d.values[i]!;
    if (!Number.isFinite(v)) {
      issues.push(new NonFiniteError(`${fn}: ${argument} row ${Math.floor(i / width)}, column ${i % width} is ${v}; inputs must be finite`, { function: fn, argument, row: Math.floor(i / width), column: i % width, received: v }));
      break;
    }
  }
  const l = labels as ArrayLike<unknown> | null;
  const name = argument === 'data' ? 'labels' : `${argument.replace(/\.data$/, '')}.labels`;
  if (l === null || typeof l !== 'object' || typeof l.length !== 'number' || l.length !== rows) {
    issues.push(new ShapeError(`${fn}: ${name} must hold one class index per row (${rows})`, { function: fn, argument: name, expected: rows, received: l !== null && typeof l === 'object' ? l.length : shown(l) }));
    return -1;
  }
  let max = -1;
  for (let r = 0; r < rows; r++) {
    const y = l[r];
    if (typeof y !== 'number' || !Number.isInteger(y) || y < 0 || (classes !== null && y >= classes)) {
      issues.push(new ValidationError(`${fn}: ${name}[${r}] is ${shown(y)}; labels must be integers in [0, ${classes ?? 'classes'})`, { function: fn, argument: name, row: r, received: shown(y), expected: classes === null ? 'integer ≥ 0' : `integer in [0, ${classes})` }, 'LABEL_RANGE'));
      return -1;
    }
    if (y > max) max = y;
  }
  return max;
}

/** @internal Checks the scalar options, pushing every problem. */
export function resolveFineTune(fn: string, options: unknown, maxLabel: number, issues: StochnetError[]): ResolvedFineTune {
  const o = (options !== null && typeof options === 'object' ? options : {}) as Record<string, unknown>;
  if (options === null || typeof options !== 'object') issues.push(new ConfigError(`${fn}: options must be an object such as { epochs: 50, batchSize: 10, learningRate: 0.1, seed: 1 }`, { function: fn, option: 'options' }));
  const num = (option: string, fallback: number | null, expected: string, ok: (v: number) => boolean): number => {
    const v = o[option];
    if (v === undefined && fallback !== null) return fallback;
    if (typeof v === 'number' && Number.isFinite(v) && ok(v)) return v;
    issues.push(new ConfigError(`${fn}: option ${option} must be ${expected}, got ${shown(v)}`, { function: fn, option, expected, received: shown(v) }));
    return fallback ?? 1;
  };
  const int = (v: number): boolean => Number.isSafeInteger(v);
  const seed = canonicalSeed(o['seed']);
  if (seed._tag === 'Left') issues.push(seed.left);
  for (const cb of ['onEpoch'] as const) if (o[cb] !== undefined && typeof o[cb] !== 'function') issues.push(new ConfigError(`${fn}: option ${cb} must be a function`, { function: fn, option: cb }));
  const patience = o['patience'] === undefined ? null : num('patience', null, 'a positive integer', (v) => int(v) && v > 0);
  if (patience !== null && o['validation'] === undefined) issues.push(new ConfigError(`${fn}: option patience needs option validation (held-out labelled data)`, { function: fn, option: 'patience' }));
  return {
    epochs: num('epochs', null, 'a non-negative integer', (v) => int(v) && v >= 0),
    batchSize: num('batchSize', null, 'a positive integer', (v) => int(v) && v > 0),
    learningRate: num('learningRate', null, 'a finite number > 0', (v) => v > 0),
    momentum: num('momentum', 0.9, 'a number in [0, 1)', (v) => v >= 0 && v < 1),
    weightDecay: num('weightDecay', 0, 'a finite number ≥ 0', (v) => v >= 0),
    seed: seed._tag === 'Right' ? seed.right : '',
    classes: num('classes', Math.max(2, maxLabel + 1), `an integer ≥ 2 and > the largest label (${maxLabel})`, (v) => int(v) && v >= 2 && v > maxLabel),
    outputSd: num('outputSd', 0.01, 'a finite number ≥ 0', (v) => v >= 0),
    patience,
  };
}
