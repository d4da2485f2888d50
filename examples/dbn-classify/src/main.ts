/**
 * Command line: `node --import tsx examples/dbn-classify/src/main.ts [--quick] [--layers 100,100] [--rows N] [--no-compare] [--seed S]`.
 */
import { parseArgs } from 'node:util';
import { FULL, QUICK, runDbnClassify } from './dbn-classify.js';

const { values } = parseArgs({
  options: {
    quick: { type: 'boolean', default: false },
    layers: { type: 'string' },
    rows: { type: 'string' },
    'no-compare': { type: 'boolean', default: false },
    seed: { type: 'string' },
  },
});
const base = values.quick ? QUICK : FULL;
runDbnClassify(
  {
    ...base,
    ...(values.layers === undefined ? {} : { layers: values.layers.split(',').map(Number) }),
    ...(values.rows === undefined ? {} : { rows: Number(values.rows) }),
    ...(values['no-compare'] ? { compare: false } : {}),
    ...(values.seed === undefined ? {} : { seed: values.seed }),
  },
  (line) => process.stdout.write(`${line}\n`),
);
