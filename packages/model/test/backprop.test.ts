/**
 * Backpropagation for sigmoid nets: finite-difference checks of the mean loss
 * gradient (logistic and softmax outputs, two hidden layers; TESTING.md B.2
 * pass rule) with G7 negative controls, forward-pass values, and workspaces.
 */
import { describe, expect, it } from 'vitest';
import { createRng } from '@stochnet/graph';
import {
  createBackpropWorkspace,
  createSigmoidNet,
  forward,
  forwardInto,
  lossAndGradient,
  sigmoid,
  zeroSigmoidNetGradient,
  type OutputKind,
  type SigmoidNet,
  type SigmoidNetGradient,
} from '@stochnet/model';
import { fdFailures, flipLargest, transposeSquare, type FdFailure } from './support/grad-check.js';

const SIZES = [4, 5, 5];
const BATCH = 6;

function makeNet(output: OutputKind, outputs: number, seed: string): SigmoidNet {
  const rng = createRng(seed);
  const sizes = [...SIZES, outputs];
  const layers = sizes.slice(1).map((out, k) => {
    const inputs = sizes[k]!;
    return {
      inputs,
      outputs: out,
      weights: Float64Array.from({ length: inputs * out }, () => rng.nextNormal()),
      bias: Float64Array.from({ length: out }, () => 0.5 * rng.nextNormal()),
    };
  });
  return createSigmoidNet(layers, output);
}

function data(seed: string, output: OutputKind, outputs: number): { x: Float64Array; y: Float64Array } {
  const rng = createRng(seed);
  const x = Float64Array.from({ length: BATCH * SIZES[0]! }, () => rng.nextDouble());
  const y =
    output === 'logistic'
      ? Float64Array.from({ length: BATCH * outputs }, () => (rng.nextDouble() < 0.5 ? 1 : 0))
      : Float64Array.from({ length: BATCH }, (_, r) => r % outputs);
  return { x, y };
}

/** Every FD failure of `grads` as the gradient of the mean loss of `net` on (x, y). */
function check(net: SigmoidNet, grads: SigmoidNetGradient, x: Float64Array, y: Float64Array): FdFailure[] {
  const scratch = zeroSigmoidNetGradient(net);
  const f = (): number => lossAndGradient(scratch, net, x, y, BATCH);
  return net.layers.flatMap((l, k) => [
    ...fdFailures(`W${k}`, l.weights, grads.layers[k]!.weights, f),
    ...fdFailures(`b${k}`, l.bias, grads.layers[k]!.bias, f),
  ]);
}

describe.each([
  ['logistic', 2],
  ['softmax', 3],
] as const)('lossAndGradient, %s output', (output, outputs) => {
  const net = makeNet(output, outputs, `bp/${output}`);
  const { x, y } = data(`bp-data/${output}`, output, outputs);
  const grads = zeroSigmoidNetGradient(net);
  const loss = lossAndGradient(grads, net, x, y, BATCH);

  it('passes the finite-difference check on every weight and bias (2 hidden layers)', () => {
    expect(Number.isFinite(loss)).toBe(true);
    expect(check(net, grads, x, y)).toEqual([]);
  });

  it('G7: a flipped entry, a transposed W or dropped bias terms fail the check', () => {
    const flipped = { layers: grads.layers.map((g, k) => (k === 1 ? { ...g, weights: flipLargest(g.weights) } : g)) };
    expect(check(net, flipped, x, y).length).toBeGreaterThan(0);
    const transposed = { layers: grads.layers.map((g, k) => (k === 1 ? { ...g, weights: transposeSquare(g.weights) } : g)) };
    expect(check(net, transposed, x, y).length).toBeGreaterThan(0);
    const noBias = { layers: grads.layers.map((g) => ({ ...g, bias: new Float64Array(g.bias.length) })) };
    const failures = check(net, noBias, x, y);
    expect(failures.length).toBeGreaterThan(0);
    expect(failures.every((f) => f.where.startsWith('b'))).toBe(true);
  });

  it('matches the loss from forward probabilities, and a workspace gives identical bits', () => {
    const acts = forward(net, x, BATCH);
    const p = acts[acts.length - 1]!;
    let ref = 0;
    for (let r = 0; r < BATCH; r++) {
      if (output === 'logistic') for (let j = 0; j < outputs; j++) ref -= Math.log(y[r * outputs + j] === 1 ? p[r * outputs + j]! : 1 - p[r * outputs + j]!);
      else ref -= Math.log(p[r * outputs + y[r]!]!);
    }
    expect(loss).toBeCloseTo(ref / BATCH, 12);
    const ws = createBackpropWorkspace(net, BATCH + 3);
    const again = zeroSigmoidNetGradient(net);
    expect(lossAndGradient(again, net, x, y, BATCH, ws)).toBe(loss);
    again.layers.forEach((g, k) => {
      expect(g.weights).toEqual(grads.layers[k]!.weights);
      expect(g.bias).toEqual(grads.layers[k]!.bias);
    });
  });
});

describe('forward', () => {
  it('computes σ layers and a softmax that sums to one', () => {
    const net = makeNet('softmax', 3, 'fwd');
    const x = Float64Array.of(0.1, 0.9, 0, 1);
    const acts = forwardInto(net.layers.map((l) => new Float64Array(l.outputs)), net, x, 1);
    const l0 = net.layers[0]!;
    for (let j = 0; j < l0.outputs; j++) {
      let a = l0.bias[j]!;
      for (let i = 0; i < l0.inputs; i++) a += x[i]! * l0.weights[i * l0.outputs + j]!;
      expect(acts[0]![j]).toBeCloseTo(sigmoid(a), 15);
    }
    const out = acts[2]!;
    expect(out[0]! + out[1]! + out[2]!).toBeCloseTo(1, 15);
  });

  it('stays finite and exact at saturated logits', () => {
    const net = createSigmoidNet([{ inputs: 1, outputs: 2, weights: Float64Array.of(800, -800), bias: new Float64Array(2) }], 'softmax');
    const grads = zeroSigmoidNetGradient(net);
    expect(lossAndGradient(grads, net, Float64Array.of(1), Float64Array.of(1), 1)).toBe(1600);
    expect(Array.from(grads.layers[0]!.bias)).toEqual([1, -1]);
    const logistic = createSigmoidNet([{ inputs: 1, outputs: 1, weights: Float64Array.of(1000), bias: new Float64Array(1) }], 'logistic');
    expect(lossAndGradient(zeroSigmoidNetGradient(logistic), logistic, Float64Array.of(1), Float64Array.of(0), 1)).toBe(1000);
  });
});
