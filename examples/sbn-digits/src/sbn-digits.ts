/**
 * Sigmoid belief nets on the digits: one trained by Gibbs-based learning
 * (Neal 1992), one by wake-sleep (Hinton et al. 1995), both scored by an
 * importance-sampled test log-likelihood, and by the exact one while the
 * hidden layer is small enough to enumerate.
 */
import { sbn, visibleBiasFromData } from '@stochnet/graph';
import type { Seed } from '@stochnet/graph';
import { compile, exactLogLikelihood } from '@stochnet/model';
import type { Plan, SigmoidNet } from '@stochnet/model';
import { importanceLogLikelihood, trainSbn } from '@stochnet/inference';
import type { ImportanceEstimate } from '@stochnet/inference';
import { digitsSplit } from '@stochnet/data';

/** Sizes, hyperparameters and seed of a run. */
export interface SbnDigitsOptions {
  /** Hidden units of the one hidden layer (≤ 12 also gives the exact log-likelihood, a sum over 2^12 states per digit). */
  readonly hidden: number;
  /** Training rows (at most 1500). */
  readonly rows: number;
  /** Test rows scored (at most 297). */
  readonly testRows: number;
  /** Epochs of each rule. */
  readonly epochs: number;
  /** Rows per batch. */
  readonly batchSize: number;
  /** Learning rate of Gibbs-based learning (momentum 0.5). */
  readonly gibbsRate: number;
  /** Learning rate of wake-sleep, generative and recognition alike (no momentum). */
  readonly wakeSleepRate: number;
  /** Importance samples per test row. */
  readonly samples: number;
  /** The seed of every random draw. */
  readonly seed: Seed;
}

/** The sizes of a full run. */
export const FULL: SbnDigitsOptions = {
  hidden: 12,
  rows: 1500,
  testRows: 297,
  epochs: 30,
  batchSize: 20,
  gibbsRate: 0.1,
  wakeSleepRate: 0.3,
  samples: 1000,
  seed: 'sbn-digits',
};
/** The sizes of a quick run. */
export const QUICK: SbnDigitsOptions = { ...FULL, hidden: 10, rows: 300, testRows: 100, epochs: 5, batchSize: 5, samples: 300 };

/** One model's scores (mean nats per test digit). */
export interface SbnScore {
  /** Importance-sampled estimate. */
  readonly estimate: ImportanceEstimate;
  /** Exact value, or null when the hidden layer is too large to enumerate. */
  readonly exact: number | null;
}

/** What a run found. */
export interface SbnDigitsResult {
  /** The untrained net (visible biases from the data, small random weights). */
  readonly initial: SbnScore;
  /** Trained by Gibbs-based learning, scored with the prior as proposal. */
  readonly gibbs: SbnScore;
  /** Trained by wake-sleep, scored with its recognition net as proposal. */
  readonly wakeSleep: SbnScore;
  /** Trained by wake-sleep, scored with the prior as proposal. */
  readonly wakeSleepPrior: SbnScore;
}

/**
 * Runs the example.
 *
 * @param opts - sizes, hyperparameters and seed
 * @param print - receives each output line
 * @returns the scores printed
 */
export function runSbnDigits(opts: SbnDigitsOptions, print: (line: string) => void): SbnDigitsResult {
  const { train, test } = digitsSplit(opts.seed, { binarize: true });
  const rows = Math.min(opts.rows, train.rows);
  const values = train.images.subarray(0, rows * 64);
  const testRows = Math.min(opts.testRows, test.rows);
  const testValues = test.images.subarray(0, testRows * 64);
  const data = { values, rows, cols: 64 };

  const net = sbn([64, opts.hidden], { seed: opts.seed, visibleBias: visibleBiasFromData(values, rows, 64) });
  const plan = compile(net, { dtype: 'float64' });
  const loop = { epochs: opts.epochs, batchSize: opts.batchSize, seed: opts.seed };

  const score = (p: Plan, proposal: 'prior' | SigmoidNet): SbnScore => ({
    estimate: importanceLogLikelihood(p, testValues, testRows, { seed: opts.seed, samples: opts.samples, proposal }),
    exact: opts.hidden <= 12 ? exactLogLikelihood(p, testValues, testRows) : null,
  });
  const show = (name: string, s: SbnScore, proposal: string): void => {
    const est = `${s.estimate.logLikelihood.toFixed(2)} ± ${s.estimate.standardError.toFixed(2)}`;
    const exact = s.exact === null ? 'n/a' : s.exact.toFixed(2);
    print(`${name.padEnd(24)}${est.padEnd(16)}${exact.padEnd(10)}${proposal} (mean ESS ${s.estimate.ess.toFixed(0)} of ${opts.samples})`);
  };

  print(`SBN 64 ← ${opts.hidden}, ${rows} training digits, ${testRows} test digits, ${opts.epochs} epochs per rule, batches of ${opts.batchSize}`);
  print(`sbn-gibbs: learning rate ${opts.gibbsRate}, momentum 0.5; wake-sleep: learning rate ${opts.wakeSleepRate}, no momentum`);
  print('');
  print(`${'model'.padEnd(24)}${'IS estimate'.padEnd(16)}${'exact'.padEnd(10)}proposal`);
  const initial = score(plan, 'prior');
  show('untrained', initial, 'prior');

  // Gibbs-based learning: each example keeps a posterior Gibbs chain over h.
  const gibbsRun = trainSbn(plan, data, { method: 'sbn-gibbs', sweeps: 1, burnIn: 10, learningRate: opts.gibbsRate, momentum: 0.5, ...loop });
  const gibbs = score(gibbsRun.plan, 'prior');
  show('sbn-gibbs', gibbs, 'prior');

  // Wake-sleep: a recognition net proposes h from v; it doubles as the importance proposal.
  const wsRun = trainSbn(plan, data, { method: 'wake-sleep', learningRate: opts.wakeSleepRate, momentum: 0, ...loop });
  const wakeSleep = score(wsRun.plan, wsRun.recognition!);
  show('wake-sleep', wakeSleep, 'recognition net');
  const wakeSleepPrior = score(wsRun.plan, 'prior');
  show('wake-sleep', wakeSleepPrior, 'prior');
  return { initial, gibbs, wakeSleep, wakeSleepPrior };
}
