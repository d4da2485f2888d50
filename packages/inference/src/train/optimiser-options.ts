/**
 * Options of the SGD optimiser (learning rate and its schedule, momentum and
 * its schedule, weight decay, L1, sparsity target, gradient-norm clipping)
 * and their checks, which collect every problem.
 *
 * @module
 */
import { ConfigError } from '@stochnet/graph';
import type { StochnetError } from '@stochnet/graph';
import { describeValue } from '../option-checks.js';

/** A momentum that switches from `initial` to `final` at epoch `switchEpoch` (0-based). */
export interface MomentumSchedule {
  /** Momentum of epochs 0 .. switchEpoch − 1, in [0, 1). */
  readonly initial: number;
  /** Momentum from epoch `switchEpoch` on, in [0, 1). */
  readonly final: number;
  /** The first epoch with the final momentum, a non-negative integer. */
  readonly switchEpoch: number;
}

/**
 * How the learning rate η_e of epoch e (0-based) follows from the base rate η:
 * `constant` (η), `exponential` (η·decay^e) or `step` (η·factor^⌊e / every⌋).
 */
export type LearningRateSchedule =
  | { readonly type: 'constant' }
  | { readonly type: 'exponential'; readonly decay: number }
  | { readonly type: 'step'; readonly every: number; readonly factor: number };

/**
 * A sparsity target on hidden activations (Lee et al. 2008; Hinton 2010 §11):
 * the running mean q_j of p(h_j = 1 | data) is pulled toward `target`.
 */
export interface SparsityOptions {
  /** The target activation p, in (0, 1). */
  readonly target: number;
  /** The penalty's weight, ≥ 0. */
  readonly cost: number;
  /** The decay λ of the running mean q ← λ·q + (1 − λ)·q_batch, in [0, 1); default 0.95. */
  readonly decay?: number | undefined;
}

/** Options of the optimiser. */
export interface OptimiserOptions {
  /** The base learning rate η, finite and > 0. */
  readonly learningRate: number;
  /** A momentum in [0, 1) or a schedule; default { initial: 0.5, final: 0.9, switchEpoch: 5 } (Hinton 2010 §9). */
  readonly momentum?: number | MomentumSchedule | undefined;
  /** L2 weight decay λ₂ ≥ 0 on weights (not biases); default 0. */
  readonly weightDecay?: number | undefined;
  /** L1 penalty λ₁ ≥ 0 on weights (not biases); default 0. */
  readonly l1?: number | undefined;
  /** A sparsity target on hidden units; default none. */
  readonly sparsity?: SparsityOptions | null | undefined;
  /** The learning-rate schedule; default constant. */
  readonly schedule?: LearningRateSchedule | undefined;
  /** Clip every step to ‖Δθ‖ ≤ η_e·maxGradNorm (finite, > 0); default null (off). */
  readonly maxGradNorm?: number | null | undefined;
}

/** @internal Optimiser options with defaults filled in. */
export interface ResolvedOptimiserOptions {
  readonly learningRate: number;
  readonly momentum: MomentumSchedule;
  readonly weightDecay: number;
  readonly l1: number;
  readonly sparsity: { readonly target: number; readonly cost: number; readonly decay: number } | null;
  readonly schedule: LearningRateSchedule;
  readonly maxGradNorm: number | null;
}

/**
 * The default momentum schedule: 0.5 for epochs 0–4, then 0.9 (Hinton 2010 §9).
 *
 * @example
 * ```ts
 * import { DEFAULT_MOMENTUM } from '@stochnet/inference';
 * console.log(DEFAULT_MOMENTUM.initial, DEFAULT_MOMENTUM.final, DEFAULT_MOMENTUM.switchEpoch); // 0.5 0.9 5
 * ```
 */
export const DEFAULT_MOMENTUM: MomentumSchedule = Object.freeze({ initial: 0.5, final: 0.9, switchEpoch: 5 });

/** @internal Pushes a ConfigError unless `x` is a finite number satisfying `ok`; returns x or the fallback. */
function numberOption(fn: string, option: string, x: unknown, expected: string, ok: (v: number) => boolean, fallback: number, issues: StochnetError[]): number {
  if (typeof x === 'number' && Number.isFinite(x) && ok(x)) return x;
  issues.push(new ConfigError(`${fn}: option ${option} must be ${expected}, got ${describeValue(x)}`, { function: fn, option, expected, received: describeValue(x) }));
  return fallback;
}

const unitOpen = (v: number): boolean => v >= 0 && v < 1;

function momentumOption(fn: string, m: unknown, issues: StochnetError[]): MomentumSchedule {
  if (m === undefined) return DEFAULT_MOMENTUM;
  if (typeof m === 'number') {
    const v = numberOption(fn, 'momentum', m, 'a number in [0, 1)', unitOpen, 0, issues);
    return { initial: v, final: v, switchEpoch: 0 };
  }
  if (m === null || typeof m !== 'object') {
    issues.push(new ConfigError(`${fn}: option momentum must be a number in [0, 1) or { initial, final, switchEpoch }, got ${describeValue(m)}`, { function: fn, option: 'momentum', received: describeValue(m) }));
    return DEFAULT_MOMENTUM;
  }
  const s = m as Record<string, unknown>;
  return {
    initial: numberOption(fn, 'momentum.initial', s['initial'], 'a number in [0, 1)', unitOpen, 0, issues),
    final: numberOption(fn, 'momentum.final', s['final'], 'a number in [0, 1)', unitOpen, 0, issues),
    switchEpoch: numberOption(fn, 'momentum.switchEpoch', s['switchEpoch'], 'a non-negative integer', (v) => Number.isInteger(v) && v >= 0, 0, issues),
  };
}

function scheduleOption(fn: string, s: unknown, issues: StochnetError[]): LearningRateSchedule {
  if (s === undefined) return { type: 'constant' };
  const o = (s !== null && typeof s === 'object' ? s : {}) as Record<string, unknown>;
  if (o['type'] === 'constant') return { type: 'constant' };
  if (o['type'] === 'exponential') {
    return { type: 'exponential', decay: numberOption(fn, 'schedule.decay', o['decay'], 'a number in (0, 1]', (v) => v > 0 && v <= 1, 1, issues) };
  }
  if (o['type'] === 'step') {
    return {
      type: 'step',
      every: numberOption(fn, 'schedule.every', o['every'], 'a positive integer', (v) => Number.isInteger(v) && v > 0, 1, issues),
      factor: numberOption(fn, 'schedule.factor', o['factor'], 'a number in (0, 1]', (v) => v > 0 && v <= 1, 1, issues),
    };
  }
  issues.push(new ConfigError(`${fn}: option schedule must be { type: 'constant' }, { type: 'exponential', decay } or { type: 'step', every, factor }`, { function: fn, option: 'schedule', received: describeValue(o['type']) }));
  return { type: 'constant' };
}

function sparsityOption(fn: string, s: unknown, issues: StochnetError[]): ResolvedOptimiserOptions['sparsity'] {
  if (s === undefined || s === null) return null;
  if (typeof s !== 'object') {
    issues.push(new ConfigError(`${fn}: option sparsity must be { target, cost, decay? }, got ${describeValue(s)}`, { function: fn, option: 'sparsity', received: describeValue(s) }));
    return null;
  }
  const o = s as Record<string, unknown>;
  return {
    target: numberOption(fn, 'sparsity.target', o['target'], 'a number in (0, 1)', (v) => v > 0 && v < 1, 0.5, issues),
    cost: numberOption(fn, 'sparsity.cost', o['cost'], 'a number ≥ 0', (v) => v >= 0, 0, issues),
    decay: o['decay'] === undefined ? 0.95 : numberOption(fn, 'sparsity.decay', o['decay'], 'a number in [0, 1)', unitOpen, 0.95, issues),
  };
}

/** @internal Checks optimiser options, pushing every problem into `issues`. */
export function resolveOptimiserOptions(fn: string, o: Record<string, unknown>, issues: StochnetError[]): ResolvedOptimiserOptions {
  const learningRate = numberOption(fn, 'learningRate', o['learningRate'], 'a finite number > 0', (v) => v > 0, 1, issues);
  const mgn = o['maxGradNorm'];
  return {
    learningRate,
    momentum: momentumOption(fn, o['momentum'], issues),
    weightDecay: o['weightDecay'] === undefined ? 0 : numberOption(fn, 'weightDecay', o['weightDecay'], 'a finite number ≥ 0', (v) => v >= 0, 0, issues),
    l1: o['l1'] === undefined ? 0 : numberOption(fn, 'l1', o['l1'], 'a finite number ≥ 0', (v) => v >= 0, 0, issues),
    sparsity: sparsityOption(fn, o['sparsity'], issues),
    schedule: scheduleOption(fn, o['schedule'], issues),
    maxGradNorm: mgn === undefined || mgn === null ? null : numberOption(fn, 'maxGradNorm', mgn, 'a finite number > 0 (or null for no clipping)', (v) => v > 0, 1, issues),
  };
}

/** @internal η_e for epoch e. */
export function learningRateAt(o: ResolvedOptimiserOptions, epoch: number): number {
  const s = o.schedule;
  if (s.type === 'exponential') return o.learningRate * s.decay ** epoch;
  if (s.type === 'step') return o.learningRate * s.factor ** Math.floor(epoch / s.every);
  return o.learningRate;
}

/** @internal μ_e for epoch e. */
export function momentumAt(o: ResolvedOptimiserOptions, epoch: number): number {
  return epoch < o.momentum.switchEpoch ? o.momentum.initial : o.momentum.final;
}
