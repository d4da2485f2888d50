/**
 * Predictions of a feed-forward classifier (a fine-tuned DBN): the class of
 * each row, and the accuracy against labels.
 *
 * @module
 */
import { ShapeError, ValidationError } from '@stochnet/graph';
import { createBackpropWorkspace, forwardInto } from '@stochnet/model';
import type { SigmoidNet } from '@stochnet/model';

const CHUNK = 512;

function checkRows(fn: string, net: SigmoidNet, x: unknown): number {
  const n = net !== null && typeof net === 'object' && Array.isArray(net.layers) && net.layers.length > 0 ? net.layers[0]!.inputs : 0;
  if (n === 0) throw new ValidationError(`${fn}: net must be a SigmoidNet (e.g. from fineTuneDbn)`, { function: fn, argument: 'net' });
  if (!(x instanceof Float64Array || x instanceof Float32Array || x instanceof Uint8Array) || x.length % n !== 0 || x.length === 0) {
    throw new ShapeError(`${fn}: x must be a Float64Array, Float32Array or Uint8Array of rows × ${n} inputs`, {
      function: fn,
      argument: 'x',
      expected: `a positive multiple of ${n}`,
      received: ArrayBuffer.isView(x) ? (x as Uint8Array).length : typeof x,
    });
  }
  return x.length / n;
}

/**
 * The predicted class of every row: the output unit with the largest
 * prediction (softmax or logistic); with one logistic output, 1 when its
 * probability exceeds 1/2.
 *
 * @remarks
 * Runs the forward pass in chunks of 512 rows (so memory stays bounded);
 * ties go to the lower class.
 *
 * @param net - a feed-forward net (e.g. the classifier of fineTuneDbn)
 * @param x - rows × net inputs, row-major, finite
 * @returns one class index per row
 * @throws ValidationError when net is not a SigmoidNet
 * @throws ShapeError when x is not a whole number of rows
 * @throws NonFiniteError naming the row and column of a non-finite input
 *
 * @example
 * ```ts
 * import { createSigmoidNet } from '@stochnet/model';
 * import { classify } from '@stochnet/inference';
 * const net = createSigmoidNet([{ inputs: 1, outputs: 2, weights: Float64Array.of(-5, 5), bias: new Float64Array(2) }], 'softmax');
 * console.log(Array.from(classify(net, Float64Array.of(0, 1)))); // [ 0, 1 ]
 * ```
 */
export function classify(net: SigmoidNet, x: Float64Array | Float32Array | Uint8Array): Int32Array {
  const fn = 'classify';
  const rows = checkRows(fn, net, x);
  const width = net.layers[0]!.inputs;
  const classes = net.layers[net.layers.length - 1]!.outputs;
  const out = new Int32Array(rows);
  const chunk = Math.min(rows, CHUNK);
  const activations = createBackpropWorkspace(net, chunk).activations;
  const buf = new Float64Array(chunk * width);
  for (let r0 = 0; r0 < rows; r0 += chunk) {
    const m = Math.min(chunk, rows - r0);
    const input = buf.subarray(0, m * width);
    for (let i = 0; i < m * width; i++) input[i] = x[r0 * width + i]!;
    const acts = forwardInto([...activations], net, input, m);
    const p = acts[acts.length - 1]!;
    for (let r = 0; r < m; r++) {
      if (classes === 1) {
        out[r0 + r] = p[r]! > 0.5 ? 1 : 0;
        continue;
      }
      let best = 0;
      for (let j = 1; j < classes; j++) if (p[r * classes + j]! > p[r * classes + best]!) best = j;
      out[r0 + r] = best;
    }
  }
  return out;
}

/**
 * The fraction of rows whose predicted class ({@link classify}) equals the label.
 *
 * @param net - a feed-forward classifier
 * @param x - rows × net inputs, row-major, finite
 * @param labels - one class index per row
 * @returns the accuracy in [0, 1]
 * @throws ShapeError when x is not a whole number of rows or labels has another length
 * @throws ValidationError when net is not a SigmoidNet
 *
 * @example
 * ```ts
 * import { createSigmoidNet } from '@stochnet/model';
 * import { classificationAccuracy } from '@stochnet/inference';
 * const net = createSigmoidNet([{ inputs: 1, outputs: 2, weights: Float64Array.of(-5, 5), bias: new Float64Array(2) }], 'softmax');
 * console.log(classificationAccuracy(net, Float64Array.of(0, 1, 1), Uint8Array.of(0, 1, 0))); // 0.6666666666666666
 * ```
 */
export function classificationAccuracy(net: SigmoidNet, x: Float64Array | Float32Array | Uint8Array, labels: ArrayLike<number>): number {
  const fn = 'classificationAccuracy';
  const rows = checkRows(fn, net, x);
  if (labels === null || typeof labels !== 'object' || labels.length !== rows) {
    throw new ShapeError(`${fn}: labels must hold one class per row (${rows})`, { function: fn, argument: 'labels', expected: rows, received: labels?.length });
  }
  const predicted = classify(net, x);
  let hits = 0;
  for (let r = 0; r < rows; r++) if (predicted[r] === labels[r]) hits++;
  return hits / rows;
}
