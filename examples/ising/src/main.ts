/**
 * Command line: `node --import tsx examples/ising/src/main.ts [--quick] [--side L] [--chains N] [--sweeps N] [--seed S]`.
 */
import { parseArgs } from 'node:util';
import { FULL, QUICK, runIsing } from './ising.js';

const { values } = parseArgs({
  options: {
    quick: { type: 'boolean', default: false },
    side: { type: 'string' },
    chains: { type: 'string' },
    sweeps: { type: 'string' },
    seed: { type: 'string' },
  },
});
const base = values.quick ? QUICK : FULL;
runIsing(
  {
    ...base,
    ...(values.side === undefined ? {} : { side: Number(values.side) }),
    ...(values.chains === undefined ? {} : { chains: Number(values.chains) }),
    ...(values.sweeps === undefined ? {} : { sweeps: Number(values.sweeps) }),
    ...(values.seed === undefined ? {} : { seed: values.seed }),
  },
  (line) => process.stdout.write(`${line}\n`),
);
