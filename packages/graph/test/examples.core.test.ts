/**
 * Twins of the `@example` blocks in network.ts, validate.ts, init.ts,
 * builder.ts, presets.ts and edit.ts: the same code, with the commented
 * outputs asserted.
 */
import * as E from 'fp-ts/lib/Either.js';
import { describe, expect, it } from 'vitest';
import {
  addCoupling,
  addEdge,
  addGroup,
  assertValidNetwork,
  boltzmann,
  constant,
  couplingId,
  createRng,
  dbn,
  emptyNetwork,
  findCoupling,
  findGroup,
  getCoupling,
  getGroup,
  groupId,
  initialise,
  isInitialiser,
  isRandomInitialiser,
  makeNetwork,
  mutate,
  network,
  normal,
  rbm,
  removeCoupling,
  removeGroup,
  resolveUnit,
  sbn,
  setBias,
  setBiasAt,
  setRole,
  setWeight,
  setWeights,
  smallRandom,
  StochnetError,
  uniform,
  validateNetwork,
  visibleBiasFromData,
  zeros,
} from '@stochnet/graph';

describe('network.ts examples', () => {
  it('emptyNetwork', () => {
    const net = addGroup(emptyNetwork(), 'v', 4);
    expect(net.structure.groups.length).toBe(1);
  });
  it('groupId and couplingId', () => {
    const id = groupId('h1');
    expect(id).toBe('h1');
    expect(couplingId('v--h')).toBe('v--h');
  });
  it('findGroup, getGroup, findCoupling, getCoupling', () => {
    const net = rbm(6, 4, { init: zeros() });
    expect([findGroup(net, 'h')?.size, findGroup(net, 'x')]).toEqual([4, undefined]);
    expect(getGroup(rbm(6, 4, { init: zeros() }), 'v').role).toBe('visible');
    expect(findCoupling(rbm(6, 4, { init: zeros() }), 'v--h')?.directed).toBe(false);
    const c = getCoupling(sbn([4, 2], { init: zeros() }), 'h1->v');
    expect([c.from, c.to]).toEqual(['h1', 'v']);
  });
  it('resolveUnit', () => {
    const net = network().unit('rain').layer('h', 3).build();
    expect([resolveUnit(net, 'rain'), resolveUnit(net, 'h[2]')]).toEqual([{ group: 'rain', index: 0 }, { group: 'h', index: 2 }]);
  });
});

describe('validate.ts examples', () => {
  it('validateNetwork', () => {
    const net = rbm(3, 2, { init: zeros() });
    expect(E.isRight(validateNetwork(net))).toBe(true);
    const bad = { ...net, biases: new Map([...net.biases].map(([k, b]) => [k, b.map(() => NaN)])) };
    const r = validateNetwork(bad);
    expect(E.isLeft(r)).toBe(true);
    if (E.isLeft(r)) expect([r.left.length, r.left[0].code]).toEqual([5, 'NON_FINITE']);
  });
  it('assertValidNetwork', () => {
    const net = assertValidNetwork(sbn([4, 2], { init: zeros() }));
    expect(net.structure.couplings[0]?.id).toBe('h1->v');
  });
  it('makeNetwork', () => {
    const v = groupId('v');
    const r = makeNetwork(
      { groups: [{ id: v, size: 2, kind: 'bernoulli', role: 'visible' }], couplings: [] },
      new Map([[v, new Float64Array([0.5, -0.5])]]),
      new Map(),
    );
    expect(E.isRight(r)).toBe(true);
  });
});

describe('init.ts examples', () => {
  it('zeros and constant', () => {
    expect(initialise(zeros(), 3)).toEqual(new Float64Array([0, 0, 0]));
    expect(initialise(constant(-4), 2)).toEqual(new Float64Array([-4, -4]));
  });
  it('normal, uniform, smallRandom', () => {
    expect(initialise(normal(0, 0.1), 1000, createRng(1)).length).toBe(1000);
    const w = initialise(uniform(-1, 1), 4, createRng('u'));
    expect(w.every((x) => x >= -1 && x < 1)).toBe(true);
    const s = initialise(smallRandom(), 10_000, createRng(3));
    expect(s.every((x) => Math.abs(x) < 0.06)).toBe(true);
  });
  it('visibleBiasFromData', () => {
    const b = initialise(visibleBiasFromData([1, 0, 0, 0, 1, 0, 0, 0], 4, 2), 2);
    expect([b[0], b[1]]).toEqual([0, -6.906754778648554]);
  });
  it('isRandomInitialiser, isInitialiser, initialise', () => {
    expect([isRandomInitialiser(smallRandom()), isRandomInitialiser(zeros())]).toEqual([true, false]);
    expect([isInitialiser(zeros()), isInitialiser([0, 1])]).toEqual([true, false]);
    const a = initialise(uniform(0, 1), 3, createRng(5));
    const b = initialise(uniform(0, 1), 3, createRng(5));
    expect(a.every((x, i) => x === b[i])).toBe(true);
  });
});

describe('builder.ts example', () => {
  it('network', () => {
    const net = network({ seed: 42 })
      .layer('v', 6, { role: 'visible' })
      .layer('h', 3)
      .connect('v', 'h', { undirected: true, init: smallRandom() })
      .build();
    expect(net.couplings.get(net.structure.couplings[0]!.id)!.weights.length).toBe(18);
    const sprinkler = network().unit('rain', { bias: -1 }).unit('wet').edge('rain', 'wet', 1.2).build();
    expect(sprinkler.structure.couplings[0]?.id).toBe('rain->wet');
  });
  it('StochnetError (errors.ts) through the builder', () => {
    let code: string | undefined;
    try {
      network().layer('v', 0).build();
    } catch (e) {
      if (e instanceof StochnetError) code = e.code;
    }
    expect(code).toBe('SHAPE');
  });
});

describe('presets.ts examples', () => {
  it('rbm', () => {
    const net = rbm(784, 500, { seed: 1, shape: [28, 28] });
    expect(net.couplings.get(net.structure.couplings[0]!.id)!.weights.length).toBe(392000);
  });
  it('sbn', () => {
    expect(sbn([64, 20, 10], { seed: 7 }).structure.couplings.map((c) => c.id)).toEqual(['h1->v', 'h2->h1']);
  });
  it('dbn', () => {
    expect(dbn([784, 500, 500, 2000], { seed: 1 }).structure.couplings.map((c) => c.id)).toEqual(['h1->v', 'h2->h1', 'h2--h3']);
  });
  it('boltzmann', () => {
    expect(boltzmann(6, { seed: 1 }).structure.couplings[0]?.connectivity).toBe('dense');
    expect(boltzmann(6, { density: 0.5, seed: 1, init: zeros() }).structure.couplings[0]?.connectivity).toBe('sparse');
  });
});

describe('edit.ts examples', () => {
  it('mutate', () => {
    const net = rbm(3, 2, { init: zeros() });
    const next = mutate(net, (d) => {
      d.setWeight('v--h', 0, 1, 0.5);
      d.setBiasAt('h', 0, -1);
    });
    expect(next.couplings.get(next.structure.couplings[0]!.id)!.weights[1]).toBe(0.5);
    expect(net.couplings.get(net.structure.couplings[0]!.id)!.weights[1]).toBe(0);
  });
  it('addGroup, removeGroup', () => {
    const net = addGroup(emptyNetwork(), 'v', 4, { role: 'visible', bias: [0, 1, 2, 3] });
    expect(net.biases.get(net.structure.groups[0]!.id)).toEqual(new Float64Array([0, 1, 2, 3]));
    expect(removeGroup(sbn([4, 3, 2], { init: zeros() }), 'h2').structure.couplings.map((c) => c.id)).toEqual(['h1->v']);
  });
  it('addCoupling, removeCoupling', () => {
    const base = network().layer('a', 3).layer('b', 2).build();
    expect(addCoupling(base, 'a', 'b', { init: smallRandom(), seed: 9 }).structure.couplings[0]?.id).toBe('a->b');
    expect(removeCoupling(rbm(3, 2, { init: zeros() }), 'v--h').structure.couplings.length).toBe(0);
  });
  it('setBias, setBiasAt', () => {
    const net = setBias(rbm(3, 2, { init: zeros() }), 'h', [-4, -4]);
    expect([...net.biases.get(net.structure.groups[1]!.id)!]).toEqual([-4, -4]);
    const one = setBiasAt(rbm(3, 2, { init: zeros() }), 'v', 2, 1.5);
    expect(one.biases.get(one.structure.groups[0]!.id)![2]).toBe(1.5);
  });
  it('setWeights, setWeight', () => {
    const net = setWeights(rbm(2, 2, { init: zeros() }), 'v--h', [[1, 2], [3, 4]]);
    expect([...net.couplings.get(net.structure.couplings[0]!.id)!.weights]).toEqual([1, 2, 3, 4]);
    const lat = setWeight(boltzmann(3, { init: zeros() }), 'x--x', 0, 2, 0.7);
    const w = lat.couplings.get(lat.structure.couplings[0]!.id)!.weights;
    expect([w[2], w[6]]).toEqual([0.7, 0.7]);
  });
  it('addEdge, setRole', () => {
    expect(addEdge(network().unit('a').unit('b').build(), 'a', 'b', 0.3).structure.couplings[0]?.id).toBe('a->b');
    expect(setRole(network().layer('y', 10).build(), 'y', 'label').structure.groups[0]?.role).toBe('label');
  });
});
