/**
 * Evaluating an RBM by annealed importance sampling: the forward estimate
 * of log Z (a stochastic lower bound), the reverse one (an upper bound), the
 * sandwich they make around the test log-likelihood, and the exact values
 * of a 20-hidden-unit model beside them.
 */
import { rbm, visibleBiasFromData } from '@stochnet/graph';
import type { Seed } from '@stochnet/graph';
import { compile, exactLogLikelihood, exactLogZ } from '@stochnet/model';
import { aisLogLikelihood, train } from '@stochnet/inference';
import type { AisLikelihood } from '@stochnet/inference';
import { digitsSplit } from '@stochnet/data';

/** Sizes and seed of a run. */
export interface AisEvalOptions {
  /** Hidden units (≤ 20 keeps the exact log Z a few seconds' work). */
  readonly hidden: number;
  /** Training rows (at most 1500). */
  readonly rows: number;
  /** Epochs of CD-1. */
  readonly epochs: number;
  /** AIS step counts K to compare. */
  readonly steps: readonly number[];
  /** Annealing runs per estimate. */
  readonly runs: number;
  /** Gibbs sweeps at β = 1 before each reverse run. */
  readonly burnIn: number;
  /** The seed of every random draw. */
  readonly seed: Seed;
}

/** The sizes of a full run. */
export const FULL: AisEvalOptions = { hidden: 20, rows: 1500, epochs: 20, steps: [100, 1000, 10_000], runs: 100, burnIn: 1000, seed: 'ais-eval' };
/** The sizes of a quick run. */
export const QUICK: AisEvalOptions = { hidden: 20, rows: 500, epochs: 5, steps: [100, 1000], runs: 50, burnIn: 200, seed: 'ais-eval' };

/** What a run found. */
export interface AisEvalResult {
  /** Exact log Z. */
  readonly exactLogZ: number;
  /** Exact mean test log-likelihood (nats per digit). */
  readonly exactLogLikelihood: number;
  /** One AIS estimate per step count, in the order of `steps`. */
  readonly estimates: readonly AisLikelihood[];
}

/**
 * Runs the example.
 *
 * @param opts - sizes and seed
 * @param print - receives each output line
 * @returns the exact values and the estimates printed
 */
export function runAisEval(opts: AisEvalOptions, print: (line: string) => void): AisEvalResult {
  const { train: trainSet, test } = digitsSplit(opts.seed, { binarize: true });
  const rows = Math.min(opts.rows, trainSet.rows);
  const values = trainSet.images.subarray(0, rows * 64);
  const net = rbm(64, opts.hidden, { seed: opts.seed, visibleBias: visibleBiasFromData(values, rows, 64) });
  const plan = train(compile(net, { dtype: 'float64' }), { values, rows, cols: 64 }, {
    method: 'cd',
    epochs: opts.epochs,
    batchSize: 20,
    learningRate: 0.05,
    momentum: 0,
    seed: opts.seed,
  }).plan;

  const logZ = exactLogZ(plan);
  const ll = exactLogLikelihood(plan, test.images, test.rows);
  print(`RBM 64 × ${opts.hidden} after ${opts.epochs} epochs of CD-1 on ${rows} digits; ${test.rows} test digits`);
  print(`exact:  log Z = ${logZ.toFixed(3)}   test log-likelihood = ${ll.toFixed(3)}`);
  print('');
  print('K       forward log Z   reverse log Z   test log-likelihood sandwich   ESS fwd/rev');
  const estimates: AisLikelihood[] = [];
  for (const k of opts.steps) {
    // The base model takes the training data's pixel rates; the sandwich anneals both ways.
    const est = aisLogLikelihood(plan, test.images, test.rows, {
      seed: opts.seed,
      runs: opts.runs,
      betas: k,
      base: { data: values, rows },
      burnIn: opts.burnIn,
    });
    estimates.push(est);
    const rev = est.reverse!;
    print(
      `${String(k).padEnd(8)}${est.forward.logZ.toFixed(3).padEnd(16)}${rev.logZ.toFixed(3).padEnd(16)}` +
        `[${est.lower.toFixed(3)}, ${est.upper.toFixed(3)}]`.padEnd(31) +
        `${est.forward.ess.toFixed(0)}/${rev.ess.toFixed(0)}`,
    );
  }
  return { exactLogZ: logZ, exactLogLikelihood: ll, estimates };
}
