/**
 * Every public function that takes a plan, a sigmoid net, a workspace or a
 * kernel argument rejects a value of the wrong kind with a coded error
 * (never a TypeError from deep inside) and changes nothing it was given.
 */
import { describe, expect, it } from 'vitest';
import { rbm, ShapeError, StochnetError, ConfigError, ValidationError, zeros } from '@stochnet/graph';
import {
  accumulateStatistics,
  appendOutputLayer,
  applyGradient,
  blockFieldInto,
  clonePlan,
  compile,
  conditional,
  createBackpropWorkspace,
  createSigmoidNet,
  createStatisticsWorkspace,
  describePlan,
  energy,
  exactGradient,
  exactLogLikelihood,
  exactLogProbabilities,
  exactLogZ,
  exactMarginals,
  exactMoments,
  FieldWorkspace,
  forward,
  freeEnergy,
  hiddenGivenVisible,
  jsBackend,
  logProb,
  lossAndGradient,
  sbnGradientInto,
  unrollDbn,
  visibleGivenHidden,
  writeBack,
  zeroGradient,
  zeroSigmoidNetGradient,
} from '@stochnet/model';
import { expectRejectsWithoutMutation } from '../../../test/support/no-mutation.js';

const notPlans: unknown[] = [null, undefined, 3, {}, { kind: 'rbm', blocks: [], weights: [] }];

describe('functions taking a plan', () => {
  const s = new Float64Array(5);
  const calls: [string, (p: never) => unknown][] = [
    ['describePlan', (p) => describePlan(p)],
    ['clonePlan', (p) => clonePlan(p)],
    ['writeBack', (p) => writeBack(p)],
    ['zeroGradient', (p) => zeroGradient(p)],
    ['createStatisticsWorkspace', (p) => createStatisticsWorkspace(p, 1)],
    ['FieldWorkspace', (p) => new FieldWorkspace(p, 1)],
    ['unrollDbn', (p) => unrollDbn(p)],
    ['energy', (p) => energy(p, s)],
    ['freeEnergy', (p) => freeEnergy(p, s)],
    ['conditional', (p) => conditional(p, s, 0)],
    ['hiddenGivenVisible', (p) => hiddenGivenVisible(p, s)],
    ['visibleGivenHidden', (p) => visibleGivenHidden(p, s)],
    ['logProb', (p) => logProb(p, s)],
    ['blockFieldInto', (p) => blockFieldInto(new Float64Array(2), p, s, 1, 0)],
    ['exactLogZ', (p) => exactLogZ(p)],
    ['exactLogProbabilities', (p) => exactLogProbabilities(p)],
    ['exactMarginals', (p) => exactMarginals(p)],
    ['exactMoments', (p) => exactMoments(p)],
    ['exactLogLikelihood', (p) => exactLogLikelihood(p, s, 1)],
    ['exactGradient', (p) => exactGradient(p, s, 1)],
    ['accumulateStatistics', (p) => accumulateStatistics({ bias: new Float64Array(5), weights: [] }, p, s, 1, 1)],
    ['sbnGradientInto', (p) => sbnGradientInto({ bias: new Float64Array(5), weights: [] }, p, s, 1, 1)],
    ['applyGradient', (p) => applyGradient(p, { bias: new Float64Array(5), weights: [] }, 0.1)],
  ];
  it.each(calls)('%s throws ValidationError for a value that is not a plan', (_name, call) => {
    for (const p of notPlans) expectRejectsWithoutMutation(() => call(p as never), { errorClass: ValidationError, code: 'INVALID', inputs: [p, s] });
  });

  it('control: writeBack rejects a net that is not a Network, and accepts the plan alone', () => {
    const net = rbm(3, 2, { init: zeros() });
    const plan = compile(net, { dtype: 'float64' });
    for (const bad of [null, {}, 3]) expectRejectsWithoutMutation(() => writeBack(plan, bad as never), { errorClass: ValidationError, inputs: [plan.bias, net] });
    expect(writeBack(plan).structure).toBe(net.structure);
  });
});

describe('statistics workspaces', () => {
  it('a workspace that is not one, or does not fit, is a ShapeError before anything is written', () => {
    const plan = compile(rbm(3, 2, { init: zeros() }), { dtype: 'float64' });
    const grad = zeroGradient(plan);
    const states = new Float64Array(2 * plan.size).fill(1);
    for (const ws of [null, {}, createStatisticsWorkspace(plan, 1), { ...createStatisticsWorkspace(plan, 2), blockMajor: new Float64Array(3) }]) {
      expectRejectsWithoutMutation(() => accumulateStatistics(grad, plan, states, 2, 1, ws as never), { errorClass: ShapeError, inputs: [grad, states] });
    }
    accumulateStatistics(grad, plan, states, 2, 1, createStatisticsWorkspace(plan, 2)); // control
    expect(grad.bias[0]).toBe(2);
  });
});

describe('sigmoid nets, their options and workspaces', () => {
  const net = createSigmoidNet([{ inputs: 2, outputs: 2, weights: Float64Array.of(1, 2, 3, 4), bias: new Float64Array(2) }], 'softmax');
  const x = Float64Array.of(0.5, 1);
  const notNets: unknown[] = [null, 3, {}, { layers: [], output: 'softmax', backend: jsBackend }];

  it.each([
    ['forward', (n: never) => forward(n, x, 1)],
    ['zeroSigmoidNetGradient', (n: never) => zeroSigmoidNetGradient(n)],
    ['createBackpropWorkspace', (n: never) => createBackpropWorkspace(n, 1)],
    ['appendOutputLayer', (n: never) => appendOutputLayer(n, 2)],
  ] as const)('%s rejects a value that is not a net', (_name, call) => {
    for (const n of notNets) {
      const e = expectRejectsWithoutMutation(() => call(n as never), { errorClass: StochnetError, inputs: [n, x] });
      expect([ValidationError, ShapeError, ConfigError].some((c) => e instanceof c)).toBe(true);
    }
  });

  it('options that are not objects are ConfigErrors', () => {
    expectRejectsWithoutMutation(() => createSigmoidNet(net.layers, 'softmax', null as never), { errorClass: ConfigError, inputs: [net.layers] });
    expectRejectsWithoutMutation(() => appendOutputLayer(net, 2, null as never), { errorClass: ConfigError, inputs: [net] });
  });

  it('lossAndGradient rejects a workspace that does not fit, before writing anything', () => {
    const grads = zeroSigmoidNetGradient(net);
    grads.layers[0]!.weights.fill(7);
    for (const ws of [null, {}, { rows: 4, activations: [new Float64Array(8)], deltas: [], shape: {} }, createBackpropWorkspace(net, 1)]) {
      expectRejectsWithoutMutation(() => lossAndGradient(grads, net, Float64Array.of(0.5, 1, 0, 1), [0, 1], 2, ws as never), {
        errorClass: ShapeError,
        inputs: [grads, net],
      });
    }
    expect(lossAndGradient(grads, net, Float64Array.of(0.5, 1, 0, 1), [0, 1], 2, createBackpropWorkspace(net, 2))).toBeGreaterThan(0); // control
  });
});

describe('js kernels', () => {
  const one = (): Float64Array => new Float64Array(1);
  it.each([
    ['gemm without a shape', () => jsBackend.gemm(one(), one(), one(), null as never)],
    ['gemm with a missing buffer', () => jsBackend.gemm(one(), null as never, one(), { m: 1, n: 1, k: 1, transA: false, transB: false, alpha: 1, beta: 0 })],
    ['bernoulli without uniforms', () => jsBackend.bernoulli(one(), one(), null as never, 1)],
    ['spmm without a matrix', () => jsBackend.spmm(one(), one(), null as never, 1, 1)],
    ['softplusRowSums without x', () => jsBackend.softplusRowSums(one(), undefined as never, 1, 1)],
  ] as const)('%s throws ShapeError', (_name, call) => {
    expect(call).toThrow(ShapeError);
  });
});
