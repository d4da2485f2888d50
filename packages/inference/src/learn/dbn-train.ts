/**
 * Greedy layer-wise training of deep belief nets (Hinton, Osindero & Teh
 * 2006): one RBM per layer, each trained by the training loop on the
 * hidden activities of the layer below, then assembled into a DBN.
 *
 * @module
 */
import { createRng, dbn, rbm, throwIssues, zeros } from '@stochnet/graph';
import type { Network, Seed, StochnetError } from '@stochnet/graph';
import { compile, createSigmoidNet, hiddenGivenVisibleInto } from '@stochnet/model';
import type { Backend, Dtype, Plan, SigmoidLayer, SigmoidNet } from '@stochnet/model';
import type { OptimiserOptions } from '../train/optimiser-options.js';
import type { EpochRecord, TrainingData, TrainOptions } from '../train/options.js';
import { train } from '../train/train.js';
import { dbnChain, initialLayers, resolveDbnOptions } from './dbn-options.js';

/** Per-layer overrides of {@link TrainDbnOptions} (layer 0 is the RBM on the data). */
export type DbnLayerOverrides = Partial<Pick<TrainOptions, 'epochs' | 'batchSize' | 'k' | 'chains' | 'learningRate' | 'momentum' | 'weightDecay' | 'l1' | 'sparsity' | 'schedule' | 'maxGradNorm'>>;

/** Options of {@link trainDbn}: every RBM's training options, and how layers are stacked. */
export interface TrainDbnOptions extends OptimiserOptions {
  /** The RBMs' rule: `'cd'` (default) or `'pcd'`. */
  readonly method?: 'cd' | 'pcd' | undefined;
  /** Gibbs steps per update; default 1. */
  readonly k?: number | undefined;
  /** PCD: persistent chains; default batchSize. */
  readonly chains?: number | undefined;
  /** Epochs per layer, a non-negative integer. */
  readonly epochs: number;
  /** Rows per batch. */
  readonly batchSize: number;
  /** The seed of every random stream (initial weights when sizes are given, each layer's run, propagated samples). */
  readonly seed: Seed;
  /** What the next layer learns from: the hidden probabilities p(h | input) (default) or 0/1 samples of them. */
  readonly propagate?: 'probabilities' | 'samples' | undefined;
  /** Initial visible biases of each RBM: log(p̄/(1 − p̄)) of its input's column means (default, Hinton 2010 §8) or the network's biases. */
  readonly visibleBias?: 'data' | 'network' | undefined;
  /** Precision of the plans when sizes are given; default 'float64'. */
  readonly dtype?: Dtype | undefined;
  /** The kernels every plan runs on (for example a wasm backend); default the js backend. */
  readonly backend?: Backend | undefined;
  /** Accept training data in [0, 1]; default false. */
  readonly allowProbabilities?: boolean | undefined;
  /** Overrides for layer k (index 0: the RBM on the data). */
  readonly layers?: readonly DbnLayerOverrides[] | undefined;
  /** Called after each layer is trained. */
  readonly onLayer?: ((layer: number, result: DbnLayerResult) => void) | undefined;
}

/** One trained layer of a DBN. */
export interface DbnLayerResult {
  /** The RBM (groups 'v' = the layer below, 'h' = this layer) after training. */
  readonly rbm: Plan;
  /** The same RBM before training. */
  readonly initial: Plan;
  /** The data it was trained on: the input rows for layer 0, propagated activities above. */
  readonly data: TrainingData;
  /** Its training history. */
  readonly history: readonly EpochRecord[];
}

/** What {@link trainDbn} returns. */
export interface TrainDbnResult {
  /** The assembled DBN (kind dbn; kind rbm for two layers). */
  readonly plan: Plan;
  /** The assembled parameters as a new Network. */
  network(): Network;
  /** The up-pass net: layer k has RBM k's weights and hidden biases (the start of fine-tuning). */
  readonly recognition: SigmoidNet;
  /** One entry per RBM, bottom-up. */
  readonly layers: readonly DbnLayerResult[];
}

/** Rows propagated to the next layer per backend call. */
const PROPAGATE_ROWS = 256;

/** Sets p ← log(p̄/(1 − p̄)) of the column means, p̄ clamped to [1e-3, 1 − 1e-3]. */
function logitOfMeans(out: Float64Array, data: TrainingData): void {
  const m = new Float64Array(data.cols);
  for (let r = 0; r < data.rows; r++) for (let i = 0; i < data.cols; i++) m[i]! += data.values[r * data.cols + i]!;
  for (let i = 0; i < data.cols; i++) {
    const p = Math.min(1 - 1e-3, Math.max(1e-3, m[i]! / data.rows));
    out[i] = Math.log(p / (1 - p));
  }
}

/** Writes the upward layer (in×out weights, hidden bias, visible bias) into an RBM plan. */
function rbmFrom(layer: SigmoidLayer, visibleBias: Float64Array, dtype: Dtype, plan: Plan): Plan {
  const p = compile(rbm(layer.inputs, layer.outputs, { init: zeros() }), { dtype, backend: plan.backend });
  const v = p.blocks.find((b) => b.role === 'visible')!;
  const h = p.blocks.find((b) => b.role !== 'visible')!;
  p.weights[0]!.weights.set(layer.weights);
  p.bias.set(visibleBias, v.offset);
  p.bias.set(layer.bias, h.offset);
  return p;
}

/**
 * Trains a deep belief net greedily, one RBM per layer (Hinton, Osindero &
 * Teh 2006), and assembles the result.
 *
 * @remarks
 * Layer k is an RBM between group k (its visible layer) and group k + 1,
 * started from the network's weights for that coupling and the upper
 * group's bias (visible biases: see `visibleBias`). It is trained by
 * `train` (CD-k or PCD, with the optimiser options; seed `fork('layer/' + k)`
 * of the run's seed; `layers[k]` overrides) on its input: the data for
 * k = 0, and above that the hidden probabilities p(h | input) of the RBM
 * below (default, as Hinton & Salakhutdinov 2006; `propagate: 'samples'`
 * draws 0/1 states from `fork('propagate/' + k)` instead).
 * Assembly (Hinton et al. 2006): below the top, the directed generative
 * weights h_{k+1} → h_k are RBM k's weights untied after training (the same
 * values, transposed to the generative layout), and group k's generative
 * bias is RBM k's visible bias; the top pair is the last RBM, undirected,
 * with its own biases. RBM k's hidden biases are the recognition biases of
 * the up-pass, kept in `recognition` (a DBN stores one bias per group).
 * Every option is checked before any training.
 *
 * @param net - a layered DBN (or RBM) Network, or layer sizes visible first (a dbn preset with small random weights from the seed)
 * @param data - rows × cols training data for the visible layer
 * @param options - the RBMs' training options and how layers are stacked
 * @returns the assembled DBN, its up-pass net and each layer's RBM and data
 * @throws ConfigError naming an invalid option
 * @throws ShapeError when the data's width differs from the visible layer or sizes are not positive integers
 * @throws BinaryDataError naming the row and column of a value that is not 0 or 1
 * @throws SeedError when the seed is missing or not accepted
 * @throws LayeringError or GraphStructureError when the network is not a layered DBN or RBM
 * @throws TrainingDivergedError when a layer's training diverges
 *
 * @example
 * ```ts
 * import { trainDbn } from '@stochnet/inference';
 * const values = Uint8Array.of(1, 1, 0, 0, 0, 0, 1, 1, 1, 1, 0, 0, 0, 0, 1, 1);
 * const result = trainDbn([4, 3, 2], { values, rows: 4, cols: 4 }, { epochs: 5, batchSize: 2, learningRate: 0.1, seed: 1 });
 * console.log(result.plan.kind, result.layers.length, result.recognition.layers.map((l) => l.outputs)); // dbn 2 [ 3, 2 ]
 * ```
 */
export function trainDbn(net: Network | readonly number[], data: TrainingData, options: TrainDbnOptions): TrainDbnResult {
  const fn = 'trainDbn';
  const issues: StochnetError[] = [];
  const o = resolveDbnOptions(fn, net, data, options, issues);
  if (issues.length > 0) throwIssues(issues as [StochnetError, ...StochnetError[]]);
  const root = createRng(options.seed);
  const network = Array.isArray(net) ? dbn(net as readonly number[], { seed: root.fork('init').seed }) : (net as Network);
  const plan = compile(network, { dtype: o.dtype, backend: o.backend });
  const chain = dbnChain(fn, plan);
  const start = initialLayers(plan, chain);
  const layers: DbnLayerResult[] = [];
  const upward: SigmoidLayer[] = [];
  let input: TrainingData = data;
  start.forEach((layer, k) => {
    const vb = new Float64Array(layer.inputs);
    if (o.visibleBias === 'data') logitOfMeans(vb, input);
    else vb.set(plan.bias.subarray(plan.blocks[chain.blocks[k]!]!.offset, plan.blocks[chain.blocks[k]!]!.offset + layer.inputs));
    const initial = rbmFrom(layer, vb, o.dtype, plan);
    const over = options.layers?.[k] ?? {};
    const run = train(initial, input, {
      ...o.common,
      ...over,
      method: o.method,
      seed: root.fork(`layer/${k}`).seed,
      allowProbabilities: k === 0 ? o.allowProbabilities : o.propagate === 'probabilities',
    } as TrainOptions);
    const result: DbnLayerResult = { rbm: run.plan, initial, data: input, history: run.history };
    layers.push(result);
    const p = run.plan;
    const v = p.blocks.find((b) => b.role === 'visible')!;
    const h = p.blocks.find((b) => b.role !== 'visible')!;
    upward.push({ inputs: layer.inputs, outputs: layer.outputs, weights: Float64Array.from(p.weights[0]!.weights), bias: Float64Array.from(p.bias.subarray(h.offset, h.offset + h.size)) });
    // generative parameters of this layer (see remarks)
    const lower = plan.blocks[chain.blocks[k]!]!;
    plan.bias.set(p.bias.subarray(v.offset, v.offset + v.size), lower.offset);
    const w = plan.weights[chain.couplings[k]!]!;
    const src = p.weights[0]!.weights;
    if (w.from === chain.blocks[k]) w.weights.set(src);
    else for (let i = 0; i < layer.inputs; i++) for (let j = 0; j < layer.outputs; j++) w.weights[j * layer.inputs + i] = src[i * layer.outputs + j]!;
    if (k === start.length - 1) {
      const top = plan.blocks[chain.blocks[k + 1]!]!;
      plan.bias.set(p.bias.subarray(h.offset, h.offset + h.size), top.offset);
    } else {
      const next = new Float64Array(input.rows * layer.outputs);
      // In tiles of rows, so the backend's scratch (WebAssembly memory never shrinks) stays small.
      for (let r0 = 0; r0 < input.rows; r0 += PROPAGATE_ROWS) {
        const m = Math.min(PROPAGATE_ROWS, input.rows - r0);
        const rowsIn = input.values.subarray(r0 * layer.inputs, (r0 + m) * layer.inputs);
        hiddenGivenVisibleInto(next.subarray(r0 * layer.outputs, (r0 + m) * layer.outputs), p, rowsIn, m, { values: 'unit-interval' });
      }
      if (o.propagate === 'samples') {
        const rng = root.fork(`propagate/${k}`);
        for (let t = 0; t < next.length; t++) next[t] = rng.next() < next[t]! ? 1 : 0;
      }
      input = { values: o.propagate === 'samples' ? Uint8Array.from(next) : next, rows: input.rows, cols: layer.outputs };
    }
    options.onLayer?.(k, result);
  });
  const recognition = createSigmoidNet(upward, 'logistic', { backend: plan.backend });
  return { plan, network: () => plan.toNetwork(), recognition, layers };
}
