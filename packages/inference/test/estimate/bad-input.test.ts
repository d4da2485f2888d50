/**
 * Bad input to the estimators (TESTING.md B.3): each call throws the typed
 * error before any work, and leaves the plan, the data, the options and a
 * passed stream byte-for-byte as they were (no randomness consumed).
 */
import { describe, expect, it } from 'vitest';
import { ConfigError, createRng, dbn, GraphStructureError, network, normal, sbn, SeedError, ShapeError, BinaryDataError, TooLargeError, boltzmann } from '@stochnet/graph';
import { compile, createSigmoidNet, zeroGradient } from '@stochnet/model';
import {
  aisLogLikelihood,
  aisLogZ,
  baseRateBiases,
  freeEnergyGap,
  importanceLogLikelihood,
  pseudoLogLikelihood,
  pseudoLogLikelihoodGradientInto,
  reconstructionError,
  reverseAisLogZ,
} from '@stochnet/inference';
import { expectRejectsWithoutMutation } from '../../../../test/support/no-mutation.js';
import { rbmPlan } from './support.js';

const rbmP = rbmPlan(4, 3, 1, 'bad');
const sbnP = compile(sbn([3, 2], { seed: 1, init: normal(0, 1) }), { dtype: 'float64' });
const bmP = compile(boltzmann(3, { seed: 1, init: normal(0, 1) }), { dtype: 'float64' });
const dbnP = compile(dbn([2, 2, 2], { seed: 1 }), { dtype: 'float64' });
const data = Uint8Array.of(1, 0, 1, 1, 0, 0, 1, 0);
const halfData = Float64Array.of(1, 0, 1, 1, 0, 0, 0.5, 0); // row 1, column 2 is 0.5

type Call = [name: string, call: () => unknown, cls: abstract new (...a: never[]) => Error, inputs: unknown[], details?: Record<string, unknown>];

const rng = createRng('keep');
const cases: Call[] = [
  // reconstructionError
  ['recon: sbn plan', () => reconstructionError(sbnP, Uint8Array.of(1, 0, 1), 1), GraphStructureError, [sbnP]],
  ['recon: boltzmann plan', () => reconstructionError(bmP, Uint8Array.of(1, 0, 1), 1), GraphStructureError, [bmP]],
  ['recon: wrong width', () => reconstructionError(rbmP, data, 3), ShapeError, [rbmP, data]],
  ['recon: zero rows', () => reconstructionError(rbmP, new Uint8Array(0), 0), ShapeError, [rbmP]],
  ['recon: non-binary', () => reconstructionError(rbmP, halfData, 2), BinaryDataError, [rbmP, halfData], { row: 1, column: 2 }],
  ['recon: unknown loss', () => reconstructionError(rbmP, data, 2, { loss: 'abs' as never }), ConfigError, [rbmP, data], { option: 'loss' }],
  // pseudoLogLikelihood
  ['pll: sbn plan', () => pseudoLogLikelihood(sbnP, Uint8Array.of(1, 0, 1), 1), GraphStructureError, [sbnP]],
  ['pll: boltzmann with a hidden group', () => pseudoLogLikelihood(compile(network().layer('x', 2, { role: 'visible' }).layer('y', 1).connect('x', 'y', { undirected: true }).connect('x', 'x', { undirected: true }).build()), Uint8Array.of(1, 0, 1), 1), GraphStructureError, [], { group: 'y', role: 'hidden' }],
  ['pll: stochastic without a seed', () => pseudoLogLikelihood(rbmP, data, 2, { stochastic: true }), SeedError, [rbmP, data]],
  ['pll: NaN seed', () => pseudoLogLikelihood(rbmP, data, 2, { stochastic: true, seed: Number.NaN }), SeedError, [rbmP, data]],
  ['pll: stochastic not a boolean', () => pseudoLogLikelihood(rbmP, data, 2, { stochastic: 'yes' as never }), ConfigError, [rbmP, data], { option: 'stochastic' }],
  ['pll: wrong width', () => pseudoLogLikelihood(bmP, data, 2), ShapeError, [bmP, data]],
  ['pll: non-binary', () => pseudoLogLikelihood(rbmP, halfData, 2), BinaryDataError, [rbmP, halfData], { row: 1, column: 2 }],
  // pseudoLogLikelihoodGradientInto
  ['pll gradient: rbm plan', () => pseudoLogLikelihoodGradientInto(zeroGradient(rbmP), rbmP, data, 2), GraphStructureError, [rbmP, data]],
  (() => {
    const out = zeroGradient(bmP);
    out.bias.fill(3);
    const bad = { bias: out.bias, weights: [new Float64Array(2)] };
    return ['pll gradient: out of the wrong shape', () => pseudoLogLikelihoodGradientInto(bad, bmP, Uint8Array.of(1, 0, 1), 1), ShapeError, [bmP, bad]] as Call;
  })(),
  // freeEnergyGap
  ['gap: sbn plan', () => freeEnergyGap(sbnP, { data, rows: 2 }, { data, rows: 2 }), GraphStructureError, [sbnP, data]],
  ['gap: held-out of the wrong width', () => freeEnergyGap(rbmP, { data, rows: 2 }, { data: Uint8Array.of(1, 0, 1), rows: 1 }), ShapeError, [rbmP, data]],
  ['gap: non-binary train', () => freeEnergyGap(rbmP, { data: halfData, rows: 2 }, { data, rows: 2 }), BinaryDataError, [rbmP, halfData], { row: 1, column: 2 }],
  // aisLogZ
  ['ais: sbn plan', () => aisLogZ(sbnP, { seed: 1 }), GraphStructureError, [sbnP]],
  ['ais: dbn plan', () => aisLogZ(dbnP, { seed: 1 }), GraphStructureError, [dbnP]],
  ['ais: runs 0', () => aisLogZ(rbmP, { seed: 1, runs: 0 }), ConfigError, [rbmP], { option: 'runs' }],
  ['ais: runs -1', () => aisLogZ(rbmP, { rng, runs: -1 }), ConfigError, [rbmP, rng], { option: 'runs' }],
  ['ais: runs 1.5', () => aisLogZ(rbmP, { seed: 1, runs: 1.5 }), ConfigError, [rbmP], { option: 'runs' }],
  ['ais: runs 2^25', () => aisLogZ(rbmP, { seed: 1, runs: 2 ** 25 }), TooLargeError, [rbmP]],
  ['ais: betas 0 steps', () => aisLogZ(rbmP, { seed: 1, betas: 0 }), ConfigError, [rbmP], { option: 'betas' }],
  ['ais: betas 2^25 steps', () => aisLogZ(rbmP, { seed: 1, betas: 2 ** 25 }), TooLargeError, [rbmP]],
  (() => {
    const betas = [0, 0.5, 0.5, 1];
    return ['ais: non-increasing betas', () => aisLogZ(rbmP, { rng, betas }), ConfigError, [rbmP, rng, betas], { option: 'betas', index: 2 }] as Call;
  })(),
  (() => {
    const betas = Float64Array.of(0, 0.5, 0.9);
    return ['ais: betas not reaching 1', () => aisLogZ(rbmP, { rng, betas }), ConfigError, [rbmP, rng, betas], { option: 'betas', index: 2 }] as Call;
  })(),
  ['ais: betas not starting at 0', () => aisLogZ(rbmP, { seed: 1, betas: [0.1, 1] }), ConfigError, [rbmP], { option: 'betas', index: 0 }],
  ['ais: beta out of range', () => aisLogZ(rbmP, { seed: 1, betas: [0, 1.5, 1] }), ConfigError, [rbmP], { option: 'betas', index: 1 }],
  ['ais: NaN beta', () => aisLogZ(rbmP, { seed: 1, betas: [0, Number.NaN, 1] }), ConfigError, [rbmP], { option: 'betas', index: 1 }],
  ['ais: no seed', () => aisLogZ(rbmP, {}), SeedError, [rbmP]],
  ['ais: object seed', () => aisLogZ(rbmP, { seed: {} as never }), SeedError, [rbmP]],
  ['ais: seed and rng', () => aisLogZ(rbmP, { seed: 1, rng }), ConfigError, [rbmP, rng]],
  ['ais: base biases of the wrong width', () => aisLogZ(rbmP, { rng, base: new Float64Array(3) }), ShapeError, [rbmP, rng]],
  ['ais: non-finite base bias', () => aisLogZ(rbmP, { rng, base: [0, 0, Number.POSITIVE_INFINITY, 0] }), ConfigError, [rbmP, rng], { option: 'base', index: 2 }],
  ['ais: non-binary base data', () => aisLogZ(rbmP, { rng, base: { data: halfData, rows: 2 } }), BinaryDataError, [rbmP, rng, halfData], { row: 1, column: 2 }],
  ['ais: smoothing 0', () => aisLogZ(rbmP, { rng, base: { data, rows: 2 }, smoothing: 0 }), ConfigError, [rbmP, rng, data], { option: 'smoothing' }],
  // reverseAisLogZ
  ['reverse: burnIn -1', () => reverseAisLogZ(rbmP, { rng, burnIn: -1 }), ConfigError, [rbmP, rng], { option: 'burnIn' }],
  ['reverse: burnIn 2^25', () => reverseAisLogZ(rbmP, { rng, burnIn: 2 ** 25 }), TooLargeError, [rbmP, rng]],
  ['reverse: init of the wrong width', () => reverseAisLogZ(rbmP, { rng, init: { data: Uint8Array.of(1, 0, 1), rows: 1 } }), ShapeError, [rbmP, rng]],
  // aisLogLikelihood
  ['ais ll: non-binary data', () => aisLogLikelihood(rbmP, halfData, 2, { rng }), BinaryDataError, [rbmP, rng, halfData], { row: 1, column: 2 }],
  ['ais ll: reverse not a boolean', () => aisLogLikelihood(rbmP, data, 2, { rng, reverse: 1 as never }), ConfigError, [rbmP, rng, data], { option: 'reverse' }],
  ['ais ll: boltzmann plan', () => aisLogLikelihood(bmP, Uint8Array.of(1, 0, 1), 1, { rng }), GraphStructureError, [bmP, rng]],
  // importanceLogLikelihood
  ['is: rbm plan', () => importanceLogLikelihood(rbmP, data, 2, { rng }), GraphStructureError, [rbmP, rng, data]],
  ['is: dbn plan', () => importanceLogLikelihood(dbnP, Uint8Array.of(1, 0), 1, { rng }), GraphStructureError, [dbnP, rng]],
  ['is: samples 0', () => importanceLogLikelihood(sbnP, Uint8Array.of(1, 0, 1), 1, { rng, samples: 0 }), ConfigError, [sbnP, rng], { option: 'samples' }],
  ['is: samples 2^25', () => importanceLogLikelihood(sbnP, Uint8Array.of(1, 0, 1), 1, { rng, samples: 2 ** 25 }), TooLargeError, [sbnP, rng]],
  ['is: proposal 42', () => importanceLogLikelihood(sbnP, Uint8Array.of(1, 0, 1), 1, { rng, proposal: 42 as never }), ConfigError, [sbnP, rng], { option: 'proposal' }],
  (() => {
    const net = createSigmoidNet([{ inputs: 3, outputs: 2, weights: new Float64Array(6), bias: new Float64Array(2) }], 'softmax');
    return ['is: softmax recognition net', () => importanceLogLikelihood(sbnP, Uint8Array.of(1, 0, 1), 1, { rng, proposal: net }), ConfigError, [sbnP, rng, net], { option: 'proposal' }] as Call;
  })(),
  (() => {
    const net = createSigmoidNet([{ inputs: 3, outputs: 3, weights: new Float64Array(9), bias: new Float64Array(3) }], 'logistic');
    return ['is: recognition net of the wrong width', () => importanceLogLikelihood(sbnP, Uint8Array.of(1, 0, 1), 1, { rng, proposal: net }), ShapeError, [sbnP, rng, net], { option: 'proposal', layer: 0 }] as Call;
  })(),
  ['is: no seed', () => importanceLogLikelihood(sbnP, Uint8Array.of(1, 0, 1), 1, {} as never), SeedError, [sbnP]],
  ['is: non-binary', () => importanceLogLikelihood(sbnP, Float64Array.of(1, 0, 1, 1, 2, 0), 2, { rng }), BinaryDataError, [sbnP, rng], { row: 1, column: 1 }],
  ['is: wrong width', () => importanceLogLikelihood(sbnP, data, 2, { rng }), ShapeError, [sbnP, rng, data]],
  // baseRateBiases
  ['base rates: cols 0', () => baseRateBiases(data, 2, 0), ShapeError, [data]],
  ['base rates: smoothing -1', () => baseRateBiases(data, 2, 4, { smoothing: -1 }), ConfigError, [data], { option: 'smoothing' }],
];

describe('estimators reject bad input before any work, changing nothing', () => {
  for (const [name, call, cls, inputs, details] of cases) {
    it(name, () => {
      const err = expectRejectsWithoutMutation(call, { errorClass: cls, inputs });
      if (details !== undefined) expect((err as unknown as { details: Record<string, unknown> }).details).toMatchObject(details);
    });
  }

  it('a passed stream is never advanced, even by a successful call', () => {
    const r = createRng('untouched');
    const before = JSON.stringify(r.state());
    aisLogZ(rbmP, { rng: r, runs: 3, betas: 10 });
    importanceLogLikelihood(sbnP, Uint8Array.of(1, 0, 1), 1, { rng: r, samples: 5 });
    pseudoLogLikelihood(rbmP, data, 2, { rng: r, stochastic: true });
    expect(JSON.stringify(r.state())).toBe(before);
  });
});
