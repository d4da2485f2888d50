/**
 * Command line: `node --import tsx examples/rbm-digits/src/main.ts [--quick] [--hidden N] [--epochs N] [--out DIR] [--seed S]`.
 * Pictures go to DIR (created if needed), by default a fresh folder under the system's temporary directory.
 */
import { mkdirSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { FULL, QUICK, runRbmDigits } from './rbm-digits.js';

const { values } = parseArgs({
  options: {
    quick: { type: 'boolean', default: false },
    hidden: { type: 'string' },
    epochs: { type: 'string' },
    out: { type: 'string' },
    seed: { type: 'string' },
  },
});
const out = values.out === undefined ? mkdtempSync(join(tmpdir(), 'stochnet-rbm-digits-')) : resolve(values.out);
mkdirSync(out, { recursive: true });
await runRbmDigits(
  {
    ...(values.quick ? QUICK : FULL),
    ...(values.hidden === undefined ? {} : { hidden: Number(values.hidden) }),
    ...(values.epochs === undefined ? {} : { epochs: Number(values.epochs) }),
    ...(values.seed === undefined ? {} : { seed: values.seed }),
    out,
  },
  (line) => process.stdout.write(`${line}\n`),
);
