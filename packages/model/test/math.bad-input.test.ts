/**
 * Bad input to the math on plans (TESTING.md B.3 #8–#10, #29): typed errors
 * with codes and details, thrown before anything changes; too-large
 * enumerations refused before they start.
 */
import { describe, expect, it } from 'vitest';
import {
  BinaryDataError,
  boltzmann,
  ConfigError,
  GraphStructureError,
  LayeringError,
  network,
  normal,
  sbn,
  ShapeError,
  TooLargeError,
  UnknownUnitError,
  ValidationError,
  zeros,
} from '@stochnet/graph';
import {
  blockFieldInto,
  compile,
  conditional,
  energy,
  exactGradientInto,
  exactLogLikelihood,
  exactLogProbabilities,
  exactLogZ,
  exactMarginals,
  exactMoments,
  exactMomentsInto,
  FieldWorkspace,
  freeEnergy,
  freeEnergyBatchInto,
  hiddenGivenVisible,
  hiddenGivenVisibleInto,
  logProb,
  visibleGivenHidden,
  zeroGradient,
} from '@stochnet/model';
import { chainGraph, m1, m2c, m3 } from './support/fixtures.js';

const f64 = { dtype: 'float64' } as const;

function thrown(f: () => unknown): unknown {
  try {
    f();
  } catch (e) {
    return e;
  }
  throw new Error('expected a throw');
}

describe('bad input to the math on plans', () => {
  const bm = compile(m1(), f64);
  const rbmPlan = compile(m2c(), f64);
  const sbnPlan = compile(m3(), f64);

  it('wrong state lengths throw ShapeError with expected and received', () => {
    for (const f of [
      () => energy(bm, new Float64Array(5)),
      () => logProb(sbnPlan, new Float64Array(7)),
      () => conditional(bm, new Uint8Array(7), 0),
      () => freeEnergy(rbmPlan, new Float64Array(3)),
      () => hiddenGivenVisible(rbmPlan, new Float64Array(5)),
      () => visibleGivenHidden(rbmPlan, new Float64Array(4)),
      () => exactLogLikelihood(rbmPlan, new Uint8Array(7), 2),
    ]) {
      const e = thrown(f);
      expect(e).toBeInstanceOf(ShapeError);
      expect((e as ShapeError).code).toBe('SHAPE');
      expect((e as ShapeError).details).toHaveProperty('expected');
      expect((e as ShapeError).details).toHaveProperty('received');
    }
  });

  it('non-binary states throw BinaryDataError naming the index (or row and column)', () => {
    const s = new Float64Array(6);
    s[2] = 0.5;
    const e = thrown(() => energy(bm, s)) as BinaryDataError;
    expect(e).toBeInstanceOf(BinaryDataError);
    expect(e.code).toBe('NOT_BINARY');
    expect(e.details.index).toBe(2);
    for (const bad of [2, -1, NaN]) {
      const t = new Float64Array(6);
      t[4] = bad;
      expect((thrown(() => conditional(bm, t, 0)) as BinaryDataError).details.index).toBe(4);
    }
    const data = new Uint8Array(8);
    data[6] = 2; // row 1, column 2
    const d = thrown(() => exactLogLikelihood(rbmPlan, data, 2)) as BinaryDataError;
    expect(d).toBeInstanceOf(BinaryDataError);
    expect(d.details).toMatchObject({ row: 1, column: 2 });
    const v = Float64Array.of(0.5, 0.5, 0.5, 1.5);
    expect(thrown(() => hiddenGivenVisible(rbmPlan, v, 1, { values: 'unit-interval' }))).toBeInstanceOf(BinaryDataError);
    expect(hiddenGivenVisible(rbmPlan, v.subarray(0, 4).map(() => 0.5), 1, { values: 'unit-interval' }).length).toBe(3);
  });

  it('states that are not typed arrays throw ValidationError', () => {
    expect(thrown(() => energy(bm, [0, 0, 0, 0, 0, 0] as never))).toBeInstanceOf(ValidationError);
  });

  it('the wrong plan kind throws GraphStructureError naming the kind', () => {
    for (const f of [
      () => energy(sbnPlan, new Float64Array(6)),
      () => freeEnergy(bm, new Float64Array(6)),
      () => exactLogZ(sbnPlan),
      () => hiddenGivenVisible(sbnPlan, new Float64Array(2)),
    ]) {
      const e = thrown(f) as GraphStructureError;
      expect(e).toBeInstanceOf(GraphStructureError);
      expect(e.details.kind).toBeDefined();
    }
    const noRoles = compile(network({ seed: 1 }).layer('a', 2).layer('b', 2).connect('a', 'b', { undirected: true, init: normal(0, 1) }).build(), f64);
    expect(thrown(() => freeEnergy(noRoles, new Float64Array(2)))).toBeInstanceOf(LayeringError);
    expect(thrown(() => exactLogLikelihood(noRoles, new Uint8Array(2), 1))).toBeInstanceOf(GraphStructureError);
  });

  // No timing assertion (speed lives in benchmarks): an enumeration of 2^30 states would not finish within the test timeout.
  it('too-large enumerations throw TooLargeError before any work', () => {
    const big = compile(boltzmann(30, { seed: 1 }), f64);
    const e = thrown(() => exactLogProbabilities(big)) as TooLargeError;
    expect(e).toBeInstanceOf(TooLargeError);
    expect(e.details).toMatchObject({ states: 2 ** 30, limit: 2 ** 24 });
    expect(thrown(() => exactLogZ(big))).toBeInstanceOf(TooLargeError);
    expect(thrown(() => exactMarginals(big))).toBeInstanceOf(TooLargeError);
    // 60 001 units: the n² second moments (29 GB) must not be allocated before the limit is checked.
    const wide = compile(sbn([60_000, 1], { init: zeros() }), f64);
    expect(thrown(() => exactMoments(wide))).toBeInstanceOf(TooLargeError);
    expect(thrown(() => exactMomentsInto(null as never, bm))).toBeInstanceOf(ValidationError);
    expect(thrown(() => logProb(big, new Float64Array(30)))).toBeInstanceOf(TooLargeError);
    const deep = compile(sbn([2, 30], { seed: 1 }), f64);
    expect(thrown(() => exactLogLikelihood(deep, Uint8Array.of(1, 0), 1))).toBeInstanceOf(TooLargeError);
    expect(thrown(() => exactLogZ(bm, { maxStates: 16 }))).toBeInstanceOf(TooLargeError);
    const chain = compile(chainGraph(), f64);
    const p0 = chain.blocks.findIndex((b) => b.group === 'p');
    expect(thrown(() => conditional(chain, new Float64Array(chain.size), chain.blocks[p0]!.offset, { maxStates: 1 }))).toBeInstanceOf(TooLargeError);
  });

  it('invalid options and indices throw ConfigError, UnknownUnitError or ValidationError', () => {
    for (const maxStates of [0, 1.5, NaN, -3]) expect(thrown(() => exactLogZ(bm, { maxStates }))).toBeInstanceOf(ConfigError);
    expect(thrown(() => conditional(bm, new Float64Array(6), 6))).toBeInstanceOf(UnknownUnitError);
    expect(thrown(() => conditional(bm, new Float64Array(6), -1))).toBeInstanceOf(UnknownUnitError);
    expect(thrown(() => conditional(bm, new Float64Array(6), 1.5))).toBeInstanceOf(ValidationError);
    expect(thrown(() => blockFieldInto(new Float64Array(6), bm, new Float64Array(6), 1, 1))).toBeInstanceOf(UnknownUnitError);
    expect(thrown(() => blockFieldInto(new Float64Array(6), bm, new Float64Array(6), 1, 0, { values: 'probabilities' as never }))).toBeInstanceOf(ConfigError);
    expect(thrown(() => hiddenGivenVisible(rbmPlan, new Float64Array(4), 1, { values: 'maybe' as never }))).toBeInstanceOf(ConfigError);
    expect(thrown(() => blockFieldInto(new Float64Array(6), bm, new Float64Array(6), 1, 0, { workspace: new FieldWorkspace(rbmPlan) }))).toBeInstanceOf(ConfigError);
  });

  it('FieldWorkspace checks its plan and row count up front (a NaN row count used to fail later, inside a kernel)', () => {
    for (const rows of [Number.NaN, -1, 2.5, Infinity, '4']) expect(thrown(() => new FieldWorkspace(bm, rows as never))).toBeInstanceOf(ShapeError);
    for (const plan of [null, {}, { blocks: [], weights: [] }]) expect(thrown(() => new FieldWorkspace(plan as never))).toBeInstanceOf(ValidationError);
    const out = new Float64Array(6);
    blockFieldInto(out, bm, new Float64Array(6).fill(1), 1, 0, { workspace: new FieldWorkspace(bm, 0) }); // 0 rows: grows on use
    const fresh = new Float64Array(6);
    blockFieldInto(fresh, bm, new Float64Array(6).fill(1), 1, 0);
    expect(Array.from(out)).toEqual(Array.from(fresh));
  });

  it('empty batches throw ShapeError', () => {
    expect(thrown(() => exactLogLikelihood(rbmPlan, new Uint8Array(0), 0))).toBeInstanceOf(ShapeError);
    expect(thrown(() => blockFieldInto(new Float64Array(0), bm, new Float64Array(0), 0, 0))).toBeInstanceOf(ShapeError);
    expect(thrown(() => freeEnergyBatchInto(new Float64Array(0), rbmPlan, new Float64Array(0), 0))).toBeInstanceOf(ShapeError);
  });

  it('failed calls leave outputs, inputs and the plan byte-equal', () => {
    const out = new Float64Array(12).fill(7);
    const states = new Float64Array(12);
    states[11] = 3; // invalid, in the second row
    const biasBefore = Float64Array.from(bm.bias);
    const wBefore = Float64Array.from(bm.weights[0]!.weights);
    expect(thrown(() => blockFieldInto(out, bm, states, 2, 0))).toBeInstanceOf(BinaryDataError);
    expect(Array.from(out)).toEqual(new Array(12).fill(7));
    expect(states[11]).toBe(3);
    const hOut = new Float64Array(3).fill(7);
    expect(thrown(() => hiddenGivenVisibleInto(hOut, rbmPlan, Float64Array.of(1, 0, 2, 0), 1))).toBeInstanceOf(BinaryDataError);
    expect(Array.from(hOut)).toEqual([7, 7, 7]);
    const g = zeroGradient(rbmPlan);
    g.bias.fill(5);
    expect(thrown(() => exactGradientInto(g, rbmPlan, Uint8Array.of(1, 0, 1, 9), 1))).toBeInstanceOf(BinaryDataError);
    expect(g.bias.every((x) => x === 5)).toBe(true);
    expect(thrown(() => exactGradientInto({ bias: new Float64Array(2), weights: [] }, rbmPlan, Uint8Array.of(1, 0, 1, 1), 1))).toBeInstanceOf(ShapeError);
    for (const out of [null, undefined, {}, { bias: new Float64Array(rbmPlan.size) }]) {
      expect(thrown(() => exactGradientInto(out as never, rbmPlan, Uint8Array.of(1, 0, 1, 1), 1))).toBeInstanceOf(ShapeError);
    }
    expect(thrown(() => freeEnergyBatchInto(new Float32Array(1) as never, rbmPlan, Uint8Array.of(1, 0, 1, 1), 1))).toBeInstanceOf(ValidationError);
    expect(Array.from(bm.bias)).toEqual(Array.from(biasBefore));
    expect(Array.from(bm.weights[0]!.weights)).toEqual(Array.from(wBefore));
  });
});
