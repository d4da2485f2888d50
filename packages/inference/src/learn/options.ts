/**
 * Options of the Boltzmann-machine learning rules (CD-k, PCD-k, parallel
 * tempering) and their checks, which collect every problem before any work.
 *
 * @module
 */
import { ConfigError, TooLargeError } from '@stochnet/graph';
import type { StochnetError } from '@stochnet/graph';
import { MAX_CHAINS } from '../chains.js';
import { describeValue } from '../option-checks.js';

/**
 * The most Gibbs steps (k) one update may run, and the most positive-phase
 * sweeps or mean-field iterations: 2^20. Larger values throw a
 * `TooLargeError` before any work.
 *
 * @example
 * ```ts
 * import { MAX_GIBBS_STEPS } from '@stochnet/inference';
 * console.log(MAX_GIBBS_STEPS === 2 ** 20); // true
 * ```
 */
export const MAX_GIBBS_STEPS = 2 ** 20;

/**
 * The most tempering replicas: 1024. More throw a `TooLargeError`.
 *
 * @example
 * ```ts
 * import { MAX_REPLICAS } from '@stochnet/inference';
 * console.log(MAX_REPLICAS); // 1024
 * ```
 */
export const MAX_REPLICAS = 1024;

/**
 * How the positive (data) phase fills in hidden units that interact with
 * each other (semi-restricted machines, deep Boltzmann machines, general
 * Boltzmann machines with hidden units): `gibbs` runs `sweeps` block-Gibbs
 * sweeps with the visible units clamped to the data (default 10) and takes
 * the final sampled states; `mean-field` runs `iterations` block-sequential
 * mean-field updates μ ← σ(field(μ)) (default 10) and takes μ.
 */
export type PositivePhase =
  | { readonly method: 'gibbs'; readonly sweeps?: number | undefined }
  | { readonly method: 'mean-field'; readonly iterations?: number | undefined };

/** Options every learning rule shares. */
export interface CommonLearnOptions {
  /** Gibbs steps (RBM: v→h→v steps; general: full sweeps) per update, a positive integer; default 1. */
  readonly k?: number | undefined;
  /**
   * The positive phase when hidden units interact. Default: exact when
   * hidden units do not interact (they are independent given the visible
   * units: one pass of p(h | v)), otherwise `{ method: 'gibbs', sweeps: 10 }`.
   */
  readonly positive?: PositivePhase | undefined;
  /** Accept data values in [0, 1] (probabilities) instead of requiring 0/1; default false. */
  readonly allowProbabilities?: boolean | undefined;
}

/**
 * Contrastive divergence, CD-k (Hinton 2002): each update starts the chain
 * at the data. Defaults follow Hinton (2010, §3): the chain's first hidden
 * states are sampled from p(h | v_data); the reconstructions' visible units
 * are probabilities p(v | h) (`sampleVisible: false`); the final hidden
 * statistics are probabilities p(h | v_k) (`sampleHiddenLast: false`).
 */
export interface CdOptions extends CommonLearnOptions {
  /** The rule. */
  readonly method: 'cd';
  /** Sample the reconstructions' visible units instead of using p(v | h) (RBM plans); default false. */
  readonly sampleVisible?: boolean | undefined;
  /** Use sampled final hidden states in the model statistics instead of p(h | v_k) (RBM plans); default false. */
  readonly sampleHiddenLast?: boolean | undefined;
}

/**
 * Persistent contrastive divergence, PCD-k (Tieleman 2008): `chains`
 * Gibbs chains persist across updates; each update advances them k steps
 * and reads the model statistics from them. Chain states are always sampled
 * 0/1 values, so the chains target the model.
 */
export interface PcdOptions extends CommonLearnOptions {
  /** The rule. */
  readonly method: 'pcd';
  /** Persistent chains; default the number of rows of the first batch. */
  readonly chains?: number | undefined;
  /** Use sampled final hidden states instead of p(h | v_k) in the model statistics (RBM plans); default false. */
  readonly sampleHiddenLast?: boolean | undefined;
}

/**
 * Parallel tempering (Desjardins et al. 2010): every chain is a ladder of
 * replicas at inverse temperatures β_1 = 1 > … > β_R ≥ 0, each sampling
 * p_β(s) ∝ e^(−β E(s)); after every Gibbs sweep neighbouring replicas
 * propose to swap states. Model statistics come from the β = 1 replicas.
 */
export interface PtOptions extends CommonLearnOptions {
  /** The rule. */
  readonly method: 'pt';
  /** Tempered chains (ladders); default the number of rows of the first batch. */
  readonly chains?: number | undefined;
  /** Number of replicas R when `betas` is not given; default 10, β linear from 1 to 0. */
  readonly replicas?: number | undefined;
  /** Explicit inverse temperatures: starting at 1, strictly decreasing, the last ≥ 0. */
  readonly betas?: readonly number[] | undefined;
}

/** The options of one learning rule. */
export type LearnOptions = CdOptions | PcdOptions | PtOptions;

/** @internal Learning options with every default filled in. */
export interface ResolvedLearnOptions {
  readonly method: 'cd' | 'pcd' | 'pt';
  readonly k: number;
  readonly positive: { readonly method: 'gibbs' | 'mean-field' | 'auto'; readonly steps: number };
  readonly allowProbabilities: boolean;
  readonly sampleVisible: boolean;
  readonly sampleHiddenLast: boolean;
  readonly chains: number | null;
  readonly betas: Float64Array;
}

function config(fn: string, option: string, expected: string, received: unknown): ConfigError {
  const shown = describeValue(received);
  return new ConfigError(`${fn}: option ${option} must be ${expected}, got ${shown}`, { function: fn, option, expected, received: shown });
}

/** @internal A positive integer at most `limit`, or the default; pushes a problem otherwise. */
export function countOption(fn: string, option: string, value: unknown, fallback: number, limit: number, issues: StochnetError[]): number {
  if (value === undefined) return fallback;
  if (typeof value !== 'number' || !Number.isInteger(value) || value <= 0) {
    issues.push(config(fn, option, 'a positive integer', value));
    return fallback;
  }
  if (value > limit) {
    issues.push(new TooLargeError(`${fn}: option ${option} = ${value} exceeds the limit ${limit}; use a smaller ${option}`, { function: fn, option, limit, received: value }));
    return fallback;
  }
  return value;
}

/** @internal A boolean option, or the default. */
export function boolOption(fn: string, option: string, value: unknown, fallback: boolean, issues: StochnetError[]): boolean {
  if (value === undefined) return fallback;
  if (typeof value !== 'boolean') {
    issues.push(config(fn, option, 'true or false', value));
    return fallback;
  }
  return value;
}

function positiveOption(fn: string, value: unknown, issues: StochnetError[]): ResolvedLearnOptions['positive'] {
  if (value === undefined) return { method: 'auto', steps: 1 };
  const p = value as Record<string, unknown> | null;
  if (p === null || typeof p !== 'object' || (p['method'] !== 'gibbs' && p['method'] !== 'mean-field')) {
    issues.push(config(fn, 'positive', "{ method: 'gibbs', sweeps } or { method: 'mean-field', iterations }", p === null || typeof p !== 'object' ? p : p['method']));
    return { method: 'auto', steps: 1 };
  }
  const gibbs = p['method'] === 'gibbs';
  const name = gibbs ? 'sweeps' : 'iterations';
  const steps = countOption(fn, `positive.${name}`, p[name], 10, MAX_GIBBS_STEPS, issues);
  return { method: gibbs ? 'gibbs' : 'mean-field', steps };
}

function betasOption(fn: string, opts: Record<string, unknown>, issues: StochnetError[]): Float64Array {
  const replicas = countOption(fn, 'replicas', opts['replicas'], 10, MAX_REPLICAS, issues);
  const given = opts['betas'];
  if (given === undefined) {
    if (replicas === 1) return Float64Array.of(1);
    return Float64Array.from({ length: replicas }, (_, r) => 1 - r / (replicas - 1));
  }
  if (!Array.isArray(given) || given.length === 0) {
    issues.push(config(fn, 'betas', 'a non-empty array of numbers', given));
    return Float64Array.of(1);
  }
  if (given.length > MAX_REPLICAS) {
    issues.push(new TooLargeError(`${fn}: option betas has ${given.length} entries, more than the limit ${MAX_REPLICAS}`, { function: fn, option: 'betas', limit: MAX_REPLICAS, received: given.length }));
    return Float64Array.of(1);
  }
  for (let r = 0; r < given.length; r++) {
    const b: unknown = given[r];
    const ok = typeof b === 'number' && Number.isFinite(b) && b >= 0 && (r === 0 ? b === 1 : b < (given[r - 1] as number));
    if (!ok) {
      issues.push(
        new ConfigError(`${fn}: option betas[${r}] is ${String(b)}; betas must start at 1, decrease strictly and stay ≥ 0`, {
          function: fn,
          option: 'betas',
          index: r,
          expected: r === 0 ? 1 : `finite, ≥ 0 and < betas[${r - 1}]`,
          received: typeof b === 'number' ? b : typeof b,
        }),
      );
      return Float64Array.of(1);
    }
  }
  return Float64Array.from(given as number[]);
}

/**
 * @internal Checks learning options, pushing every problem into `issues`,
 * and returns them with defaults filled in (meaningful only when no issue
 * was pushed).
 */
export function resolveLearnOptions(fn: string, options: unknown, issues: StochnetError[]): ResolvedLearnOptions {
  const o = (options !== null && typeof options === 'object' ? options : {}) as Record<string, unknown>;
  if (options === null || typeof options !== 'object') issues.push(config(fn, 'options', "an object such as { method: 'cd', k: 1 }", options));
  const method = o['method'];
  const known = method === 'cd' || method === 'pcd' || method === 'pt';
  if (!known && (options !== null && typeof options === 'object')) issues.push(config(fn, 'method', "'cd', 'pcd' or 'pt'", method));
  const m = known ? method : 'cd';
  const k = countOption(fn, 'k', o['k'], 1, MAX_GIBBS_STEPS, issues);
  const positive = positiveOption(fn, o['positive'], issues);
  const allowProbabilities = boolOption(fn, 'allowProbabilities', o['allowProbabilities'], false, issues);
  const sampleVisible = m === 'cd' ? boolOption(fn, 'sampleVisible', o['sampleVisible'], false, issues) : true;
  const sampleHiddenLast = boolOption(fn, 'sampleHiddenLast', o['sampleHiddenLast'], false, issues);
  const chains = m === 'cd' || o['chains'] === undefined ? null : countOption(fn, 'chains', o['chains'], 1, MAX_CHAINS, issues);
  const betas = m === 'pt' ? betasOption(fn, o, issues) : Float64Array.of(1);
  return { method: m, k, positive, allowProbabilities, sampleVisible, sampleHiddenLast, chains, betas };
}
