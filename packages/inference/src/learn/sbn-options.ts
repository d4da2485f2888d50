/**
 * Options of the belief-net learning rules (Gibbs-based SBN learning and
 * wake-sleep) and their checks, which collect every problem before any work.
 *
 * @module
 */
import { ConfigError } from '@stochnet/graph';
import type { StochnetError } from '@stochnet/graph';
import type { Gradient, Plan, SigmoidNet } from '@stochnet/model';
import type { Rng } from '@stochnet/graph';
import { MAX_SWEEPS } from '../run-gibbs.js';
import type { BatchArray } from './batch-check.js';
import { boolOption, countOption } from './options.js';

/**
 * Gibbs-based learning of a sigmoid belief net (Neal 1992): the hidden
 * units of each example are sampled from p(h | v) by posterior Gibbs, and
 * the log-likelihood gradient E_{h|v}[s_j(s_i − p_i)] is estimated from the
 * sampled full states.
 */
export interface SbnGibbsOptions {
  /** The rule. */
  readonly method: 'sbn-gibbs';
  /** Posterior Gibbs sweeps each time an example is visited, a positive integer; default 1. */
  readonly sweeps?: number | undefined;
  /** Extra sweeps when an example's chain starts (from an ancestral draw with v clamped), an integer ≥ 0; default 10. */
  readonly burnIn?: number | undefined;
  /** Independent chains per example, a positive integer; default 1. Their gradients are averaged. */
  readonly chainsPerExample?: number | undefined;
  /**
   * Keep one chain per training example across visits (default true; Neal
   * 1992): each visit continues the example's chain for `sweeps` sweeps.
   * With false, every visit starts fresh chains and runs burnIn + sweeps.
   */
  readonly persistent?: boolean | undefined;
}

/**
 * Wake-sleep learning of a layered sigmoid belief net (Hinton, Dayan, Frey
 * & Neal 1995) with a factorised bottom-up recognition net.
 */
export interface WakeSleepOptions {
  /** The rule. */
  readonly method: 'wake-sleep';
  /** The initial recognition net (copied); default small random weights (see `recognitionSd`) and zero biases. */
  readonly recognition?: SigmoidNet | undefined;
  /** Standard deviation of the default recognition weights, ≥ 0; default 0.01. */
  readonly recognitionSd?: number | undefined;
  /** Learning rate of the sleep-phase delta rule, > 0; default the generative learning rate. */
  readonly recognitionRate?: number | undefined;
  /** Momentum of the sleep-phase updates, in [0, 1); default 0. */
  readonly recognitionMomentum?: number | undefined;
  /** Fantasies (h, v) drawn per sleep phase, a positive integer; default the rows of the batch. */
  readonly fantasies?: number | undefined;
}

/** The options of one belief-net learning rule. */
export type BeliefNetRuleOptions = SbnGibbsOptions | WakeSleepOptions;

/** Counters of a belief-net learner. */
export interface BeliefNetLearnerInfo {
  /** Updates (gradient calls) so far. */
  readonly updates: number;
  /** sbn-gibbs: examples holding a persistent chain; 0 for wake-sleep. */
  readonly chains: number;
}

/**
 * A belief-net learning rule bound to a plan. It reads the plan's live
 * parameters, so a trainer updates the plan in place between calls.
 */
export interface BeliefNetLearner {
  /** The rule. */
  readonly method: 'sbn-gibbs' | 'wake-sleep';
  /** The plan whose parameters the rule reads. */
  readonly plan: Plan;
  /** Statistics of the last update's complete states: ⟨s_i⟩ per bias (weights entries 0); the optimiser's sparsity target reads them. */
  readonly positive: Gradient;
  /**
   * Writes the rule's estimate of the ascent direction of the mean
   * log-likelihood for a batch into `out`.
   *
   * @param out - destination shaped like zeroGradient(plan); overwritten
   * @param data - rows × (visible units) 0/1 values, row-major
   * @param rows - number of rows
   * @param rng - the update's stream
   * @param indices - each row's index in the training set (persistent chains are kept per index); default 0..rows−1
   * @returns out
   */
  gradient(out: Gradient, data: BatchArray, rows: number, rng: Rng, indices?: Int32Array): Gradient;
  /** Counters. */
  info(): BeliefNetLearnerInfo;
}

/** @internal sbn-gibbs options with defaults filled in. */
export interface ResolvedSbnGibbs {
  readonly method: 'sbn-gibbs';
  readonly sweeps: number;
  readonly burnIn: number;
  readonly chainsPerExample: number;
  readonly persistent: boolean;
}

/** @internal wake-sleep options with defaults filled in (recognition checked separately). */
export interface ResolvedWakeSleep {
  readonly method: 'wake-sleep';
  readonly recognition: SigmoidNet | null;
  readonly recognitionSd: number;
  readonly recognitionRate: number | null;
  readonly recognitionMomentum: number;
  readonly fantasies: number | null;
}

/** @internal */
export type ResolvedRule = ResolvedSbnGibbs | ResolvedWakeSleep;

function shown(x: unknown): string {
  return typeof x === 'number' || typeof x === 'boolean' || typeof x === 'string' ? String(x) : x === null ? 'null' : typeof x;
}

function numberIn(fn: string, option: string, value: unknown, fallback: number, expected: string, ok: (v: number) => boolean, issues: StochnetError[]): number {
  if (value === undefined) return fallback;
  if (typeof value === 'number' && Number.isFinite(value) && ok(value)) return value;
  issues.push(new ConfigError(`${fn}: option ${option} must be ${expected}, got ${shown(value)}`, { function: fn, option, expected, received: shown(value) }));
  return fallback;
}

/**
 * @internal Checks a rule's options, pushing every problem into `issues`;
 * the result is meaningful only when nothing was pushed.
 */
export function resolveRuleOptions(fn: string, options: unknown, issues: StochnetError[]): ResolvedRule {
  const o = (options !== null && typeof options === 'object' ? options : {}) as Record<string, unknown>;
  const method = o['method'];
  if (method !== 'sbn-gibbs' && method !== 'wake-sleep') {
    issues.push(new ConfigError(`${fn}: option method must be 'sbn-gibbs' or 'wake-sleep', got ${shown(method)}`, { function: fn, option: 'method', expected: ['sbn-gibbs', 'wake-sleep'], received: shown(method) }));
  }
  if (method === 'wake-sleep') {
    const rec = o['recognition'];
    if (rec !== undefined && (rec === null || typeof rec !== 'object' || !Array.isArray((rec as Partial<SigmoidNet>).layers))) {
      issues.push(new ConfigError(`${fn}: option recognition must be a SigmoidNet (e.g. from createRecognitionNet)`, { function: fn, option: 'recognition', received: shown(rec) }));
    }
    return {
      method: 'wake-sleep',
      recognition: rec !== undefined && rec !== null && typeof rec === 'object' ? (rec as SigmoidNet) : null,
      recognitionSd: numberIn(fn, 'recognitionSd', o['recognitionSd'], 0.01, 'a finite number ≥ 0', (v) => v >= 0, issues),
      recognitionRate: o['recognitionRate'] === undefined ? null : numberIn(fn, 'recognitionRate', o['recognitionRate'], 0.1, 'a finite number > 0', (v) => v > 0, issues),
      recognitionMomentum: numberIn(fn, 'recognitionMomentum', o['recognitionMomentum'], 0, 'a number in [0, 1)', (v) => v >= 0 && v < 1, issues),
      fantasies: o['fantasies'] === undefined ? null : countOption(fn, 'fantasies', o['fantasies'], 1, 2 ** 20, issues),
    };
  }
  return {
    method: 'sbn-gibbs',
    sweeps: countOption(fn, 'sweeps', o['sweeps'], 1, MAX_SWEEPS, issues),
    burnIn: o['burnIn'] === 0 ? 0 : countOption(fn, 'burnIn', o['burnIn'], 10, MAX_SWEEPS, issues),
    chainsPerExample: countOption(fn, 'chainsPerExample', o['chainsPerExample'], 1, 2 ** 20, issues),
    persistent: boolOption(fn, 'persistent', o['persistent'], true, issues),
  };
}
