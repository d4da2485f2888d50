/**
 * Command line: `node --import tsx examples/sbn-digits/src/main.ts [--quick] [--hidden N] [--rows N] [--epochs N] [--batch N]
 *   [--gibbs-rate X] [--ws-rate X] [--samples N] [--seed S]`.
 */
import { parseArgs } from 'node:util';
import { FULL, QUICK, runSbnDigits } from './sbn-digits.js';

const { values } = parseArgs({
  options: {
    quick: { type: 'boolean', default: false },
    hidden: { type: 'string' },
    rows: { type: 'string' },
    epochs: { type: 'string' },
    batch: { type: 'string' },
    'gibbs-rate': { type: 'string' },
    'ws-rate': { type: 'string' },
    samples: { type: 'string' },
    seed: { type: 'string' },
  },
});
runSbnDigits(
  {
    ...(values.quick ? QUICK : FULL),
    ...(values.hidden === undefined ? {} : { hidden: Number(values.hidden) }),
    ...(values.rows === undefined ? {} : { rows: Number(values.rows) }),
    ...(values.epochs === undefined ? {} : { epochs: Number(values.epochs) }),
    ...(values.batch === undefined ? {} : { batchSize: Number(values.batch) }),
    ...(values['gibbs-rate'] === undefined ? {} : { gibbsRate: Number(values['gibbs-rate']) }),
    ...(values['ws-rate'] === undefined ? {} : { wakeSleepRate: Number(values['ws-rate']) }),
    ...(values.samples === undefined ? {} : { samples: Number(values.samples) }),
    ...(values.seed === undefined ? {} : { seed: values.seed }),
  },
  (line) => process.stdout.write(`${line}\n`),
);
