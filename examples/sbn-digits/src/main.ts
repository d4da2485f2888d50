/**
 * Command line: `node --import tsx examples/sbn-digits/src/main.ts [--quick] [--hidden N] [--epochs N] [--samples N] [--seed S]`.
 */
import { parseArgs } from 'node:util';
import { FULL, QUICK, runSbnDigits } from './sbn-digits.js';

const { values } = parseArgs({
  options: {
    quick: { type: 'boolean', default: false },
    hidden: { type: 'string' },
    epochs: { type: 'string' },
    samples: { type: 'string' },
    seed: { type: 'string' },
  },
});
runSbnDigits(
  {
    ...(values.quick ? QUICK : FULL),
    ...(values.hidden === undefined ? {} : { hidden: Number(values.hidden) }),
    ...(values.epochs === undefined ? {} : { epochs: Number(values.epochs) }),
    ...(values.samples === undefined ? {} : { samples: Number(values.samples) }),
    ...(values.seed === undefined ? {} : { seed: values.seed }),
  },
  (line) => process.stdout.write(`${line}\n`),
);
