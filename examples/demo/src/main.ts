/**
 * The stochnet demo, run by `pnpm demo`: a short tour of building,
 * checking, editing, saving and compiling networks, then an RBM that learns
 * the digits, with the exact held-out log-likelihood and pictures.
 */
import { relative, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { nodeIo } from '@stochnet/cli';
import { runDemo } from './demo.js';
import { DIGITS_DEMO, digitsDemo } from './digits.js';

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const started = performance.now();
  const io = nodeIo();
  const print = (line: string): void => io.stdout.write(`${line}\n`);
  runDemo(print);
  print('');
  print('6. Learning the handwritten digits');
  const out = resolve(io.cwd, 'demo-output');
  const r = await digitsDemo(DIGITS_DEMO, out, io.stdout);
  print(`   exact held-out log-likelihood: ${r.testLogLikelihood.toFixed(3)} nats per digit (297 digits, log Z by enumerating 2^${DIGITS_DEMO.hidden} hidden states)`);
  print(`   for comparison, independent pixels: ${r.baselineLogLikelihood.toFixed(3)} nats per digit`);
  print(`   pictures and model in ${relative(io.cwd, out)}/:`);
  print('     filters.png          what each hidden unit looks for (white: positive weights, black: negative)');
  print(`     samples.png          ${DIGITS_DEMO.samples} samples, each after ${DIGITS_DEMO.sweeps} Gibbs sweeps from a random start`);
  print('     reconstructions.png  held-out digits (rows 1, 3) and their reconstructions (rows 2, 4)');
  print('     digits.png           real held-out digits, to compare with the samples');
  print('     curve.svg, .png      the learning curve');
  print('     model.json           the trained RBM (stochnet JSON)');
  print('');
  print(`done in ${((performance.now() - started) / 1000).toFixed(1)} s. The same with the command line: pnpm stochnet train --out my-run`);
}
