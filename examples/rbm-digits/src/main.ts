/**
 * Command line: `node --import tsx examples/rbm-digits/src/main.ts [--quick] [--out DIR] [--seed S]
 *   [--hidden N] [--epochs N] [--batch N] [--method cd|pcd|pt] [--k N] [--lr X] [--momentum X | X,Y,E] [--chains N] [--replicas N] [--every N]`.
 * `--momentum 0.5,0.9,5` is a schedule: 0.5 for epochs 0–4, then 0.9.
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
    out: { type: 'string' },
    seed: { type: 'string' },
    hidden: { type: 'string' },
    epochs: { type: 'string' },
    batch: { type: 'string' },
    method: { type: 'string' },
    k: { type: 'string' },
    lr: { type: 'string' },
    momentum: { type: 'string' },
    chains: { type: 'string' },
    replicas: { type: 'string' },
    every: { type: 'string' },
  },
});
const num = (name: keyof typeof values, key: string): Record<string, number> =>
  values[name] === undefined ? {} : { [key]: Number(values[name]) };
function momentum(text: string | undefined): { momentum?: number | { initial: number; final: number; switchEpoch: number } } {
  if (text === undefined) return {};
  const [initial, final, switchEpoch] = text.split(',').map(Number);
  return final === undefined ? { momentum: initial! } : { momentum: { initial: initial!, final, switchEpoch: switchEpoch ?? 0 } };
}
const method = values.method;
if (method !== undefined && method !== 'cd' && method !== 'pcd' && method !== 'pt') throw new Error(`--method must be cd, pcd or pt, got ${method}`);
const out = values.out === undefined ? mkdtempSync(join(tmpdir(), 'stochnet-rbm-digits-')) : resolve(values.out);
mkdirSync(out, { recursive: true });
await runRbmDigits(
  {
    ...(values.quick ? QUICK : FULL),
    ...num('hidden', 'hidden'),
    ...num('epochs', 'epochs'),
    ...num('batch', 'batchSize'),
    ...num('k', 'k'),
    ...num('lr', 'learningRate'),
    ...momentum(values.momentum),
    ...num('chains', 'chains'),
    ...num('replicas', 'replicas'),
    ...num('every', 'every'),
    ...(method === undefined ? {} : { method }),
    ...(values.seed === undefined ? {} : { seed: values.seed }),
    out,
  },
  (line) => process.stdout.write(`${line}\n`),
);
