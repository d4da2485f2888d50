/**
 * The honest log-likelihood of a model on data: exact by enumeration when
 * the model is small enough, else annealed importance sampling (RBM) or
 * importance sampling (SBN), each with its bracket.
 *
 * @module
 */
import { TooLargeError } from '@stochnet/graph';
import type { Seed } from '@stochnet/graph';
import { compile, exactLogLikelihood } from '@stochnet/model';
import type { Plan, SigmoidNet } from '@stochnet/model';
import { aisLogLikelihood, importanceLogLikelihood } from '@stochnet/inference';

/** The largest enumeration the CLI runs: 2^20 states (a few seconds). */
export const EXACT_MAX_STATES = 2 ** 20;

/** A log-likelihood figure and how it was obtained. */
export interface LikelihoodReport {
  /** `exact` enumeration, `ais` (RBM), `is` (SBN), or `none` when no estimator applies. */
  readonly method: 'exact' | 'ais' | 'is' | 'none';
  /** Mean log p(v) per row in nats (NaN for `none`). */
  readonly value: number;
  /** Lower end of the bracket (equal to value when exact). */
  readonly lower: number;
  /** Upper end of the bracket. */
  readonly upper: number;
  /** What the bracket is, or why there is no figure. */
  readonly note: string;
}

/** Settings of the sampling estimators. */
export interface EstimateOptions {
  /** Seed of the estimator's draws. */
  readonly seed: Seed;
  /** Training rows, the AIS base model's base rates (Salakhutdinov & Murray 2008). */
  readonly base?: { readonly data: Uint8Array; readonly rows: number } | undefined;
  /** AIS runs (default 100). */
  readonly runs?: number | undefined;
  /** AIS β steps (default 2000). */
  readonly betas?: number | undefined;
  /** IS samples per row (default 1000). */
  readonly samples?: number | undefined;
  /** The IS proposal: a recognition net from wake-sleep, else the prior. */
  readonly recognition?: SigmoidNet | null | undefined;
}

/** @internal The exact mean log-likelihood, or null when enumeration would pass EXACT_MAX_STATES. */
export function tryExact(plan: Plan, data: Uint8Array, rows: number): number | null {
  const p64 = plan.dtype === 'float64' ? plan : compile(plan.toNetwork(), { dtype: 'float64' });
  try {
    return exactLogLikelihood(p64, data, rows, { maxStates: EXACT_MAX_STATES });
  } catch (e) {
    if (e instanceof TooLargeError) return null;
    throw e;
  }
}

/** @internal Exact when small enough, else the model kind's sampling estimate with its bracket. */
export function logLikelihood(plan: Plan, data: Uint8Array, rows: number, opts: EstimateOptions): LikelihoodReport {
  const exact = tryExact(plan, data, rows);
  if (exact !== null) return { method: 'exact', value: exact, lower: exact, upper: exact, note: 'exact enumeration' };
  if (plan.kind === 'rbm') {
    const est = aisLogLikelihood(plan, data, rows, {
      seed: opts.seed,
      runs: opts.runs ?? 100,
      betas: opts.betas ?? 2000,
      ...(opts.base === undefined ? {} : { base: opts.base }),
    });
    const note = est.bracket === 'sandwich' ? 'AIS; bracket from reverse AIS (sandwich)' : 'AIS; bracket ±3 standard errors';
    // Both ends are estimates; with few runs they can cross, so report them in order.
    return { method: 'ais', value: est.logLikelihood, lower: Math.min(est.lower, est.upper), upper: Math.max(est.lower, est.upper), note };
  }
  if (plan.kind === 'sbn') {
    const rec = opts.recognition ?? null;
    const est = importanceLogLikelihood(plan, data, rows, { seed: opts.seed, samples: opts.samples ?? 1000, proposal: rec ?? 'prior' });
    const se3 = 3 * est.standardError;
    const q = rec === null ? 'the prior' : 'the recognition net';
    return { method: 'is', value: est.logLikelihood, lower: est.logLikelihood - se3, upper: est.logLikelihood + se3, note: `importance sampling from ${q}; bracket ±3 standard errors (IS tends to under-estimate)` };
  }
  return { method: 'none', value: Number.NaN, lower: Number.NaN, upper: Number.NaN, note: `no estimator for a ${plan.kind} model this large (exact enumeration needs at most 2^20 states)` };
}

/** @internal One line for a report, e.g. `-19.52 nats (exact enumeration)`. */
export function formatLikelihood(r: LikelihoodReport): string {
  if (r.method === 'none') return `not available: ${r.note}`;
  if (r.method === 'exact') return `${r.value.toFixed(3)} nats per example (exact enumeration)`;
  return `${r.value.toFixed(3)} nats per example, bracket [${r.lower.toFixed(3)}, ${r.upper.toFixed(3)}] (${r.note})`;
}
