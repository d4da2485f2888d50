/**
 * Command line: `node --import tsx examples/custom-topology/src/main.ts [--quick] [--chains N] [--sweeps N] [--seed S]`.
 */
import { parseArgs } from 'node:util';
import { FULL, QUICK, runCustomTopology } from './custom-topology.js';

const { values } = parseArgs({
  options: {
    quick: { type: 'boolean', default: false },
    chains: { type: 'string' },
    sweeps: { type: 'string' },
    seed: { type: 'string' },
  },
});
runCustomTopology(
  {
    ...(values.quick ? QUICK : FULL),
    ...(values.chains === undefined ? {} : { chains: Number(values.chains) }),
    ...(values.sweeps === undefined ? {} : { sweeps: Number(values.sweeps) }),
    ...(values.seed === undefined ? {} : { seed: values.seed }),
  },
  (line) => process.stdout.write(`${line}\n`),
);
