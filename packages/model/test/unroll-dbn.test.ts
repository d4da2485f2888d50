/**
 * unrollDbn: the recognition net of DBN, SBN and RBM plans equals the
 * mean-field upward pass computed straight from the network's parameters;
 * non-chains are rejected; appendOutputLayer adds a classifier.
 */
import { describe, expect, it } from 'vitest';
import { ConfigError, createRng, GraphStructureError, LayeringError, NonFiniteError, ShapeError } from '@stochnet/graph';
import type { CouplingId, GroupId, Network } from '@stochnet/graph';
import { appendOutputLayer, compile, createSigmoidNet, forward, sigmoid, unrollDbn } from '@stochnet/model';
import { makeNet } from './support/nets.js';

const SIZES: Record<string, number> = { v: 4, h1: 3, h2: 3, h3: 2 };

/** q(upper) = σ(c + Σ_i q(lower)_i W(lower_i, upper_j)) computed from the network's own arrays. */
function upwardPass(net: Network, chain: [lower: string, upper: string, coupling: string][], v: number[]): number[] {
  let q = v;
  for (const [lower, upper, id] of chain) {
    const spec = net.structure.couplings.find((c) => c.id === id)!;
    const w = net.couplings.get(id as CouplingId)!.weights;
    const c = net.biases.get(upper as GroupId)!;
    const n = SIZES[upper]!;
    const fromLower = spec.from === lower;
    q = Array.from({ length: n }, (_, j) => {
      let a = c[j]!;
      q.forEach((qi, i) => (a += qi * (fromLower ? w[i * n + j]! : w[j * SIZES[lower]! + i]!)));
      return sigmoid(a);
    });
  }
  return q;
}

const groups = Object.entries(SIZES).map(([id, size]) => ({ id, size, role: id === 'v' ? ('visible' as const) : ('hidden' as const) }));

const CASES: [string, Network, [string, string, string][]][] = [
  [
    'dbn',
    makeNet(groups, [
      { id: 'h1->v', from: 'h1', to: 'v', directed: true },
      { id: 'h2->h1', from: 'h2', to: 'h1', directed: true },
      { id: 'h2--h3', from: 'h2', to: 'h3' },
    ]),
    [['v', 'h1', 'h1->v'], ['h1', 'h2', 'h2->h1'], ['h2', 'h3', 'h2--h3']],
  ],
  [
    'dbn with the top coupling stored downwards',
    makeNet(groups, [
      { id: 'h1->v', from: 'h1', to: 'v', directed: true },
      { id: 'h2->h1', from: 'h2', to: 'h1', directed: true },
      { id: 'h3--h2', from: 'h3', to: 'h2' },
    ]),
    [['v', 'h1', 'h1->v'], ['h1', 'h2', 'h2->h1'], ['h2', 'h3', 'h3--h2']],
  ],
  [
    'sbn',
    makeNet(groups.slice(0, 3), [
      { id: 'h1->v', from: 'h1', to: 'v', directed: true },
      { id: 'h2->h1', from: 'h2', to: 'h1', directed: true },
    ]),
    [['v', 'h1', 'h1->v'], ['h1', 'h2', 'h2->h1']],
  ],
  ['rbm', makeNet(groups.slice(0, 2), [{ id: 'v--h1', from: 'v', to: 'h1' }]), [['v', 'h1', 'v--h1']]],
];

describe.each(CASES)('unrollDbn on a %s', (_, net, chain) => {
  it('computes the mean-field recognition pass of the network, layer by layer', () => {
    const plan = compile(net, { dtype: 'float32' });
    const unrolled = unrollDbn(plan);
    expect(unrolled.layers.map((l) => [l.inputs, l.outputs])).toEqual(chain.map(([a, b]) => [SIZES[a], SIZES[b]]));
    expect(unrolled.output).toBe('logistic');
    expect(unrolled.backend).toBe(plan.backend);
    const v = [1, 0, 1, 1];
    const acts = forward(unrolled, Float64Array.from(v), 1);
    const expected = upwardPass(net, chain, v);
    // float32 plan parameters (fround of the network's float64 values) → agreement to float32 precision
    acts[acts.length - 1]!.forEach((q, j) => expect(Math.abs(q - expected[j]!)).toBeLessThan(1e-6));
  });

  it('copies: training the net leaves the plan as it was', () => {
    const plan = compile(net, { dtype: 'float64' });
    const before = plan.weights.map((w) => Array.from(w.weights));
    const unrolled = unrollDbn(plan);
    unrolled.layers.forEach((l) => l.weights.fill(7));
    expect(plan.weights.map((w) => Array.from(w.weights))).toEqual(before);
  });
});

describe('unrollDbn rejects plans that are not a chain', () => {
  it('a Boltzmann machine is a GraphStructureError', () => {
    const plan = compile(makeNet([{ id: 'x', size: 3, role: 'visible' }], [{ id: 'x--x', from: 'x', to: 'x' }]), { dtype: 'float64' });
    expect(() => unrollDbn(plan)).toThrow(GraphStructureError);
  });

  it('skip connections, two visible groups or a dangling group are LayeringErrors', () => {
    const skip = makeNet(groups.slice(0, 3), [
      { id: 'h1->v', from: 'h1', to: 'v', directed: true },
      { id: 'h2->h1', from: 'h2', to: 'h1', directed: true },
      { id: 'h2->v', from: 'h2', to: 'v', directed: true },
    ]);
    const skipPlan = compile(skip);
    expect(() => unrollDbn(skipPlan)).toThrow(LayeringError);
    const twoVisible = makeNet(
      [...groups.slice(0, 2), { id: 'w', size: 2, role: 'visible' }],
      [
        { id: 'h1->v', from: 'h1', to: 'v', directed: true },
        { id: 'h1->w', from: 'h1', to: 'w', directed: true },
      ],
    );
    const twoVisiblePlan = compile(twoVisible);
    expect(() => unrollDbn(twoVisiblePlan)).toThrow(LayeringError);
    const dangling = makeNet(
      [...groups.slice(0, 2), { id: 'z', size: 2 }],
      [
        { id: 'h1->v', from: 'h1', to: 'v', directed: true },
        { id: 'h1->z', from: 'h1', to: 'z', directed: true },
      ],
    );
    const danglingPlan = compile(dangling);
    expect(() => unrollDbn(danglingPlan)).toThrow(LayeringError);
  });
});

describe('appendOutputLayer', () => {
  const body = createSigmoidNet([{ inputs: 3, outputs: 2, weights: Float64Array.of(1, 2, 3, 4, 5, 6), bias: Float64Array.of(0, 1) }], 'logistic');

  it('adds a softmax layer with N(0, sd²) weights from the rng, zero bias, and leaves the body as it was', () => {
    const net = appendOutputLayer(body, 4, { rng: createRng('head'), sd: 0.5 });
    const ref = createRng('head');
    expect(Array.from(net.layers[1]!.weights)).toEqual(Array.from({ length: 8 }, () => 0.5 * ref.nextNormal()));
    expect(Array.from(net.layers[1]!.bias)).toEqual([0, 0, 0, 0]);
    expect(net.output).toBe('softmax');
    expect(net.layers[0]!.weights).not.toBe(body.layers[0]!.weights);
    expect(body.layers).toHaveLength(1);
    expect(appendOutputLayer(body, 1, { output: 'logistic' }).layers[1]!.weights).toEqual(new Float64Array(2));
  });

  it('rejects bad classes, shapes, values and options without consuming randomness', () => {
    const rng = createRng('bad-head');
    const state = JSON.stringify(rng.state());
    expect(() => appendOutputLayer(body, 0, { rng })).toThrow(ShapeError);
    expect(() => appendOutputLayer(body, 1, { rng })).toThrow(ShapeError); // softmax needs ≥ 2 classes
    expect(() => appendOutputLayer(body, 2.5, { rng })).toThrow(ShapeError);
    expect(() => appendOutputLayer(body, 3, { rng, bias: new Float64Array(2) })).toThrow(ShapeError);
    expect(() => appendOutputLayer(body, 2, { weights: Float64Array.of(1, 2, Number.NaN, 4) })).toThrow(NonFiniteError);
    expect(() => appendOutputLayer(body, 2, { rng, sd: -1 })).toThrow(ConfigError);
    expect(() => appendOutputLayer(body, 2, { rng, output: 'tanh' as 'softmax' })).toThrow(ConfigError);
    expect(JSON.stringify(rng.state())).toBe(state);
  });
});
