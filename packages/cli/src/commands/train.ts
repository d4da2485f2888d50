/**
 * `stochnet train`: trains an RBM, SBN or DBN and leaves in one folder the
 * model JSON, a checkpoint, the learning curve and pictures of filters and
 * samples, then prints the held-out log-likelihood.
 *
 * @module
 */
import { stat } from 'node:fs/promises';
import { dirname, join, relative, resolve } from 'node:path';
import { Command } from 'commander';
import { normal, rbm, visibleBiasFromData } from '@stochnet/graph';
import { compile, hiddenGivenVisible, visibleGivenHidden } from '@stochnet/model';
import type { TrainingData } from '@stochnet/inference';
import { writeAll } from '../atomic.js';
import { BACKEND_OPTION, chooseBackend } from '../backend-choice.js';
import type { Backend } from '@stochnet/model';
import { addDataOptions, dataSpecOf, loadData } from '../data-source.js';
import type { DataSpec } from '../data-source.js';
import { UsageError } from '../errors.js';
import { backendFlag, countInt, decayFactor, layerList, methodFlag, methodName, nonNegativeNumber, positiveInt, positiveNumber, unitInterval } from '../flags.js';
import { println } from '../io.js';
import type { CliIo } from '../io.js';
import { formatLikelihood, logLikelihood } from '../likelihood.js';
import { modelText, sigmoidNetText } from '../model-file.js';
import { bandsPng, curveFiles, filtersPng, imagesPng } from '../pictures.js';
import { ProgressLine } from '../progress.js';
import { drawSamples } from '../sampling.js';
import type { TrainOutcome } from './outcome.js';
import { readRunFile, writeRunFile } from './run-file.js';
import type { RunFile } from './run-file.js';
import { DEFAULT_HIDDEN, FROM_CHECKPOINT, checkVisibleSize, trainConfigOf } from './train-config.js';
import type { TrainConfig, TrainFlags } from './train-config.js';
import { checkFineTune, runDbnTraining } from './train-dbn.js';
import { runRbmTraining } from './train-rbm.js';
import { runSbnTraining } from './train-sbn.js';

const RECONSTRUCTIONS = 20;

function asTraining(d: { images: Uint8Array; rows: number; cols: number }): TrainingData {
  return { values: d.images, rows: d.rows, cols: d.cols };
}

function describeModel(cfg: TrainConfig, cols: number): string {
  if (cfg.model === 'rbm') return `an rbm of ${cols} visible and ${cfg.hidden[0]} hidden units`;
  return `${cfg.model === 'sbn' ? 'an' : 'a'} ${cfg.model} of layers ${[cols, ...cfg.hidden].join('-')}`;
}

/** The rbm runner, fresh or resumed, as a TrainOutcome. */
async function rbmOutcome(cfg: TrainConfig, backend: Backend, run: RunFile | null, spec: DataSpec, target: number, every: number, data: TrainingData, validation: TrainingData | null, shape: readonly [number, number], out: string, pictures: RunFile['pictures'], progress: ProgressLine): Promise<TrainOutcome> {
  const m = cfg.method;
  const fresh =
    run === null
      ? {
          plan: compile(rbm(data.cols, cfg.hidden[0]!, { seed: cfg.seed, shape, init: normal(0, cfg.initSd), visibleBias: visibleBiasFromData(data.values, data.rows, data.cols) }), { backend }),
          options: {
            method: m.method === 'pt' ? 'pt' : m.method === 'cd' ? 'cd' : 'pcd',
            ...(m.method === 'cd' || m.method === 'pcd' ? { k: m.k } : {}),
            ...(m.method === 'cd' ? {} : { chains: cfg.chains }),
            batchSize: cfg.batchSize,
            learningRate: cfg.learningRate,
            seed: cfg.seed,
            weightDecay: cfg.weightDecay,
            ...(cfg.lrDecay === 1 ? {} : { schedule: { type: 'exponential' as const, decay: cfg.lrDecay } }),
            ...(cfg.momentum === undefined ? {} : { momentum: cfg.momentum }),
          } as const,
        }
      : undefined;
  const result = await runRbmTraining({
    fresh,
    resume: run?.train,
    backend,
    data,
    validation,
    epochs: target,
    every,
    progress,
    save: (train) => writeRunFile(join(out, 'checkpoint.json'), { config: cfg, target, data: spec, pictures, train }),
  });
  const h = result.history;
  const x = Float64Array.from(h, (r) => r.epoch + 1);
  const series = [{ name: 'training rows', x, values: h.map((r) => r.train['reconstruction'] ?? Number.NaN) }];
  if (validation !== null) series.push({ name: 'held-out rows', x, values: h.map((r) => r.validation?.['reconstruction'] ?? Number.NaN) });
  return {
    network: result.network(),
    plan: result.plan,
    curve: { series, title: `rbm ${data.cols}-${cfg.hidden[0]}, ${methodName(cfg.method)}`, yLabel: 'reconstruction error (mean squared)' },
    fineTuneCurve: null,
    recognition: null,
    classifier: null,
    lines: [],
  };
}

/** @internal Runs `stochnet train` with parsed flags. */
export async function runTrain(flags: TrainFlags & Record<string, unknown>, cmd: Command, io: CliIo): Promise<void> {
  const fromCli = (key: string): boolean => cmd.getOptionValueSource(key) === 'cli';
  let run: RunFile | null = null;
  let cfg: TrainConfig;
  let spec: DataSpec;
  let target = flags.epochs;
  let pictures = { samples: flags.samples, sweeps: flags.sweeps };
  let out = resolve(io.cwd, flags.out);
  if (flags.resume !== undefined) {
    const given = FROM_CHECKPOINT.filter(([key]) => fromCli(key)).map(([, flag]) => flag);
    if (given.length > 0) {
      throw new UsageError(`${given.join(', ')} ${given.length === 1 ? 'comes' : 'come'} from the checkpoint when resuming; leave ${given.length === 1 ? 'it' : 'them'} out (only --epochs, --out and --checkpoint-every apply)`, { option: given[0], received: given });
    }
    const path = resolve(io.cwd, flags.resume);
    run = await readRunFile(path);
    cfg = run.config;
    spec = run.data;
    pictures = run.pictures;
    if (!fromCli('epochs')) target = run.target;
    if (!fromCli('out')) out = dirname(path);
    if (target <= run.train.epoch) {
      throw new UsageError(`the checkpoint has ${run.train.epoch} epochs already; ask for more with --epochs (a total, e.g. --epochs ${run.train.epoch + 10})`, { option: '--epochs', received: target, expected: `> ${run.train.epoch}` });
    }
  } else {
    cfg = trainConfigOf(flags);
    spec = dataSpecOf(flags, io.cwd);
  }
  const existing = await stat(out).catch(() => null);
  if (existing !== null && !existing.isDirectory()) {
    throw new UsageError(`--out ${relative(io.cwd, out)} is a file; give a folder (it is created when missing)`, { option: '--out', received: out });
  }
  const loaded = await loadData(spec);
  const train = loaded.train;
  checkVisibleSize(flags, train.cols);
  const shape = train.shape;
  const data = asTraining(train);
  const test = loaded.test === null ? null : asTraining(loaded.test);
  if (cfg.model === 'dbn') checkFineTune(cfg, { data, labels: train.labels });
  const verb = run === null ? 'training' : `resuming at epoch ${run.train.epoch}:`;
  const held = loaded.test === null ? '' : ` and ${loaded.test.rows} held-out`;
  println(io.stdout, `stochnet train: ${verb} ${describeModel(cfg, train.cols)} by ${methodName(cfg.method)} for ${target} epochs${cfg.model === 'dbn' ? ' a layer' : ''}`);
  println(io.stdout, `  on ${loaded.name}: ${train.rows} training${held} examples; output in ${relative(io.cwd, out) || '.'}/`);
  const { backend, description } = await chooseBackend(flags.backend);
  println(io.stdout, `  kernels: ${description}`);
  const progress = new ProgressLine(io.stdout, 'train');
  let outcome: TrainOutcome;
  try {
    if (cfg.model === 'rbm') outcome = await rbmOutcome(cfg, backend, run, spec, target, flags.checkpointEvery, data, test, shape, out, pictures, progress);
    else if (cfg.model === 'sbn') outcome = runSbnTraining(cfg, backend, data, test, shape, progress);
    else outcome = runDbnTraining(cfg, backend, { data, labels: train.labels }, loaded.test === null ? null : { data: test!, labels: loaded.test.labels }, shape, progress);
  } finally {
    progress.finish();
  }
  println(io.stdout, `  trained in ${(progress.elapsed() / 1000).toFixed(1)} s`);
  const files: [string, Uint8Array | string][] = [];
  const listing: [string, string][] = [];
  const add = (name: string, data: Uint8Array | string, what: string | null): void => {
    files.push([join(out, name), data]);
    if (what !== null) listing.push([name, what]);
  };
  add('model.json', modelText(outcome.network), 'the trained network (stochnet JSON)');
  if (cfg.model === 'rbm') listing.push(['checkpoint.json', `continue with: stochnet train --resume ${relative(io.cwd, join(out, 'checkpoint.json'))} --epochs ${target * 2}`]);
  if (outcome.classifier !== null) add('classifier.json', sigmoidNetText(outcome.classifier, 'classifier'), 'the fine-tuned classifier (stochnet eval --classifier)');
  if (outcome.recognition !== null) add('recognition.json', sigmoidNetText(outcome.recognition, 'recognition'), 'the recognition net, an importance-sampling proposal (stochnet eval --recognition)');
  for (const [base, chart, what] of [['curve', outcome.curve, 'the learning curve'], ['fine-tune', outcome.fineTuneCurve, 'the fine-tuning curve']] as const) {
    const c = chart === null ? null : curveFiles(chart.series, chart.title, chart.yLabel);
    if (c === null) continue;
    add(`${base}.svg`, c.svg, null);
    add(`${base}.png`, c.png, `${base}.svg too: ${what}`);
  }
  add('filters.png', filtersPng(outcome.plan, shape), 'the weights from each unit of the first hidden layer');
  const samples = drawSamples(outcome.plan, pictures.samples, { seed: `${cfg.seed}/samples`, sweeps: pictures.sweeps });
  const how = cfg.model === 'sbn' ? 'ancestral samples, each shown as p(v | h1)' : `samples after ${pictures.sweeps} Gibbs sweeps from random starts, shown as p(v | h)`;
  add('samples.png', imagesPng(samples, pictures.samples, shape), `${pictures.samples} ${how}`);
  if (cfg.model === 'rbm') {
    const d = test ?? data;
    const n = Math.min(RECONSTRUCTIONS, d.rows);
    const v = d.values.subarray(0, n * d.cols);
    const recon = visibleGivenHidden(outcome.plan, hiddenGivenVisible(outcome.plan, v, n), n, { values: 'unit-interval' });
    add('reconstructions.png', bandsPng([v, recon], n, shape), `${test === null ? 'training' : 'held-out'} examples above their mean-field reconstructions`);
  }
  const evalSet = test ?? data;
  const ll = logLikelihood(outcome.plan, evalSet.values as Uint8Array, evalSet.rows, {
    seed: `${cfg.seed}/estimate`,
    base: { data: data.values as Uint8Array, rows: data.rows },
    recognition: outcome.recognition,
  });
  await writeAll(files);
  println(io.stdout, `${test === null ? 'training-data' : 'held-out'} log-likelihood: ${formatLikelihood(ll)}`);
  for (const line of outcome.lines) println(io.stdout, line);
  println(io.stdout, `wrote ${relative(io.cwd, out) || '.'}/`);
  const width = Math.max(...listing.map(([f]) => f.length));
  for (const [f, what] of listing) println(io.stdout, `  ${f.padEnd(width)}  ${what}`);
}

/** @internal The `train` command. */
export function trainCommand(io: CliIo): Command {
  const cmd = new Command('train')
    .description('train an RBM, SBN or DBN; write the model, checkpoint and pictures')
    .option('--model <kind>', 'rbm, sbn or dbn', 'rbm')
    .option('--hidden <n>', `hidden units of an rbm or a one-layer sbn (default ${DEFAULT_HIDDEN})`, positiveInt)
    .option('--layers <sizes>', 'layer sizes, visible first, e.g. 64,100,100', layerList)
    .option('--method <rule>', 'rbm: cd-K (e.g. cd-1), pcd-K (pcd = pcd-1), pt; sbn: sbn-gibbs, wake-sleep; dbn: dbn (default: pcd-5, sbn-gibbs, dbn)', methodFlag)
    .option('--epochs <n>', 'epochs (a dbn: per layer); with --resume, the total', countInt, 60)
    .option('--lr <rate>', 'learning rate (default 0.05)', positiveNumber)
    .option('--lr-decay <factor>', 'multiply the learning rate by this after every epoch (default: rbm 0.95, others 1)', decayFactor)
    .option('--batch-size <n>', 'examples per update', positiveInt, 20)
    .option('--seed <seed>', 'seed of every random draw', '1')
    .option('--weight-decay <lambda>', 'L2 weight decay (default: rbm 0.0005, dbn 0.0002, sbn 0)', nonNegativeNumber)
    .option('--momentum <mu>', 'a fixed momentum (default 0.5, then 0.9 from epoch 5)', unitInterval)
    .option('--init-sd <sd>', 'standard deviation of the initial weights (default: rbm 0.1, others 0.01)', nonNegativeNumber)
    .option('--chains <n>', 'persistent chains of pcd and pt', positiveInt, 100)
    .option('--fine-tune <epochs>', 'dbn: fine-tune as a classifier on the labels for this many epochs', countInt, 0);
  addDataOptions(cmd, 'train on data')
    .option('--out <folder>', 'where to write the model, checkpoint and pictures', 'stochnet-out')
    .option('--resume <checkpoint>', 'continue the rbm run saved in this checkpoint.json')
    .option('--checkpoint-every <epochs>', 'epochs between checkpoints', positiveInt, 10)
    .option('--samples <n>', 'samples in samples.png', positiveInt, 40)
    .option('--sweeps <n>', 'Gibbs sweeps behind each sample', positiveInt, 1000)
    .option(...BACKEND_OPTION, backendFlag, 'auto')
    .action(async (flags: TrainFlags & Record<string, unknown>, command: Command) => runTrain(flags, command, io));
  return cmd;
}
