/**
 * Quality benchmark (`pnpm bench:quality`): how well stochnet's learning
 * rules model the binarised UCI digits (8×8, pixel > 7), on the documented
 * seeded split digitsSplit(1): 1500 training and 297 test digits. Of the
 * 1500, a seeded 300 are held out for tuning and early stopping; every
 * model is trained on the other 1200 ("fit" rows). The test rows are used
 * only for the final figures.
 *
 * Prints the exact test log-likelihood (nats per example) of RBMs 64×20
 * (CD-1, PCD, PT, and scikit-learn's BernoulliRBM default recipe), of SBNs
 * 64←20 (Gibbs-based learning, wake-sleep), and the test accuracy of a
 * fine-tuned DBN 64-100-100, with settings and times. Takes several minutes
 * on 2 cores.
 */
import { pathToFileURL } from 'node:url';
import { digitsSplit, selectRows, splitIndices } from '@stochnet/data';
import { dbnSection } from './quality-support/dbn-section.js';
import { fmt, independentBaseline, now, since } from './quality-support/evaluate.js';
import type { Rows } from './quality-support/evaluate.js';
import { rbmSection } from './quality-support/rbm-section.js';
import { sbnSection } from './quality-support/sbn-section.js';

/** Runs the whole benchmark, printing as it goes. */
export function run(): void {
  const t0 = now();
  const split = digitsSplit(1, { binarize: true });
  const parts = splitIndices(split.train.rows, { seed: 'quality/validation', validation: 300 });
  const fitSet = selectRows(split.train, parts.train);
  const valSet = selectRows(split.train, parts.validation);
  const rows = (d: { images: Uint8Array; rows: number; cols: number }): Rows => ({ values: d.images, rows: d.rows, cols: d.cols });
  const fit = rows(fitSet);
  const validation = rows(valSet);
  const test = rows(split.test);
  console.log(`binarised UCI digits (pixel > 7), digitsSplit(1): ${split.train.rows} train / ${split.test.rows} test; of the train rows ${fit.rows} fit, ${validation.rows} validation (splitIndices seed 'quality/validation')`);
  console.log(`reference: independent Bernoulli pixels fitted to the fit rows: test ${fmt(independentBaseline(fit, test), 2, 0)} nats per example`);
  const rbm = rbmSection(fit, validation, test);
  const sbn = sbnSection(fit, validation, test);
  const acc = dbnSection(fit, fitSet.labels!, validation, valSet.labels!, test, split.test.labels!);
  console.log('\nsummary (test set, nats per example; higher is better):');
  for (const [label, v] of Object.entries(rbm)) console.log(`  RBM 64×20 ${label.padEnd(26)} ${fmt(v)}`);
  for (const [label, v] of Object.entries(sbn)) console.log(`  SBN 64←20 ${label.padEnd(26)} ${fmt(v)}`);
  console.log(`  DBN 64-100-100 fine-tuned, test accuracy ${fmt(acc, 4, 8)}`);
  console.log(`total ${since(t0).toFixed(0)} s`);
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) run();
