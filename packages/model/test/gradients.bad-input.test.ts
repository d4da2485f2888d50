/**
 * Bad input for every exported statistics, gradient and backprop function
 * (TESTING.md B.3): a typed error, and nothing the caller holds changes.
 */
import { describe, it } from 'vitest';
import {
  BinaryDataError,
  ConfigError,
  GraphStructureError,
  NonFiniteError,
  ShapeError,
  ValidationError,
} from '@stochnet/graph';
import {
  accumulateStatistics,
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
import type { SigmoidLayer } from '@stochnet/model';
import { expectRejectsWithoutMutation as rejects } from '../../../test/support/no-mutation.js';
import { makeNet } from './support/nets.js';

const rbmPlan = compile(makeNet([{ id: 'v', size: 3, role: 'visible' }, { id: 'h', size: 2 }], [{ id: 'v--h', from: 'v', to: 'h' }]), { dtype: 'float64' });
const sbnPlan = compile(
  makeNet([{ id: 'v', size: 3, role: 'visible' }, { id: 'h', size: 2 }], [{ id: 'h->v', from: 'h', to: 'v', directed: true }]),
  { dtype: 'float32' },
);

const otherPlan = compile(makeNet([{ id: 'v', size: 4, role: 'visible' }, { id: 'h', size: 2 }], [{ id: 'v--h', from: 'v', to: 'h' }]), { dtype: 'float64' });

describe.each([
  ['accumulateStatistics', rbmPlan, accumulateStatistics],
  ['sbnGradientInto', sbnPlan, sbnGradientInto],
] as const)('%s', (_, plan, fn) => {
  const states = (): Float64Array => Float64Array.from({ length: 2 * plan.size }, (_v, i) => (i % 3 === 0 ? 1 : 0.25));
  const cases: [string, (g: ReturnType<typeof zeroGradient>, s: Float64Array) => unknown, object][] = [
    ['batch 0', (g, s) => fn(g, plan, s, 0, 1), { errorClass: ShapeError }],
    ['fractional batch', (g, s) => fn(g, plan, s, 1.5, 1), { errorClass: ShapeError }],
    ['states of the wrong length', (g, s) => fn(g, plan, s.subarray(1), 2, 1), { errorClass: ShapeError }],
    ['states given as a string', (g) => fn(g, plan, 'abc' as unknown as Float64Array, 1, 1), { errorClass: ShapeError }],
    ['NaN scale', (g, s) => fn(g, plan, s, 2, Number.NaN), { errorClass: NonFiniteError }],
    ['string scale', (g, s) => fn(g, plan, s, 2, '1' as unknown as number), { errorClass: ValidationError }],
    ['a gradient of another plan', (_g, s) => fn(zeroGradient(otherPlan), plan, s, 2, 1), { errorClass: ShapeError }],
    ['a gradient missing its weights', (g, s) => fn({ bias: g.bias, weights: [] }, plan, s, 2, 1), { errorClass: ShapeError }],
    ['a too small workspace', (g, s) => fn(g, plan, s, 2, 1, createStatisticsWorkspace(plan, 1)), { errorClass: ShapeError }],
  ];
  it.each(cases)('rejects %s', (_name, call, spec) => {
    const g = zeroGradient(plan);
    g.bias.fill(0.5);
    const s = states();
    rejects(() => call(g, s), { ...spec, inputs: [g, s, plan.bias, plan.weights.map((w) => w.weights)] });
  });

  it.each([
    ['NaN', Number.NaN, NonFiniteError],
    ['Infinity', Infinity, NonFiniteError],
    ['2', 2, BinaryDataError],
    ['-0.5', -0.5, BinaryDataError],
  ] as const)('rejects a state %s, naming row and column', (_name, value, errorClass) => {
    const g = zeroGradient(plan);
    const s = states();
    s[plan.size + 1] = value;
    const err = rejects(() => fn(g, plan, s, 2, 1), { errorClass, inputs: [g, s] }) as ValidationError;
    if (err.details['row'] !== 1 || err.details['column'] !== 1) throw new Error('details must name row 1, column 1');
  });
});

describe('other statistics entry points', () => {
  it('sbnGradientInto rejects an RBM plan', () => {
    const g = zeroGradient(rbmPlan);
    const s = new Float64Array(rbmPlan.size);
    rejects(() => sbnGradientInto(g, rbmPlan, s, 1, 1), { errorClass: GraphStructureError, inputs: [g, s] });
  });

  it('createStatisticsWorkspace rejects a non-positive row count', () => {
    rejects(() => createStatisticsWorkspace(rbmPlan, 0), { errorClass: ShapeError, inputs: [rbmPlan.bias] });
  });

  it('dataMinusModel rejects gradients of different shapes', () => {
    const out = zeroGradient(rbmPlan);
    out.bias.fill(3);
    const pos = zeroGradient(rbmPlan);
    rejects(() => dataMinusModel(out, pos, zeroGradient(otherPlan)), { errorClass: ShapeError, inputs: [out, pos] });
    rejects(() => dataMinusModel({ bias: new Float32Array(5) } as never, pos, pos), { errorClass: ShapeError, inputs: [pos] });
  });

  it('applyGradient rejects a bad learning rate and a non-finite gradient', () => {
    const g = zeroGradient(sbnPlan);
    rejects(() => applyGradient(sbnPlan, g, Number.NaN), { errorClass: ConfigError, inputs: [g, sbnPlan.bias, sbnPlan.weights[0]!.weights] });
    g.bias[1] = -Infinity;
    rejects(() => applyGradient(sbnPlan, g, 0.1), { errorClass: NonFiniteError, inputs: [g, sbnPlan.bias, sbnPlan.weights[0]!.weights] });
  });

  it('unrollDbn rejects a Boltzmann machine', () => {
    const plan = compile(makeNet([{ id: 'x', size: 3, role: 'visible' }], [{ id: 'x--x', from: 'x', to: 'x' }]));
    rejects(() => unrollDbn(plan), { errorClass: GraphStructureError, inputs: [plan.bias, plan.weights[0]!.weights] });
  });
});

describe('sigmoid nets', () => {
  const layer = (inputs: number, outputs: number, fill = 0.1): SigmoidLayer => ({
    inputs,
    outputs,
    weights: new Float64Array(inputs * outputs).fill(fill),
    bias: new Float64Array(outputs),
  });

  it.each([
    ['no layers', [], 'logistic', ShapeError],
    ['layers that do not chain', [layer(2, 3), layer(2, 2)], 'logistic', ShapeError],
    ['weights of the wrong length', [{ ...layer(2, 3), weights: new Float64Array(5) }], 'logistic', ShapeError],
    ['a bias of the wrong length', [{ ...layer(2, 3), bias: new Float64Array(2) }], 'logistic', ShapeError],
    ['zero inputs', [{ ...layer(2, 3), inputs: 0 }], 'logistic', ShapeError],
    ['a NaN weight', [layer(2, 3, Number.NaN)], 'logistic', NonFiniteError],
    ['an infinite bias', [{ ...layer(2, 3), bias: Float64Array.of(0, Infinity, 0) }], 'logistic', NonFiniteError],
    ['a one-class softmax', [layer(2, 1)], 'softmax', ShapeError],
    ['an unknown output kind', [layer(2, 3)], 'relu', ConfigError],
  ] as const)('createSigmoidNet rejects %s', (_name, layers, output, errorClass) => {
    rejects(() => createSigmoidNet(layers as readonly SigmoidLayer[], output as 'logistic'), { errorClass, inputs: [layers] });
  });

  const logistic = createSigmoidNet([layer(3, 4), layer(4, 2)], 'logistic');
  const softmax = createSigmoidNet([layer(3, 4), layer(4, 3)], 'softmax');
  const x = Float64Array.of(0, 1, 0.5, 1, 1, 0);

  it('forward and forwardInto reject bad x and bad buffers', () => {
    rejects(() => forward(logistic, x.subarray(1), 2), { errorClass: ShapeError, inputs: [x] });
    rejects(() => forward(logistic, Float64Array.of(0, 1, Number.NaN), 1), { errorClass: NonFiniteError, inputs: [logistic.layers[0]!.weights] });
    rejects(() => forward(logistic, x, 0), { errorClass: ShapeError, inputs: [x] });
    const acts = [new Float64Array(8), new Float64Array(3)];
    rejects(() => forwardInto(acts, logistic, x, 2), { errorClass: ShapeError, inputs: [acts, x] });
    rejects(() => forwardInto([acts[0]!], logistic, x, 2), { errorClass: ShapeError, inputs: [acts, x] });
  });

  it.each([
    ['a 0.5 logistic target', logistic, [1, 0, 0.5, 1], BinaryDataError],
    ['a NaN logistic target', logistic, [1, 0, Number.NaN, 1], BinaryDataError],
    ['too few logistic targets', logistic, [1, 0, 1], ShapeError],
    ['a class index out of range', softmax, [0, 3], ValidationError],
    ['a negative class index', softmax, [-1, 0], ValidationError],
    ['a fractional class index', softmax, [1.5, 0], ValidationError],
    ['too many class indices', softmax, [0, 1, 2], ShapeError],
  ] as const)('lossAndGradient rejects %s', (_name, net, targets, errorClass) => {
    const grads = zeroSigmoidNetGradient(net);
    grads.layers[0]!.bias.fill(9);
    const y = Float64Array.from(targets);
    rejects(() => lossAndGradient(grads, net, x, y, 2), { errorClass, inputs: [grads, x, y, net.layers] });
  });

  it('lossAndGradient rejects mis-shaped gradients and workspaces; createBackpropWorkspace a bad row count', () => {
    const y = Float64Array.of(0, 2);
    const wrong = zeroSigmoidNetGradient(logistic);
    rejects(() => lossAndGradient(wrong, softmax, x, y, 2), { errorClass: ShapeError, inputs: [wrong, x, y] });
    const grads = zeroSigmoidNetGradient(softmax);
    rejects(() => lossAndGradient(grads, softmax, x, y, 2, createBackpropWorkspace(softmax, 1)), { errorClass: ShapeError, inputs: [grads, x, y] });
    rejects(() => createBackpropWorkspace(softmax, -1), { errorClass: ShapeError, inputs: [softmax.layers] });
  });
});
