import * as E from 'fp-ts/lib/Either.js';
import { describe, expect, it } from 'vitest';
import { expectRejectsWithoutMutation } from '../../../test/support/no-mutation.js';
import { network } from '../src/builder.js';
import {
  ConfigError,
  CycleError,
  DuplicateEdgeError,
  GraphStructureError,
  NonFiniteError,
  SeedError,
  SelfLoopError,
  ShapeError,
  type StochnetError,
  TooLargeError,
  UnknownUnitError,
  ValidationError,
} from '../src/errors.js';
import { constant, normal, smallRandom, uniform, zeros } from '../src/init.js';
import { biasOf, canonical, paramsOf } from './core-nets.js';

describe('network builder: groups', () => {
  it('adds layers and units with roles, shapes and biases', () => {
    const net = network({ seed: 1 })
      .layer('v', 4, { role: 'visible', shape: [2, 2], bias: [1, 2, 3, 4] })
      .layer('h', 3, { bias: constant(-2) })
      .unit('y', { role: 'label', bias: 0.5 })
      .layer('r', 2, { bias: normal(0, 1) })
      .build();
    expect(net.structure.groups).toEqual([
      { id: 'v', size: 4, kind: 'bernoulli', role: 'visible', shape: [2, 2] },
      { id: 'h', size: 3, kind: 'bernoulli', role: 'hidden' },
      { id: 'y', size: 1, kind: 'bernoulli', role: 'label' },
      { id: 'r', size: 2, kind: 'bernoulli', role: 'hidden' },
    ]);
    expect([...biasOf(net, 'v')]).toEqual([1, 2, 3, 4]);
    expect([...biasOf(net, 'h')]).toEqual([-2, -2, -2]);
    expect([...biasOf(net, 'y')]).toEqual([0.5]);
    expect(biasOf(net, 'r').every((x) => x !== 0)).toBe(true);
    expect(Object.isFrozen(net.structure.groups[0])).toBe(true);
  });

  it('is immutable: each call returns a new builder', () => {
    const one = network().layer('a', 2);
    const two = one.layer('b', 3);
    expect(one.build().structure.groups.map((g) => g.id)).toEqual(['a']);
    expect(two.build().structure.groups.map((g) => g.id)).toEqual(['a', 'b']);
    expect(one.build()).not.toBe(one.build());
  });

  it('copies arrays it is given, so later writes do not reach the network', () => {
    const bias = [1, 2];
    const w = new Float64Array([1, 2, 3, 4]);
    const net = network().layer('a', 2, { bias }).layer('b', 2).connect('a', 'b', { weights: w }).build();
    bias[0] = 99;
    w[0] = 99;
    expect(biasOf(net, 'a')[0]).toBe(1);
    expect(paramsOf(net, 'a->b').weights[0]).toBe(1);
  });
});

describe('network builder: couplings', () => {
  it('names couplings by default and takes explicit ids', () => {
    const net = network()
      .layer('a', 2).layer('b', 2).layer('c', 2)
      .connect('a', 'b')
      .connect('b', 'c', { undirected: true })
      .connect('a', 'c', { id: 'skip' })
      .build();
    expect(net.structure.couplings).toEqual([
      { id: 'a->b', from: 'a', to: 'b', directed: true, connectivity: 'dense' },
      { id: 'b--c', from: 'b', to: 'c', directed: false, connectivity: 'dense' },
      { id: 'skip', from: 'a', to: 'c', directed: true, connectivity: 'dense' },
    ]);
    expect([...paramsOf(net, 'a->b').weights]).toEqual([0, 0, 0, 0]);
  });

  it('takes weights as rows (row-major, from × to)', () => {
    const net = network().layer('a', 2).layer('b', 3).connect('a', 'b', { weights: [[1, 2, 3], [4, 5, 6]] }).build();
    expect([...paramsOf(net, 'a->b').weights]).toEqual([1, 2, 3, 4, 5, 6]);
  });

  it('masks initialised weights and keeps the mask', () => {
    const net = network()
      .layer('a', 2).layer('b', 2)
      .connect('a', 'b', { init: constant(1), mask: [[1, 0], [0, 1]] })
      .build();
    const p = paramsOf(net, 'a->b');
    expect(net.structure.couplings[0]?.connectivity).toBe('masked');
    expect([...p.weights]).toEqual([1, 0, 0, 1]);
    expect([...p.mask!]).toEqual([1, 0, 0, 1]);
  });

  it('draws a dense lateral block symmetric with a zero diagonal', () => {
    const net = network({ seed: 3 }).layer('x', 4).connect('x', 'x', { undirected: true, init: uniform(-1, 1) }).build();
    const w = paramsOf(net, 'x--x').weights;
    for (let i = 0; i < 4; i++) {
      expect(w[i * 4 + i]).toBe(0);
      for (let j = 0; j < 4; j++) expect(w[i * 4 + j]).toBe(w[j * 4 + i]);
    }
    expect(w[1]).not.toBe(0);
  });

  it('canonicalises sparse pairs: lateral pairs swapped to row < col, sorted', () => {
    const net = network()
      .layer('x', 4)
      .connect('x', 'x', { undirected: true, sparse: [[3, 1, 0.5], [0, 2, 0.25], [2, 1, -1]] })
      .build();
    const p = paramsOf(net, 'x--x');
    expect([...p.rows!]).toEqual([0, 1, 1]);
    expect([...p.cols!]).toEqual([2, 2, 3]);
    expect([...p.weights]).toEqual([0.25, -1, 0.5]);
  });

  it.each([
    ['a duplicate sparse pair (never summed)', [[0, 1, 1], [0, 1, 2]], DuplicateEdgeError],
    ['a lateral pair given in both orders', [[0, 1, 1], [1, 0, 1]], DuplicateEdgeError],
    ['a lateral self-pair', [[2, 2, 1]], SelfLoopError],
    ['a pair out of range', [[0, 7, 1]], ShapeError],
    ['a non-integer index', [[0.5, 1, 1]], ValidationError],
  ] as const)('rejects %s', (_name, pairs, cls) => {
    const sparse = pairs.map((p) => [...p] as [number, number, number]);
    expectRejectsWithoutMutation(() => network().layer('x', 3).connect('x', 'x', { undirected: true, sparse }).build(), {
      errorClass: cls,
      inputs: [sparse],
    });
  });

  it('rejects conflicting options with ConfigError', () => {
    const b = network().layer('a', 2).layer('b', 2);
    expect(() => b.connect('a', 'b', { init: zeros(), weights: [[0, 0], [0, 0]] }).build()).toThrow(ConfigError);
    expect(() => b.connect('a', 'b', { sparse: [], mask: new Uint8Array(4) }).build()).toThrow(ConfigError);
  });
});

describe('network builder: edges', () => {
  it('collects unit-level edges into sparse couplings between the units’ groups', () => {
    const net = network()
      .unit('rain').unit('sprinkler').unit('wet').layer('h', 3)
      .edge('rain', 'wet', 1.2)
      .edge('sprinkler', 'wet', 0.8)
      .edge('h[2]', 'rain', -0.5)
      .edge('h[0]', 'rain', 0.5)
      .edge({ group: 'wet', index: 0 }, 'h[1]', 0.1, { undirected: true })
      .build();
    expect(net.structure.couplings.map((c) => [c.id, c.connectivity])).toEqual([
      ['rain->wet', 'sparse'],
      ['sprinkler->wet', 'sparse'],
      ['h->rain', 'sparse'],
      ['h--wet', 'sparse'],
    ]);
    const p = paramsOf(net, 'h->rain');
    expect([...p.rows!, ...p.cols!, ...p.weights]).toEqual([0, 2, 0, 0, 0.5, -0.5]);
    const q = paramsOf(net, 'h--wet');
    expect([...q.rows!, ...q.cols!, ...q.weights]).toEqual([1, 0, 0.1]);
  });

  it('adds edges to a sparse coupling declared with connect', () => {
    const net = network().layer('a', 2).layer('b', 2).connect('a', 'b', { id: 'ab', sparse: [[1, 1, 1]] }).edge('a[0]', 'b[1]', 2).build();
    expect(net.structure.couplings.map((c) => c.id)).toEqual(['ab']);
    expect([...paramsOf(net, 'ab').weights]).toEqual([2, 1]);
  });

  it.each([
    ['#1 NaN weight', () => network().unit('a').unit('b').edge('a', 'b', Number.NaN), NonFiniteError],
    ['#2 +Infinity weight', () => network().unit('a').unit('b').edge('a', 'b', Number.POSITIVE_INFINITY), NonFiniteError],
    ['#2 -Infinity weight', () => network().unit('a').unit('b').edge('a', 'b', Number.NEGATIVE_INFINITY), NonFiniteError],
    ['#4 string weight', () => network().unit('a').unit('b').edge('a', 'b', '0.5' as unknown as number), ValidationError],
    ['#4 bigint weight', () => network().unit('a').unit('b').edge('a', 'b', 10n as unknown as number), ValidationError],
    ['#13 self-loop', () => network().unit('a').edge('a', 'a', 1), SelfLoopError],
    ['#13 undirected self-loop', () => network().layer('a', 2).edge('a[1]', 'a[1]', 1, { undirected: true }), SelfLoopError],
    ['#14 duplicate edge', () => network().unit('a').unit('b').edge('a', 'b', 1).edge('a', 'b', 2), DuplicateEdgeError],
    ['#14 undirected pair twice in opposite orders', () => network().unit('a').unit('b').edge('a', 'b', 1, { undirected: true }).edge('b', 'a', 1, { undirected: true }), DuplicateEdgeError],
    ['#14 edge into a dense coupling', () => network().unit('a').unit('b').connect('a', 'b').edge('a', 'b', 1), DuplicateEdgeError],
    ['#15 unknown unit', () => network().unit('a').edge('a', 'zz', 1), UnknownUnitError],
    ['#15 index out of range', () => network().unit('a').layer('b', 2).edge('a', 'b[2]', 1), UnknownUnitError],
    ['#16 directed cycle', () => network().unit('a').unit('b').unit('c').edge('a', 'b', 1).edge('b', 'c', 1).edge('c', 'a', 1), CycleError],
    ['directed edge within one group', () => network().layer('a', 2).edge('a[0]', 'a[1]', 1), GraphStructureError],
    ['a bare group id naming a layer', () => network().layer('a', 2).unit('b').edge('a', 'b', 1), ShapeError],
  ] as const)('%s', (_name, make, cls) => {
    const b = make();
    const e = expectRejectsWithoutMutation(() => b.build(), { errorClass: cls, inputs: [] });
    const r = b.buildEither();
    expect(E.isLeft(r) && r.left[0]).toBeInstanceOf(cls);
    if (cls === CycleError) expect((e as StochnetError).details['cycle']).toEqual(['a', 'b', 'c', 'a']);
  });
});

describe('network builder: bad parameters (TESTING.md B.3)', () => {
  const ab = () => network().layer('a', 2).layer('b', 3);
  it.each([
    ['#3 NaN bias', () => network().layer('a', 2, { bias: Number.NaN }), NonFiniteError],
    ['#3 Infinity bias entry', () => network().layer('a', 2, { bias: [0, Number.POSITIVE_INFINITY] }), NonFiniteError],
    ['#4 string bias entry', () => network().layer('a', 2, { bias: [0, '0.5'] as unknown as number[] }), ValidationError],
    ['#4 null bias', () => network().unit('a', { bias: null as unknown as number }), ValidationError],
    ['#4 boolean bias', () => network().unit('a', { bias: true as unknown as number }), ValidationError],
    ['#7 bias of the wrong length', () => network().layer('a', 2, { bias: [1, 2, 3] }), ShapeError],
    ['#5 NaN inside nested weights', () => ab().connect('a', 'b', { weights: [[0, 0, 0], [0, Number.NaN, 0]] }), NonFiniteError],
    ['#5 NaN inside a Float64Array', () => ab().connect('a', 'b', { weights: Float64Array.of(0, 0, 0, 0, 0, Number.NaN) }), NonFiniteError],
    ['#6 transposed shape', () => ab().connect('a', 'b', { weights: [[1, 2], [3, 4], [5, 6]] }), ShapeError],
    ['#6 ragged rows', () => ab().connect('a', 'b', { weights: [[1, 2, 3], [4, 5]] }), ShapeError],
    ['#6 flat array of the wrong length', () => ab().connect('a', 'b', { weights: new Float64Array(5) }), ShapeError],
    ['#4 string inside nested weights', () => ab().connect('a', 'b', { weights: [[0, 0, 0], [0, '1', 0]] as unknown as number[][] }), ValidationError],
    ['a plain flat number array as weights', () => ab().connect('a', 'b', { weights: [0, 0, 0, 0, 0, 0] as unknown as number[][] }), ValidationError],
    ['a mask value of 0.5', () => ab().connect('a', 'b', { mask: [[1, 0.5, 1], [1, 1, 1]] }), ValidationError],
    ['asymmetric dense lateral weights', () => network().layer('x', 2).connect('x', 'x', { undirected: true, weights: [[0, 1], [2, 0]] }), ValidationError],
    ['a non-zero lateral diagonal', () => network().layer('x', 2).connect('x', 'x', { undirected: true, weights: [[1, 0], [0, 0]] }), SelfLoopError],
    ['size 0', () => network().layer('a', 0), ShapeError],
    ['#24 a group above the size limit', () => network().layer('a', 2 ** 40), TooLargeError],
    ['#24 a dense block above the weight limit', () => network().layer('a', 2 ** 14).layer('b', 2 ** 14).connect('a', 'b'), TooLargeError],
    ['unknown coupling end', () => network().layer('a', 1).connect('a', 'b'), UnknownUnitError],
  ] as const)('%s', (_name, make, cls) => {
    expectRejectsWithoutMutation(() => make().build(), { errorClass: cls, inputs: [] });
  });

  it('#5 names the coupling, row and column of a NaN, leaving the caller’s arrays alone', () => {
    const rows = [[0, 0, 0], [0, Number.NaN, 0]];
    const e = expectRejectsWithoutMutation(() => ab().connect('a', 'b', { weights: rows }).build(), { code: 'NON_FINITE', inputs: [rows] });
    expect((e as StochnetError).details).toMatchObject({ coupling: 'a->b', row: 1, column: 1 });
    const flat = Float64Array.of(0, 0, 0, 0, 0, Number.NaN);
    const f = expectRejectsWithoutMutation(() => ab().connect('a', 'b', { weights: flat }).build(), { code: 'NON_FINITE', inputs: [flat] });
    expect((f as StochnetError).details).toMatchObject({ coupling: 'a->b', row: 1, column: 2 });
  });

  it('collects every problem and throws the first with all in issues', () => {
    const b = network().layer('a', 0).layer('b', 2, { bias: [1] }).unit('c', { bias: Number.NaN }).connect('a', 'zz');
    const r = b.buildEither();
    expect(E.isLeft(r) && r.left.map((e) => e.code)).toEqual(['SHAPE', 'NON_FINITE', 'SHAPE', 'UNKNOWN_ID']);
    try {
      b.build();
      expect.unreachable();
    } catch (e) {
      expect((e as StochnetError).issues.map((x) => x.code)).toEqual(['SHAPE', 'NON_FINITE', 'SHAPE', 'UNKNOWN_ID']);
    }
  });
});

describe('network builder: seeds', () => {
  it('refuses a random initialiser without a seed (never autoseeds)', () => {
    expect(() => network().layer('a', 2).layer('b', 2).connect('a', 'b', { init: smallRandom() }).build()).toThrow(SeedError);
    expect(() => network().layer('a', 2, { bias: normal(0, 1) }).build()).toThrow(SeedError);
    expect(() => network().layer('a', 2).layer('b', 2).connect('a', 'b', { init: constant(0.1) }).build()).not.toThrow();
  });

  it.each([{ seed: Number.NaN }, { seed: 1.5 }, { seed: null }, { seed: {} }, { seed: [] }, { seed: () => 1 }])('rejects seed $seed', ({ seed }) => {
    expect(() => network({ seed: seed as unknown as number })).toThrow(SeedError);
  });

  it('treats 111 and "111" as the same seed', () => {
    const make = (seed: number | string) => network({ seed }).layer('a', 3).layer('b', 3).connect('a', 'b', { init: smallRandom() }).build();
    expect(canonical(make(111))).toEqual(canonical(make('111')));
  });

  it('draws each coupling from its own substream: adding one never changes another', () => {
    const base = network({ seed: 'sub' }).layer('a', 5).layer('b', 4).layer('c', 3);
    const one = base.connect('a', 'b', { init: smallRandom() }).build();
    const two = base.connect('b', 'c', { init: smallRandom() }).connect('a', 'b', { init: smallRandom() }).build();
    expect(canonical({ ...one, structure: { groups: [], couplings: [] }, biases: new Map() })).toEqual(
      canonical({ ...two, structure: { groups: [], couplings: [] }, biases: new Map(), couplings: new Map([...two.couplings].filter(([k]) => k === 'a->b')) }),
    );
  });
});
