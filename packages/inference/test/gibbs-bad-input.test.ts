/**
 * Bad input to the block-Gibbs entry points (TESTING.md B.3): every case
 * throws a coded error before any work, changes nothing the caller holds
 * (typed arrays byte-equal, plan parameters unchanged) and consumes no
 * randomness (every Rng's state() unchanged).
 */
import { describe, expect, it } from 'vitest';
import {
  BinaryDataError,
  ConfigError,
  DuplicateEdgeError,
  GraphStructureError,
  NonFiniteError,
  SchemaError,
  SeedError,
  ShapeError,
  TooLargeError,
  UnknownUnitError,
  ValidationError,
  VersionError,
  createRng,
  rbm,
  sbn,
} from '@stochnet/graph';
import { compile } from '@stochnet/model';
import {
  MAX_CHAINS,
  MAX_SWEEPS,
  PersistentChains,
  autocorrelation,
  chainEnergiesInto,
  createGibbsWorkspace,
  effectiveSampleSize,
  fillUniforms,
  gibbsStep,
  initGibbs,
  integratedAutocorrelationTime,
  restoreChains,
  runGibbs,
  saveChains,
  stepPartFieldsInto,
} from '@stochnet/inference';
import type { GibbsOptions, SavedChains } from '@stochnet/inference';
import { expectRejectsWithoutMutation } from '../../../test/support/no-mutation.js';
import { chainGraph, m1 } from '../../../test/support/fixtures.js';

const plan = compile(rbm(4, 3, { seed: 1 }));
const planState = (p = plan): unknown[] => [p.bias, ...p.weights.map((w) => w.weights)];

describe('initGibbs rejects bad options before any work', () => {
  const rng = createRng('bad');
  const cases: [string, () => GibbsOptions, { code?: string; errorClass?: abstract new (...a: never[]) => Error }][] = [
    ['clamp on an unknown group', () => ({ rng, clamp: [{ group: 'q', values: [1] }] }), { errorClass: UnknownUnitError }],
    ['clamp on an unknown unit name', () => ({ rng, clamp: [{ unit: 'nope', values: [1] }] }), { errorClass: UnknownUnitError }],
    ['clamp on a unit index out of range', () => ({ rng, clamp: [{ group: 'v', units: [7], values: [1] }] }), { errorClass: ShapeError }],
    ['a non-binary clamp value', () => ({ rng, clamp: [{ group: 'v', units: [0], values: [0.5] }] }), { errorClass: BinaryDataError }],
    ['a unit clamped twice', () => ({ rng, clamp: [{ group: 'v', units: [0], values: [1] }, { group: 'v', units: [0], values: [0] }] }), { errorClass: DuplicateEdgeError }],
    ['chains 0', () => ({ rng, chains: 0 }), { code: 'CONFIG' }],
    ['chains -1', () => ({ rng, chains: -1 }), { code: 'CONFIG' }],
    ['chains 1.5', () => ({ rng, chains: 1.5 }), { code: 'CONFIG' }],
    ['chains NaN', () => ({ rng, chains: Number.NaN }), { code: 'CONFIG' }],
    ['chains as a string', () => ({ rng, chains: '3' as unknown as number }), { code: 'CONFIG' }],
    ['chains null', () => ({ rng, chains: null as unknown as number }), { code: 'CONFIG' }],
    ['chains over MAX_CHAINS', () => ({ rng, chains: MAX_CHAINS + 1 }), { errorClass: TooLargeError }],
    ['no seed and no rng', () => ({ chains: 2 }), { errorClass: SeedError }],
    ['seed NaN', () => ({ seed: Number.NaN }), { errorClass: SeedError }],
    ['seed null', () => ({ seed: null as unknown as string }), { errorClass: SeedError }],
    ['seed an object', () => ({ seed: {} as unknown as string }), { errorClass: SeedError }],
    ['seed an array', () => ({ seed: [1] as unknown as string }), { errorClass: SeedError }],
    ['seed a function', () => ({ seed: (() => 1) as unknown as string }), { errorClass: SeedError }],
    ['seed 1.5', () => ({ seed: 1.5 }), { errorClass: SeedError }],
    ['rng not an Rng', () => ({ rng: { seed: 'x' } as unknown as typeof rng }), { errorClass: SeedError }],
    ['both seed and rng', () => ({ seed: 1, rng }), { code: 'CONFIG' }],
    ['an unknown init', () => ({ rng, init: 'ones' as unknown as 'zeros' }), { code: 'CONFIG' }],
    ['an init array of the wrong length', () => ({ rng, init: new Float64Array(5) }), { errorClass: ShapeError }],
    ['a non-binary init value', () => ({ rng, init: Float64Array.of(0, 1, 0, 0.5, 0, 0, 0) }), { errorClass: BinaryDataError }],
  ];
  for (const [name, opts, spec] of cases) {
    it(name, () => {
      const o = opts();
      expectRejectsWithoutMutation(() => initGibbs(plan, { chains: 2, ...o }), { ...spec, inputs: [rng, o, ...planState()] });
    });
  }

  it('chains × units over MAX_CHAIN_ENTRIES', () => {
    const big = compile(rbm(20, 20, { seed: 1 }));
    expectRejectsWithoutMutation(() => initGibbs(big, { rng, chains: 2 ** 23 }), { errorClass: TooLargeError, inputs: [rng] });
  });

  it('a plan with no undirected coupling, naming the samplers to use', () => {
    const directed = compile(sbn([3, 2], { seed: 1 }));
    const err = expectRejectsWithoutMutation(() => initGibbs(directed, { rng }), { errorClass: GraphStructureError, inputs: [rng, ...planState(directed)] });
    if (!(err instanceof GraphStructureError)) throw err;
    if (!JSON.stringify(err.details).includes('ancestralSample')) throw new Error('details must name ancestralSample');
  });

  it('a value that is not a plan, or options that are not an object', () => {
    expectRejectsWithoutMutation(() => initGibbs({} as typeof plan, { rng }), { errorClass: ValidationError, inputs: [rng] });
    expectRejectsWithoutMutation(() => initGibbs(plan, null as unknown as GibbsOptions), { code: 'CONFIG', inputs: [...planState()] });
  });
});

describe('gibbsStep, runGibbs and the workspace reject bad input without consuming randomness', () => {
  const fresh = (): ReturnType<typeof initGibbs> => initGibbs(plan, { chains: 3, seed: 'step', init: 'random' });

  it.each([0, -2, 1.5, Number.NaN, Infinity, '4'])('sweeps %s', (sweeps) => {
    const s = fresh();
    const err = expectRejectsWithoutMutation(() => runGibbs(s, sweeps as number), { code: 'CONFIG', inputs: [s.states, ...s.rngs] });
    if ((err as ConfigError).details['option'] !== 'sweeps') throw new Error('the error must name option sweeps');
  });

  it('sweeps over MAX_SWEEPS', () => {
    const s = fresh();
    expectRejectsWithoutMutation(() => runGibbs(s, MAX_SWEEPS + 1), { errorClass: TooLargeError, inputs: [s.states, ...s.rngs] });
  });

  it('an unknown trace, and an energy trace on a plan without an energy', () => {
    const s = fresh();
    expectRejectsWithoutMutation(() => runGibbs(s, 2, { trace: 'logp' as 'energy' }), { code: 'CONFIG', inputs: [s.states, ...s.rngs] });
    const g = initGibbs(compile(chainGraph()), { chains: 2, seed: 1 });
    expectRejectsWithoutMutation(() => runGibbs(g, 2, { trace: 'energy' }), { code: 'CONFIG', inputs: [g.states, ...g.rngs] });
  });

  it('an unknown meanField option', () => {
    const s = fresh();
    expectRejectsWithoutMutation(() => gibbsStep(s, undefined, { meanField: 'first' as 'last' }), { code: 'CONFIG', inputs: [s.states, ...s.rngs] });
  });

  it('a workspace for another plan or chain count', () => {
    const s = fresh();
    const other = createGibbsWorkspace(plan, 4);
    const m1ws = createGibbsWorkspace(compile(m1()), 3);
    expectRejectsWithoutMutation(() => gibbsStep(s, other), { code: 'CONFIG', inputs: [s.states, ...s.rngs] });
    expectRejectsWithoutMutation(() => runGibbs(s, 3, { workspace: m1ws }), { code: 'CONFIG', inputs: [s.states, ...s.rngs] });
  });

  it('a state that is not a GibbsState', () => {
    const s = fresh();
    const broken = { ...s, states: s.states.subarray(1) };
    expectRejectsWithoutMutation(() => gibbsStep(broken), { errorClass: ShapeError, inputs: [s.states, ...s.rngs] });
    expectRejectsWithoutMutation(() => runGibbs({} as typeof s, 1), { errorClass: ValidationError, inputs: [] });
  });

  it.each([2, -0.5, Number.NaN])('a state edited to %s, in either layer (checked before anything is drawn)', (bad) => {
    for (const unit of [0, 6]) {
      const s = fresh();
      s.states[plan.size + unit] = bad;
      const inputs = [s.states, ...s.rngs];
      expectRejectsWithoutMutation(() => gibbsStep(s), { errorClass: BinaryDataError, inputs });
      expectRejectsWithoutMutation(() => runGibbs(s, 3), { errorClass: BinaryDataError, inputs });
      const p = new PersistentChains(s);
      expectRejectsWithoutMutation(() => p.advance(2), { errorClass: BinaryDataError, inputs });
      expect(s.sweeps).toBe(0);
    }
  });

  it('createGibbsWorkspace with bad chain counts', () => {
    expectRejectsWithoutMutation(() => createGibbsWorkspace(plan, 0), { code: 'CONFIG', inputs: [...planState()] });
    expectRejectsWithoutMutation(() => createGibbsWorkspace(plan, MAX_CHAINS + 1), { errorClass: TooLargeError, inputs: [...planState()] });
  });

  it('fillUniforms with a short or mistyped buffer', () => {
    const r = [createRng(1), createRng(2)];
    expectRejectsWithoutMutation(() => fillUniforms(new Float64Array(3), r, 2), { errorClass: ShapeError, inputs: r });
    expectRejectsWithoutMutation(() => fillUniforms(new Float32Array(4) as unknown as Float64Array, r, 2), { errorClass: ValidationError, inputs: r });
    expectRejectsWithoutMutation(() => fillUniforms(new Float64Array(4), r, -1), { errorClass: ShapeError, inputs: r });
  });

  it('stepPartFieldsInto with an unknown block or unit, or wrong lengths', () => {
    const states = new Float64Array(2 * plan.size);
    const out = new Float64Array(2);
    const inputs = [states, out];
    expectRejectsWithoutMutation(() => stepPartFieldsInto(out, plan, states, 2, { block: 5, units: null }), { errorClass: UnknownUnitError, inputs });
    expectRejectsWithoutMutation(() => stepPartFieldsInto(out, plan, states, 2, { block: 0, units: Int32Array.of(9) }), { errorClass: UnknownUnitError, inputs });
    expectRejectsWithoutMutation(() => stepPartFieldsInto(out, plan, states, 3, { block: 0, units: Int32Array.of(0) }), { errorClass: ShapeError, inputs });
    expectRejectsWithoutMutation(() => stepPartFieldsInto(out, plan, states, 0, { block: 0, units: Int32Array.of(0) }), { errorClass: ShapeError, inputs });
    expectRejectsWithoutMutation(() => stepPartFieldsInto(out, plan, [0, 1] as unknown as Float64Array, 2, { block: 0, units: Int32Array.of(0) }), { errorClass: ValidationError, inputs });
    expectRejectsWithoutMutation(() => stepPartFieldsInto(out, {} as typeof plan, states, 2, { block: 0, units: Int32Array.of(0) }), { errorClass: ValidationError, inputs });
    expectRejectsWithoutMutation(() => stepPartFieldsInto([0, 0] as unknown as Float64Array, plan, states, 2, { block: 0, units: Int32Array.of(0) }), { errorClass: ValidationError, inputs });
  });

  it('PersistentChains.advance with a bad sweep count', () => {
    const p = PersistentChains.create(plan, { chains: 2, seed: 1 });
    expectRejectsWithoutMutation(() => p.advance(0), { code: 'CONFIG', inputs: [p.states, ...p.state.rngs] });
  });
});

describe('restoreChains rejects corrupt saved chains', () => {
  const good = (): SavedChains => JSON.parse(JSON.stringify(saveChains(initGibbs(plan, { chains: 2, seed: 'save', clamp: [{ group: 'v', units: [1], values: [1] }] })))) as SavedChains;
  const cases: [string, (s: Record<string, unknown>) => void, { code?: string; errorClass?: abstract new (...a: never[]) => Error }][] = [
    ['a wrong format tag', (s) => (s['format'] = 'other'), { errorClass: SchemaError }],
    ['a future version', (s) => (s['version'] = 2), { errorClass: VersionError }],
    ['another layout', (s) => (s['layout'] = [{ group: 'v', size: 4 }]), { errorClass: ShapeError }],
    ['a state outside [0, 1]', (s) => ((s['states'] as number[])[3] = 2), { errorClass: BinaryDataError }],
    ['a state that is null', (s) => ((s['states'] as unknown[])[3] = null), { errorClass: BinaryDataError }],
    ['too few states', (s) => (s['states'] as number[]).pop(), { errorClass: SchemaError }],
    ['a malformed stream state', (s) => ((s['rngStates'] as unknown[])[1] = { algorithm: 'alea' }), { errorClass: SeedError }],
    ['a missing stream state', (s) => (s['rngStates'] as unknown[]).pop(), { errorClass: SchemaError }],
    ['a chain count of 0', (s) => (s['chains'] = 0), { code: 'CONFIG' }],
    ['negative sweeps', (s) => (s['sweeps'] = -1), { errorClass: SchemaError }],
    ['evidence on an unknown unit', (s) => ((s['evidence'] as { units: number[] }).units[0] = 99), { errorClass: SchemaError }],
    ['a non-binary evidence value', (s) => ((s['evidence'] as { values: number[] }).values[0] = 0.5), { errorClass: BinaryDataError }],
    ['a clamped unit off its evidence', (s) => ((s['states'] as number[])[4] = 0), { errorClass: ValidationError }],
  ];
  for (const [name, corrupt, spec] of cases) {
    it(name, () => {
      const s = good();
      corrupt(s as unknown as Record<string, unknown>);
      expectRejectsWithoutMutation(() => restoreChains(plan, s), { ...spec, inputs: [s, ...planState()] });
    });
  }
  it('a value that is not saved chains', () => {
    expectRejectsWithoutMutation(() => restoreChains(plan, null as unknown as SavedChains), { errorClass: SchemaError, inputs: [] });
  });
});

describe('diagnostics reject bad traces', () => {
  it.each([
    ['a trace of 3 values', [1, 2, 3], ShapeError],
    ['a NaN', [1, 2, Number.NaN, 4, 5], NonFiniteError],
    ['an Infinity', Float64Array.of(1, Infinity, 2, 3), NonFiniteError],
    ['a string', [1, 2, '3', 4] as unknown as number[], NonFiniteError],
    ['not an array', 7 as unknown as number[], ValidationError],
  ] as const)('%s', (_, trace, errorClass) => {
    for (const fn of [effectiveSampleSize, integratedAutocorrelationTime, (t: ArrayLike<number>) => autocorrelation(t)]) {
      expectRejectsWithoutMutation(() => fn(trace as ArrayLike<number>), { errorClass, inputs: [trace] });
    }
  });

  it('an autocorrelation lag out of range', () => {
    expectRejectsWithoutMutation(() => autocorrelation([1, 2, 3, 4], 4), { errorClass: ShapeError, inputs: [] });
  });

  it('chainEnergiesInto with a wrong-length output', () => {
    const s = initGibbs(plan, { chains: 3, seed: 1 });
    const out = new Float64Array(2);
    expectRejectsWithoutMutation(() => chainEnergiesInto(out, s), { errorClass: ShapeError, inputs: [out, s.states] });
  });
});
