/**
 * A training session, free of any DOM or worker API: set up an RBM on the
 * binarised digits, run one epoch at a time, and draw what it has learnt.
 *
 * @module
 */
import { InvariantError, canonicalSeed, rbm, visibleBiasFromData } from '@stochnet/graph';
import type { Seed } from '@stochnet/graph';
import { compile, jsBackend, visibleGivenHidden } from '@stochnet/model';
import type { Backend, Plan } from '@stochnet/model';
import { checkpoint, resumeTraining, train } from '@stochnet/inference';
import type { TrainingData, TrainOptions, TrainResult } from '@stochnet/inference';
import { digitsSplit, filtersGrid, imageGrid } from '@stochnet/data';
import type { RgbaImage } from '@stochnet/data';
import type { EpochReport, Picture, StartedReport } from './protocol.js';
import type { RunSettings } from './settings.js';

/** A run in progress: call `epoch()` until `done`. */
export interface Session {
  /** The report that opens the run. */
  readonly started: StartedReport;
  /** Epochs done. */
  readonly epochsDone: number;
  /** Whether every epoch of the settings is done. */
  readonly done: boolean;
  /** Trains one more epoch and reports it. */
  epoch(): EpochReport;
}

/** Background between tiles: the page's card colour, so the grid reads as separate tiles. */
const PAD: readonly [number, number, number] = [30, 41, 59];
const BINARY = { min: 0, max: 1 } as const;

function picture(img: RgbaImage): Picture {
  const rgba = new Uint8ClampedArray(img.width * img.height * 4);
  rgba.set(img.rgba);
  return { rgba, width: img.width, height: img.height };
}

/** Visible and hidden values of every chain, from a state array laid out chains × plan.size. */
function splitChains(plan: Plan, states: ArrayLike<number>, chains: number): { visible: Uint8Array; hidden: Uint8Array } {
  const v = plan.blocks.find((b) => b.group === 'v');
  const h = plan.blocks.find((b) => b.group === 'h');
  if (v === undefined || h === undefined) throw new InvariantError('the session plan is not an RBM with groups v and h', { groups: plan.blocks.map((b) => b.group) });
  const visible = new Uint8Array(chains * v.size);
  const hidden = new Uint8Array(chains * h.size);
  for (let c = 0; c < chains; c++) {
    const row = c * plan.size;
    for (let i = 0; i < v.size; i++) visible[c * v.size + i] = states[row + v.offset + i]!;
    for (let j = 0; j < h.size; j++) hidden[c * h.size + j] = states[row + h.offset + j]!;
  }
  return { visible, hidden };
}

/**
 * Starts a session: splits the digits, builds and compiles the RBM (visible
 * biases from the pixel frequencies), and draws the first training digits.
 *
 * @param seed - the seed of the whole run
 * @param settings - hyperparameters and picture layout
 * @param now - a clock in milliseconds (performance.now in the page)
 * @param kernels - the backend to train on and the line that names it (default the js backend)
 * @returns the session
 * @throws SeedError for a seed stochnet does not accept; the errors of train for bad settings
 */
export function startSession(seed: Seed, settings: RunSettings, now: () => number, kernels: { readonly backend: Backend; readonly description: string } = { backend: jsBackend, description: 'js' }): Session {
  const canonical = canonicalSeed(seed);
  if (canonical._tag === 'Left') throw canonical.left;
  const split = digitsSplit(canonical.right, { binarize: true });
  const data: TrainingData = { values: split.train.images, rows: split.train.rows, cols: split.train.cols };
  const test: TrainingData = { values: split.test.images, rows: split.test.rows, cols: split.test.cols };
  const net = rbm(data.cols, settings.hidden, {
    seed: canonical.right,
    shape: [8, 8],
    visibleBias: visibleBiasFromData(data.values, data.rows, data.cols),
  });
  const { backend, description } = kernels;
  const plan = compile(net, { backend });
  const options: TrainOptions = {
    method: 'pcd',
    k: settings.k,
    epochs: 1,
    batchSize: settings.batchSize,
    learningRate: settings.learningRate,
    chains: settings.chains,
    seed: canonical.right,
    validation: test,
  };
  const layout = { cols: settings.tilesPerRow, scale: settings.scale, padding: 2, padColour: PAD };
  const grid = (values: ArrayLike<number>): Picture => picture(imageGrid(values, { ...layout, tileShape: [8, 8], normalise: BINARY }));
  let result: TrainResult | null = null;
  let epochsDone = 0;
  const started: StartedReport = {
    type: 'started',
    seed: canonical.right,
    trainRows: data.rows,
    testRows: test.rows,
    data: grid(data.values.subarray(0, settings.chains * data.cols)),
    kernels: description,
  };
  return {
    started,
    get epochsDone() {
      return epochsDone;
    },
    get done() {
      return epochsDone >= settings.epochs;
    },
    epoch(): EpochReport {
      const t0 = now();
      // Epoch by epoch: a checkpoint resumed for one more epoch equals the uninterrupted run.
      result = result === null ? train(plan, data, options) : resumeTraining(checkpoint(result.state), data, { epochs: epochsDone + 1, validation: test, backend });
      const seconds = Math.max(1e-3, (now() - t0) / 1000);
      epochsDone++;
      const record = result.history[result.history.length - 1]!;
      const chains = result.state.learner.save().chains;
      if (chains === null) throw new InvariantError('PCD training left no persistent chains', { epoch: epochsDone });
      const { visible, hidden } = splitChains(result.plan, chains.states, chains.chains);
      const probabilities = visibleGivenHidden(result.plan, hidden, chains.chains);
      return {
        type: 'epoch',
        epoch: epochsDone,
        epochs: settings.epochs,
        trainError: record.train['reconstruction'] ?? Number.NaN,
        testError: record.validation?.['reconstruction'] ?? Number.NaN,
        samplesPerSecond: data.rows / seconds,
        kernels: description,
        filters: picture(filtersGrid(result.plan, layout)),
        particles: grid(visible),
        probabilities: grid(probabilities),
      };
    },
  };
}
