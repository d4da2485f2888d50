/**
 * Command line: `node --import tsx examples/ais-eval/src/main.ts [--quick] [--hidden N] [--epochs N] [--steps 100,1000] [--runs N] [--seed S]`.
 */
import { parseArgs } from 'node:util';
import { FULL, QUICK, runAisEval } from './ais-eval.js';

const { values } = parseArgs({
  options: {
    quick: { type: 'boolean', default: false },
    hidden: { type: 'string' },
    epochs: { type: 'string' },
    steps: { type: 'string' },
    runs: { type: 'string' },
    seed: { type: 'string' },
  },
});
runAisEval(
  {
    ...(values.quick ? QUICK : FULL),
    ...(values.hidden === undefined ? {} : { hidden: Number(values.hidden) }),
    ...(values.epochs === undefined ? {} : { epochs: Number(values.epochs) }),
    ...(values.steps === undefined ? {} : { steps: values.steps.split(',').map(Number) }),
    ...(values.runs === undefined ? {} : { runs: Number(values.runs) }),
    ...(values.seed === undefined ? {} : { seed: values.seed }),
  },
  (line) => process.stdout.write(`${line}\n`),
);
