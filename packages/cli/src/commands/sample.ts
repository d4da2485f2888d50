/**
 * `stochnet sample`: samples from a saved model, or inpaints held-out
 * images with their top half clamped, as a PNG.
 *
 * @module
 */
import { relative, resolve } from 'node:path';
import { Command } from 'commander';
import { compile } from '@stochnet/model';
import { addDataOptions, dataSpecOf, loadData } from '../data-source.js';
import type { DataFlags } from '../data-source.js';
import { UsageError } from '../errors.js';
import { backendFlag, positiveInt } from '../flags.js';
import type { BackendFlag } from '../flags.js';
import { BACKEND_OPTION, chooseBackend } from '../backend-choice.js';
import { println } from '../io.js';
import type { CliIo } from '../io.js';
import { readModel } from '../model-file.js';
import { visibleShape } from '../model-shape.js';
import { writeAtomic } from '../atomic.js';
import { bandsPng, imagesPng } from '../pictures.js';
import { drawSamples, inpaint, topHalf } from '../sampling.js';

interface SampleFlags extends DataFlags {
  readonly n: number;
  readonly sweeps: number;
  readonly seed: string;
  readonly inpaint?: number | undefined;
  readonly out?: string | undefined;
  readonly backend: BackendFlag;
}

async function runSample(modelPath: string, flags: SampleFlags, io: CliIo): Promise<void> {
  const net = await readModel(resolve(io.cwd, modelPath));
  const choice = await chooseBackend(flags.backend);
  const plan = compile(net, { backend: choice.backend });
  const shape = visibleShape(plan);
  if (flags.inpaint === undefined) {
    const out = resolve(io.cwd, flags.out ?? 'samples.png');
    const how = plan.kind === 'sbn' ? 'ancestral draws' : `${flags.sweeps} Gibbs sweeps from random starts`;
    println(io.stdout, `stochnet sample: ${flags.n} samples from the ${plan.kind} in ${modelPath} (${how}; kernels: ${choice.description})`);
    const v = drawSamples(plan, flags.n, { seed: flags.seed, sweeps: flags.sweeps });
    await writeAtomic(out, imagesPng(v, flags.n, shape));
    println(io.stdout, `wrote ${relative(io.cwd, out)}: p(v | layer above) at the last step, ${Math.min(10, flags.n)} a row`);
    return;
  }
  const loaded = await loadData(dataSpecOf(flags, io.cwd));
  const set = loaded.test ?? loaded.train;
  if (set.cols !== visibleBlockSize(plan)) {
    throw new UsageError(`the data has ${set.cols} columns but the model has ${visibleBlockSize(plan)} visible units`, { option: '--inpaint', expected: visibleBlockSize(plan), received: set.cols });
  }
  const n = Math.min(flags.inpaint, set.rows);
  const clamped = topHalf(set.shape);
  const images = set.images.subarray(0, n * set.cols);
  const out = resolve(io.cwd, flags.out ?? 'inpainting.png');
  println(io.stdout, `stochnet sample: inpainting ${n} ${loaded.test === null ? '' : 'held-out '}examples of ${loaded.name} with their top half clamped (${flags.sweeps} sweeps; kernels: ${choice.description})`);
  const filled = inpaint(plan, images, n, clamped, { seed: flags.seed, sweeps: flags.sweeps });
  const given = Float64Array.from(images);
  for (let r = 0; r < n; r++) for (let i = clamped.length; i < set.cols; i++) given[r * set.cols + i] = 0.5;
  await writeAtomic(out, bandsPng([images, given, filled], n, shape));
  println(io.stdout, `wrote ${relative(io.cwd, out)}: in each group of three rows, the originals, the clamped top halves, and the completions`);
}

function visibleBlockSize(plan: ReturnType<typeof compile>): number {
  return plan.blocks.filter((b) => b.role === 'visible').reduce((a, b) => a + b.size, 0);
}

/** @internal The `sample` command. */
export function sampleCommand(io: CliIo): Command {
  const cmd = new Command('sample')
    .description('draw samples from a saved model, or inpaint images; write a PNG')
    .argument('<model>', 'a model.json written by stochnet train')
    .option('-n, --n <count>', 'number of samples', positiveInt, 40)
    .option('--sweeps <n>', 'Gibbs sweeps (rbm, dbn top pair) or posterior sweeps (sbn inpainting)', positiveInt, 1000)
    .option('--seed <seed>', 'seed of the draws', '1')
    .option('--inpaint <count>', 'inpaint this many examples (held-out digits by default) with their top half clamped', positiveInt)
    .option('--out <file>', 'the PNG to write (default samples.png, or inpainting.png)')
    .option(...BACKEND_OPTION, backendFlag, 'auto');
  addDataOptions(cmd, 'inpaint examples').action(async (model: string, flags: SampleFlags) => runSample(model, flags, io));
  return cmd;
}
