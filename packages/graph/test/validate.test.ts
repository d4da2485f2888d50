import * as E from 'fp-ts/lib/Either.js';
import { describe, expect, it } from 'vitest';
import { expectRejectsWithoutMutation } from '../../../test/support/no-mutation.js';
import {
  CycleError,
  DuplicateEdgeError,
  GraphStructureError,
  NonFiniteError,
  SelfLoopError,
  ShapeError,
  type StochnetError,
  UnknownUnitError,
  ValidationError,
} from '../src/errors.js';
import { rbm } from '../src/presets.js';
import { zeros } from '../src/init.js';
import type { CouplingId, CouplingParams, GroupId, Network } from '../src/types.js';
import { assertValidNetwork, makeNetwork, validateNetwork } from '../src/validate.js';
import { rawNet } from './core-nets.js';

function problems(net: Network): readonly StochnetError[] {
  const r = validateNetwork(net);
  return E.isLeft(r) ? r.left : [];
}

/** The only problem of `net`, which must have exactly one. */
function only(net: Network): StochnetError {
  const p = problems(net);
  expect(p.map((e) => e.code)).toHaveLength(1);
  return p[0]!;
}

const ab = [{ id: 'a', size: 2 }, { id: 'b', size: 3 }];
const f64 = (...xs: number[]): Float64Array => Float64Array.from(xs);

describe('validateNetwork: valid networks', () => {
  it('returns Right with the same object', () => {
    const net = rbm(4, 3, { seed: 1 });
    const r = validateNetwork(net);
    expect(E.isRight(r) && r.right).toBe(net);
    expect(assertValidNetwork(net)).toBe(net);
  });

  it('accepts masked, sparse and lateral couplings in canonical form', () => {
    const net = rawNet(
      [{ id: 'x', size: 3, shape: [1, 3] }, { id: 'y', size: 2 }],
      [
        { id: 'x--x', from: 'x', to: 'x', directed: false },
        { id: 'x->y', from: 'x', to: 'y', connectivity: 'masked' },
        { id: 'y--y', from: 'y', to: 'y', directed: false, connectivity: 'sparse' },
      ],
      {
        'x--x': { weights: f64(0, 1, 2, 1, 0, -3, 2, -3, 0) },
        'x->y': { weights: f64(1, 0, 0, 2, 0, 0), mask: Uint8Array.from([1, 0, 0, 1, 1, 0]) },
        'y--y': { weights: f64(0.5), rows: Int32Array.from([0]), cols: Int32Array.from([1]) },
      },
    );
    expect(problems(net)).toEqual([]);
  });
});

describe('validateNetwork: groups', () => {
  it.each([
    ['empty id', [{ id: '', size: 1 }], ValidationError, 'INVALID'],
    ['duplicate id', [{ id: 'a', size: 1 }, { id: 'a', size: 1 }], DuplicateEdgeError, 'DUPLICATE'],
    ['size 0', [{ id: 'a', size: 0 }], ShapeError, 'SHAPE'],
    ['size -1', [{ id: 'a', size: -1 }], ShapeError, 'SHAPE'],
    ['size 1.5', [{ id: 'a', size: 1.5 }], ShapeError, 'SHAPE'],
    ['size NaN', [{ id: 'a', size: Number.NaN }], ShapeError, 'SHAPE'],
    ['size as string', [{ id: 'a', size: '3' as unknown as number }], ShapeError, 'SHAPE'],
    ['unknown role', [{ id: 'a', size: 1, role: 'input' }], ValidationError, 'INVALID'],
    ['unknown kind', [{ id: 'a', size: 1, kind: 'gaussian' }], ValidationError, 'INVALID'],
    ['shape product ≠ size', [{ id: 'a', size: 5, shape: [2, 3] }], ShapeError, 'SHAPE'],
    ['shape not integers', [{ id: 'a', size: 6, shape: [2, 'x'] }], ShapeError, 'SHAPE'],
  ] as const)('%s', (_name, groups, cls, code) => {
    const e = only(rawNet(groups));
    expect(e).toBeInstanceOf(cls);
    expect(e.code).toBe(code);
  });
});

describe('validateNetwork: couplings', () => {
  it('rejects duplicate coupling ids', () => {
    const net = rawNet(ab, [{ id: 'c', from: 'a', to: 'b' }, { id: 'c', from: 'b', to: 'a', directed: false }]);
    expect(only(net)).toBeInstanceOf(DuplicateEdgeError);
  });

  it('names an unknown end group', () => {
    const e = only(rawNet(ab, [{ id: 'c', from: 'a', to: 'zz' }]));
    expect(e).toBeInstanceOf(UnknownUnitError);
    expect(e.details).toMatchObject({ coupling: 'c', group: 'zz' });
  });

  it('rejects a directed coupling within one group (split the group)', () => {
    const e = only(rawNet(ab, [{ id: 'a->a', from: 'a', to: 'a' }]));
    expect(e.constructor).toBe(GraphStructureError);
    expect(e.code).toBe('STRUCTURE');
  });

  it.each([
    ['undirected pair given twice in opposite orders', [{ id: 'p', from: 'a', to: 'b', directed: false }, { id: 'q', from: 'b', to: 'a', directed: false }]],
    ['directed and undirected on one pair', [{ id: 'p', from: 'a', to: 'b' }, { id: 'q', from: 'b', to: 'a', directed: false }]],
    ['two directed on one ordered pair', [{ id: 'p', from: 'a', to: 'b' }, { id: 'q', from: 'a', to: 'b' }]],
  ] as const)('%s → DuplicateEdgeError', (_name, couplings) => {
    const e = only(rawNet(ab, couplings));
    expect(e).toBeInstanceOf(DuplicateEdgeError);
    expect(e.details).toMatchObject({ coupling: 'q', other: 'p' });
  });

  it('reports a directed cycle with its path', () => {
    const net = rawNet(
      [{ id: 'a', size: 1 }, { id: 'b', size: 1 }, { id: 'c', size: 1 }],
      [{ id: 'ab', from: 'a', to: 'b' }, { id: 'bc', from: 'b', to: 'c' }, { id: 'ca', from: 'c', to: 'a' }],
    );
    const e = only(net);
    expect(e).toBeInstanceOf(CycleError);
    expect(e.details['cycle']).toEqual(['a', 'b', 'c', 'a']);
  });

  it('treats opposite directed couplings as a cycle, not a duplicate', () => {
    const e = only(rawNet(ab, [{ id: 'p', from: 'a', to: 'b' }, { id: 'q', from: 'b', to: 'a' }]));
    expect(e).toBeInstanceOf(CycleError);
  });
});

describe('validateNetwork: biases', () => {
  it.each([
    ['wrong length', f64(0, 0, 0), ShapeError],
    ['plain array', [0, 0], ValidationError],
    ['Float32Array', new Float32Array(2), ValidationError],
    ['missing', undefined, ValidationError],
  ] as const)('%s', (_name, bias, cls) => {
    const e = only(rawNet([{ id: 'a', size: 2 }], [], {}, { a: bias }));
    expect(e.constructor).toBe(cls);
    expect(e.details['group']).toBe('a');
  });

  it('names group and index of a non-finite bias', () => {
    const e = only(rawNet([{ id: 'a', size: 3 }], [], {}, { a: f64(0, 0, Number.NEGATIVE_INFINITY) }));
    expect(e).toBeInstanceOf(NonFiniteError);
    expect(e.details).toMatchObject({ group: 'a', index: 2, value: Number.NEGATIVE_INFINITY });
  });

  it('rejects biases of an unknown group', () => {
    expect(only(rawNet([{ id: 'a', size: 1 }], [], {}, { zz: f64(0) }))).toBeInstanceOf(UnknownUnitError);
  });
});

const dense = (params: unknown, connectivity = 'dense'): Network =>
  rawNet(ab, [{ id: 'a->b', from: 'a', to: 'b', connectivity }], { 'a->b': params });

describe('validateNetwork: dense and masked weights', () => {
  it('rejects a wrong length with the expected shape', () => {
    const e = only(dense({ weights: new Float64Array(5) }));
    expect(e).toBeInstanceOf(ShapeError);
    expect(e.details).toMatchObject({ coupling: 'a->b', expected: [2, 3], received: 5 });
  });

  it('names coupling, row and column of a non-finite weight', () => {
    const w = new Float64Array(6);
    w[5] = Number.NaN;
    const e = only(dense({ weights: w }));
    expect(e).toBeInstanceOf(NonFiniteError);
    expect(e.details).toMatchObject({ coupling: 'a->b', row: 1, column: 2 });
  });

  it.each([
    ['a plain number array', { weights: [0, 0, 0, 0, 0, 0] }],
    ['strings', { weights: ['0', '0', '0', '0', '0', '0'] }],
    ['a Float32Array', { weights: new Float32Array(6) }],
    ['no weights', {}],
    ['a mask on a dense coupling', { weights: new Float64Array(6), mask: new Uint8Array(6) }],
    ['rows on a dense coupling', { weights: new Float64Array(6), rows: new Int32Array(0) }],
  ])('rejects %s with ValidationError', (_name, params) => {
    const e = only(dense(params));
    expect(e.constructor).toBe(ValidationError);
  });

  it.each([
    ['a masked coupling without mask', { weights: new Float64Array(6) }, ValidationError],
    ['a mask value of 2', { weights: new Float64Array(6), mask: Uint8Array.from([1, 1, 2, 1, 1, 1]) }, ValidationError],
    ['a mask of the wrong type', { weights: new Float64Array(6), mask: new Float64Array(6) }, ValidationError],
    ['a mask of the wrong length', { weights: new Float64Array(6), mask: new Uint8Array(4) }, ShapeError],
    ['a weight where the mask is 0', { weights: f64(0, 0, 0, 0, 0.5, 0), mask: Uint8Array.from([1, 1, 1, 1, 0, 1]) }, ValidationError],
  ])('rejects %s', (_name, params, cls) => {
    const e = only(dense(params, 'masked'));
    expect(e.constructor).toBe(cls);
  });

  it('names W[i][j] and W[j][i] of an asymmetric lateral block (tolerance 0)', () => {
    // 0.1 + 0.2 is one ulp above 0.3: tolerance 0 still rejects it.
    const w = f64(0, 0.3, 0.1 + 0.2, 0);
    const net = rawNet([{ id: 'x', size: 2 }], [{ id: 'x--x', from: 'x', to: 'x', directed: false }], { 'x--x': { weights: w } });
    const e = only(net);
    expect(e.constructor).toBe(ValidationError);
    expect(e.details).toMatchObject({ row: 0, column: 1, value: 0.3, mirror: w[2] });
  });

  it('rejects a non-zero diagonal of a lateral block with SelfLoopError', () => {
    const net = rawNet([{ id: 'x', size: 2 }], [{ id: 'x--x', from: 'x', to: 'x', directed: false }], { 'x--x': { weights: f64(0, 1, 1, 0.5) } });
    const e = only(net);
    expect(e).toBeInstanceOf(SelfLoopError);
    expect(e.details).toMatchObject({ coupling: 'x--x', index: 1 });
  });
});

const sparse = (rows: number[], cols: number[], weights: number[], lateral = false): Network => {
  const c = lateral ? { id: 'a--a', from: 'a', to: 'a', directed: false } : { id: 'a->b', from: 'a', to: 'b' };
  return rawNet(ab, [{ ...c, connectivity: 'sparse' }], {
    [c.id]: { rows: Int32Array.from(rows), cols: Int32Array.from(cols), weights: Float64Array.from(weights) },
  });
};

describe('validateNetwork: sparse pairs', () => {
  it.each([
    ['lengths differ', sparse([0, 1], [0], [1, 1]), ShapeError],
    ['a row out of range', sparse([2], [0], [1]), ShapeError],
    ['a column out of range', sparse([0], [3], [1]), ShapeError],
    ['unsorted pairs', sparse([1, 0], [0, 0], [1, 1]), ValidationError],
    ['a duplicate pair', sparse([0, 0], [1, 1], [1, 2]), DuplicateEdgeError],
    ['a lateral self-pair', sparse([1], [1], [1], true), SelfLoopError],
    ['a lateral pair with row > col', sparse([1], [0], [1], true), ValidationError],
    ['a non-finite weight', sparse([0], [1], [Number.POSITIVE_INFINITY]), NonFiniteError],
  ] as const)('rejects %s', (_name, net, cls) => {
    expect(only(net).constructor).toBe(cls);
  });

  it('rejects index arrays of the wrong type', () => {
    const net = rawNet(ab, [{ id: 'a->b', from: 'a', to: 'b', connectivity: 'sparse' }], {
      'a->b': { rows: [0], cols: Int32Array.from([0]), weights: f64(1) },
    });
    expect(only(net).constructor).toBe(ValidationError);
  });
});

describe('validateNetwork: collecting', () => {
  it('collects every independent problem at once', () => {
    const net = rawNet(
      [{ id: 'a', size: 2 }, { id: 'b', size: 2 }, { id: 'c', size: 0 }],
      [{ id: 'ab', from: 'a', to: 'b' }, { id: 'ba', from: 'b', to: 'a' }, { id: 'cx', from: 'c', to: 'x' }],
      { ab: { weights: f64(0, Number.NaN, 0, 0) } },
      { a: f64(1, 2, 3) },
    );
    const codes = problems(net).map((e) => e.code).sort();
    expect(codes).toEqual(['CYCLE', 'NON_FINITE', 'SHAPE', 'SHAPE', 'UNKNOWN_ID']);
  });

  it('lists 16 element problems per array, then one summary with the count omitted', () => {
    const w = new Float64Array(40 * 40).fill(Number.NaN);
    const net = rawNet([{ id: 'a', size: 40 }, { id: 'b', size: 40 }], [{ id: 'ab', from: 'a', to: 'b' }], { ab: { weights: w } });
    const p = problems(net);
    expect(p).toHaveLength(17);
    expect(p.every((e) => e instanceof NonFiniteError)).toBe(true);
    expect(p[16]!.details['omitted']).toBe(1600 - 16);
  });

  it('reports a malformed network object instead of crashing', () => {
    const bad = { structure: null, biases: {}, couplings: new Map() } as unknown as Network;
    const codes = problems(bad).map((e) => e.code);
    expect(codes).toEqual(['INVALID', 'INVALID']);
  });

  it('assertValidNetwork throws the first problem with all of them, changing nothing', () => {
    const net = rawNet([{ id: 'a', size: 2 }], [], {}, { a: f64(Number.NaN, Number.NaN) });
    const e = expectRejectsWithoutMutation(() => assertValidNetwork(net), { errorClass: NonFiniteError, inputs: [net] });
    expect((e as StochnetError).issues).toHaveLength(2);
  });
});

describe('makeNetwork', () => {
  const structure = () => ({
    groups: [{ id: 'v' as GroupId, size: 2, kind: 'bernoulli' as const, role: 'visible' as const }],
    couplings: [],
  });

  it('freezes a copy of an unfrozen structure and keeps the typed arrays', () => {
    const s = structure();
    const b = f64(0.5, -0.5);
    const r = makeNetwork(s, new Map([['v' as GroupId, b]]), new Map());
    if (E.isLeft(r)) throw r.left[0];
    expect(Object.isFrozen(r.right.structure)).toBe(true);
    expect(Object.isFrozen(r.right.structure.groups[0])).toBe(true);
    expect(Object.isFrozen(s)).toBe(false);
    expect(r.right.structure).toEqual(s);
    expect(r.right.biases.get('v' as GroupId)).toBe(b);
  });

  it('keeps an already frozen structure as it is', () => {
    const net = rbm(2, 2, { init: zeros() });
    const r = makeNetwork(net.structure, net.biases, net.couplings);
    expect(E.isRight(r) && r.right.structure).toBe(net.structure);
  });

  it('returns Left for a bad part and leaves the caller’s parts alone', () => {
    const s = structure();
    const biases = new Map([['v' as GroupId, f64(Number.NaN, 0)]]);
    const params = new Map<CouplingId, CouplingParams>();
    const r = makeNetwork(s, biases, params);
    expect(E.isLeft(r) && r.left.map((e) => e.code)).toEqual(['NON_FINITE']);
    expect(Object.isFrozen(s)).toBe(false);
    const r2 = makeNetwork(s, {} as Map<GroupId, Float64Array>, params);
    expect(E.isLeft(r2) && r2.left.map((e) => e.code)).toEqual(['INVALID']);
  });
});
