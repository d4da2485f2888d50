import { describe, expect, it } from 'vitest';
import { expectRejectsWithoutMutation, snapshot } from '../../../test/support/no-mutation.js';
import { network } from '../src/builder.js';
import {
  addCoupling,
  addEdge,
  addGroup,
  mutate,
  removeCoupling,
  removeGroup,
  setBias,
  setBiasAt,
  setRole,
  setWeight,
  setWeights,
} from '../src/edit.js';
import type { NetworkDraft } from '../src/edit-draft.js';
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
import { constant, smallRandom, zeros } from '../src/init.js';
import { emptyNetwork } from '../src/network.js';
import { boltzmann, rbm, sbn } from '../src/presets.js';
import type { Network } from '../src/types.js';
import { biasOf, canonical, paramsOf } from './core-nets.js';

/** Runs an edit and checks the input is deep- and byte-equal to before. */
function edited(net: Network, edit: (n: Network) => Network): Network {
  const before = snapshot(net);
  const out = edit(net);
  expect(snapshot(net)).toEqual(before);
  return out;
}

const base = (): Network =>
  network()
    .layer('v', 3, { role: 'visible', bias: [0.1, 0.2, 0.3] })
    .layer('h', 2)
    .unit('a').unit('b').unit('c')
    .connect('v', 'h', { undirected: true, weights: [[1, 2], [3, 4], [5, 6]] })
    .connect('h', 'h', { undirected: true, id: 'lat', sparse: [[0, 1, 0.5]] })
    .connect('v', 'v', { undirected: true, id: 'vv', mask: [[0, 1, 0], [1, 0, 0], [0, 0, 0]], init: constant(0.25) })
    .edge('a', 'b', 1)
    .build();

describe('single edits return new networks and leave the input as it was', () => {
  it('addGroup', () => {
    const net = edited(base(), (n) => addGroup(n, 'y', 2, { role: 'label', bias: [1, -1], shape: [1, 2] }));
    expect(net.structure.groups.at(-1)).toEqual({ id: 'y', size: 2, kind: 'bernoulli', role: 'label', shape: [1, 2] });
    expect([...biasOf(net, 'y')]).toEqual([1, -1]);
    expect(Object.isFrozen(net.structure.groups.at(-1))).toBe(true);
  });

  it('removeGroup removes its biases and every coupling touching it', () => {
    const net = edited(base(), (n) => removeGroup(n, 'h'));
    expect(net.structure.groups.map((g) => g.id)).toEqual(['v', 'a', 'b', 'c']);
    expect(net.structure.couplings.map((c) => c.id)).toEqual(['vv', 'a->b']);
    expect([...net.couplings.keys()].sort()).toEqual(['a->b', 'vv']);
    expect(net.biases.has('h' as never)).toBe(false);
  });

  it('addCoupling and removeCoupling', () => {
    const net = edited(base(), (n) => addCoupling(n, 'h', 'c', { weights: [[1], [2]] }));
    expect([...paramsOf(net, 'h->c').weights]).toEqual([1, 2]);
    const back = edited(net, (n) => removeCoupling(n, 'h->c'));
    expect(canonical(back)).toEqual(canonical(base()));
  });

  it('setBias and setBiasAt', () => {
    const net = edited(base(), (n) => setBias(n, 'h', [3, 4]));
    expect([...biasOf(net, 'h')]).toEqual([3, 4]);
    const one = edited(net, (n) => setBiasAt(n, 'v', 1, -7));
    expect([...biasOf(one, 'v')]).toEqual([0.1, -7, 0.3]);
    expect(one.structure).toBe(net.structure);
  });

  it('setWeights on dense (rows or Float64Array) and sparse couplings', () => {
    const net = edited(base(), (n) => setWeights(n, 'v--h', [[0, 0], [0, 0], [0, 9]]));
    expect([...paramsOf(net, 'v--h').weights]).toEqual([0, 0, 0, 0, 0, 9]);
    const flat = edited(net, (n) => setWeights(n, 'v--h', Float64Array.of(1, 1, 1, 1, 1, 1)));
    expect([...paramsOf(flat, 'v--h').weights]).toEqual([1, 1, 1, 1, 1, 1]);
    const sp = edited(net, (n) => setWeights(n, 'lat', [2]));
    expect([...paramsOf(sp, 'lat').weights]).toEqual([2]);
  });

  it('setWeight on a dense block, a lateral block (both entries) and sparse pairs (set or insert)', () => {
    const d = edited(base(), (n) => setWeight(n, 'v--h', 2, 0, -1));
    expect(paramsOf(d, 'v--h').weights[4]).toBe(-1);
    const lat = edited(boltzmann(3, { init: zeros() }), (n) => setWeight(n, 'x--x', 2, 0, 0.7));
    expect([...paramsOf(lat, 'x--x').weights]).toEqual([0, 0, 0.7, 0, 0, 0, 0.7, 0, 0]);
    const set = edited(base(), (n) => setWeight(n, 'lat', 1, 0, 3));
    expect([...paramsOf(set, 'lat').weights]).toEqual([3]);
    const wide = mutate(addGroup(base(), 'z', 4), (dr) => dr.addCoupling('z', 'z', { undirected: true, sparse: [[0, 3, 1]] }));
    const ins = edited(wide, (n) => setWeight(n, 'z--z', 2, 1, 5));
    const p = paramsOf(ins, 'z--z');
    expect([...p.rows!, ...p.cols!, ...p.weights]).toEqual([0, 1, 3, 2, 1, 5]);
  });

  it('addEdge creates a sparse coupling, then adds pairs to it in order', () => {
    const one = edited(base(), (n) => addEdge(n, 'h[1]', 'c', 0.5));
    const two = edited(one, (n) => addEdge(n, 'h[0]', 'c', 0.25));
    const p = paramsOf(two, 'h->c');
    expect([...p.rows!, ...p.cols!, ...p.weights]).toEqual([0, 1, 0, 0, 0.25, 0.5]);
    const und = edited(two, (n) => addEdge(n, 'c', 'b', 2, { undirected: true }));
    expect(und.structure.couplings.at(-1)).toMatchObject({ id: 'b--c', from: 'b', to: 'c', directed: false });
  });

  it('setRole', () => {
    const net = edited(base(), (n) => setRole(n, 'h', 'label'));
    expect(net.structure.groups[1]?.role).toBe('label');
  });
});

describe('mutate', () => {
  it('returns the input itself when nothing changed', () => {
    const net = base();
    expect(mutate(net, () => undefined)).toBe(net);
    expect(setRole(net, 'h', 'hidden')).toBe(net);
    expect(setBiasAt(net, 'v', 0, 0.1)).toBe(net);
    expect(setWeight(net, 'v--h', 0, 0, 1)).toBe(net);
    expect(setBias(net, 'v', [0.1, 0.2, 0.3])).toBe(net);
  });

  it('batches edits, copying each array once and sharing untouched ones', () => {
    const net = base();
    const next = edited(net, (n) =>
      mutate(n, (d) => {
        for (let i = 0; i < 3; i++) d.setWeight('v--h', i, 1, 10 + i);
        d.setBiasAt('h', 0, 1);
        d.setBiasAt('h', 1, 2);
      }),
    );
    expect([...paramsOf(next, 'v--h').weights]).toEqual([1, 10, 3, 11, 5, 12]);
    expect([...biasOf(next, 'h')]).toEqual([1, 2]);
    expect(biasOf(next, 'v')).toBe(biasOf(net, 'v'));
    expect(paramsOf(next, 'lat')).toBe(paramsOf(net, 'lat'));
    expect(next.structure).toBe(net.structure);
  });

  it('is atomic: a failing edit after good ones changes nothing', () => {
    const net = base();
    expectRejectsWithoutMutation(
      () =>
        mutate(net, (d) => {
          d.setWeight('v--h', 0, 0, 100);
          d.addGroup('new', 2);
          d.setBiasAt('v', 0, Number.NaN);
        }),
      { errorClass: NonFiniteError, inputs: [net] },
    );
  });

  it('validates the result at the end (a cycle made in two steps)', () => {
    const net = network().unit('a').unit('b').unit('c').edge('a', 'b', 1).edge('b', 'c', 1).build();
    const e = expectRejectsWithoutMutation(() => mutate(net, (d) => d.addEdge('c', 'a', 1)), { errorClass: CycleError, inputs: [net] });
    expect((e as StochnetError).details['cycle']).toEqual(['a', 'b', 'c', 'a']);
  });

  it('never lets the draft work after mutate returns', () => {
    let leaked: NetworkDraft | undefined;
    mutate(base(), (d) => {
      leaked = d;
    });
    expect(() => leaked!.setBiasAt('v', 0, 1)).toThrow(ConfigError);
  });

  it('draws random initialisers from the same substreams as the builder', () => {
    const plain = network().layer('a', 3).layer('b', 4).build();
    expect(() => addCoupling(plain, 'a', 'b', { init: smallRandom() })).toThrow(SeedError);
    const viaEdit = addCoupling(plain, 'a', 'b', { init: smallRandom(), seed: 8 });
    const viaBuilder = network({ seed: 8 }).layer('a', 3).layer('b', 4).connect('a', 'b', { init: smallRandom() }).build();
    expect(canonical(viaEdit)).toEqual(canonical(viaBuilder));
  });

  it('works from an empty network', () => {
    const net = mutate(emptyNetwork(), (d) => {
      d.addGroup('v', 2, { role: 'visible' });
      d.addGroup('h', 1);
      d.addCoupling('v', 'h', { undirected: true, weights: [[1], [2]] });
    });
    expect(canonical(net)).toEqual(canonical(setWeights(rbm(2, 1, { init: zeros() }), 'v--h', [[1], [2]])));
  });
});

describe('bad edits (TESTING.md B.3) throw typed errors and change nothing', () => {
  const net = base();
  const weird = ['0.5', true, null, undefined, 10n] as unknown as number[];
  const cases: [string, (n: Network) => Network, new (...a: never[]) => Error][] = [
    ['#1 setWeight NaN', (n) => setWeight(n, 'v--h', 0, 0, Number.NaN), NonFiniteError],
    ['#1 addEdge NaN', (n) => addEdge(n, 'b', 'c', Number.NaN), NonFiniteError],
    ['#2 setWeight +Infinity', (n) => setWeight(n, 'lat', 0, 1, Number.POSITIVE_INFINITY), NonFiniteError],
    ['#2 addEdge -Infinity', (n) => addEdge(n, 'b', 'c', Number.NEGATIVE_INFINITY), NonFiniteError],
    ['#3 setBias NaN', (n) => setBias(n, 'h', [0, Number.NaN]), NonFiniteError],
    ['#3 setBiasAt Infinity', (n) => setBiasAt(n, 'h', 1, Number.POSITIVE_INFINITY), NonFiniteError],
    ['#3 addGroup with NaN bias', (n) => addGroup(n, 'y', 2, { bias: Number.NaN }), NonFiniteError],
    ...weird.flatMap((w): [string, (n: Network) => Network, new (...a: never[]) => Error][] => [
      [`#4 setWeight ${String(w)}`, (n) => setWeight(n, 'v--h', 0, 0, w), ValidationError],
      [`#4 setBiasAt ${String(w)}`, (n) => setBiasAt(n, 'v', 0, w), ValidationError],
      [`#4 addEdge ${String(w)}`, (n) => addEdge(n, 'b', 'c', w), ValidationError],
    ]),
    ['#4 setBias with a string entry', (n) => setBias(n, 'h', [0, '1'] as unknown as number[]), ValidationError],
    ['#5 setWeights NaN in rows', (n) => setWeights(n, 'v--h', [[0, 0], [0, Number.NaN], [0, 0]]), NonFiniteError],
    ['#5 setWeights NaN in a Float64Array', (n) => setWeights(n, 'v--h', Float64Array.of(0, 0, 0, 0, Number.NaN, 0)), NonFiniteError],
    ['#6 setWeights transposed', (n) => setWeights(n, 'v--h', [[1, 2, 3], [4, 5, 6]]), ShapeError],
    ['#6 setWeights ragged', (n) => setWeights(n, 'v--h', [[1, 2], [3], [5, 6]]), ShapeError],
    ['#6 setWeights sparse of the wrong length', (n) => setWeights(n, 'lat', [1, 2]), ShapeError],
    ['#7 setBias of the wrong length', (n) => setBias(n, 'v', [1, 2]), ShapeError],
    ['#13 addEdge self-loop', (n) => addEdge(n, 'c', 'c', 1), SelfLoopError],
    ['#13 addEdge undirected (i, i)', (n) => addEdge(n, 'h[1]', 'h[1]', 1, { undirected: true }), SelfLoopError],
    ['#13 setWeight on a lateral diagonal', (n) => setWeight(n, 'lat', 1, 1, 1), SelfLoopError],
    ['#14 addEdge duplicate', (n) => addEdge(n, 'a', 'b', 2), DuplicateEdgeError],
    ['#14 addEdge undirected pair in the opposite order', (n) => addEdge(n, 'h[1]', 'h[0]', 1, { undirected: true }), DuplicateEdgeError],
    ['#14 addEdge undirected on a directed pair', (n) => addEdge(n, 'b', 'a', 1, { undirected: true }), DuplicateEdgeError],
    ['#14 addEdge into a dense coupling', (n) => addEdge(n, 'v[0]', 'h[0]', 1, { undirected: true }), DuplicateEdgeError],
    ['#14 addGroup with an existing id', (n) => addGroup(n, 'v', 2), DuplicateEdgeError],
    ['#14 addCoupling with an existing id', (n) => addCoupling(n, 'a', 'c', { id: 'a->b' }), DuplicateEdgeError],
    ['#15 addEdge unknown unit', (n) => addEdge(n, 'a', 'nope', 1), UnknownUnitError],
    ['#15 addEdge index out of range', (n) => addEdge(n, 'a', 'h[2]', 1), UnknownUnitError],
    ['#15 setWeight unknown coupling', (n) => setWeight(n, 'nope', 0, 0, 1), UnknownUnitError],
    ['#15 setWeight index out of range', (n) => setWeight(n, 'v--h', 3, 0, 1), UnknownUnitError],
    ['#15 removeGroup unknown', (n) => removeGroup(n, 'nope'), UnknownUnitError],
    ['#16 addCoupling closing a cycle', (n) => addCoupling(addCoupling(n, 'b', 'c'), 'c', 'a'), CycleError],
    ['setWeight where the mask is 0', (n) => setWeight(n, 'vv', 0, 2, 1), ValidationError],
    ['setRole unknown role', (n) => setRole(n, 'v', 'input' as never), ValidationError],
    ['addGroup size 0', (n) => addGroup(n, 'y', 0), ShapeError],
    ['addGroup with a shape that is not a list', (n) => addGroup(n, 'y', 4, { shape: 4 as never }), ShapeError],
    ['addGroup with a shape whose product is not the size', (n) => addGroup(n, 'y', 4, { shape: [3, 2] }), ShapeError],
    ['addGroup with an unknown role', (n) => addGroup(n, 'y', 4, { role: 'input' as never }), ValidationError],
    ['#24 addGroup above the size limit', (n) => addGroup(n, 'y', 2 ** 30), TooLargeError],
    ['directed coupling within a group', (n) => addCoupling(n, 'v', 'v', { id: 'v->v' }), GraphStructureError],
  ];
  it.each(cases)('%s', (_name, edit, cls) => {
    const rows = [[0, 0], [0, Number.NaN], [0, 0]];
    expectRejectsWithoutMutation(() => edit(net), { errorClass: cls, inputs: [net, rows] });
  });

  it('#5 names the row and column of a non-finite weight', () => {
    const rows = [[0, 0], [0, Number.NaN], [0, 0]];
    const e = expectRejectsWithoutMutation(() => setWeights(net, 'v--h', rows), { code: 'NON_FINITE', inputs: [net, rows] });
    expect((e as StochnetError).details).toMatchObject({ coupling: 'v--h', row: 1, column: 1 });
  });

  it('#16 rejects the closing edge of a three-unit cycle, leaving the graph as it was', () => {
    const chain = sbn([1, 1, 1], { init: zeros() });
    const e = expectRejectsWithoutMutation(() => addCoupling(chain, 'v', 'h2'), { errorClass: CycleError, inputs: [chain] });
    expect((e as StochnetError).details['cycle']).toEqual(['h1', 'v', 'h2', 'h1']);
  });
});
