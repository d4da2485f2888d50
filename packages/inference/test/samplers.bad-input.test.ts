/**
 * Bad input for ancestralSample(Into), initPosterior / posteriorStep /
 * runPosterior and dbnSample (TESTING.md B.3 #10, #23–#28): a typed, coded
 * error before any work, with the plan's arrays, the evidence, output
 * buffers and the caller's Rng unchanged (no randomness consumed). And T5:
 * no public path touches Math.random.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import {
  BinaryDataError,
  ConfigError,
  GraphStructureError,
  SeedError,
  ShapeError,
  TooLargeError,
  UnknownUnitError,
  ValidationError,
  boltzmann,
  createRng,
  rbm,
} from '@stochnet/graph';
import { compile } from '@stochnet/model';
import type { Plan } from '@stochnet/model';
import {
  ancestralSample,
  ancestralSampleInto,
  createPosteriorWorkspace,
  dbnSample,
  initPosterior,
  posteriorStep,
  runPosterior,
} from '@stochnet/inference';
import type { AncestralOptions, DbnSampleOptions, PosteriorOptions, PosteriorState } from '@stochnet/inference';
import { expectRejectsWithoutMutation } from '../../../test/support/no-mutation.js';
import { chainGraph, m3, smallDbn } from '../../../test/support/fixtures.js';

const sbnPlan = compile(m3(), { dtype: 'float64' });
const dbnPlan = compile(smallDbn(), { dtype: 'float64' });
type ErrorClass = abstract new (...args: never[]) => Error;
const planArrays = (p: Plan): unknown[] => [p.bias, ...p.weights.map((w) => w.weights)];

interface Case<O> {
  readonly name: string;
  readonly opts: O;
  readonly code?: string;
  readonly errorClass: ErrorClass;
}

const rng = createRng('caller');
const evidence = [{ group: 'v', values: [1, 0] }];

const ancestralCases: Case<AncestralOptions>[] = [
  { name: 'samples 0', opts: { samples: 0, seed: 1 }, code: 'CONFIG', errorClass: ConfigError },
  { name: 'samples −1', opts: { samples: -1, seed: 1 }, code: 'CONFIG', errorClass: ConfigError },
  { name: 'samples 1.5', opts: { samples: 1.5, seed: 1 }, code: 'CONFIG', errorClass: ConfigError },
  { name: 'samples NaN', opts: { samples: Number.NaN, seed: 1 }, code: 'CONFIG', errorClass: ConfigError },
  { name: "samples '5'", opts: { samples: '5' as unknown as number, seed: 1 }, code: 'CONFIG', errorClass: ConfigError },
  { name: 'samples 2^31', opts: { samples: 2 ** 31, seed: 1 }, code: 'TOO_LARGE', errorClass: TooLargeError },
  { name: 'no seed', opts: { samples: 5 }, code: 'SEED', errorClass: SeedError },
  { name: 'seed NaN', opts: { samples: 5, seed: Number.NaN }, code: 'SEED', errorClass: SeedError },
  { name: 'seed object', opts: { samples: 5, seed: {} as unknown as number }, code: 'SEED', errorClass: SeedError },
  { name: 'seed and rng', opts: { samples: 5, seed: 1, rng }, code: 'CONFIG', errorClass: ConfigError },
  { name: 'rng not an Rng', opts: { samples: 5, rng: {} as never }, code: 'SEED', errorClass: SeedError },
  { name: 'unknown evidence group', opts: { samples: 5, seed: 1, evidence: [{ group: 'zz', values: [1] }] }, errorClass: UnknownUnitError },
  { name: 'unknown evidence unit', opts: { samples: 5, seed: 1, evidence: [{ unit: 'v[7]', values: [1] }] }, code: 'UNKNOWN_ID', errorClass: UnknownUnitError },
  { name: 'non-binary evidence', opts: { samples: 5, seed: 1, evidence: [{ group: 'v', values: [1, 0.5] }] }, code: 'NOT_BINARY', errorClass: BinaryDataError },
  { name: 'evidence of wrong length', opts: { samples: 5, seed: 1, evidence: [{ group: 'v', values: [1, 0, 1] }] }, code: 'SHAPE', errorClass: ShapeError },
];

describe('ancestralSample and ancestralSampleInto reject bad input without side effects', () => {
  it.each(ancestralCases)('$name', ({ opts, code, errorClass }) => {
    const inputs = [...planArrays(sbnPlan), rng, opts.evidence ?? []];
    expectRejectsWithoutMutation(() => ancestralSample(sbnPlan, opts), code === undefined ? { errorClass, inputs } : { errorClass, code, inputs });
    const out = { states: new Float64Array(30).fill(7), logWeights: new Float64Array(5).fill(7) };
    expectRejectsWithoutMutation(() => ancestralSampleInto(out, sbnPlan, opts), { errorClass, inputs: [...inputs, out] });
  });

  it.each([
    ['rbm', compile(rbm(3, 2, { seed: 1 })), ['initGibbs', 'runGibbs']],
    ['boltzmann', compile(boltzmann(3, { seed: 1 })), ['initGibbs', 'runGibbs']],
    ['dbn', dbnPlan, ['dbnSample']],
    ['general', compile(chainGraph()), ['initGibbs', 'runGibbs']],
  ] as const)('a %s plan is refused, naming the sampler to use', (_kind, plan, use) => {
    const err = expectRejectsWithoutMutation(() => ancestralSample(plan, { samples: 5, seed: 1 }), {
      errorClass: GraphStructureError,
      code: 'STRUCTURE',
      inputs: planArrays(plan),
    });
    expect((err as GraphStructureError).details['use']).toEqual(use);
  });

  it('Into: wrong buffer type or length, and evidence without logWeights', () => {
    const opts = { samples: 5, seed: 1 };
    for (const out of [{ states: new Float64Array(29) }, { states: [] as unknown as Float64Array }, { states: new Float64Array(30), logWeights: new Float64Array(4) }]) {
      expectRejectsWithoutMutation(() => ancestralSampleInto(out, sbnPlan, opts), { errorClass: ValidationError, inputs: [out] });
    }
    const out = { states: new Float64Array(30).fill(3) };
    expectRejectsWithoutMutation(() => ancestralSampleInto(out, sbnPlan, { ...opts, evidence }), { code: 'CONFIG', inputs: [out] });
  });
});

describe('posterior Gibbs rejects bad input without side effects', () => {
  const good: PosteriorOptions = { chains: 4, seed: 1, evidence };
  const cases: Case<PosteriorOptions>[] = [
    { name: 'chains 0', opts: { ...good, chains: 0 }, code: 'CONFIG', errorClass: ConfigError },
    { name: 'chains 2.5', opts: { ...good, chains: 2.5 }, code: 'CONFIG', errorClass: ConfigError },
    { name: 'chains 2^25', opts: { ...good, chains: 2 ** 25 }, code: 'TOO_LARGE', errorClass: TooLargeError },
    { name: 'no evidence option', opts: { chains: 4, seed: 1 } as unknown as PosteriorOptions, code: 'CONFIG', errorClass: ConfigError },
    { name: 'non-binary evidence', opts: { ...good, evidence: [{ group: 'v', values: [2, 0] }] }, code: 'NOT_BINARY', errorClass: BinaryDataError },
    { name: 'unknown evidence unit', opts: { ...good, evidence: [{ unit: 'q', values: [1] }] }, code: 'UNKNOWN_ID', errorClass: UnknownUnitError },
    { name: 'init of wrong length', opts: { ...good, init: new Float64Array(5) }, code: 'SHAPE', errorClass: ShapeError },
    { name: 'non-binary init', opts: { ...good, init: new Float64Array(6).fill(0.5) }, code: 'NOT_BINARY', errorClass: BinaryDataError },
    { name: 'seed null', opts: { ...good, seed: null as unknown as number }, code: 'SEED', errorClass: SeedError },
    { name: 'seed and rng', opts: { ...good, rng }, code: 'CONFIG', errorClass: ConfigError },
  ];
  it.each(cases)('initPosterior: $name', ({ opts, code, errorClass }) => {
    const inputs = [...planArrays(sbnPlan), rng, opts.evidence ?? [], opts.init ?? null];
    expectRejectsWithoutMutation(() => initPosterior(sbnPlan, opts), code === undefined ? { errorClass, inputs } : { errorClass, code, inputs });
  });

  it('initPosterior refuses plans with undirected couplings, naming the sampler to use', () => {
    const err = expectRejectsWithoutMutation(() => initPosterior(dbnPlan, { chains: 2, seed: 1, evidence: [] }), { code: 'STRUCTURE', inputs: planArrays(dbnPlan) });
    expect((err as GraphStructureError).details['use']).toEqual(['dbnSample']);
  });

  it('posteriorStep and runPosterior: foreign states, foreign workspaces, bad sweep counts', () => {
    const state = initPosterior(sbnPlan, good);
    const other = initPosterior(sbnPlan, { ...good, chains: 5 });
    const fake = { ...state } as PosteriorState;
    expectRejectsWithoutMutation(() => posteriorStep(fake), { errorClass: ValidationError, inputs: [state.states] });
    expectRejectsWithoutMutation(() => posteriorStep(state, createPosteriorWorkspace(other)), { code: 'CONFIG', inputs: [state.states, state] });
    for (const sweeps of [0, -3, 1.5, Number.NaN]) expectRejectsWithoutMutation(() => runPosterior(state, sweeps), { code: 'CONFIG', inputs: [state] });
    expectRejectsWithoutMutation(() => runPosterior(state, 2 ** 25), { code: 'TOO_LARGE', inputs: [state] });
    state.states[0] = 0.5;
    expectRejectsWithoutMutation(() => posteriorStep(state), { code: 'NOT_BINARY', inputs: [state] });
  });

  it('posteriorStep and runPosterior: an observed unit edited away from its evidence', () => {
    const state = initPosterior(sbnPlan, good);
    const u = state.evidence.units[0]!;
    state.states[sbnPlan.size + u] = 1 - state.states[sbnPlan.size + u]!;
    expectRejectsWithoutMutation(() => posteriorStep(state), { errorClass: ValidationError, inputs: [state] });
    expectRejectsWithoutMutation(() => runPosterior(state, 3), { errorClass: ValidationError, inputs: [state] });
  });
});

describe('dbnSample rejects bad input without side effects', () => {
  const good: DbnSampleOptions = { samples: 4, gibbsSteps: 3, seed: 1 };
  const cases: Case<DbnSampleOptions>[] = [
    { name: 'samples 0', opts: { ...good, samples: 0 }, code: 'CONFIG', errorClass: ConfigError },
    { name: 'samples 2^25', opts: { ...good, samples: 2 ** 25 }, code: 'TOO_LARGE', errorClass: TooLargeError },
    { name: 'gibbsSteps 0', opts: { ...good, gibbsSteps: 0 }, code: 'CONFIG', errorClass: ConfigError },
    { name: 'gibbsSteps 1.5', opts: { ...good, gibbsSteps: 1.5 }, code: 'CONFIG', errorClass: ConfigError },
    { name: 'gibbsSteps missing', opts: { samples: 4, seed: 1 } as DbnSampleOptions, code: 'CONFIG', errorClass: ConfigError },
    { name: 'gibbsSteps 2^25', opts: { ...good, gibbsSteps: 2 ** 25 }, code: 'TOO_LARGE', errorClass: TooLargeError },
    { name: 'unknown init', opts: { ...good, init: 'ones' as never }, code: 'CONFIG', errorClass: ConfigError },
    { name: 'init of wrong length', opts: { ...good, init: new Float64Array(3) }, code: 'SHAPE', errorClass: ShapeError },
    { name: 'no seed', opts: { samples: 4, gibbsSteps: 3 }, code: 'SEED', errorClass: SeedError },
  ];
  it.each(cases)('$name', ({ opts, code, errorClass }) => {
    const inputs = [...planArrays(dbnPlan), rng];
    expectRejectsWithoutMutation(() => dbnSample(dbnPlan, opts), code === undefined ? { errorClass, inputs } : { errorClass, code, inputs });
  });

  it('refuses sbn and general plans, naming the sampler to use', () => {
    const e1 = expectRejectsWithoutMutation(() => dbnSample(sbnPlan, good), { code: 'STRUCTURE', inputs: planArrays(sbnPlan) });
    expect((e1 as GraphStructureError).details['use']).toEqual(['ancestralSample', 'initPosterior']);
    const general = compile(chainGraph());
    const e2 = expectRejectsWithoutMutation(() => dbnSample(general, good), { code: 'STRUCTURE', inputs: planArrays(general) });
    expect((e2 as GraphStructureError).details['use']).toEqual(['initGibbs', 'runGibbs']);
  });
});

describe('T5: no global randomness', () => {
  afterEach(() => {
    vi.restoreAllMocks();
  });

  it('ancestral, likelihood-weighted, posterior and DBN sampling never call Math.random', () => {
    vi.spyOn(Math, 'random').mockImplementation(() => {
      throw new Error('Math.random called');
    });
    ancestralSample(sbnPlan, { samples: 300, seed: 1 });
    ancestralSampleInto({ states: new Float32Array(30), logWeights: new Float64Array(5) }, sbnPlan, { samples: 5, rng, evidence });
    const state = initPosterior(sbnPlan, { chains: 300, seed: 1, evidence });
    runPosterior(state, 3, createPosteriorWorkspace(state));
    posteriorStep(state);
    dbnSample(dbnPlan, { samples: 300, gibbsSteps: 3, seed: 1 });
    expect(Math.random).not.toHaveBeenCalled();
  });
});
