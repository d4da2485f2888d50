/** Twin of docs/math.md: every code block of the guide, run. */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { network, normal, rbm } from '@stochnet/graph';
import {
  compile,
  conditional,
  createSigmoidNet,
  energy,
  exactGradient,
  exactLogLikelihood,
  exactLogProbabilities,
  exactLogZ,
  exactMoments,
  freeEnergy,
  hiddenGivenVisible,
  lossAndGradient,
  sbnGradientInto,
  sigmoid,
  softplus,
  zeroGradient,
  zeroSigmoidNetGradient,
} from '@stochnet/model';

let log: ReturnType<typeof vi.spyOn>;
beforeEach(() => {
  log = vi.spyOn(console, 'log').mockImplementation(() => undefined);
});
afterEach(() => log.mockRestore());
const printed = (): unknown[][] => log.mock.calls as unknown[][];
const num = (call: number, arg = 0): number => printed()[call]![arg] as number;

describe('math', () => {
  it('energy and probability', () => {
    const pair = network()
      .unit('a', { bias: 0.5 })
      .unit('b', { bias: -1 })
      .edge('a', 'b', 2, { undirected: true })
      .build();
    const bm = compile(pair, { dtype: 'float64' });
    console.log(energy(bm, Float64Array.of(1, 1))); // −2·1·1 − (0.5·1 − 1·1) = −1.5
    const z = 1 + Math.exp(0.5) + Math.exp(-1) + Math.exp(1.5); // e^(−E) of (0,0), (1,0), (0,1), (1,1)
    console.log(exactLogZ(bm) - Math.log(z)); // 0, up to rounding
    const logp = exactLogProbabilities(bm); // bit i of the index is unit i: index 3 is a = b = 1
    console.log(Math.exp(logp[3]!), Math.exp(1.5) / z); // equal

    expect(num(0)).toBe(-1.5);
    expect(Math.abs(num(1))).toBeLessThan(1e-14);
    expect(num(2, 0)).toBeCloseTo(num(2, 1), 14);
  });

  it('RBM conditionals and free energy', () => {
    const machine = compile(rbm(3, 2, { seed: 1, init: normal(0, 1) }), { dtype: 'float64' }); // layout [h0, h1, v0, v1, v2]
    const W = machine.weights[0]!.weights; // 3 × 2: W[i * 2 + j] joins v_i and h_j
    const b = machine.bias.subarray(2, 5);
    const c = machine.bias.subarray(0, 2);
    const v = Float64Array.of(1, 0, 1);
    const ph = hiddenGivenVisible(machine, v);
    console.log(ph[1], sigmoid(c[1]! + W[0 * 2 + 1]! + W[2 * 2 + 1]!)); // p(h_1 = 1 | v) twice
    const byHand = -(b[0]! + b[2]!) - softplus(c[0]! + W[0]! + W[4]!) - softplus(c[1]! + W[1]! + W[5]!);
    console.log(freeEnergy(machine, v), byHand); // F(v) twice

    expect(num(0, 0)).toBeCloseTo(num(0, 1), 15);
    expect(num(1, 0)).toBeCloseTo(num(1, 1), 13);
    // F(v) = −log Σ_h e^(−E(v, h)), checked by brute force.
    let sum = 0;
    for (let h = 0; h < 4; h++) {
      const state = Float64Array.of(h & 1, (h >> 1) & 1, 1, 0, 1);
      sum += Math.exp(-energy(machine, state));
    }
    expect(num(1, 0)).toBeCloseTo(-Math.log(sum), 12);
  });

  it('the data-minus-model gradient', () => {
    const machine = compile(rbm(3, 2, { seed: 1, init: normal(0, 1) }), { dtype: 'float64' });
    const data = Uint8Array.of(1, 0, 1, 1, 1, 0); // two rows of v
    const grad = exactGradient(machine, data, 2);
    // The model term of W_00 is E[v_0 h_0] under the model: v_0 is unit 2, h_0 unit 0.
    const model = exactMoments(machine).second[2 * machine.size + 0]!;
    const dataTerm = (hiddenGivenVisible(machine, data.subarray(0, 3))[0]! + hiddenGivenVisible(machine, data.subarray(3, 6))[0]!) / 2;
    console.log(grad.weights[0]![0], dataTerm - model); // equal: ⟨v_0 h_0⟩_data − ⟨v_0 h_0⟩_model
    const w = machine.weights[0]!.weights;
    const eps = 1e-6;
    w[0] = w[0]! + eps;
    const up = exactLogLikelihood(machine, data, 2);
    w[0] = w[0]! - 2 * eps;
    const down = exactLogLikelihood(machine, data, 2);
    w[0] = w[0]! + eps;
    console.log((up - down) / (2 * eps)); // the same number, by finite differences

    expect(num(0, 0)).toBeCloseTo(num(0, 1), 12);
    expect(num(1)).toBeCloseTo(num(0, 0), 8);
  });

  it('the belief-net gradient', () => {
    const net = network()
      .unit('j', { bias: 0.3 })
      .unit('i', { bias: -0.2 })
      .edge('j', 'i', 1.5) // j is the parent of i
      .build();
    const sbnPlan = compile(net, { dtype: 'float64' }); // layout [i, j]
    const grad = zeroGradient(sbnPlan);
    sbnGradientInto(grad, sbnPlan, Float64Array.of(0, 1), 1, 1); // the complete state i = 0, j = 1
    const p = sigmoid(-0.2 + 1.5 * 1); // p_i = σ(b_i + w_ij s_j)
    console.log(grad.weights[0]![0], 1 * (0 - p)); // ∂ log p / ∂w_ij = s_j (s_i − p_i)
    console.log(grad.bias[0], 0 - p, grad.bias[1], 1 - sigmoid(0.3)); // ∂/∂b_i = s_i − p_i; the root j has p_j = σ(b_j)

    expect(num(0, 0)).toBeCloseTo(num(0, 1), 15);
    expect(num(1, 0)).toBeCloseTo(num(1, 1), 15);
    expect(num(1, 2)).toBeCloseTo(num(1, 3), 15);
  });

  it('explaining away', () => {
    const causes = network()
      .unit('a', { bias: -2 })
      .unit('b', { bias: -2 })
      .unit('effect', { bias: -4, role: 'visible' })
      .edge('a', 'effect', 5)
      .edge('b', 'effect', 5)
      .build();
    const plan = compile(causes, { dtype: 'float64' }); // layout [a, b, effect]
    const given = (b: number): number => conditional(plan, Float64Array.of(0, b, 1), 0); // p(a = 1 | b, effect = 1)
    console.log(given(0).toFixed(3), given(1).toFixed(3)); // 0.846 0.156: once b explains the effect, a is needed less

    const logp = exactLogProbabilities(plan);
    const p = (x: number): number => Math.exp(logp[x]!);
    const pe = p(4) + p(5) + p(6) + p(7); // effect = 1 is bit 2
    const pa = (p(5) + p(7)) / pe;
    const pb = (p(6) + p(7)) / pe;
    console.log((p(7) / pe).toFixed(3), (pa * pb).toFixed(3)); // 0.078 0.251: a and b are dependent given the effect

    expect(printed()[0]).toEqual(GUIDE_GIVEN);
    expect(printed()[1]).toEqual(GUIDE_JOINT);
    // They are independent a priori: p(a, b) factorises when the effect is summed out.
    const prior11 = p(3) + p(7);
    const priorA = p(1) + p(3) + p(5) + p(7);
    const priorB = p(2) + p(3) + p(6) + p(7);
    expect(prior11).toBeCloseTo(priorA * priorB, 14);
  });

  it('backprop through sigmoid layers', () => {
    const net = createSigmoidNet(
      [
        { inputs: 2, outputs: 2, weights: Float64Array.of(0.5, -1, 1.5, 0.25), bias: Float64Array.of(0.1, -0.1) },
        { inputs: 2, outputs: 1, weights: Float64Array.of(2, -1), bias: Float64Array.of(0) },
      ],
      'logistic',
    );
    const x = Float64Array.of(1, 0);
    const y = Float64Array.of(1);
    const grads = zeroSigmoidNetGradient(net);
    lossAndGradient(grads, net, x, y, 1); // loss = −log σ(z) for y = 1
    const w = net.layers[0]!.weights;
    const eps = 1e-6;
    w[1] = w[1]! + eps;
    const up = lossAndGradient(zeroSigmoidNetGradient(net), net, x, y, 1);
    w[1] = w[1]! - 2 * eps;
    const down = lossAndGradient(zeroSigmoidNetGradient(net), net, x, y, 1);
    w[1] = w[1]! + eps;
    console.log(grads.layers[0]!.weights[1], (up - down) / (2 * eps)); // equal

    expect(num(0, 0)).toBeCloseTo(num(0, 1), 8);
    // By hand: a = σ(x·W1 + b1), z = a·W2 + b2, dloss/dz = σ(z) − y, then through σ'(a) = a(1 − a).
    const a0 = sigmoid(0.5 + 0.1);
    const a1 = sigmoid(-1 - 0.1);
    const z = 2 * a0 - a1;
    const dz = sigmoid(z) - 1;
    expect(num(0, 0)).toBeCloseTo(dz * -1 * a1 * (1 - a1) * 1, 14);
  });
});

const GUIDE_GIVEN = ['0.846', '0.156'];
const GUIDE_JOINT = ['0.078', '0.251'];
