/**
 * Twins of the @example blocks in math/statistics.ts, sbn-gradient.ts,
 * apply-gradient.ts, sigmoid-net.ts, backprop.ts and unroll-dbn.ts: the same
 * code, with the printed values asserted.
 */
import { describe, expect, it } from 'vitest';
import { createRng, dbn, rbm, sbn, zeros } from '@stochnet/graph';
import {
  accumulateStatistics,
  appendOutputLayer,
  applyGradient,
  compile,
  createBackpropWorkspace,
  createSigmoidNet,
  createStatisticsWorkspace,
  dataMinusModel,
  forward,
  forwardInto,
  lossAndGradient,
  sbnGradientInto,
  unrollDbn,
  zeroGradient,
  zeroSigmoidNetGradient,
} from '@stochnet/model';

describe('@example twins: statistics and gradients', () => {
  it('createStatisticsWorkspace', () => {
    const ws = createStatisticsWorkspace(compile(rbm(4, 3, { seed: 1 })), 10);
    expect(ws.blockMajor.length).toBe(70);
  });

  it('accumulateStatistics', () => {
    const plan = compile(rbm(2, 1, { seed: 1 }), { dtype: 'float64' }); // layout [h0, v0, v1]
    expect(plan.blocks.map((b) => b.group)).toEqual(['h', 'v']);
    const grad = zeroGradient(plan);
    accumulateStatistics(grad, plan, Float64Array.of(1, 1, 0, 0.5, 1, 1), 2, 0.5);
    expect(Array.from(grad.bias)).toEqual([0.75, 1, 0.5]);
  });

  it('dataMinusModel', () => {
    const plan = compile(rbm(2, 1, { seed: 1 }));
    const pos = zeroGradient(plan),
      neg = zeroGradient(plan);
    pos.bias[0] = 0.75;
    neg.bias[0] = 0.25;
    expect(dataMinusModel(zeroGradient(plan), pos, neg).bias[0]).toBe(0.5);
  });

  it('sbnGradientInto', () => {
    const plan = compile(sbn([1, 1], { init: zeros() }), { dtype: 'float64' }); // all parameters 0: p_i = 0.5
    const grad = zeroGradient(plan);
    sbnGradientInto(grad, plan, Float64Array.of(1, 1), 1, 1);
    expect([Array.from(grad.bias), grad.weights[0]![0]]).toEqual([[0.5, 0.5], 0.5]);
  });

  it('applyGradient', () => {
    const plan = compile(rbm(2, 1, { seed: 1 }), { dtype: 'float64' });
    const grad = zeroGradient(plan);
    grad.bias[0] = 2;
    const before = plan.bias[0]!;
    applyGradient(plan, grad, 0.25);
    expect(plan.bias[0]! - before).toBe(0.5);
  });
});

describe('@example twins: sigmoid nets and backprop', () => {
  it('createSigmoidNet', () => {
    const net = createSigmoidNet([{ inputs: 2, outputs: 1, weights: Float64Array.of(1, -1), bias: Float64Array.of(0) }], 'logistic');
    expect(net.layers[0]!.outputs).toBe(1);
  });

  it('zeroSigmoidNetGradient', () => {
    const net = createSigmoidNet([{ inputs: 3, outputs: 2, weights: new Float64Array(6), bias: new Float64Array(2) }], 'softmax');
    expect(zeroSigmoidNetGradient(net).layers[0]!.weights.length).toBe(6);
  });

  it('appendOutputLayer', () => {
    const body = createSigmoidNet([{ inputs: 4, outputs: 3, weights: new Float64Array(12), bias: new Float64Array(3) }], 'logistic');
    const net = appendOutputLayer(body, 10, { rng: createRng(1) });
    expect([net.layers.length, net.output]).toEqual([2, 'softmax']);
  });

  it('createBackpropWorkspace', () => {
    const net = createSigmoidNet([{ inputs: 2, outputs: 3, weights: new Float64Array(6), bias: new Float64Array(3) }], 'softmax');
    expect(createBackpropWorkspace(net, 8).activations[0]!.length).toBe(24);
  });

  it('forwardInto', () => {
    const net = createSigmoidNet([{ inputs: 1, outputs: 2, weights: Float64Array.of(1, -1), bias: new Float64Array(2) }], 'softmax');
    const [p] = forwardInto([new Float64Array(2)], net, Float64Array.of(0), 1);
    expect(Array.from(p!)).toEqual([0.5, 0.5]);
  });

  it('forward', () => {
    const net = createSigmoidNet([{ inputs: 1, outputs: 1, weights: Float64Array.of(2), bias: Float64Array.of(-2) }], 'logistic');
    expect(forward(net, Float64Array.of(1), 1)[0]![0]).toBe(0.5);
  });

  it('lossAndGradient', () => {
    const net = createSigmoidNet([{ inputs: 1, outputs: 1, weights: Float64Array.of(0), bias: Float64Array.of(0) }], 'logistic');
    const grads = zeroSigmoidNetGradient(net);
    const loss = lossAndGradient(grads, net, Float64Array.of(1), Float64Array.of(1), 1);
    expect([loss.toFixed(4), grads.layers[0]!.bias[0]]).toEqual(['0.6931', -0.5]);
  });

  it('unrollDbn', () => {
    const net = unrollDbn(compile(dbn([6, 4, 3, 2], { seed: 1 })));
    expect(net.layers.map((l) => `${l.inputs}->${l.outputs}`)).toEqual(['6->4', '4->3', '3->2']);
  });
});
