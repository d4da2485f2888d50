/**
 * Command line: `node --import tsx examples/rain-sprinkler/src/main.ts [--quick] [--samples N] [--chains N] [--seed S]`.
 */
import { parseArgs } from 'node:util';
import { FULL, QUICK, runRainSprinkler } from './rain-sprinkler.js';

const { values } = parseArgs({
  options: {
    quick: { type: 'boolean', default: false },
    samples: { type: 'string' },
    chains: { type: 'string' },
    seed: { type: 'string' },
  },
});
const base = values.quick ? QUICK : FULL;
runRainSprinkler(
  {
    ...base,
    ...(values.samples === undefined ? {} : { samples: Number(values.samples) }),
    ...(values.chains === undefined ? {} : { chains: Number(values.chains) }),
    ...(values.seed === undefined ? {} : { seed: values.seed }),
  },
  (line) => process.stdout.write(`${line}\n`),
);
