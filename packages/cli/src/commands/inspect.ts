/**
 * `stochnet inspect`: what a saved model is — its compiled plan summary,
 * for people or as JSON.
 *
 * @module
 */
import { resolve } from 'node:path';
import { Command } from 'commander';
import { compile, describePlan } from '@stochnet/model';
import type { PlanSummary } from '@stochnet/model';
import { println } from '../io.js';
import type { CliIo } from '../io.js';
import { readModel } from '../model-file.js';

function bytes(n: number): string {
  return n < 1024 ? `${n} B` : n < 1024 ** 2 ? `${(n / 1024).toFixed(1)} KiB` : `${(n / 1024 ** 2).toFixed(1)} MiB`;
}

function human(path: string, s: PlanSummary, out: (line: string) => void): void {
  out(`${path}: ${/^[aeiou]|^rbm|^sbn/.test(s.kind) ? 'an' : 'a'} ${s.kind} of ${s.units} units (${s.dtype}, ${s.backend} kernels), parameters ${bytes(s.bytes.total)}`);
  out('groups:');
  for (const b of s.blocks) out(`  ${b.group.padEnd(8)} ${String(b.size).padStart(6)} units  ${b.role}`);
  out('couplings:');
  for (const w of s.weights) {
    const arrow = w.directed ? '->' : '--';
    out(`  ${w.coupling.padEnd(10)} ${w.from} ${arrow} ${w.to}  ${w.shape.join('×')} ${w.connectivity}, ${w.nnz} weights`);
  }
  const steps = s.schedules.gibbs.map((step) => step.map((p) => (p.units === 'all' ? p.group : `${p.group}[${p.units.length}]`)).join('+'));
  if (steps.length > 0) out(`block Gibbs sweep: ${steps.join(' → ')}`);
  if (s.schedules.ancestral.length > 0) out(`ancestral order: ${s.schedules.ancestral.join(' → ')}`);
}

/** @internal The `inspect` command. */
export function inspectCommand(io: CliIo): Command {
  return new Command('inspect')
    .description('summarise a saved model: kind, groups, couplings, schedules')
    .argument('<model>', 'a model.json written by stochnet train (any stochnet network JSON)')
    .option('--json', 'print the plan summary as JSON')
    .action(async (modelPath: string, flags: { json?: boolean }) => {
      const summary = describePlan(compile(await readModel(resolve(io.cwd, modelPath))));
      if (flags.json === true) println(io.stdout, JSON.stringify(summary, null, 2));
      else human(modelPath, summary, (line) => println(io.stdout, line));
    });
}
