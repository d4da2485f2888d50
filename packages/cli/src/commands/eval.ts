/**
 * `stochnet eval`: the log-likelihood of a saved model on data (exact,
 * AIS or IS), its reconstruction error, and a DBN classifier's accuracy.
 *
 * @module
 */
import { resolve } from 'node:path';
import { Command } from 'commander';
import { compile } from '@stochnet/model';
import { classificationAccuracy, reconstructionError } from '@stochnet/inference';
import { addDataOptions, dataSpecOf, loadData } from '../data-source.js';
import type { DataFlags } from '../data-source.js';
import { UsageError } from '../errors.js';
import { backendFlag, positiveInt } from '../flags.js';
import type { BackendFlag } from '../flags.js';
import { BACKEND_OPTION, chooseBackend } from '../backend-choice.js';
import { println } from '../io.js';
import type { CliIo } from '../io.js';
import { formatLikelihood, logLikelihood } from '../likelihood.js';
import type { LikelihoodReport } from '../likelihood.js';
import { readModel, readSigmoidNet } from '../model-file.js';
import { visibleBlock } from '../sampling.js';

interface EvalFlags extends DataFlags {
  readonly seed: string;
  readonly runs: number;
  readonly betas: number;
  readonly samples: number;
  readonly classifier?: string | undefined;
  readonly recognition?: string | undefined;
  readonly json?: boolean | undefined;
  readonly backend: BackendFlag;
}

function finiteOrNull(x: number): number | null {
  return Number.isFinite(x) ? x : null;
}

async function runEval(modelPath: string, flags: EvalFlags, io: CliIo): Promise<void> {
  const net = await readModel(resolve(io.cwd, modelPath));
  const classifier = flags.classifier === undefined ? null : await readSigmoidNet(resolve(io.cwd, flags.classifier), 'classifier');
  const recognition = flags.recognition === undefined ? null : await readSigmoidNet(resolve(io.cwd, flags.recognition), 'recognition');
  const choice = await chooseBackend(flags.backend);
  const plan = compile(net, { backend: choice.backend });
  const loaded = await loadData(dataSpecOf(flags, io.cwd));
  const set = loaded.test ?? loaded.train;
  const nv = visibleBlock(plan).size;
  if (set.cols !== nv) throw new UsageError(`the data has ${set.cols} columns but the model has ${nv} visible units`, { option: '--idx/--csv', expected: nv, received: set.cols });
  if (classifier !== null && set.labels === null) throw new UsageError('--classifier needs labelled data: the digits, --idx IMAGES,LABELS or --csv with --label-column', { option: '--classifier' });
  const which = loaded.test === null ? 'all' : 'held-out';
  const ll: LikelihoodReport = logLikelihood(plan, set.images, set.rows, {
    seed: flags.seed,
    runs: flags.runs,
    betas: flags.betas,
    samples: flags.samples,
    recognition,
    base: { data: loaded.train.images, rows: loaded.train.rows },
  });
  const recon = plan.kind === 'rbm' ? reconstructionError(plan, set.images, set.rows) : null;
  const accuracy = classifier === null ? null : classificationAccuracy(classifier, set.images, set.labels!);
  if (flags.json === true) {
    const doc = {
      model: modelPath,
      kind: plan.kind,
      backend: choice.backend.name,
      data: { name: loaded.name, set: which, rows: set.rows },
      logLikelihood: { method: ll.method, value: finiteOrNull(ll.value), lower: finiteOrNull(ll.lower), upper: finiteOrNull(ll.upper), note: ll.note },
      reconstructionError: recon,
      accuracy,
    };
    println(io.stdout, JSON.stringify(doc, null, 2));
    return;
  }
  println(io.stdout, `stochnet eval: the ${plan.kind} in ${modelPath} on ${set.rows} ${which === 'all' ? '' : 'held-out '}examples of ${loaded.name}`);
  println(io.stdout, `  kernels: ${choice.description}`);
  println(io.stdout, `  log-likelihood: ${formatLikelihood(ll)}`);
  if (recon !== null) println(io.stdout, `  reconstruction error: ${recon.toFixed(5)} (mean squared, one mean-field pass)`);
  if (accuracy !== null) println(io.stdout, `  classification accuracy: ${accuracy.toFixed(4)}`);
}

/** @internal The `eval` command. */
export function evalCommand(io: CliIo): Command {
  const cmd = new Command('eval')
    .description('log-likelihood, reconstruction error and accuracy of a saved model')
    .argument('<model>', 'a model.json written by stochnet train')
    .option('--classifier <file>', 'a classifier.json (fine-tuned DBN) to score on the labels')
    .option('--recognition <file>', 'a recognition.json (wake-sleep) as the importance-sampling proposal')
    .option('--seed <seed>', 'seed of the estimators', '1')
    .option('--runs <n>', 'AIS runs', positiveInt, 100)
    .option('--betas <n>', 'AIS inverse-temperature steps', positiveInt, 2000)
    .option('--samples <n>', 'importance samples per example (sbn)', positiveInt, 1000)
    .option('--json', 'print one JSON document')
    .option(...BACKEND_OPTION, backendFlag, 'auto');
  addDataOptions(cmd, 'evaluate on data').action(async (model: string, flags: EvalFlags) => runEval(model, flags, io));
  return cmd;
}
