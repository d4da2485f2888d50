/**
 * Command line: `node --import tsx examples/inpainting/src/main.ts [--quick] [--hidden N] [--epochs N] [--images N] [--seed S]`.
 */
import { parseArgs } from 'node:util';
import { FULL, QUICK, runInpainting } from './inpainting.js';

const { values } = parseArgs({
  options: {
    quick: { type: 'boolean', default: false },
    hidden: { type: 'string' },
    epochs: { type: 'string' },
    images: { type: 'string' },
    seed: { type: 'string' },
  },
});
runInpainting(
  {
    ...(values.quick ? QUICK : FULL),
    ...(values.hidden === undefined ? {} : { hidden: Number(values.hidden) }),
    ...(values.epochs === undefined ? {} : { epochs: Number(values.epochs) }),
    ...(values.images === undefined ? {} : { images: Number(values.images) }),
    ...(values.seed === undefined ? {} : { seed: values.seed }),
  },
  (line) => process.stdout.write(`${line}\n`),
);
