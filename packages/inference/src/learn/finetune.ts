/**
 * Discriminative fine-tuning of a DBN (Hinton & Salakhutdinov 2006): unroll
 * its recognition pass into a feed-forward sigmoid net, add a softmax layer
 * and train everything by backpropagation.
 *
 * @module
 */
import { NonFiniteError, createRng, throwIssues } from '@stochnet/graph';
import type { StochnetError } from '@stochnet/graph';
import { appendOutputLayer, createBackpropWorkspace, lossAndGradient, unrollDbn, zeroSigmoidNetGradient } from '@stochnet/model';
import type { Plan, SigmoidNet } from '@stochnet/model';
import { epochOrder } from '../train/train.js';
import { classificationAccuracy } from './classify.js';
import type { TrainDbnResult } from './dbn-train.js';
import { checkLabelled, resolveFineTune } from './finetune-options.js';
import type { FineTuneEpoch, FineTuneOptions, LabelledData } from './finetune-options.js';

/**
 * Copies the rows order[r0 .. r0 + m) of trainX (width values each) and their
 * labels into x and y: its own function, so it is optimised after a few calls
 * rather than interpreted inside the long epoch loop.
 */
function gatherBatch(x: Float64Array, y: Int32Array | Float64Array, trainX: ArrayLike<number>, labels: ArrayLike<number>, order: Int32Array, r0: number, m: number, width: number): void {
  for (let q = 0; q < m; q++) {
    const src = order[r0 + q]!;
    for (let i = 0; i < width; i++) x[q * width + i] = trainX[src * width + i]!;
    y[q] = labels[src]!;
  }
}

/** What {@link fineTuneDbn} returns. */
export interface FineTuneResult {
  /** The classifier: the unrolled DBN with a softmax output layer (parameters of the best validation epoch when early stopping). */
  readonly net: SigmoidNet;
  /** One record per epoch run. */
  readonly history: readonly FineTuneEpoch[];
  /** The epoch with the best validation accuracy, or null without validation data. */
  readonly bestEpoch: number | null;
  /** Whether patience ran out before `epochs`. */
  readonly stoppedEarly: boolean;
  /** Accuracy on `options.test`, or null without test data. */
  readonly testAccuracy: number | null;
}

function isDbnResult(x: unknown): x is TrainDbnResult {
  return x !== null && typeof x === 'object' && 'recognition' in x && 'layers' in x && 'plan' in x;
}

function params(net: SigmoidNet): Float64Array[] {
  return net.layers.flatMap((l) => [l.weights, l.bias]);
}

/**
 * Fine-tunes a pre-trained DBN as a classifier by backpropagation.
 *
 * @remarks
 * The body is the DBN's up-pass: for a {@link TrainDbnResult}, its
 * `recognition` net (RBM weights with the RBMs' hidden biases); for a
 * plan, `unrollDbn(plan)` (each layer's bias is the upper group's bias).
 * A softmax layer of `classes` units, N(0, outputSd²) weights from
 * `fork('output')` of the seed, is appended (appendOutputLayer). Training
 * minimises the mean cross-entropy −log softmax(z)_y by minibatch gradient
 * descent with momentum and L2 weight decay on weights:
 * v ← μ·v − η·(∇ + λ·W), θ ← θ + v (biases without decay). Epoch e
 * visits the rows in a seeded random order (`fork('epoch/' + e)`). With
 * validation data, the accuracy on it is tracked each epoch (ties broken
 * by the validation cross-entropy), the best epoch's parameters are
 * restored at the end, and `patience` epochs without improvement stop the
 * run. The test accuracy is computed once at
 * the end. Every argument is checked first, every problem collected; a
 * non-finite loss or parameter throws a NonFiniteError naming the epoch and
 * batch. The input plan or result is never changed.
 *
 * @param dbn - a layered DBN (or SBN/RBM) plan, or the result of trainDbn
 * @param data - rows × visible units inputs
 * @param labels - one class index per row
 * @param options - epochs, batches, rates, seed, classes, validation, patience, test
 * @returns the classifier, its history and its test accuracy
 * @throws ConfigError naming an invalid option
 * @throws ShapeError when data, labels, validation or test have the wrong size
 * @throws ValidationError (code LABEL_RANGE) naming the row of a label outside [0, classes)
 * @throws NonFiniteError naming the row and column of a non-finite input, or when training diverges
 * @throws SeedError when the seed is missing or not accepted
 * @throws GraphStructureError or LayeringError when the plan is not a layered net
 *
 * @example
 * ```ts
 * import { trainDbn, fineTuneDbn } from '@stochnet/inference';
 * const values = Uint8Array.of(1, 1, 0, 0, 0, 0, 1, 1, 1, 0, 0, 0, 0, 0, 0, 1);
 * const labels = Uint8Array.of(0, 1, 0, 1);
 * const data = { values, rows: 4, cols: 4 };
 * const dbn = trainDbn([4, 3, 3], data, { epochs: 10, batchSize: 2, learningRate: 0.1, seed: 1 });
 * const tuned = fineTuneDbn(dbn, data, labels, { epochs: 100, batchSize: 2, learningRate: 0.5, seed: 2, test: { data, labels } });
 * console.log(tuned.testAccuracy); // 1
 * ```
 */
export function fineTuneDbn(dbn: Plan | TrainDbnResult, data: LabelledData['data'], labels: ArrayLike<number>, options: FineTuneOptions): FineTuneResult {
  const fn = 'fineTuneDbn';
  const issues: StochnetError[] = [];
  let body: SigmoidNet | null = null;
  try {
    body = isDbnResult(dbn) ? dbn.recognition : unrollDbn(dbn);
  } catch (e) {
    issues.push(e as StochnetError);
  }
  const width = body?.layers[0]!.inputs ?? (data?.cols as number);
  const o = (options !== null && typeof options === 'object' ? options : {}) as Partial<FineTuneOptions>;
  const given = typeof o.classes === 'number' && Number.isSafeInteger(o.classes) && o.classes >= 2 ? o.classes : null;
  const maxLabel = checkLabelled(fn, 'data', data, labels, width, given, issues);
  if (o.validation !== undefined) checkLabelled(fn, 'validation.data', o.validation?.data, o.validation?.labels, width, given ?? Math.max(2, maxLabel + 1), issues);
  if (o.test !== undefined) checkLabelled(fn, 'test.data', o.test?.data, o.test?.labels, width, given ?? Math.max(2, maxLabel + 1), issues);
  const r = resolveFineTune(fn, options, maxLabel, issues);
  if (issues.length > 0) throwIssues(issues as [StochnetError, ...StochnetError[]]);
  const root = createRng(r.seed);
  const net = appendOutputLayer(body!, r.classes, { rng: root.fork('output'), sd: r.outputSd });
  const N = data.rows;
  const B = Math.min(r.batchSize, N);
  const grads = zeroSigmoidNetGradient(net);
  const velocity = zeroSigmoidNetGradient(net);
  const ws = createBackpropWorkspace(net, B);
  const x = new Float64Array(B * width);
  const y = new Int32Array(B);
  const history: FineTuneEpoch[] = [];
  const asFloat = (d: LabelledData['data']): Float64Array => (d.values instanceof Float64Array ? d.values : Float64Array.from(d.values));
  const trainX = asFloat(data);
  const valX = o.validation === undefined ? null : asFloat(o.validation.data);
  let best: Float64Array[] | null = null;
  let bestAcc = -1;
  let bestLoss = Infinity;
  const valGrads = valX === null ? null : zeroSigmoidNetGradient(net);
  let bestEpoch: number | null = null;
  let wait = 0;
  let stoppedEarly = false;
  for (let e = 0; e < r.epochs; e++) {
    const order = epochOrder(N, root.fork(`epoch/${e}`));
    let lossSum = 0;
    let batches = 0;
    for (let r0 = 0; r0 < N; r0 += B) {
      const m = Math.min(B, N - r0);
      gatherBatch(x, y, trainX, labels, order, r0, m, width);
      const loss = lossAndGradient(grads, net, x.subarray(0, m * width), y.subarray(0, m), m, ws);
      if (!Number.isFinite(loss)) throw new NonFiniteError(`${fn}: the loss is ${loss} at epoch ${e}, batch ${batches}; lower the learning rate`, { function: fn, epoch: e, batch: batches, received: loss });
      lossSum += loss;
      net.layers.forEach((l, k) => {
        const g = grads.layers[k]!;
        const v = velocity.layers[k]!;
        for (let i = 0; i < l.weights.length; i++) v.weights[i] = r.momentum * v.weights[i]! - r.learningRate * (g.weights[i]! + r.weightDecay * l.weights[i]!);
        for (let j = 0; j < l.bias.length; j++) v.bias[j] = r.momentum * v.bias[j]! - r.learningRate * g.bias[j]!;
        for (let i = 0; i < l.weights.length; i++) l.weights[i] = l.weights[i]! + v.weights[i]!;
        for (let j = 0; j < l.bias.length; j++) l.bias[j] = l.bias[j]! + v.bias[j]!;
      });
      if (params(net).some((a) => a.some((t) => !Number.isFinite(t)))) {
        throw new NonFiniteError(`${fn}: a parameter became non-finite at epoch ${e}, batch ${batches}; lower the learning rate`, { function: fn, epoch: e, batch: batches });
      }
      batches++;
    }
    const validationAccuracy = valX === null ? null : classificationAccuracy(net, valX, o.validation!.labels);
    const validationLoss = valX === null ? null : lossAndGradient(valGrads!, net, valX, o.validation!.labels, o.validation!.data.rows);
    const record: FineTuneEpoch = { epoch: e, loss: lossSum / batches, trainAccuracy: classificationAccuracy(net, trainX, labels), validationAccuracy, validationLoss };
    history.push(record);
    o.onEpoch?.(record);
    if (validationAccuracy !== null && validationLoss !== null) {
      if (validationAccuracy > bestAcc || (validationAccuracy === bestAcc && validationLoss < bestLoss)) {
        bestAcc = validationAccuracy;
        bestLoss = validationLoss;
        bestEpoch = e;
        best = params(net).map((a) => a.slice());
        wait = 0;
      } else if (r.patience !== null && ++wait >= r.patience) {
        stoppedEarly = true;
        break;
      }
    }
  }
  if (best !== null) params(net).forEach((a, k) => a.set(best![k]!));
  const testAccuracy = o.test === undefined ? null : classificationAccuracy(net, asFloat(o.test.data), o.test.labels);
  return { net, history, bestEpoch, stoppedEarly, testAccuracy };
}
