/**
 * Entry checks of the backprop functions: inputs, targets and gradient
 * buffers against a net. Each throws before anything is written.
 *
 * @module
 */
import { BinaryDataError, NonFiniteError, ShapeError, ValidationError } from '@stochnet/graph';
import type { FloatArray } from '../backend.js';
import { checkRows } from './state.js';
import { checkSigmoidNet } from './sigmoid-net.js';
import type { SigmoidNet, SigmoidNetGradient } from './sigmoid-net.js';

/**
 * Throws unless the net is well formed, batch is a positive integer and x is a finite batch×inputs array.
 *
 * @internal
 */
export function checkInput(fn: string, net: SigmoidNet, x: FloatArray, batch: number): void {
  checkSigmoidNet(fn, net);
  checkRows(fn, 'batch', batch);
  const width = net.layers[0]!.inputs;
  if (!(x instanceof Float64Array || x instanceof Float32Array) || x.length !== batch * width) {
    throw new ShapeError(`${fn}: x must be a Float32Array or Float64Array of batch·inputs = ${batch * width} entries`, {
      function: fn,
      argument: 'x',
      expected: batch * width,
      received: ArrayBuffer.isView(x) ? (x as FloatArray).length : typeof x,
    });
  }
  for (let i = 0; i < x.length; i++) {
    if (!Number.isFinite(x[i]!)) {
      throw new NonFiniteError(`${fn}: x row ${Math.floor(i / width)}, column ${i % width} is ${x[i]}; inputs must be finite`, {
        function: fn,
        argument: 'x',
        row: Math.floor(i / width),
        column: i % width,
        received: x[i],
      });
    }
  }
}

/**
 * Throws unless y holds valid targets for the net's output kind.
 *
 * @internal
 */
export function checkTargets(fn: string, net: SigmoidNet, y: ArrayLike<number>, batch: number): void {
  const n = net.layers[net.layers.length - 1]!.outputs;
  const expected = net.output === 'logistic' ? batch * n : batch;
  if (typeof y !== 'object' || y === null || y.length !== expected) {
    throw new ShapeError(`${fn}: y must hold ${expected} targets (${net.output === 'logistic' ? 'batch·outputs 0/1 values' : 'one class index per row'})`, {
      function: fn,
      argument: 'y',
      expected,
      received: typeof y === 'object' && y !== null ? y.length : typeof y,
    });
  }
  for (let i = 0; i < y.length; i++) {
    const t = y[i];
    if (net.output === 'logistic') {
      if (t !== 0 && t !== 1) {
        throw new BinaryDataError(`${fn}: target row ${Math.floor(i / n)}, column ${i % n} is ${String(t)}; logistic targets must be 0 or 1`, {
          function: fn,
          argument: 'y',
          row: Math.floor(i / n),
          column: i % n,
          received: t,
        });
      }
    } else if (typeof t !== 'number' || !Number.isInteger(t) || t < 0 || t >= n) {
      throw new ValidationError(`${fn}: target of row ${i} is ${String(t)}; softmax targets are class indices in [0, ${n - 1}]`, {
        function: fn,
        argument: 'y',
        row: i,
        expected: `integer in [0, ${n - 1}]`,
        received: t,
      });
    }
  }
}

/**
 * Throws unless grads is shaped like the net.
 *
 * @internal
 */
export function checkGrads(fn: string, net: SigmoidNet, grads: SigmoidNetGradient): void {
  const ok =
    typeof grads === 'object' &&
    grads !== null &&
    Array.isArray(grads.layers) &&
    grads.layers.length === net.layers.length &&
    grads.layers.every((g, k) => g.weights instanceof Float64Array && g.weights.length === net.layers[k]!.weights.length && g.bias instanceof Float64Array && g.bias.length === net.layers[k]!.bias.length);
  if (!ok) throw new ShapeError(`${fn}: grads must be shaped like the net; create it with zeroSigmoidNetGradient(net)`, { function: fn, argument: 'grads' });
}
