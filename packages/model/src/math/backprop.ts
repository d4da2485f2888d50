/**
 * Forward passes and backpropagation for {@link SigmoidNet}: predictions, and
 * the mean loss with its gradient for DBN fine-tuning.
 *
 * @module
 */
import { ShapeError } from '@stochnet/graph';
import type { FloatArray, GemmShape } from '../backend.js';
import { logBernoulli, logSumExp, sigmoid } from '../numerics.js';
import { checkRows } from './state.js';
import { checkGrads, checkInput, checkTargets } from './backprop-checks.js';
import { checkSigmoidNet } from './sigmoid-net.js';
import type { SigmoidNet, SigmoidNetGradient } from './sigmoid-net.js';

/** Scratch buffers of {@link lossAndGradient}, sized from a net and a largest batch. */
export interface BackpropWorkspace {
  /** The largest batch it holds. */
  readonly rows: number;
  /** Per layer, rows×outputs: hidden activations, then the output layer's logits. */
  readonly activations: readonly Float64Array[];
  /** Two rows×(widest layer) buffers for the backpropagated errors. */
  readonly deltas: readonly [Float64Array, Float64Array];
  /** The GEMM shape object, reused. */
  readonly shape: GemmShape;
}

/**
 * Allocates the scratch buffers {@link lossAndGradient} needs for batches of
 * up to `rows` rows of `net`.
 *
 * @param net - the net
 * @param rows - the largest batch
 * @returns a fresh workspace
 * @throws ShapeError when rows is not a positive integer
 * @throws ValidationError when `net` is not a SigmoidNet
 *
 * @example
 * ```ts
 * import { createBackpropWorkspace, createSigmoidNet } from '@stochnet/model';
 * const net = createSigmoidNet([{ inputs: 2, outputs: 3, weights: new Float64Array(6), bias: new Float64Array(3) }], 'softmax');
 * console.log(createBackpropWorkspace(net, 8).activations[0]!.length); // 24
 * ```
 */
export function createBackpropWorkspace(net: SigmoidNet, rows: number): BackpropWorkspace {
  checkSigmoidNet('createBackpropWorkspace', net);
  checkRows('createBackpropWorkspace', 'rows', rows);
  const widest = net.layers.reduce((m, l) => Math.max(m, l.inputs, l.outputs), 0);
  return {
    rows,
    activations: net.layers.map((l) => new Float64Array(rows * l.outputs)),
    deltas: [new Float64Array(rows * widest), new Float64Array(rows * widest)],
    shape: { m: 0, n: 0, k: 0, transA: false, transB: false, alpha: 1, beta: 0 },
  };
}

/** Whether a workspace holds every buffer a batch of `batch` rows of `net` needs. */
function fits(workspace: BackpropWorkspace, net: SigmoidNet, batch: number): boolean {
  const ws = workspace as Partial<BackpropWorkspace> | null;
  if (ws === null || typeof ws !== 'object' || typeof ws.rows !== 'number' || ws.rows < batch || typeof ws.shape !== 'object' || ws.shape === null) return false;
  const { activations, deltas } = ws;
  if (!Array.isArray(activations) || activations.length !== net.layers.length || !Array.isArray(deltas) || deltas.length !== 2) return false;
  const widest = net.layers.reduce((m, l) => Math.max(m, l.inputs, l.outputs), 0);
  return (
    activations.every((a, k) => a instanceof Float64Array && a.length >= batch * net.layers[k]!.outputs) &&
    deltas.every((d) => d instanceof Float64Array && d.length >= batch * widest)
  );
}

/** Sets every field of a reused GEMM shape (alpha 1, beta 0). */
function setShape(shape: GemmShape, m: number, n: number, k: number, transA: boolean, transB: boolean): void {
  shape.m = m;
  shape.n = n;
  shape.k = k;
  shape.transA = transA;
  shape.transB = transB;
  shape.alpha = 1;
  shape.beta = 0;
}

/** acts[k] ← σ(input·W_k + b_k) for hidden layers; the last gets the logits z. */
function forwardLogits(acts: readonly Float64Array[], net: SigmoidNet, x: FloatArray, batch: number, shape: GemmShape): void {
  const last = net.layers.length - 1;
  net.layers.forEach((l, k) => {
    const input = k === 0 ? x : acts[k - 1]!;
    const out = acts[k]!;
    setShape(shape, batch, l.outputs, l.inputs, false, false);
    net.backend.gemm(out, input, l.weights, shape);
    if (k < last) net.backend.biasSigmoid(out, out, l.bias, batch, l.outputs);
    else net.backend.addBias(out, l.bias, batch, l.outputs);
  });
}

/**
 * Forward pass into caller buffers: hidden layers' σ activations, and the
 * output layer's predictions (σ(z) per unit, or the softmax over classes).
 *
 * @remarks
 * Every layer computes a = input·W + b with the backend's GEMM; the softmax
 * is max-shifted. Buffers may be longer than batch·outputs (a workspace for
 * the largest batch); only the leading entries are written. Mutates: activations.
 *
 * @param activations - one buffer per layer, at least batch·outputs long
 * @param net - the net
 * @param x - batch×inputs row-major, finite
 * @param batch - number of rows
 * @returns activations
 * @throws ShapeError when a buffer or x has the wrong size
 * @throws NonFiniteError when x or a parameter is not finite
 *
 * @example
 * ```ts
 * import { createSigmoidNet, forwardInto } from '@stochnet/model';
 * const net = createSigmoidNet([{ inputs: 1, outputs: 2, weights: Float64Array.of(1, -1), bias: new Float64Array(2) }], 'softmax');
 * const [p] = forwardInto([new Float64Array(2)], net, Float64Array.of(0), 1);
 * console.log(Array.from(p!)); // [0.5, 0.5]
 * ```
 */
export function forwardInto(activations: Float64Array[], net: SigmoidNet, x: FloatArray, batch: number): Float64Array[] {
  const fn = 'forwardInto';
  checkInput(fn, net, x, batch);
  if (!Array.isArray(activations) || activations.length !== net.layers.length) {
    throw new ShapeError(`${fn}: activations must hold one buffer per layer (${net.layers.length})`, { function: fn, argument: 'activations', expected: net.layers.length });
  }
  net.layers.forEach((l, k) => {
    const a = activations[k];
    if (!(a instanceof Float64Array) || a.length < batch * l.outputs) {
      throw new ShapeError(`${fn}: activations[${k}] must be a Float64Array of at least batch·outputs = ${batch * l.outputs} entries`, {
        function: fn,
        argument: `activations[${k}]`,
        expected: batch * l.outputs,
        received: a instanceof Float64Array ? a.length : typeof a,
      });
    }
  });
  return predict(activations, net, x, batch);
}

/** The forward pass of {@link forwardInto} on checked arguments. */
function predict(activations: Float64Array[], net: SigmoidNet, x: FloatArray, batch: number): Float64Array[] {
  forwardLogits(activations, net, x, batch, { m: 0, n: 0, k: 0, transA: false, transB: false, alpha: 1, beta: 0 });
  const z = activations[activations.length - 1]!;
  const n = net.layers[net.layers.length - 1]!.outputs;
  for (let r = 0; r < batch; r++) {
    const o = r * n;
    if (net.output === 'logistic') {
      for (let j = 0; j < n; j++) z[o + j] = sigmoid(z[o + j]!);
    } else {
      const lse = logSumExp(z, n, o);
      for (let j = 0; j < n; j++) z[o + j] = Math.exp(z[o + j]! - lse);
    }
  }
  return activations;
}

/**
 * Forward pass into fresh buffers; see {@link forwardInto}.
 *
 * @param net - the net
 * @param x - batch×inputs row-major, finite
 * @param batch - number of rows
 * @returns one batch×outputs buffer per layer, the last holding the predictions
 * @throws ShapeError when x has the wrong size
 * @throws NonFiniteError when x or a parameter is not finite
 *
 * @example
 * ```ts
 * import { createSigmoidNet, forward } from '@stochnet/model';
 * const net = createSigmoidNet([{ inputs: 1, outputs: 1, weights: Float64Array.of(2), bias: Float64Array.of(-2) }], 'logistic');
 * console.log(forward(net, Float64Array.of(1), 1)[0]![0]); // 0.5
 * ```
 */
export function forward(net: SigmoidNet, x: FloatArray, batch: number): Float64Array[] {
  checkInput('forward', net, x, batch);
  return predict(net.layers.map((l) => new Float64Array(batch * l.outputs)), net, x, batch);
}

/**
 * The mean loss of a batch and its gradient with respect to every parameter,
 * by backpropagation.
 *
 * @remarks
 * Logistic output (y: batch×outputs of 0/1): loss = −Σ_j log σ(±z_j) through
 * logSigmoid, and ∂/∂z log σ(y·z) = 1[y=1] − σ(z) (DESIGN §1), so
 * ∂loss/∂z = σ(z) − y. Softmax output (y: a class index per row):
 * loss = −(z_y − logΣe^z) with a max-shifted log-sum-exp, ∂loss/∂z_k =
 * softmax_k − 1[k=y]. Errors flow down through σ'(a) = σ(a)(1 − σ(a)) of each
 * hidden layer. Everything is averaged over the batch. `grads` receives ∇ of
 * the mean loss (overwritten, not accumulated), so a descent step is
 * θ ← θ − η·grad. Mutates: grads and the workspace. Allocates: nothing when
 * a workspace is passed. Complexity: O(batch · parameters).
 *
 * @param grads - overwritten with the gradient (see zeroSigmoidNetGradient)
 * @param net - the net
 * @param x - batch×inputs row-major, finite
 * @param y - the targets (see remarks)
 * @param batch - number of rows
 * @param workspace - optional scratch from {@link createBackpropWorkspace}
 * @returns the mean loss over the batch, in nats
 * @throws ShapeError when x, y, grads or the workspace have the wrong size
 * @throws NonFiniteError when x or a parameter is not finite
 * @throws BinaryDataError when a logistic target is not 0 or 1
 * @throws ValidationError when a softmax target is not a class index
 *
 * @example
 * ```ts
 * import { createSigmoidNet, lossAndGradient, zeroSigmoidNetGradient } from '@stochnet/model';
 * const net = createSigmoidNet([{ inputs: 1, outputs: 1, weights: Float64Array.of(0), bias: Float64Array.of(0) }], 'logistic');
 * const grads = zeroSigmoidNetGradient(net);
 * const loss = lossAndGradient(grads, net, Float64Array.of(1), Float64Array.of(1), 1);
 * console.log(loss.toFixed(4), grads.layers[0]!.bias[0]); // 0.6931 -0.5
 * ```
 */
export function lossAndGradient(
  grads: SigmoidNetGradient,
  net: SigmoidNet,
  x: FloatArray,
  y: ArrayLike<number>,
  batch: number,
  workspace?: BackpropWorkspace,
): number {
  const fn = 'lossAndGradient';
  checkInput(fn, net, x, batch);
  checkTargets(fn, net, y, batch);
  checkGrads(fn, net, grads);
  if (workspace !== undefined && !fits(workspace, net, batch)) {
    const rows = (workspace as Partial<BackpropWorkspace> | null)?.rows;
    throw new ShapeError(`${fn}: workspace does not fit this net and batch; create it with createBackpropWorkspace(net, batch)`, { function: fn, argument: 'workspace', expected: batch, received: rows });
  }
  const ws = workspace ?? createBackpropWorkspace(net, batch);
  const { activations: acts, shape } = ws;
  forwardLogits(acts, net, x, batch, shape);
  const L = net.layers.length;
  const n = net.layers[L - 1]!.outputs;
  const z = acts[L - 1]!;
  let delta = ws.deltas[0];
  let next = ws.deltas[1];
  let loss = 0;
  for (let r = 0; r < batch; r++) {
    if (net.output === 'logistic') {
      for (let j = 0; j < n; j++) {
        const i = r * n + j;
        loss -= logBernoulli(z[i]!, y[i]!);
        delta[i] = (sigmoid(z[i]!) - y[i]!) / batch;
      }
    } else {
      const o = r * n;
      const lse = logSumExp(z, n, o);
      const target = y[r]!;
      loss -= z[o + target]! - lse;
      for (let j = 0; j < n; j++) delta[o + j] = (Math.exp(z[o + j]! - lse) - (j === target ? 1 : 0)) / batch;
    }
  }
  for (let k = L - 1; k >= 0; k--) {
    const l = net.layers[k]!;
    const g = grads.layers[k]!;
    const input = k === 0 ? x : acts[k - 1]!;
    setShape(shape, l.inputs, l.outputs, batch, true, false);
    net.backend.gemm(g.weights, input, delta, shape);
    for (let j = 0; j < l.outputs; j++) {
      let s = 0;
      for (let r = 0; r < batch; r++) s += delta[r * l.outputs + j]!;
      g.bias[j] = s;
    }
    if (k === 0) break;
    setShape(shape, batch, l.inputs, l.outputs, false, true);
    net.backend.gemm(next, delta, l.weights, shape);
    const h = acts[k - 1]!;
    for (let i = 0; i < batch * l.inputs; i++) next[i] = next[i]! * h[i]! * (1 - h[i]!);
    const done = delta;
    delta = next;
    next = done;
  }
  return loss / batch;
}
