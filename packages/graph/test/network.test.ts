import { describe, expect, it } from 'vitest';
import { network } from '../src/builder.js';
import { addGroup } from '../src/edit.js';
import { ShapeError, UnknownUnitError, ValidationError } from '../src/errors.js';
import { zeros } from '../src/init.js';
import {
  couplingId,
  emptyNetwork,
  findCoupling,
  findGroup,
  getCoupling,
  getGroup,
  groupId,
  resolveUnit,
} from '../src/network.js';
import { rbm } from '../src/presets.js';
import { mutate, setBias } from '../src/edit.js';
import { toJSON } from '../src/json.js';
import { connectedComponents, graphView, isUndirectedBipartite, markovBlanket, topologicalGroups } from '../src/view.js';
import { expectRejectsWithoutMutation } from '../../../test/support/no-mutation.js';

describe('emptyNetwork', () => {
  it('has no groups or couplings and a frozen structure', () => {
    const net = emptyNetwork();
    expect(net.structure).toEqual({ groups: [], couplings: [] });
    expect(Object.isFrozen(net.structure)).toBe(true);
    expect(net.biases.size + net.couplings.size).toBe(0);
  });
});

describe('lookups', () => {
  const net = rbm(3, 2, { init: zeros() });

  it('find returns the spec or undefined; get throws UnknownUnitError naming the id', () => {
    expect(findGroup(net, 'h')).toBe(net.structure.groups[1]);
    expect(findGroup(net, 'nope')).toBeUndefined();
    expect(getGroup(net, 'v').size).toBe(3);
    expect(() => getGroup(net, 'nope')).toThrow(UnknownUnitError);
    expect(findCoupling(net, 'v--h')).toBe(net.structure.couplings[0]);
    expect(findCoupling(net, 'h--v')).toBeUndefined();
    expect(getCoupling(net, 'v--h').directed).toBe(false);
    try {
      getCoupling(net, 'h--v');
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(UnknownUnitError);
      expect((e as UnknownUnitError).details).toEqual({ coupling: 'h--v' });
    }
  });

  it('sees a new structure after an edit (the index is per structure object)', () => {
    expect(findGroup(net, 'y')).toBeUndefined();
    const next = addGroup(net, 'y', 1);
    expect(findGroup(next, 'y')?.size).toBe(1);
    expect(findGroup(net, 'y')).toBeUndefined();
  });
});

describe('resolveUnit', () => {
  const net = network().unit('rain').layer('h', 3).unit('x[0]').build();

  it('reads g, g[i], {group, index}, and a group id containing brackets', () => {
    expect(resolveUnit(net, 'rain')).toEqual({ group: 'rain', index: 0 });
    expect(resolveUnit(net, 'h[2]')).toEqual({ group: 'h', index: 2 });
    expect(resolveUnit(net, { group: 'h', index: 1 })).toEqual({ group: 'h', index: 1 });
    expect(resolveUnit(net, 'x[0]')).toEqual({ group: 'x[0]', index: 0 });
    expect(resolveUnit(net, 'rain[0]')).toEqual({ group: 'rain', index: 0 });
  });

  it.each([
    ['an unknown group', 'snow', UnknownUnitError],
    ['an index out of range', 'h[3]', UnknownUnitError],
    ['an unknown group with an index', 'snow[0]', UnknownUnitError],
    ['a bare id of a layer', 'h', ShapeError],
    ['a negative index', { group: 'h', index: -1 }, ValidationError],
    ['a fractional index', { group: 'h', index: 0.5 }, ValidationError],
    ['a number', 3, ValidationError],
    ['null', null, ValidationError],
  ] as const)('rejects %s', (_name, ref, cls) => {
    expect(() => resolveUnit(net, ref as never)).toThrow(cls);
  });
});

describe('groupId and couplingId', () => {
  it('brand non-empty strings and reject anything else', () => {
    expect(groupId('h1')).toBe('h1');
    expect(couplingId('v--h')).toBe('v--h');
    for (const bad of ['', 3, null, undefined]) {
      expect(() => groupId(bad as string)).toThrow(ValidationError);
      expect(() => couplingId(bad as string)).toThrow(ValidationError);
    }
  });
});

describe('functions taking a network reject a value that is not one', () => {
  const notNetworks: [string, unknown][] = [
    ['null', null],
    ['a number', 3],
    ['an empty object', {}],
    ['a structure without Maps', { structure: { groups: [], couplings: [] }, biases: {}, couplings: {} }],
    ['a network with groups not a list', { structure: { groups: 'v', couplings: [] }, biases: new Map(), couplings: new Map() }],
  ];
  const calls: [string, (net: never) => unknown][] = [
    ['findGroup', (n) => findGroup(n, 'v')],
    ['getGroup', (n) => getGroup(n, 'v')],
    ['findCoupling', (n) => findCoupling(n, 'v--h')],
    ['getCoupling', (n) => getCoupling(n, 'v--h')],
    ['resolveUnit', (n) => resolveUnit(n, 'v[0]')],
    ['graphView', (n) => graphView(n)],
    ['topologicalGroups', (n) => topologicalGroups(n)],
    ['isUndirectedBipartite', (n) => isUndirectedBipartite(n)],
    ['connectedComponents', (n) => connectedComponents(n)],
    ['markovBlanket', (n) => markovBlanket(n, 'v[0]')],
    ['mutate', (n) => mutate(n, () => undefined)],
    ['setBias', (n) => setBias(n, 'v', 0)],
    ['toJSON', (n) => toJSON(n)],
  ];
  it.each(calls)('%s throws ValidationError (not a TypeError) for every non-network', (_name, call) => {
    for (const [, value] of notNetworks) {
      expectRejectsWithoutMutation(() => call(value as never), { errorClass: ValidationError, code: 'INVALID', inputs: [value] });
    }
  });

  it('control: the same calls accept a real network', () => {
    const net = rbm(3, 2, { init: zeros() });
    for (const [, call] of calls) expect(() => call(net as never)).not.toThrow();
  });
});
